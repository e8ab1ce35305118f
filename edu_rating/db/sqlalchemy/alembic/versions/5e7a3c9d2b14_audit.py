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
"""The audit trail: who did what to which object, and why.

Revision ID: 5e7a3c9d2b14
Revises: 4d8b2f6a1c93
Create Date: 2026-12-04 00:00:00

"""

from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '5e7a3c9d2b14'
down_revision = '4d8b2f6a1c93'
branch_labels = None
depends_on = None

_TABLE_ARGS = {'mysql_charset': 'utf8mb4', 'mysql_engine': 'InnoDB'}


def upgrade():
    op.create_table(
        'edu_audit',
        sa.Column('id', sa.BigInteger().with_variant(sa.Integer, 'sqlite'),
                  primary_key=True),
        sa.Column('at', sa.DateTime, nullable=False),
        sa.Column('actor_id', sa.String(64), nullable=False),
        sa.Column('actor_name', sa.String(255), nullable=True),
        sa.Column('request_id', sa.String(64), nullable=True),
        sa.Column('action', sa.String(64), nullable=False),
        sa.Column('target_type', sa.String(16), nullable=True),
        sa.Column('target_id', sa.String(64), nullable=True),
        sa.Column('school_id', sa.String(64), nullable=True),
        sa.Column('reason', sa.String(255), nullable=True),
        sa.Column('details', sa.JSON, nullable=False),
        **_TABLE_ARGS)
    op.create_index('ix_edu_audit_school_id_id', 'edu_audit',
                    ['school_id', 'id'])
