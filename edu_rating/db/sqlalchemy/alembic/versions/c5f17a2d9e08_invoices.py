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
"""Invoices, their lines and the per-issuer, per-year number counters.

Revision ID: c5f17a2d9e08
Revises: 9a4e61c0b3d2
Create Date: 2026-12-02 00:00:00

"""

from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = 'c5f17a2d9e08'
down_revision = '9a4e61c0b3d2'
branch_labels = None
depends_on = None

_TABLE_ARGS = {'mysql_charset': 'utf8mb4', 'mysql_engine': 'InnoDB'}


def upgrade():
    op.create_table(
        'edu_invoices',
        sa.Column('id', sa.Integer, primary_key=True),
        sa.Column('issuer_id', sa.String(64), nullable=False),
        sa.Column('payer_type', sa.String(16), nullable=False),
        sa.Column('payer_id', sa.String(64), nullable=False, index=True),
        sa.Column('year', sa.Integer, nullable=False),
        sa.Column('number', sa.Integer, nullable=False),
        sa.Column('kind', sa.String(16), nullable=False),
        sa.Column('period_start', sa.DateTime, nullable=False),
        sa.Column('period_end', sa.DateTime, nullable=False),
        sa.Column('currency', sa.String(3), nullable=False),
        sa.Column('total', sa.Numeric(24, 6), nullable=False),
        sa.Column('status', sa.String(16), nullable=False),
        sa.Column('issued_at', sa.DateTime, nullable=False),
        sa.Column('paid_at', sa.DateTime, nullable=True),
        sa.Column('voided_at', sa.DateTime, nullable=True),
        sa.Column('void_reason', sa.String(255), nullable=True),
        sa.Column('actor', sa.String(64), nullable=False),
        sa.Column('request_id', sa.String(64), nullable=True),
        sa.UniqueConstraint('issuer_id', 'year', 'number',
                            name='uniq_edu_invoices0issuer0year0number'),
        sa.UniqueConstraint('payer_id', 'period_start', 'currency',
                            name='uniq_edu_invoices0payer0start0currency'),
        **_TABLE_ARGS)
    op.create_table(
        'edu_invoice_lines',
        sa.Column('id', sa.Integer, primary_key=True),
        sa.Column('invoice_id', sa.Integer,
                  sa.ForeignKey('edu_invoices.id'), nullable=False,
                  index=True),
        sa.Column('resource', sa.String(32), nullable=False),
        sa.Column('amount', sa.BigInteger, nullable=False),
        sa.Column('start', sa.DateTime, nullable=False),
        sa.Column('end', sa.DateTime, nullable=False),
        sa.Column('seconds', sa.BigInteger, nullable=False),
        sa.Column('unit_hours', sa.Numeric(30, 12), nullable=False),
        sa.Column('rate', sa.Numeric(20, 6), nullable=False),
        sa.Column('total', sa.Numeric(24, 6), nullable=False),
        sa.Column('allocation_id', sa.BigInteger, nullable=True),
        sa.Column('plan_version_id', sa.Integer, nullable=True),
        **_TABLE_ARGS)
    op.create_table(
        'edu_invoice_counters',
        sa.Column('issuer_id', sa.String(64), primary_key=True),
        sa.Column('year', sa.Integer, primary_key=True,
                  autoincrement=False),
        sa.Column('last_number', sa.Integer, nullable=False),
        **_TABLE_ARGS)
