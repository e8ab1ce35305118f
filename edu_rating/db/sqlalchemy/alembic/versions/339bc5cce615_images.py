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
"""Images: Glance images registered for lab templates, shared with classes.

Revision ID: 339bc5cce615
Revises: b7e3d5a1c9f2
Create Date: 2026-12-07 00:00:00

"""

from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '339bc5cce615'
down_revision = 'b7e3d5a1c9f2'
branch_labels = None
depends_on = None

_TABLE_ARGS = {'mysql_charset': 'utf8mb4', 'mysql_engine': 'InnoDB'}


def upgrade():
    op.create_table(
        'edu_images',
        sa.Column('id', sa.Integer, primary_key=True),
        sa.Column('image_id', sa.String(64), nullable=False, unique=True),
        sa.Column('teacher_id', sa.Integer, sa.ForeignKey('edu_teachers.id'),
                  nullable=True, index=True),
        sa.Column('name', sa.String(255), nullable=True),
        sa.Column('enabled', sa.Boolean, nullable=False),
        sa.Column('created_at', sa.DateTime, nullable=False),
        sa.Column('actor', sa.String(64), nullable=False),
        **_TABLE_ARGS)
    op.create_table(
        'edu_image_shares',
        sa.Column('image_pk', sa.Integer, sa.ForeignKey('edu_images.id'),
                  primary_key=True),
        sa.Column('class_id', sa.Integer, sa.ForeignKey('edu_classes.id'),
                  primary_key=True, index=True),
        sa.Column('created_at', sa.DateTime, nullable=False),
        sa.Column('actor', sa.String(64), nullable=False),
        **_TABLE_ARGS)
