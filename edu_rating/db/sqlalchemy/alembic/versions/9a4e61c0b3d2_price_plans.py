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
"""Price plans: plans, their versions and rates, and plan assignments.

Revision ID: 9a4e61c0b3d2
Revises: 7c2d9e4f1a60
Create Date: 2026-12-02 00:00:00

"""

from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '9a4e61c0b3d2'
down_revision = '7c2d9e4f1a60'
branch_labels = None
depends_on = None

_TABLE_ARGS = {'mysql_charset': 'utf8mb4', 'mysql_engine': 'InnoDB'}


def upgrade():
    op.create_table(
        'edu_plans',
        sa.Column('id', sa.Integer, primary_key=True),
        sa.Column('issuer_id', sa.String(64), nullable=False, index=True),
        sa.Column('name', sa.String(255), nullable=False),
        sa.Column('description', sa.String(255), nullable=True),
        sa.Column('currency', sa.String(3), nullable=False),
        sa.Column('created_at', sa.DateTime, nullable=False),
        sa.Column('actor', sa.String(64), nullable=False),
        sa.UniqueConstraint('issuer_id', 'name',
                            name='uniq_edu_plans0issuer_id0name'),
        **_TABLE_ARGS)
    op.create_table(
        'edu_plan_versions',
        sa.Column('id', sa.Integer, primary_key=True),
        sa.Column('plan_id', sa.Integer, sa.ForeignKey('edu_plans.id'),
                  nullable=False),
        sa.Column('effective_from', sa.DateTime, nullable=False),
        sa.Column('created_at', sa.DateTime, nullable=False),
        sa.Column('actor', sa.String(64), nullable=False),
        sa.Column('request_id', sa.String(64), nullable=True),
        sa.UniqueConstraint('plan_id', 'effective_from',
                            name='uniq_edu_plan_versions0plan_id0from'),
        **_TABLE_ARGS)
    op.create_table(
        'edu_plan_rates',
        sa.Column('version_id', sa.Integer,
                  sa.ForeignKey('edu_plan_versions.id'), primary_key=True),
        sa.Column('resource', sa.String(32), primary_key=True),
        sa.Column('rate', sa.Numeric(20, 6), nullable=False),
        **_TABLE_ARGS)
    op.create_table(
        'edu_plan_assignments',
        sa.Column('id', sa.Integer, primary_key=True),
        sa.Column('issuer_id', sa.String(64), nullable=False),
        sa.Column('payer_id', sa.String(64), nullable=False),
        sa.Column('plan_id', sa.Integer, sa.ForeignKey('edu_plans.id'),
                  nullable=True),
        sa.Column('effective_from', sa.DateTime, nullable=False),
        sa.Column('created_at', sa.DateTime, nullable=False),
        sa.Column('actor', sa.String(64), nullable=False),
        sa.Column('request_id', sa.String(64), nullable=True),
        sa.UniqueConstraint('issuer_id', 'payer_id', 'effective_from',
                            name='uniq_edu_plan_assignments0payer0from'),
        **_TABLE_ARGS)
