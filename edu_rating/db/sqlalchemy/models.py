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
"""SQLAlchemy models of the edu tables (schools to the allocation ledger).

Keystone ids (domain and project ids) identify the ledger's scopes, so the
collector and the broker read the ledger without joins:
``school`` -> the school's domain id, ``teacher`` -> the teacher project id,
``enrolment`` -> the student's project id.
"""

from oslo_db.sqlalchemy import models as oslo_models
import sqlalchemy as sa
from sqlalchemy import orm
from sqlalchemy import types

from edu_rating.db import api
from edu_rating.i18n import _
from edu_rating import utc

Base = orm.declarative_base()


class UTCDateTime(types.TypeDecorator):
    """Stored as naive UTC DATETIME, handled as aware UTC in Python.

    Naive values are refused on the way in: guessing their zone is how
    ledgers drift by hours.
    """

    impl = sa.DateTime
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(_("Naive datetime given for a UTC column: %s")
                             % value)
        return utc.normalize(value).replace(tzinfo=None)

    def process_result_value(self, value, dialect):
        return utc.normalize(value)


class EduBase(oslo_models.ModelBase):
    __table_args__ = {'mysql_charset': 'utf8mb4',
                      'mysql_engine': 'InnoDB'}

    def as_dict(self):
        return {c.name: getattr(self, c.name) for c in self.__table__.columns}


class School(Base, EduBase):
    __tablename__ = 'edu_schools'

    id = sa.Column(sa.Integer, primary_key=True)
    domain_id = sa.Column(sa.String(64), nullable=False, unique=True)
    name = sa.Column(sa.String(255), nullable=False)
    description = sa.Column(sa.String(255), nullable=True)
    enabled = sa.Column(sa.Boolean, nullable=False, default=True)
    created_at = sa.Column(UTCDateTime, nullable=False, default=utc.now)


class Teacher(Base, EduBase):
    __tablename__ = 'edu_teachers'

    id = sa.Column(sa.Integer, primary_key=True)
    school_id = sa.Column(sa.Integer, sa.ForeignKey('edu_schools.id'),
                          nullable=False, index=True)
    user_id = sa.Column(sa.String(64), nullable=False)
    project_id = sa.Column(sa.String(64), nullable=False, unique=True)
    name = sa.Column(sa.String(255), nullable=False)
    # Keystone's names, kept so that listing a school's teachers or a
    # class's students costs no Keystone call per row.
    project_name = sa.Column(sa.String(64), nullable=True)
    enabled = sa.Column(sa.Boolean, nullable=False, default=True)
    created_at = sa.Column(UTCDateTime, nullable=False, default=utc.now)

    # Joined eagerly: rows outlive their session, and every view of a
    # teacher names its school.
    school = orm.relationship(School, lazy='joined', innerjoin=True)


class EduClass(Base, EduBase):
    __tablename__ = 'edu_classes'

    id = sa.Column(sa.Integer, primary_key=True)
    teacher_id = sa.Column(sa.Integer, sa.ForeignKey('edu_teachers.id'),
                           nullable=False, index=True)
    name = sa.Column(sa.String(255), nullable=False)
    term_end = sa.Column(sa.Date, nullable=True)
    # {resource: amount}: the grant each new enrolment starts with. JSON
    # rather than a column per resource because [edu] resources is an
    # option.
    default_grant = sa.Column(sa.JSON, nullable=False, default=dict)
    created_at = sa.Column(UTCDateTime, nullable=False, default=utc.now)
    closed_at = sa.Column(UTCDateTime, nullable=True)
    # The end of a class (see services.lifecycle): machines shelved, then
    # archived (students released; ``freed``: {resource: amount} they
    # held), then that capacity handed back to the school.
    # When the teacher and students were e-mailed that it ends soon.
    warned_at = sa.Column(UTCDateTime, nullable=True)
    ended_at = sa.Column(UTCDateTime, nullable=True)
    archived_at = sa.Column(UTCDateTime, nullable=True)
    freed = sa.Column(sa.JSON, nullable=True)
    handed_back_at = sa.Column(UTCDateTime, nullable=True)

    teacher = orm.relationship(Teacher, lazy='joined', innerjoin=True)


class Enrolment(Base, EduBase):
    __tablename__ = 'edu_enrolments'

    id = sa.Column(sa.Integer, primary_key=True)
    class_id = sa.Column(sa.Integer, sa.ForeignKey('edu_classes.id'),
                         nullable=False, index=True)
    user_id = sa.Column(sa.String(64), nullable=False)
    project_id = sa.Column(sa.String(64), nullable=False, unique=True)
    name = sa.Column(sa.String(255), nullable=True)
    project_name = sa.Column(sa.String(64), nullable=True)
    created_at = sa.Column(UTCDateTime, nullable=False, default=utc.now)
    removed_at = sa.Column(UTCDateTime, nullable=True)

    klass = orm.relationship(EduClass, lazy='joined', innerjoin=True)


class LabTemplate(Base, EduBase):
    """What a lab machine of a class starts from: an image and a size.

    ``size`` ({resource: amount}) is what one machine counts against a
    grant, kept from the flavor when the template was made; the names are
    kept for listing without a Glance or Nova call per row.
    """

    __tablename__ = 'edu_lab_templates'
    __table_args__ = (
        sa.UniqueConstraint('class_id', 'name',
                            name='uniq_edu_lab_templates0class_id0name'),
        EduBase.__table_args__,
    )

    id = sa.Column(sa.Integer, primary_key=True)
    class_id = sa.Column(sa.Integer, sa.ForeignKey('edu_classes.id'),
                         nullable=False, index=True)
    name = sa.Column(sa.String(255), nullable=False)
    image_id = sa.Column(sa.String(64), nullable=False)
    image_name = sa.Column(sa.String(255), nullable=True)
    flavor_id = sa.Column(sa.String(255), nullable=False)
    flavor_name = sa.Column(sa.String(255), nullable=True)
    size = sa.Column(sa.JSON, nullable=False, default=dict)
    user_data = sa.Column(sa.Text, nullable=True)
    key_policy = sa.Column(sa.String(16), nullable=False)
    created_at = sa.Column(UTCDateTime, nullable=False, default=utc.now)
    actor = sa.Column(sa.String(64), nullable=False)

    klass = orm.relationship(EduClass, lazy='joined', innerjoin=True)


class Image(Base, EduBase):
    """A Glance image registered for lab templates (see services.images).

    ``teacher_id`` NULL: the platform's, a public image for every class;
    else the teacher's whose project owns it in Glance. ``name`` is
    Glance's when it was registered, kept for listing without a Glance
    call per row.
    """

    __tablename__ = 'edu_images'

    id = sa.Column(sa.Integer, primary_key=True)
    image_id = sa.Column(sa.String(64), nullable=False, unique=True)
    teacher_id = sa.Column(sa.Integer, sa.ForeignKey('edu_teachers.id'),
                           nullable=True, index=True)
    name = sa.Column(sa.String(255), nullable=True)
    enabled = sa.Column(sa.Boolean, nullable=False, default=True)
    created_at = sa.Column(UTCDateTime, nullable=False, default=utc.now)
    actor = sa.Column(sa.String(64), nullable=False)

    teacher = orm.relationship(Teacher, lazy='joined')
    shares = orm.relationship('ImageShare', lazy='selectin',
                              order_by='ImageShare.class_id')


class ImageShare(Base, EduBase):
    """An image shared with a class: its students are Glance members."""

    __tablename__ = 'edu_image_shares'

    image_pk = sa.Column(sa.Integer, sa.ForeignKey('edu_images.id'),
                         primary_key=True)
    class_id = sa.Column(sa.Integer, sa.ForeignKey('edu_classes.id'),
                         primary_key=True, index=True)
    created_at = sa.Column(UTCDateTime, nullable=False, default=utc.now)
    actor = sa.Column(sa.String(64), nullable=False)

    klass = orm.relationship(EduClass, lazy='joined', innerjoin=True)


class LabJob(Base, EduBase):
    """A class-wide action on lab machines, run in the background.

    Alive while ``heartbeat_at`` is recent; one result row per student.
    """

    __tablename__ = 'edu_lab_jobs'

    id = sa.Column(sa.Integer, primary_key=True)
    class_id = sa.Column(sa.Integer, sa.ForeignKey('edu_classes.id'),
                         nullable=False, index=True)
    action = sa.Column(sa.String(16), nullable=False)
    template_id = sa.Column(sa.Integer, nullable=True)
    created_at = sa.Column(UTCDateTime, nullable=False, default=utc.now)
    heartbeat_at = sa.Column(UTCDateTime, nullable=False, default=utc.now)
    finished_at = sa.Column(UTCDateTime, nullable=True)
    actor = sa.Column(sa.String(64), nullable=False)
    request_id = sa.Column(sa.String(64), nullable=True)

    results = orm.relationship('LabResult', lazy='selectin',
                               order_by='LabResult.name')


class LabResult(Base, EduBase):
    """What a job did for one student (``servers``: the ids it touched)."""

    __tablename__ = 'edu_lab_results'

    job_id = sa.Column(sa.Integer, sa.ForeignKey('edu_lab_jobs.id'),
                       primary_key=True)
    project_id = sa.Column(sa.String(64), primary_key=True)
    name = sa.Column(sa.String(255), nullable=True)
    status = sa.Column(sa.String(16), nullable=False)
    servers = sa.Column(sa.JSON, nullable=False, default=list)
    message = sa.Column(sa.String(1024), nullable=True)
    updated_at = sa.Column(UTCDateTime, nullable=False, default=utc.now)


class Allocation(Base, EduBase):
    """One row of the append-only allocation ledger.

    A row holds ``amount`` of ``resource`` for its scope from
    ``effective_from`` until ``effective_to`` (``NULL``: still in force).
    A change closes the open row and opens a new one; rows are never
    updated otherwise nor deleted.
    """

    __tablename__ = 'edu_allocations'
    __table_args__ = (
        sa.Index('ix_edu_allocations_scope_resource_to',
                 'scope_type', 'scope_id', 'resource', 'effective_to'),
        EduBase.__table_args__,
    )

    id = sa.Column(sa.BigInteger().with_variant(sa.Integer, 'sqlite'),
                   primary_key=True)
    scope_type = sa.Column(
        sa.Enum(*api.SCOPE_TYPES, name='edu_scope_type', native_enum=False,
                create_constraint=True),
        nullable=False)
    scope_id = sa.Column(sa.String(64), nullable=False)
    resource = sa.Column(sa.String(32), nullable=False)
    amount = sa.Column(sa.BigInteger, nullable=False)
    effective_from = sa.Column(UTCDateTime, nullable=False)
    effective_to = sa.Column(UTCDateTime, nullable=True)
    actor = sa.Column(sa.String(64), nullable=False)
    request_id = sa.Column(sa.String(64), nullable=True)
    reason = sa.Column(sa.String(255), nullable=True)
    # When the row was written: later than effective_from for a
    # back-dated correction.
    recorded_at = sa.Column(UTCDateTime, nullable=True, default=utc.now)


# Price plans. A plan belongs to its issuer: the platform (``issuer_id``
# PLATFORM) or a school (its domain id). Versions are never edited once in
# force; assignments say which plan a payer pays by, from when.

class Plan(Base, EduBase):
    __tablename__ = 'edu_plans'
    __table_args__ = (
        sa.UniqueConstraint('issuer_id', 'name',
                            name='uniq_edu_plans0issuer_id0name'),
        EduBase.__table_args__,
    )

    id = sa.Column(sa.Integer, primary_key=True)
    issuer_id = sa.Column(sa.String(64), nullable=False, index=True)
    name = sa.Column(sa.String(255), nullable=False)
    description = sa.Column(sa.String(255), nullable=True)
    currency = sa.Column(sa.String(3), nullable=False)
    created_at = sa.Column(UTCDateTime, nullable=False, default=utc.now)
    actor = sa.Column(sa.String(64), nullable=False)

    versions = orm.relationship(
        'PlanVersion', lazy='selectin', order_by='PlanVersion.effective_from')


class PlanVersion(Base, EduBase):
    __tablename__ = 'edu_plan_versions'
    __table_args__ = (
        sa.UniqueConstraint('plan_id', 'effective_from',
                            name='uniq_edu_plan_versions0plan_id0from'),
        EduBase.__table_args__,
    )

    id = sa.Column(sa.Integer, primary_key=True)
    plan_id = sa.Column(sa.Integer, sa.ForeignKey('edu_plans.id'),
                        nullable=False)
    effective_from = sa.Column(UTCDateTime, nullable=False)
    created_at = sa.Column(UTCDateTime, nullable=False, default=utc.now)
    actor = sa.Column(sa.String(64), nullable=False)
    request_id = sa.Column(sa.String(64), nullable=True)

    rates = orm.relationship('PlanRate', lazy='selectin',
                             cascade='all, delete-orphan')

    def rate_map(self):
        return {rate.resource: rate.rate for rate in self.rates}


class PlanRate(Base, EduBase):
    """A version's price of one resource per price-unit-hour."""

    __tablename__ = 'edu_plan_rates'

    version_id = sa.Column(sa.Integer, sa.ForeignKey('edu_plan_versions.id'),
                           primary_key=True)
    resource = sa.Column(sa.String(32), primary_key=True)
    # Six decimals (pricing.RATE_PLACES) and a billion per hour at most.
    rate = sa.Column(sa.Numeric(20, 6, asdecimal=True), nullable=False)


class PlanAssignment(Base, EduBase):
    """From ``effective_from`` on, ``payer_id`` pays by ``plan_id``.

    ``payer_id`` DEFAULT_PAYER makes the plan the issuer's default; a
    ``plan_id`` of NULL hands a payer back to that default.
    """

    __tablename__ = 'edu_plan_assignments'
    __table_args__ = (
        sa.UniqueConstraint('issuer_id', 'payer_id', 'effective_from',
                            name='uniq_edu_plan_assignments0payer0from'),
        EduBase.__table_args__,
    )

    id = sa.Column(sa.Integer, primary_key=True)
    issuer_id = sa.Column(sa.String(64), nullable=False)
    payer_id = sa.Column(sa.String(64), nullable=False)
    plan_id = sa.Column(sa.Integer, sa.ForeignKey('edu_plans.id'),
                        nullable=True)
    effective_from = sa.Column(UTCDateTime, nullable=False)
    created_at = sa.Column(UTCDateTime, nullable=False, default=utc.now)
    actor = sa.Column(sa.String(64), nullable=False)
    request_id = sa.Column(sa.String(64), nullable=True)


# Invoices: immutable once issued (but for the status), numbered without
# gaps per issuer and year through a counter row locked while numbering.

class Invoice(Base, EduBase):
    __tablename__ = 'edu_invoices'
    __table_args__ = (
        sa.UniqueConstraint('issuer_id', 'year', 'number',
                            name='uniq_edu_invoices0issuer0year0number'),
        # The period job's idempotence: a payer's time is invoiced once.
        sa.UniqueConstraint('payer_id', 'period_start', 'currency',
                            name='uniq_edu_invoices0payer0start0currency'),
        EduBase.__table_args__,
    )

    id = sa.Column(sa.Integer, primary_key=True)
    issuer_id = sa.Column(sa.String(64), nullable=False)
    payer_type = sa.Column(sa.String(16), nullable=False)
    payer_id = sa.Column(sa.String(64), nullable=False, index=True)
    year = sa.Column(sa.Integer, nullable=False)
    number = sa.Column(sa.Integer, nullable=False)
    kind = sa.Column(sa.String(16), nullable=False)
    period_start = sa.Column(UTCDateTime, nullable=False)
    period_end = sa.Column(UTCDateTime, nullable=False)
    currency = sa.Column(sa.String(3), nullable=False)
    total = sa.Column(sa.Numeric(24, 6, asdecimal=True), nullable=False)
    status = sa.Column(sa.String(16), nullable=False)
    issued_at = sa.Column(UTCDateTime, nullable=False)
    paid_at = sa.Column(UTCDateTime, nullable=True)
    voided_at = sa.Column(UTCDateTime, nullable=True)
    void_reason = sa.Column(sa.String(255), nullable=True)
    actor = sa.Column(sa.String(64), nullable=False)
    request_id = sa.Column(sa.String(64), nullable=True)

    lines = orm.relationship('InvoiceLine', lazy='selectin',
                             order_by='InvoiceLine.id')


class InvoiceLine(Base, EduBase):
    """One resource of one ledger segment under one plan version."""

    __tablename__ = 'edu_invoice_lines'

    id = sa.Column(sa.Integer, primary_key=True)
    invoice_id = sa.Column(sa.Integer, sa.ForeignKey('edu_invoices.id'),
                           nullable=False, index=True)
    resource = sa.Column(sa.String(32), nullable=False)
    amount = sa.Column(sa.BigInteger, nullable=False)
    start = sa.Column(UTCDateTime, nullable=False)
    end = sa.Column(UTCDateTime, nullable=False)
    seconds = sa.Column(sa.BigInteger, nullable=False)
    unit_hours = sa.Column(sa.Numeric(30, 12, asdecimal=True),
                           nullable=False)
    rate = sa.Column(sa.Numeric(20, 6, asdecimal=True), nullable=False)
    total = sa.Column(sa.Numeric(24, 6, asdecimal=True), nullable=False)
    allocation_id = sa.Column(sa.BigInteger, nullable=True)
    plan_version_id = sa.Column(sa.Integer, nullable=True)


class InvoiceCounter(Base, EduBase):
    """The last number an issuer gave in a year."""

    __tablename__ = 'edu_invoice_counters'

    issuer_id = sa.Column(sa.String(64), primary_key=True)
    year = sa.Column(sa.Integer, primary_key=True, autoincrement=False)
    last_number = sa.Column(sa.Integer, nullable=False)


class Usage(Base, EduBase):
    """What a managed project used when last swept, per resource.

    Pages show "in use" for hundreds of projects from here in one query;
    a grant's floor is still checked against Placement itself.
    """

    __tablename__ = 'edu_usage'

    project_id = sa.Column(sa.String(64), primary_key=True)
    resource = sa.Column(sa.String(32), primary_key=True)
    amount = sa.Column(sa.BigInteger, nullable=False)
    measured_at = sa.Column(UTCDateTime, nullable=False)


class AuditEvent(Base, EduBase):
    """Who did what to which object, and why: append-only.

    ``school_id`` (the school's domain id) lets a school admin read their
    own school's trail; ``details`` holds what was found and what was set.
    """

    __tablename__ = 'edu_audit'
    __table_args__ = (
        sa.Index('ix_edu_audit_school_id_id', 'school_id', 'id'),
        EduBase.__table_args__,
    )

    id = sa.Column(sa.BigInteger().with_variant(sa.Integer, 'sqlite'),
                   primary_key=True)
    at = sa.Column(UTCDateTime, nullable=False, default=utc.now)
    actor_id = sa.Column(sa.String(64), nullable=False)
    actor_name = sa.Column(sa.String(255), nullable=True)
    request_id = sa.Column(sa.String(64), nullable=True)
    action = sa.Column(sa.String(64), nullable=False)
    target_type = sa.Column(sa.String(16), nullable=True)
    target_id = sa.Column(sa.String(64), nullable=True)
    school_id = sa.Column(sa.String(64), nullable=True)
    reason = sa.Column(sa.String(255), nullable=True)
    details = sa.Column(sa.JSON, nullable=False, default=dict)
