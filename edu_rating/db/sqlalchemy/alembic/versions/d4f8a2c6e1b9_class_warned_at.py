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
"""When a class's teacher and students were e-mailed that it ends soon.

Revision ID: d4f8a2c6e1b9
Revises: 339bc5cce615
Create Date: 2026-12-06 12:00:00

"""

from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = 'd4f8a2c6e1b9'
down_revision = '339bc5cce615'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('edu_classes', sa.Column('warned_at', sa.DateTime,
                                           nullable=True))
