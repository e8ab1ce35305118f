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
"""Names for listing: school description, teacher and student names.

The Education API lists a school's teachers and a class's students with
their Keystone names; storing them here keeps a page at one query instead
of a Keystone call per row.

Revision ID: 7c2d9e4f1a60
Revises: 3b1f0c5e2a7d
Create Date: 2025-02-01 00:00:00

"""

from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '7c2d9e4f1a60'
down_revision = '3b1f0c5e2a7d'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('edu_schools') as batch:
        batch.add_column(sa.Column('description', sa.String(length=255),
                                   nullable=True))
    with op.batch_alter_table('edu_teachers') as batch:
        batch.add_column(sa.Column('project_name', sa.String(length=64),
                                   nullable=True))
    with op.batch_alter_table('edu_enrolments') as batch:
        batch.add_column(sa.Column('name', sa.String(length=255),
                                   nullable=True))
        batch.add_column(sa.Column('project_name', sa.String(length=64),
                                   nullable=True))
