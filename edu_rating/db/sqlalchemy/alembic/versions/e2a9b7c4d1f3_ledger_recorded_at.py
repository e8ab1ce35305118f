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
"""When each ledger row was written.

A back-dated correction takes effect before it is made; ``recorded_at``
keeps when it was made. Older rows were written at their effective_from.

Revision ID: e2a9b7c4d1f3
Revises: c5f17a2d9e08
Create Date: 2026-12-02 00:00:00

"""

from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = 'e2a9b7c4d1f3'
down_revision = 'c5f17a2d9e08'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('edu_allocations') as batch:
        batch.add_column(sa.Column('recorded_at', sa.DateTime,
                                   nullable=True))
    op.execute('UPDATE edu_allocations SET recorded_at = effective_from')
