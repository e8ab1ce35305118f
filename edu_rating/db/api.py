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
"""Abstract database API of the rating module, and its errors.

Richer rules (who may grant what, sums under the parent's grant) belong to
the service layer; this API only keeps the ledger append-only and each
change atomic.
"""

import abc
import collections
import dataclasses
import datetime
import decimal

from oslo_db import api as oslo_db_api

from edu_rating.i18n import _

_BACKEND_MAPPING = {'sqlalchemy': 'edu_rating.db.sqlalchemy.api'}

# The backend is fixed (CloudKitty only runs on SQLAlchemy) and imported on
# first use, so importing this module reads no configuration.
_IMPL = oslo_db_api.DBAPI('sqlalchemy',
                          backend_mapping=_BACKEND_MAPPING,
                          lazy=True)

SCOPE_TYPES = ('school', 'teacher', 'enrolment')
# Scopes that pay: a school pays the platform, a teacher pays the school.
# Students pay nothing.
PAYER_SCOPE_TYPES = ('school', 'teacher')


def get_instance():
    """Return the DB API (loads the SQLAlchemy backend on first call)."""
    return _IMPL


class Scope(collections.namedtuple('Scope', ('type', 'id'))):
    """Who holds a grant: ``(type, Keystone id)``, e.g. a school domain."""

    __slots__ = ()

    def __new__(cls, type, id):
        if type not in SCOPE_TYPES:
            raise InvalidScope(type)
        if not id:
            raise InvalidScope(type)
        return super().__new__(cls, type, id)


class EduDBError(Exception):
    """Base of the errors this API raises on purpose.

    ``error_code``: the stable name the Education API gives it.
    """

    error_code = 'invalid'


class InvalidScope(EduDBError, ValueError):
    error_code = 'scope.invalid'

    def __init__(self, scope_type):
        super().__init__(
            _("Unknown or incomplete scope %(type)s; expected one of "
              "%(types)s with an id.")
            % {'type': scope_type, 'types': ', '.join(SCOPE_TYPES)})


class SchoolAlreadyExists(EduDBError):
    error_code = 'school.exists'

    def __init__(self, domain_id):
        self.domain_id = domain_id
        super().__init__(
            _("Domain %s is already a school.") % domain_id)


class NoSuchObject(EduDBError):
    """No row for this key; ``kind`` names the object for messages."""

    kind = 'object'

    def __init__(self, ident):
        self.ident = ident
        super().__init__(_("No %(kind)s %(id)s.")
                         % {'kind': self.kind, 'id': ident})


class NoSuchSchool(NoSuchObject):
    kind = 'school'

    def __init__(self, domain_id):
        self.domain_id = domain_id
        super().__init__(domain_id)


class NoSuchTeacher(NoSuchObject):
    kind = 'teacher'


class NoSuchClass(NoSuchObject):
    kind = 'class'


class NoSuchEnrolment(NoSuchObject):
    kind = 'student'


class NoSuchTemplate(NoSuchObject):
    kind = 'template'


class NoSuchJob(NoSuchObject):
    kind = 'job'


class TemplateAlreadyExists(EduDBError):
    error_code = 'template.exists'

    def __init__(self, name):
        self.name = name
        super().__init__(
            _("The class already has a template named %s.") % name)


class NoSuchImage(NoSuchObject):
    kind = 'image'


class ImageAlreadyRegistered(EduDBError):
    error_code = 'image.exists'

    def __init__(self, image_id):
        self.image_id = image_id
        super().__init__(_("Image %s is registered already.") % image_id)


class NoSuchShare(NoSuchObject):
    kind = 'image share'


class ShareAlreadyExists(EduDBError):
    error_code = 'image.shared_already'

    def __init__(self, class_id):
        self.class_id = class_id
        super().__init__(
            _("The image is shared with class %s already.") % class_id)


class InvalidMarker(EduDBError, ValueError):
    error_code = 'marker.invalid'

    def __init__(self, marker):
        self.marker = marker
        super().__init__(
            _("The marker %s is not an item of this list; start again "
              "without a marker.") % marker)


class TeacherAlreadyExists(EduDBError):
    error_code = 'teacher.exists'

    def __init__(self, project_id):
        self.project_id = project_id
        super().__init__(
            _("Project %s already belongs to a teacher.") % project_id)


class InvalidGrant(EduDBError, ValueError):
    """A grant change that would rewrite history or makes no sense."""

    error_code = 'grant.invalid'


# Plans: the issuer of platform plans, and the payer key of a default.
PLATFORM = 'platform'
DEFAULT_PAYER = '*'


class NoSuchPlan(NoSuchObject):
    kind = 'plan'


class PlanAlreadyExists(EduDBError):
    error_code = 'plan.exists'

    def __init__(self, name):
        self.name = name
        super().__init__(_("A plan named %s already exists.") % name)


class NoSuchInvoice(NoSuchObject):
    kind = 'invoice'


class InvoiceStateError(EduDBError):
    """An invoice's status cannot go that way (issued -> paid or void)."""

    error_code = 'invoice.state'


class VersionInForce(EduDBError):
    """A version or assignment that has taken effect cannot be replaced."""

    error_code = 'plan.version_in_force'

    def __init__(self, effective_from):
        self.effective_from = effective_from
        super().__init__(
            _("What took effect on %s can no longer be changed; add a "
              "version from a later date instead.")
            % effective_from.isoformat())


@dataclasses.dataclass(frozen=True)
class InvoiceDraft(object):
    """An invoice to issue: whose, of what time, and its pricing lines."""
    payer_type: str
    payer_id: str
    kind: str
    start: datetime.datetime
    end: datetime.datetime
    currency: str
    lines: tuple
    total: decimal.Decimal


class EduDBAPI(object, metaclass=abc.ABCMeta):

    @abc.abstractmethod
    def get_migration(self):
        """Return the migration module (used by cloudkitty-dbsync)."""

    @abc.abstractmethod
    def transaction(self):
        """Context manager: one write transaction that nested calls join.

        Row locks taken inside it (:meth:`lock_rows`) hold until it ends.
        """

    @abc.abstractmethod
    def remembering(self):
        """Context manager: an object found by id is loaded once inside it.

        For one API request: authorizing, finding and answering look up
        the same rows. Any write transaction begun inside forgets them,
        so that it reads afresh after its locks and nothing it changed is
        answered from an older copy; a failed transaction forgets what
        it found.
        """

    @abc.abstractmethod
    def reading(self):
        """Context manager: one read-only session that nested reads join.

        A request that only reads takes one connection for all its
        queries instead of one per query. No write may happen inside.
        """

    @abc.abstractmethod
    def lock_rows(self, school_pk=None, teacher_pk=None):
        """Lock a school's and/or a teacher's row until the transaction ends.

        Always school first, then teacher, so that no two transactions
        wait on each other in opposite orders.
        """

    # Lists are ordered by primary key; ``limit`` None means every row;
    # ``marker`` is the public id of the last item of the previous page
    # (:class:`InvalidMarker` when it is not in the list).

    @abc.abstractmethod
    def create_school(self, domain_id, name, enabled=True, description=None):
        """Tag a Keystone domain as a school.

        :raises SchoolAlreadyExists:
        """

    @abc.abstractmethod
    def get_school(self, domain_id):
        """:raises NoSuchSchool:"""

    @abc.abstractmethod
    def list_schools(self, name=None, enabled=None, limit=None, marker=None,
                     domain_id=None):
        """Schools, enabled or not unless ``enabled`` is given."""

    @abc.abstractmethod
    def update_school(self, domain_id, **changes):
        """:raises NoSuchSchool:"""

    @abc.abstractmethod
    def create_teacher(self, school_pk, user_id, project_id, name,
                       enabled=True, project_name=None):
        """Record a teacher and their teacher project.

        :raises TeacherAlreadyExists:
        """

    @abc.abstractmethod
    def get_teacher(self, project_id):
        """:raises NoSuchTeacher:"""

    @abc.abstractmethod
    def list_teachers(self, school_pk=None, enabled=None, limit=None,
                      marker=None):
        """Teachers (of one school if ``school_pk`` is given)."""

    @abc.abstractmethod
    def update_teacher(self, project_id, **changes):
        """:raises NoSuchTeacher:"""

    @abc.abstractmethod
    def create_class(self, teacher_pk, name, term_end=None,
                     default_grant=None):
        """A class of a teacher."""

    @abc.abstractmethod
    def get_class(self, class_id):
        """:raises NoSuchClass:"""

    @abc.abstractmethod
    def list_classes(self, teacher_pk=None, school_pk=None,
                     include_closed=False, limit=None, marker=None):
        """Classes of a teacher or a school."""

    @abc.abstractmethod
    def update_class(self, class_id, **changes):
        """:raises NoSuchClass:"""

    @abc.abstractmethod
    def create_enrolment(self, class_id, user_id, project_id, name,
                         project_name=None):
        """A student in a class, with their enrolment project."""

    @abc.abstractmethod
    def get_enrolment(self, project_id):
        """:raises NoSuchEnrolment:"""

    @abc.abstractmethod
    def list_enrolments(self, class_id=None, teacher_pk=None, school_pk=None,
                        include_removed=False, name=None, limit=None,
                        marker=None):
        """Enrolments of a class, a teacher or a school."""

    @abc.abstractmethod
    def roles_of_user(self, user_id):
        """What a Keystone user is in our DB, across every school.

        ``(teacher project ids, teacher project ids of their active
        enrolments)``: the teachers they are, and whose students they are.
        """

    @abc.abstractmethod
    def update_enrolment(self, project_id, **changes):
        """:raises NoSuchEnrolment:"""

    @abc.abstractmethod
    def grants_of(self, scope_type, scope_ids):
        """Open grants of many scopes: ``{scope_id: {resource: amount}}``."""

    @abc.abstractmethod
    def delegated(self, scope):
        """What a scope granted below it, ``{resource: amount}``.

        A school's teachers, or a teacher's enrolments not removed.
        """

    # Usage of managed projects, as the sweep measured it.

    @abc.abstractmethod
    def managed_projects(self, among=None):
        """Ids of every teacher's and active enrolment's project.

        ``among``: only those of these ids.
        """

    @abc.abstractmethod
    def replace_usage(self, usage, measured_at):
        """Store a sweep: ``{project_id: {resource: amount}}``, all of it.

        Rows of projects the sweep did not name are removed, unless
        measured after ``measured_at``; so are rows of named projects.
        """

    @abc.abstractmethod
    def store_usage(self, usage, measured_at):
        """Store some projects' usage, unless measured since."""

    @abc.abstractmethod
    def usage_of(self, project_ids):
        """``{project_id: ({resource: amount}, measured_at or None)}``."""

    @abc.abstractmethod
    def usage_sum(self, school_pk=None, teacher_pk=None):
        """What a school's (or a teacher's) projects use together.

        A school: its teachers' projects and their active enrolments'; a
        teacher: their own project and their active enrolments'.
        ``({resource: amount}, oldest measured_at or None)``.
        """

    @abc.abstractmethod
    def grant_totals(self):
        """Every grant in force, summed per holder kind and resource.

        ``{scope_type: {resource: amount}}``: what the platform granted to
        schools (``school``), what schools granted to teachers
        (``teacher``), what teachers granted to students (``enrolment``).
        """

    @abc.abstractmethod
    def current_grants(self, scope):
        """Open ledger rows of a scope, as ``{resource: Allocation}``."""

    @abc.abstractmethod
    def current_amounts(self, scope):
        """The amounts of the open ledger rows, ``{resource: amount}``."""

    @abc.abstractmethod
    def set_grant(self, scope, resource, amount, actor,
                  effective_from=None, request_id=None, reason=None):
        """Close the scope's open row for ``resource`` and open a new one.

        Both happen in one transaction, with the open row locked.

        :param effective_from: aware datetime, defaults to now; it may not
            precede the open row's start (history is never rewritten).
        :returns: the new open Allocation.
        :raises InvalidGrant:
        """

    @abc.abstractmethod
    def ledger_history(self, scope, resource=None, limit=None, marker=None):
        """Ledger rows of a scope, oldest first; ``marker`` is a row id."""

    @abc.abstractmethod
    def last_ledger_change(self, scope_ids):
        """When a ledger row of these scopes last starts or ends (or None)."""

    @abc.abstractmethod
    def allocations_in_period(self, scope_ids, scope_types, start, end,
                              resource=None):
        """Ledger rows of the scopes that overlap ``[start, end)``."""

    @abc.abstractmethod
    def grants_end(self, scope_types):
        """When each scope's last non-zero grant ends.

        :returns: ``{scope_id: end}``, ``end`` None while one is in force;
            scopes never granted anything are absent.
        """

    # Price plans.

    @abc.abstractmethod
    def create_plan(self, issuer_id, name, currency, actor,
                    description=None):
        """:raises PlanAlreadyExists:"""

    @abc.abstractmethod
    def get_plan(self, plan_id):
        """A plan with its versions (and their rates); NoSuchPlan."""

    @abc.abstractmethod
    def plans_by_id(self, plan_ids):
        """The plans with these ids (one query)."""

    @abc.abstractmethod
    def list_plans(self, issuer_id=None, limit=None, marker=None):
        """Plans, of one issuer if given; ``marker`` is a plan id."""

    @abc.abstractmethod
    def put_plan_version(self, plan_id, effective_from, rates, actor,
                         now, request_id=None):
        """Add a version, or replace the one from the same future moment.

        :param rates: ``{resource: Decimal}``.
        :raises VersionInForce: ``effective_from`` is not after ``now``
            while a version from that moment exists.
        """

    @abc.abstractmethod
    def plan_versions(self, plan_ids):
        """``{plan_id: [(effective_from, version_id, rates)]}``, in order."""

    @abc.abstractmethod
    def version_rates(self, version_id):
        """``{resource: Decimal}`` of one plan version ({} if unknown)."""

    @abc.abstractmethod
    def put_assignment(self, issuer_id, payer_id, plan_id, effective_from,
                       actor, now, request_id=None):
        """Assign a plan from a moment on (same rule as versions)."""

    @abc.abstractmethod
    def assignments(self, issuer_id, payer_ids):
        """``{payer_id: [(effective_from, plan_id)]}`` in time order."""

    # Invoices.

    @abc.abstractmethod
    def names_of(self, ids):
        """``{id: name}`` of the schools and teachers among ``ids``.

        Schools by domain id, teachers by project id; two queries.
        """

    @abc.abstractmethod
    def billing_starts(self, payer_ids):
        """``{payer_id: start}``: where each payer's next invoice starts.

        The end of their last invoice; before any, their first ledger row
        (None: never granted anything). Two queries for any number.
        """

    @abc.abstractmethod
    def ensure_invoice_counter(self, issuer_id, year):
        """Make an issuer's number counter for a year (its own commit).

        Outside the invoicing transaction: two first invoices of a year
        would collide on making it, and that must not abort them.
        """

    @abc.abstractmethod
    def issue_invoices(self, issuer_id, drafts, actor, now,
                       request_id=None):
        """Number and record invoices with their lines, in ``drafts`` order.

        In the caller's transaction: the numbers come from the issuer's
        counter for the year of ``now`` (see ensure_invoice_counter),
        moved once and locked until the transaction ends, so numbers have
        no gaps.

        :param drafts: :class:`InvoiceDraft` objects.
        :returns: the invoice rows.
        """

    @abc.abstractmethod
    def get_invoice(self, invoice_id):
        """:raises NoSuchInvoice:"""

    @abc.abstractmethod
    def list_invoices(self, issuer_id=None, payer_id=None, status=None,
                      start=None, end=None, limit=None, marker=None):
        """Invoices by id; ``start``/``end`` select by period_start."""

    @abc.abstractmethod
    def set_invoice_status(self, invoice_id, status, now, reason=None):
        """issued -> paid or void; :raises InvoiceStateError:"""

    # What the reconciler compares with Keystone, in bulk.

    @abc.abstractmethod
    def managed_state(self, school_pk=None):
        """Every school, teacher and enrolment with its open grant.

        ``(schools, teachers, enrolments, grants)``: rows (enrolments
        removed too, and each row's relations loaded) and
        ``{(scope_type, scope_id): {resource: amount}}``, in a handful of
        queries whatever the number of projects.
        """

    # The audit trail.

    @abc.abstractmethod
    def record_audit(self, actor_id, action, actor_name=None,
                     request_id=None, target_type=None, target_id=None,
                     school_id=None, reason=None, details=None, at=None):
        """Append one event to the audit trail; returns its row."""

    @abc.abstractmethod
    def list_audit(self, school_id=None, actor_id=None, action=None,
                   target_id=None, since=None, limit=None, marker=None):
        """Audit events by id, oldest first; ``action`` matches a prefix."""

    # Labs: templates, class-wide jobs, classes at their end.

    @abc.abstractmethod
    def create_template(self, class_id, name, image_id, flavor_id, size,
                        key_policy, actor, image_name=None,
                        flavor_name=None, user_data=None):
        """:raises TemplateAlreadyExists: the class has one by that name"""

    @abc.abstractmethod
    def get_template(self, template_id):
        """:raises NoSuchTemplate:"""

    @abc.abstractmethod
    def list_templates(self, class_id=None, image_id=None, limit=None,
                       marker=None):
        """Templates by id."""

    @abc.abstractmethod
    def delete_template(self, template_id):
        """:raises NoSuchTemplate:"""

    @abc.abstractmethod
    def create_job(self, class_id, action, students, actor, now,
                   template_id=None, request_id=None):
        """A job with a ``pending`` result per ``(project_id, name)``."""

    @abc.abstractmethod
    def get_job(self, job_id):
        """The job with its results; :raises NoSuchJob:"""

    @abc.abstractmethod
    def list_jobs(self, class_id, limit=None, marker=None):
        """A class's jobs by id."""

    @abc.abstractmethod
    def record_result(self, job_id, project_id, status, now, servers=(),
                      message=None):
        """Set one student's result; also beats the job's heartbeat."""

    @abc.abstractmethod
    def finish_job(self, job_id, now):
        """Mark the job finished."""

    @abc.abstractmethod
    def classes_due(self, until):
        """Open classes ending before ``until`` (a date), or ended."""

    # Images registered for lab templates, and their shares with classes.

    @abc.abstractmethod
    def create_image(self, image_id, teacher_pk, name, actor):
        """Register a Glance image; ``teacher_pk`` None: the platform's.

        :raises ImageAlreadyRegistered:
        """

    @abc.abstractmethod
    def get_image(self, image_id):
        """The image by its Glance id, with its shares; NoSuchImage."""

    @abc.abstractmethod
    def lock_image(self, image_id):
        """Lock the image's row until the transaction ends.

        False when no image of that Glance id is registered.
        """

    @abc.abstractmethod
    def list_images(self, teacher_pk=None, school_pk=None, class_id=None,
                    platform=False, limit=None, marker=None):
        """Images by id: a teacher's, a school's, those shared with a class.

        The filters given must all hold; ``platform`` adds the platform's
        images to them. No filter: every image. ``marker``: a Glance id.
        """

    @abc.abstractmethod
    def update_image(self, image_id, **changes):
        """:raises NoSuchImage:"""

    @abc.abstractmethod
    def delete_image(self, image_id):
        """Forget the image and its shares; :raises NoSuchImage:"""

    @abc.abstractmethod
    def share_image(self, image_pk, class_id, actor):
        """:raises ShareAlreadyExists:"""

    @abc.abstractmethod
    def unshare_image(self, image_pk, class_id):
        """:raises NoSuchShare:"""

    @abc.abstractmethod
    def unshare_class(self, class_id):
        """Remove every share of a class (it closed); how many there were."""
