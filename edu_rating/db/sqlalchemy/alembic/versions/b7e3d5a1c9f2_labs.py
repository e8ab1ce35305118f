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
"""Labs: class templates, class-wide jobs and the end of a class.

Revision ID: b7e3d5a1c9f2
Revises: 5e7a3c9d2b14
Create Date: 2026-12-06 00:00:00

"""

from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = 'b7e3d5a1c9f2'
down_revision = '5e7a3c9d2b14'
branch_labels = None
depends_on = None

_TABLE_ARGS = {'mysql_charset': 'utf8mb4', 'mysql_engine': 'InnoDB'}


def upgrade():
    op.create_table(
        'edu_lab_templates',
        sa.Column('id', sa.Integer, primary_key=True),
        sa.Column('class_id', sa.Integer, sa.ForeignKey('edu_classes.id'),
                  nullable=False, index=True),
        sa.Column('name', sa.String(255), nullable=False),
        sa.Column('image_id', sa.String(64), nullable=False),
        sa.Column('image_name', sa.String(255), nullable=True),
        sa.Column('flavor_id', sa.String(255), nullable=False),
        sa.Column('flavor_name', sa.String(255), nullable=True),
        sa.Column('size', sa.JSON, nullable=False),
        sa.Column('user_data', sa.Text, nullable=True),
        sa.Column('key_policy', sa.String(16), nullable=False),
        sa.Column('created_at', sa.DateTime, nullable=False),
        sa.Column('actor', sa.String(64), nullable=False),
        sa.UniqueConstraint('class_id', 'name',
                            name='uniq_edu_lab_templates0class_id0name'),
        **_TABLE_ARGS)
    op.create_table(
        'edu_lab_jobs',
        sa.Column('id', sa.Integer, primary_key=True),
        sa.Column('class_id', sa.Integer, sa.ForeignKey('edu_classes.id'),
                  nullable=False, index=True),
        sa.Column('action', sa.String(16), nullable=False),
        sa.Column('template_id', sa.Integer, nullable=True),
        sa.Column('created_at', sa.DateTime, nullable=False),
        sa.Column('heartbeat_at', sa.DateTime, nullable=False),
        sa.Column('finished_at', sa.DateTime, nullable=True),
        sa.Column('actor', sa.String(64), nullable=False),
        sa.Column('request_id', sa.String(64), nullable=True),
        **_TABLE_ARGS)
    op.create_table(
        'edu_lab_results',
        sa.Column('job_id', sa.Integer, sa.ForeignKey('edu_lab_jobs.id'),
                  primary_key=True),
        sa.Column('project_id', sa.String(64), primary_key=True),
        sa.Column('name', sa.String(255), nullable=True),
        sa.Column('status', sa.String(16), nullable=False),
        sa.Column('servers', sa.JSON, nullable=False),
        sa.Column('message', sa.String(1024), nullable=True),
        sa.Column('updated_at', sa.DateTime, nullable=False),
        **_TABLE_ARGS)
    for column in ('ended_at', 'archived_at', 'handed_back_at'):
        op.add_column('edu_classes', sa.Column(column, sa.DateTime,
                                               nullable=True))
    op.add_column('edu_classes', sa.Column('freed', sa.JSON, nullable=True))
