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
"""Price plans: what schools pay the platform and teachers their school.

A plan belongs to its issuer (``platform``, or a school's id) and has
versions from an ``effective_from`` on; one in force is never changed, a
future one may be replaced until it takes effect. An assignment says from
when a payer pays by a plan; the issuer's default (payer ``null``) applies
to every payer without one of their own.
"""

from edu_rating.db import api as db_api
from edu_rating import exceptions
from edu_rating.i18n import _
from edu_rating.management.services import backdating
from edu_rating.management.services import lookup
from edu_rating.management.services import validation
from edu_rating.management.services import work as work_mod
from edu_rating.rating import plans as rating_plans
from edu_rating import utc

PLATFORM = db_api.PLATFORM


def _db():
    return db_api.get_instance()


def _call(function, *args, **kwargs):
    try:
        return function(*args, **kwargs)
    except db_api.EduDBError as error:
        raise work_mod.translate_db_error(error)


def issuer(issuer_id):
    """``platform`` or an existing school's id (404 otherwise)."""
    if issuer_id == PLATFORM:
        return PLATFORM
    return lookup.school(issuer_id).domain_id


def _version(row):
    return {'id': row.id, 'effective_from': row.effective_from,
            'rates': {resource: '{:f}'.format(rate.normalize())
                      for resource, rate in sorted(row.rate_map().items())},
            'actor': row.actor}


def view(row):
    return {'id': row.id, 'issuer': row.issuer_id, 'name': row.name,
            'description': row.description, 'currency': row.currency,
            'created_at': row.created_at,
            'versions': [_version(v) for v in row.versions]}


def plan(plan_id):
    """The plan row with this public id (404 for junk)."""
    try:
        plan_id = int(plan_id)
    except (TypeError, ValueError):
        raise exceptions.NotFound('plan', plan_id)
    return _call(_db().get_plan, plan_id)


def create(actor, issuer_id, name, currency, rates, effective_from=None,
           description=None):
    """A new plan; its first version from ``effective_from`` (now).

    Nobody pays by a new plan yet, so a platform admin may start it
    earlier in the billing month, for payers assigned to it back in time.
    """
    issuer_id = issuer(issuer_id)
    name = validation.text(name, 'name')
    description = validation.text(description, 'description',
                                  required=False)
    currency = validation.currency(currency)
    rates = validation.rates(rates)
    now = utc.now()
    since = backdating.new_plan(actor, effective_from) or \
        validation.moment(effective_from, 'effective_from', now)
    db = _db()
    with db.transaction():
        row = _call(db.create_plan, issuer_id, name, currency,
                    actor.user_id, description=description)
        _call(db.put_plan_version, row.id, since, rates, actor.user_id,
              now=now, request_id=actor.request_id)
    return view(plan(row.id))


def get(actor, plan_id):
    return view(plan(plan_id))


def list(actor, issuer_id=None, limit=100, marker=None):
    if issuer_id is not None:
        issuer_id = issuer(issuer_id)
    marker = lookup.row_id(marker, _("marker must be a plan id."))
    rows, next_marker = lookup.page(_db().list_plans, limit, marker,
                                    lambda row: row.id, issuer_id=issuer_id)
    return [view(row) for row in rows], next_marker


def add_version(actor, plan_id, rates, effective_from=None):
    row = plan(plan_id)
    rates = validation.rates(rates)
    now = utc.now()
    since = validation.moment(effective_from, 'effective_from', now)
    _call(_db().put_plan_version, row.id, since, rates, actor.user_id,
          now=now, request_id=actor.request_id)
    return view(plan(row.id))


def _payer_of(issuer_id, payer_id):
    """The payer's public id, checked to belong to the issuer."""
    if payer_id is None:
        return db_api.DEFAULT_PAYER
    if issuer_id == PLATFORM:
        return lookup.school(payer_id).domain_id
    teacher = lookup.teacher(payer_id)
    if teacher.school.domain_id != issuer_id:
        # Another school's teacher: as unknown as a teacher that is not.
        raise exceptions.NotFound('teacher', payer_id)
    return teacher.project_id


def assign(actor, issuer_id, payer_id, plan_id, effective_from=None):
    """Assign a plan to a payer from ``effective_from`` on.

    ``payer_id`` None sets the issuer's default (for every payer without a
    plan of their own); ``plan_id`` None hands a payer back to it.
    """
    issuer_id = issuer(issuer_id)
    payer = _payer_of(issuer_id, payer_id)
    if plan_id is None:
        if payer == db_api.DEFAULT_PAYER:
            raise exceptions.Invalid(
                _("A default needs a plan: give plan_id."),
                error_code='plan.missing', field='plan_id')
    else:
        row = plan(plan_id)
        if row.issuer_id != issuer_id:
            raise exceptions.Invalid(
                _("Plan %(plan)s is not one of %(issuer)s's plans.")
                % {'plan': row.id, 'issuer': issuer_id},
                error_code='plan.other_issuer', field='plan_id')
        plan_id = row.id
    now = utc.now()
    back, repriced = backdating.assignment(
        actor, issuer_id, payer, effective_from) or (None, [])
    since = back or validation.moment(effective_from, 'effective_from', now)
    _call(_db().put_assignment, issuer_id, payer, plan_id, since,
          actor.user_id, now=now, request_id=actor.request_id)
    for scope in repriced:
        backdating.rerate(scope, back,
                          'plan assigned from %s' % since.isoformat())
    return assignments(actor, issuer_id, [payer_id])[0]


def assignments(actor, issuer_id, payer_ids=None):
    """Each payer's assignments (``null`` for the default), in time order.

    Without ``payer_ids``: the default only.
    """
    payers = {(db_api.DEFAULT_PAYER if p is None else p): p
              for p in (payer_ids or [None])}
    found = _db().assignments(issuer_id, sorted(payers))
    return [{'issuer': issuer_id, 'payer_id': public,
             'assignments': [{'effective_from': when, 'plan_id': plan_id}
                             for when, plan_id in found[key]]}
            for key, public in payers.items()]


def applicable(actor, scope_type, scope_id):
    """The plan a payer pays by now, the version in force and the next."""
    if scope_type not in db_api.PAYER_SCOPE_TYPES:
        raise exceptions.Invalid(
            _("Only schools and teachers pay; %s is neither.") % scope_type,
            error_code='scope.not_payer', field='scope_type')
    if scope_type == 'school':
        lookup.school(scope_id)
    else:
        lookup.teacher(scope_id)
    scope = db_api.Scope(scope_type, scope_id)
    rates = rating_plans.in_force(_db(), scope, utc.now())
    if rates is None:
        return {'scope_type': scope_type, 'scope_id': scope_id,
                'plan': None}
    return {'scope_type': scope_type, 'scope_id': scope_id,
            'plan': view(plan(rates.plan_id)),
            'version_id': rates.version_id}
