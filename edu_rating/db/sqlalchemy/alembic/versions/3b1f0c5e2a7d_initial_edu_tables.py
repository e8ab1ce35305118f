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
"""Initial edu tables: schools, teachers, classes, enrolments, ledger.

Revision ID: 3b1f0c5e2a7d
Revises:
Create Date: 2025-01-01 00:00:00

"""

from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '3b1f0c5e2a7d'
down_revision = None
branch_labels = None
depends_on = None

# Frozen here rather than imported: a migration must keep creating what it
# created on the day it was written.
SCOPE_TYPES = ('school', 'teacher', 'enrolment')
TABLE_ARGS = {'mysql_charset': 'utf8mb4', 'mysql_engine': 'InnoDB'}


def upgrade():
    op.create_table(
        'edu_schools',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('domain_id', sa.String(length=64), nullable=False),
        sa.Column('name', sa.String(length=255), nullable=False),
        sa.Column('enabled', sa.Boolean(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('domain_id'),
        **TABLE_ARGS)

    op.create_table(
        'edu_teachers',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('school_id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.String(length=64), nullable=False),
        sa.Column('project_id', sa.String(length=64), nullable=False),
        sa.Column('name', sa.String(length=255), nullable=False),
        sa.Column('enabled', sa.Boolean(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['school_id'], ['edu_schools.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('project_id'),
        **TABLE_ARGS)
    op.create_index('ix_edu_teachers_school_id', 'edu_teachers',
                    ['school_id'])

    op.create_table(
        'edu_classes',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('teacher_id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=255), nullable=False),
        sa.Column('term_end', sa.Date(), nullable=True),
        sa.Column('default_grant', sa.JSON(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('closed_at', sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(['teacher_id'], ['edu_teachers.id']),
        sa.PrimaryKeyConstraint('id'),
        **TABLE_ARGS)
    op.create_index('ix_edu_classes_teacher_id', 'edu_classes',
                    ['teacher_id'])

    op.create_table(
        'edu_enrolments',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('class_id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.String(length=64), nullable=False),
        sa.Column('project_id', sa.String(length=64), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('removed_at', sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(['class_id'], ['edu_classes.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('project_id'),
        **TABLE_ARGS)
    op.create_index('ix_edu_enrolments_class_id', 'edu_enrolments',
                    ['class_id'])

    op.create_table(
        'edu_allocations',
        sa.Column('id',
                  sa.BigInteger().with_variant(sa.Integer(), 'sqlite'),
                  nullable=False),
        sa.Column('scope_type',
                  sa.Enum(*SCOPE_TYPES, name='edu_scope_type',
                          native_enum=False, create_constraint=True),
                  nullable=False),
        sa.Column('scope_id', sa.String(length=64), nullable=False),
        sa.Column('resource', sa.String(length=32), nullable=False),
        sa.Column('amount', sa.BigInteger(), nullable=False),
        sa.Column('effective_from', sa.DateTime(), nullable=False),
        sa.Column('effective_to', sa.DateTime(), nullable=True),
        sa.Column('actor', sa.String(length=64), nullable=False),
        sa.Column('request_id', sa.String(length=64), nullable=True),
        sa.Column('reason', sa.String(length=255), nullable=True),
        sa.PrimaryKeyConstraint('id'),
        **TABLE_ARGS)
    op.create_index('ix_edu_allocations_scope_resource_to',
                    'edu_allocations',
                    ['scope_type', 'scope_id', 'resource', 'effective_to'])
