# Licensed under the Apache License, Version 2.0 (the "License"); you may
# not use this file except in compliance with the License. You may obtain
# a copy of the License at
#
#      http://www.apache.org/licenses/LICENSE-2.0
#
# Unless required by applicable law or agreed to in writing, software
# distributed under the License is distributed on an "AS IS" BASIS, WITHOUT
# WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied. See the
# License for the specific language governing permissions and limitations
# under the License.
"""Usage of each managed project, as the sweep last measured it.

Revision ID: 4d8b2f6a1c93
Revises: e2a9b7c4d1f3
Create Date: 2026-12-03 00:00:00

"""

from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '4d8b2f6a1c93'
down_revision = 'e2a9b7c4d1f3'
branch_labels = None
depends_on = None

_TABLE_ARGS = {'mysql_charset': 'utf8mb4', 'mysql_engine': 'InnoDB'}


def upgrade():
    op.create_table(
        'edu_usage',
        sa.Column('project_id', sa.String(64), primary_key=True),
        sa.Column('resource', sa.String(32), primary_key=True),
        sa.Column('amount', sa.BigInteger, nullable=False),
        sa.Column('measured_at', sa.DateTime, nullable=False),
        **_TABLE_ARGS)
