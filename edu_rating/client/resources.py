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
"""Managers of the API's resources, mirroring its routes."""

import decimal
import numbers
import time

from edu_rating.client import base
from edu_rating.i18n import _


class _CrudManager(base.Manager):
    """Create, list, get and update of a resource at ``/<path>``."""

    path = None
    key = None
    collection_key = None

    def _create(self, **fields):
        return self.request('POST', self.path, json=base.without_none(fields))

    def list(self, limit=None, **filters):
        """Every item matching ``filters`` (all pages)."""
        return list(self.pages(self.path, self.collection_key,
                               dict(filters, limit=limit)))

    def list_page(self, limit=None, marker=None, **filters):
        """One page: ``(items, next_marker)``."""
        page = self.request('GET', self.path, params=dict(
            filters, limit=limit, marker=marker))
        return page[self.collection_key], page['next']

    def get(self, ident):
        return self.request('GET', '%s/%s' % (self.path, ident))[self.key]

    def update(self, ident, **changes):
        return self.request('PATCH', '%s/%s' % (self.path, ident),
                            json=changes)[self.key]


class SchoolManager(_CrudManager):
    path, key, collection_key = '/schools', 'school', 'schools'

    def create(self, name, admin, description=None, grant=None,
               effective_from=None, reason=None):
        """``{"school": ..., "admin": {"id", "name"}}``."""
        return self._create(name=name, admin=admin, description=description,
                            grant=grant, effective_from=effective_from,
                            reason=reason)

    def list(self, name=None, enabled=None, limit=None):
        return super().list(limit=limit, name=name, enabled=enabled)


class TeacherManager(_CrudManager):
    path, key, collection_key = '/teachers', 'teacher', 'teachers'

    def create(self, school_id, name, password, email=None,
               project_name=None, grant=None, effective_from=None,
               reason=None):
        return self._create(school_id=school_id, name=name,
                            password=password, email=email,
                            project_name=project_name, grant=grant,
                            effective_from=effective_from,
                            reason=reason)[self.key]

    def list(self, school_id=None, enabled=None, limit=None):
        return super().list(limit=limit, school_id=school_id,
                            enabled=enabled)


class ClassManager(_CrudManager):
    path, key, collection_key = '/classes', 'class', 'classes'

    def create(self, teacher_id, name, term_end=None, default_grant=None):
        return self._create(teacher_id=teacher_id, name=name,
                            term_end=term_end,
                            default_grant=default_grant)[self.key]

    def list(self, teacher_id=None, school_id=None, include_closed=None,
             limit=None):
        return super().list(limit=limit, teacher_id=teacher_id,
                            school_id=school_id,
                            include_closed=include_closed)

    def close(self, class_id):
        return self.request('POST', '/classes/%s/close' % class_id)[self.key]

    def set_grant(self, class_id, grant, reason=None, force=False):
        """Give every student of the class ``grant``, all or none.

        ``{"class": ..., "students": how many were changed}``.
        """
        return self.request('PUT', '/classes/%s/grant' % class_id,
                            json=base.without_none({
                                'grant': grant, 'reason': reason,
                                'force': force or None}))

    def _step(self, class_id, step, reason):
        # No body without a reason: the step's own is recorded then.
        return self.request('POST', '%s/%s/%s' % (self.path, class_id, step),
                            json=base.without_none({'reason': reason}) or None)

    def end(self, class_id, reason=None):
        """End the class now: its lab machines are locked and shelved."""
        return self._step(class_id, 'end', reason)[self.key]

    def archive(self, class_id, reason=None):
        """Archive the class now: machines deleted, grants released."""
        return self._step(class_id, 'archive', reason)[self.key]

    def hand_back(self, class_id, reason=None):
        """Lower the teacher's grant by what the archived class freed.

        ``{"class": ..., "grant": the teacher's allocation}``.
        """
        return self._step(class_id, 'hand_back', reason)


class StudentManager(_CrudManager):
    path, key, collection_key = '/students', 'student', 'students'

    def enrol(self, class_id, name, password=None, email=None, grant=None):
        """``{"student": ..., "password": generated or None}``."""
        return self._create(class_id=class_id, name=name, password=password,
                            email=email, grant=grant)

    def _roster(self, class_id, csv_text, **params):
        return self.request(
            'POST', '/students/roster',
            params=dict(base.without_none(params), class_id=class_id),
            data=csv_text.encode('utf-8'),
            headers={'Content-Type': 'text/csv; charset=utf-8'})

    def enrol_roster(self, class_id, csv_text, skip_enrolled=False):
        """``[{"student": ..., "password": ...}, ...]`` of a CSV roster.

        ``skip_enrolled`` passes over names already in the class, so a
        roster imported part way can be sent again.
        """
        return self._roster(class_id, csv_text,
                            skip_enrolled=skip_enrolled or None)['students']

    def preview_roster(self, class_id, csv_text, skip_enrolled=False):
        """Every line's verdict, and what the roster would grant.

        ``{"lines": [{"line", "name", "email", "status", "message"}],
        "counts", "grant_each", "grant_total", "problem"}``; nothing is
        created.
        """
        return self._roster(class_id, csv_text, dry_run=True,
                            skip_enrolled=skip_enrolled or None)['preview']

    def list(self, class_id=None, teacher_id=None, school_id=None,
             include_removed=None, limit=None):
        return super().list(limit=limit, class_id=class_id,
                            teacher_id=teacher_id, school_id=school_id,
                            include_removed=include_removed)

    def remove(self, student_id, force=False):
        self.request('DELETE', '/students/%s' % student_id,
                     params={'force': force or None})


class TemplateManager(_CrudManager):
    """A class's lab templates: an image and a size to launch machines of."""

    path, key, collection_key = '/templates', 'template', 'templates'

    def create(self, class_id, name, image_id, flavor_id=None, size=None,
               user_data=None, key_policy=None):
        """A template of a flavor (id or name) or of ``size``.

        ``size`` is ``{"vcpu", "ram_mb", "disk_gb"}`` (those given): the
        flavor of exactly that size. ``key_policy`` ``student`` lets each
        student name their key pair at launch (default ``none``).
        """
        return self._create(class_id=class_id, name=name, image_id=image_id,
                            flavor_id=flavor_id, size=size,
                            user_data=user_data,
                            key_policy=key_policy)[self.key]

    def list(self, class_id=None, student_id=None, limit=None):
        """A class's templates (a student's: those of their class)."""
        return super().list(limit=limit, class_id=class_id,
                            student_id=student_id)

    def delete(self, template_id):
        """Machines launched from the template stay."""
        self.request('DELETE', '%s/%s' % (self.path, template_id))


class ImageManager(_CrudManager):
    """Glance images registered for lab templates, shared with classes.

    An image's id is its Glance id.
    """

    path, key, collection_key = '/images', 'image', 'images'

    def register(self, image_id, teacher_id=None):
        """A teacher's image (their project owns it), or the platform's."""
        return self._create(image_id=image_id,
                            teacher_id=teacher_id)[self.key]

    def list(self, teacher_id=None, school_id=None, class_id=None,
             student_id=None, limit=None):
        """Images of a teacher, a school or a class, with the platform's."""
        return super().list(limit=limit, teacher_id=teacher_id,
                            school_id=school_id, class_id=class_id,
                            student_id=student_id)

    def set_enabled(self, image_id, enabled):
        """A disabled image makes no new template; templates keep it."""
        return self.update(image_id, enabled=enabled)

    def delete(self, image_id):
        """Unregister it (and delete it in Glance when a teacher's)."""
        self.request('DELETE', '%s/%s' % (self.path, image_id))

    def share(self, image_id, class_id):
        """Make every student's project of the class a member."""
        return self.request('POST', '%s/%s/shares' % (self.path, image_id),
                            json={'class_id': class_id})[self.key]

    def unshare(self, image_id, class_id):
        self.request('DELETE',
                     '%s/%s/shares/%s' % (self.path, image_id, class_id))


class MachineManager(base.Manager):
    """Lab machines: the servers in the projects of a class's students."""

    path = '/machines'

    def launch(self, student_id, template_id, key_name=None):
        """One machine of the template in the student's project, now.

        It is launched with the caller's own token (Nova counts it against
        the student's grant); ``key_name`` needs a template whose
        ``key_policy`` is ``student``.
        """
        return self.request('POST', self.path, json=base.without_none({
            'student_id': student_id, 'template_id': template_id,
            'key_name': key_name}))['machine']

    def list(self, class_id=None, student_id=None):
        """Every machine of a class or of one student (not paged)."""
        return self.request('GET', self.path, params={
            'class_id': class_id, 'student_id': student_id})['machines']


class JobManager(_CrudManager):
    """Class-wide jobs: launch, stop, shelve or delete every machine.

    A job's ``state`` is ``running``, ``done`` or ``interrupted`` (its
    worker died: start it again, what was done is skipped); ``results``
    has a ``status`` per student (``pending``, ``launched``, ``skipped``,
    ``done``, ``refused`` or ``failed``) and ``counts`` counts them.
    """

    path, key, collection_key = '/jobs', 'job', 'jobs'
    ACTIONS = ('launch', 'stop', 'shelve', 'delete')

    def start(self, class_id, action, template_id=None):
        """Start a job in the background (a launch needs ``template_id``)."""
        return self._create(class_id=class_id, action=action,
                            template_id=template_id)[self.key]

    def list(self, class_id, limit=None):
        return super().list(limit=limit, class_id=class_id)

    def wait(self, job_id, interval=2.0, callback=None):
        """The job once it no longer runs (``done`` or ``interrupted``).

        ``callback(job)`` is called after each look at a job still
        running, before sleeping ``interval`` seconds.
        """
        while True:
            job = self.get(job_id)
            if job['state'] != 'running':
                return job
            if callback is not None:
                callback(job)
            time.sleep(interval)


class AllocationManager(base.Manager):
    """Grants of scopes: ``school``, ``teacher`` or ``enrolment``."""

    def _path(self, scope_type, scope_id):
        return '/allocations/%s/%s' % (scope_type, scope_id)

    def get(self, scope_type, scope_id):
        return self.request('GET', self._path(scope_type, scope_id))

    def set(self, scope_type, scope_id, grant, reason=None, force=False,
            effective_from=None):
        """Set a grant; ``effective_from`` back-dates it (a correction)."""
        body = base.without_none({'grant': grant, 'reason': reason,
                                  'force': force or None,
                                  'effective_from': effective_from})
        return self.request('PUT', self._path(scope_type, scope_id),
                            json=body)

    def history(self, scope_type, scope_id, resource=None, limit=None):
        """Every ledger row of the scope (all pages)."""
        return list(self.pages(
            self._path(scope_type, scope_id) + '/history', 'allocations',
            {'resource': resource, 'limit': limit}))


def rates_body(rates):
    """``{resource: price}`` as the API wants it: decimal strings.

    A Decimal (or an int or float, read through its shortest repr) is
    sent as a plain string ("0.00001", never "1E-5"): no binary float
    ever stands for a price. A string is sent as given.
    """
    body = {}
    for resource, price in rates.items():
        if isinstance(price, str):
            body[resource] = price
        elif isinstance(price, (decimal.Decimal, numbers.Real)) and (
                not isinstance(price, bool)):
            if not isinstance(price, decimal.Decimal):
                price = decimal.Decimal(repr(price))
            body[resource] = '{:f}'.format(price)
        else:
            raise TypeError(_('The price of %(resource)s must be a decimal '
                              'string or a Decimal, not %(price)r.')
                            % {'resource': resource, 'price': price})
    return body


class PlanManager(_CrudManager):
    """Price plans, who pays by which, and the price a payer pays now.

    A plan's ``issuer`` is ``platform`` (what schools pay) or a school's
    id (what its teachers pay).
    """

    path, key, collection_key = '/plans', 'plan', 'plans'

    def create(self, issuer, name, currency, rates, description=None,
               effective_from=None):
        """The new plan, with its first version (from now by default)."""
        return self._create(issuer=issuer, name=name, currency=currency,
                            rates=rates_body(rates), description=description,
                            effective_from=effective_from)[self.key]

    def list(self, issuer=None, limit=None):
        return super().list(limit=limit, issuer=issuer)

    def get(self, plan_id):
        return super().get(plan_id)

    def add_version(self, plan_id, rates, effective_from=None):
        """The plan, with a version superseding the last from its date."""
        body = base.without_none({'rates': rates_body(rates),
                                  'effective_from': effective_from})
        return self.request('POST', '%s/%s/versions' % (self.path, plan_id),
                            json=body)[self.key]

    def assignments(self, issuer, payer_id=None):
        """``[{"issuer", "payer_id", "assignments": [...]}]``.

        Without ``payer_id``: the issuer's default only.
        """
        return self.request('GET', '/plan_assignments', params={
            'issuer': issuer, 'payer_id': payer_id})['assignments']

    def assign(self, issuer, plan_id, payer_id=None, effective_from=None):
        """Make the payer pay by the plan from ``effective_from`` on.

        ``payer_id`` None sets the issuer's default; ``plan_id`` None hands
        the payer back to the default. Both are always sent (null is a
        value here).
        """
        body = {'issuer': issuer, 'payer_id': payer_id, 'plan_id': plan_id}
        if effective_from is not None:
            body['effective_from'] = effective_from
        return self.request('PUT', '/plan_assignments',
                            json=body)['assignment']

    def price(self, scope_type, scope_id):
        """``{"scope_type", "scope_id", "plan", "version_id"}`` (now)."""
        return self.request('GET', '/prices/%s/%s' % (scope_type, scope_id))


class InvoiceManager(_CrudManager):
    """Invoices: what the platform bills schools and schools teachers.

    An invoice's ``status`` is ``issued``, ``paid`` or ``void``; its
    ``total`` and its lines' prices are decimal strings.
    """

    path, key, collection_key = '/invoices', 'invoice', 'invoices'

    def list(self, payer_id=None, issuer=None, status=None, period=None,
             limit=None):
        """Every invoice matching the filters (all pages).

        ``period`` is a month, ``YYYY-MM``; without ``payer_id`` or
        ``issuer`` the API lists the caller's own (a school administrator:
        what their school issued; a teacher: what they were billed).
        """
        return super().list(limit=limit, payer_id=payer_id, issuer=issuer,
                            status=status, period=period)

    def get(self, invoice_id):
        """The invoice, with its ``lines``."""
        return super().get(invoice_id)

    def csv(self, invoice_id):
        """The invoice as CSV text: a row per line."""
        return self.request_text('GET', '%s/%s/csv' % (self.path,
                                                       invoice_id))

    def pdf(self, invoice_id, language=None):
        """The invoice as PDF bytes, in ``language`` (en, zh-hans)."""
        return self._send('GET', '%s/%s/pdf' % (self.path, invoice_id),
                          params={'language': language}).content

    def mark_paid(self, invoice_id):
        return self.request('POST', '%s/%s/pay' % (self.path,
                                                   invoice_id))[self.key]

    def void(self, invoice_id, reason):
        return self.request('POST', '%s/%s/void' % (self.path, invoice_id),
                            json={'reason': reason})[self.key]

    def run(self):
        """Issue the invoices of the periods ended: how many were issued."""
        return self.request('POST', '%s/run' % self.path)['issued']


class CostManager(base.Manager):
    """This month so far, and the forecast to its end, of a payer."""

    path = '/costs'

    def get(self, scope_type, scope_id):
        """``school`` or ``teacher``: accrued, forecast, currency."""
        return self.request('GET', '%s/%s/%s' % (self.path, scope_type,
                                                 scope_id))['cost']

    def of_teachers(self, school_id):
        """``{"school": cost, "teachers": [cost, ...]}``."""
        return self.request(
            'GET', '%s/school/%s/teachers' % (self.path, school_id))


class PlatformManager(base.Manager):
    """The platform's totals (its administrator's overview)."""

    path = '/platform'

    def get(self):
        """The totals: capacity, grants, in_use, schools, revenue."""
        return self.request('GET', self.path)['platform']


class AuditManager(_CrudManager):
    """The audit trail: who changed what, when and why (newest last)."""

    path, key, collection_key = '/audit', 'event', 'events'

    def list(self, school_id=None, actor_id=None, action=None,
             target_id=None, since=None, limit=None):
        """Every event matching the filters (all pages).

        ``action`` matches a prefix (``edu:teacher`` finds every change
        of a teacher); ``since`` is an ISO 8601 time with its zone.
        """
        return super().list(limit=limit, school_id=school_id,
                            actor_id=actor_id, action=action,
                            target_id=target_id, since=since)
