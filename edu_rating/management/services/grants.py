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
"""Checking and applying grant changes, inside a transaction holding locks.

The caller (see :mod:`edu_rating.management.services.work`) has locked
the parent's row, and the scope's own row when it has children, so the
sums read here cannot change before the commit. A change then:

1. checks the invariants (per resource: Σ teachers ≤ school, Σ enrolments
   ≤ teacher; not below what is delegated or in use unless
   ``check_floors`` is off), with the numbers in the message;
2. writes the new effective limits of the affected projects through the
   broker (an enrolment project: its grant; a teacher project: the
   teacher's grant minus what the teacher granted to students);
3. closes and opens ledger rows for the resources that changed only.
"""

from edu_rating.db import api as db_api
from edu_rating import exceptions
from edu_rating.i18n import _
from edu_rating.i18n import _N
from edu_rating.management.services import invoices
from edu_rating.management.services import validation
from edu_rating.management.services import views

LABELS = {'school': _N('School %s'), 'teacher': _N('Teacher %s'),
          'enrolment': _N('Student %s')}
CHILDREN = {'school': _N('its teachers'), 'teacher': _N('their students')}


def _label(scope_type, name):
    return _(LABELS[scope_type]) % name


def _db():
    return db_api.get_instance()


def current(scope):
    return views.full(_db().current_amounts(scope))


def delegated(scope):
    return views.full(_db().delegated(scope))


def merged(old, partial):
    new = dict(old)
    new.update(partial)
    return new


def total(grant_list):
    """The per-resource sum of full grants."""
    summed = views.full({})
    for grant in grant_list:
        for resource in summed:
            summed[resource] += grant[resource]
    return summed


def students(names):
    """Who asks, in a message: the student's name, or "3 students"."""
    return names[0] if len(names) == 1 else _("%d students") % len(names)


def effective(grant, below):
    """A project's limit: its grant minus what was granted below it.

    Never negative: a forced shrink may leave the grant under what is
    delegated, and the project then simply gets nothing of its own.
    """
    return {resource: max(0, grant[resource] - below.get(resource, 0))
            for resource in grant}


def check_fits(parent_type, parent_name, parent_grant, held, old, new, who):
    """Growing children from ``old`` to ``new`` must fit the parent."""
    for resource in parent_grant:
        more = new[resource] - old[resource]
        need = held[resource] + more
        if more > 0 and need > parent_grant[resource]:
            free = max(0, parent_grant[resource] - held[resource])
            raise exceptions.Conflict(
                _("%(parent)s has %(has)s; %(children)s already hold "
                  "%(held)d, so %(free)d are free; %(more)d more for "
                  "%(who)s would need %(need)d.")
                % {'parent': _label(parent_type, parent_name),
                   'has': validation.quantity(resource,
                                              parent_grant[resource]),
                   'children': _(CHILDREN[parent_type]),
                   'held': held[resource], 'free': free, 'more': more,
                   'who': who, 'need': need},
                error_code='grant.exceeds_parent', resource=resource,
                available=parent_grant[resource], held=held[resource],
                free=free, asked=more, needed=need)


def _check_delegated(scope, name, new, below):
    for resource, amount in new.items():
        if amount < below[resource]:
            raise exceptions.Conflict(
                _("%(scope)s has granted %(held)s to %(children)s; the "
                  "grant cannot go below %(held)s (asked: %(asked)d).")
                % {'scope': _label(scope.type, name),
                   'held': validation.quantity(resource, below[resource]),
                   'children': _(CHILDREN[scope.type]), 'asked': amount},
                error_code='grant.below_delegated', resource=resource,
                asked=amount, minimum=below[resource])


def _check_in_use(work, scope, name, project_id, old, new, below):
    """The project's new limit must still cover what Nova counts in it."""
    old_limit = effective(old, below)
    new_limit = effective(new, below)
    shrinking = [r for r in new_limit if new_limit[r] < old_limit[r]]
    if not shrinking:
        return
    used = work.broker.project_usage(project_id, shrinking)
    for resource in shrinking:
        in_use = used.get(resource, 0)
        if new_limit[resource] < in_use:
            minimum = in_use + below.get(resource, 0)
            raise exceptions.Conflict(
                _("%(scope)s's project uses %(used)s; with %(held)d "
                  "granted below it, the grant cannot go below %(min)s "
                  "(asked: %(asked)d).")
                % {'scope': _label(scope.type, name),
                   'used': validation.quantity(resource, in_use),
                   'held': below.get(resource, 0),
                   'min': validation.quantity(resource, minimum),
                   'asked': new[resource]},
                error_code='grant.below_in_use', resource=resource,
                asked=new[resource], minimum=minimum,
                in_use=in_use)


def _write_ledger(work, scope, old, new, reason):
    for resource in sorted(new):
        if new[resource] != old[resource]:
            work.db.set_grant(scope, resource, new[resource],
                              work.actor.user_id, effective_from=work.at,
                              request_id=work.actor.request_id,
                              reason=reason)


def check_history(work, school):
    """A back-dated change must not rewrite what happened since.

    Nothing in the school's ledger (its own, its teachers', its students')
    may have changed after the change's moment: then the grants in force
    now held all along, and the checks made now hold for the whole span.
    """
    if work.at >= work.now:
        return
    db = work.db
    scope_ids = [school.domain_id]
    scope_ids += [t.project_id for t in db.list_teachers(school_pk=school.id)]
    scope_ids += [e.project_id for e in db.list_enrolments(
        school_pk=school.id, include_removed=True)]
    last = db.last_ledger_change(scope_ids)
    if last is not None and last > work.at:
        raise exceptions.Conflict(
            _("School %(school)s's grants changed at %(last)s, after "
              "%(at)s: a back-dated change cannot rewrite what happened "
              "since.") % {'school': school.name, 'last': last.isoformat(),
                           'at': work.at.isoformat()},
            error_code='grant.history_changed',
            last_change=last.isoformat())


def change_school(work, school, partial, check_floors=True, reason=None):
    scope = db_api.Scope('school', school.domain_id)
    old = current(scope)
    new = merged(old, partial)
    if new == old:
        return
    check_history(work, school)
    if check_floors:
        _check_delegated(scope, school.name, new, delegated(scope))
    invoices.settle(work, scope)
    _write_ledger(work, scope, old, new, reason)


def change_teacher(work, teacher, partial, check_floors=True, reason=None):
    school = teacher.school
    school_scope = db_api.Scope('school', school.domain_id)
    scope = db_api.Scope('teacher', teacher.project_id)
    old = current(scope)
    new = merged(old, partial)
    if new == old:
        return
    check_history(work, school)
    check_fits('school', school.name, current(school_scope),
               delegated(school_scope), old, new, teacher.name)
    below = delegated(scope)
    if check_floors:
        _check_delegated(scope, teacher.name, new, below)
        _check_in_use(work, scope, teacher.name, teacher.project_id, old,
                      new, below)
    work.set_limits(teacher.project_id, effective(new, below),
                    believed=effective(old, below))
    invoices.settle(work, scope)
    _write_ledger(work, scope, old, new, reason)


def change_enrolments(work, teacher, changes, check_floors=True,
                      reason=None):
    """Apply ``[(enrolment, partial grant)]`` of one teacher's students."""
    planned = []
    for enrolment, partial in changes:
        scope = db_api.Scope('enrolment', enrolment.project_id)
        old = current(scope)
        new = merged(old, partial)
        if new != old:
            planned.append((enrolment, scope, old, new))
    if not planned:
        return
    check_history(work, teacher.school)
    teacher_scope = db_api.Scope('teacher', teacher.project_id)
    teacher_grant = current(teacher_scope)
    held = delegated(teacher_scope)
    old_sum = total(old for _e, _s, old, _n in planned)
    new_sum = total(new for _e, _s, _o, new in planned)
    check_fits('teacher', teacher.name, teacher_grant, held, old_sum,
               new_sum, students([enrolment.name
                                  for enrolment, _s, _o, _n in planned]))
    for enrolment, scope, old, new in planned:
        if check_floors:
            _check_in_use(work, scope, enrolment.name, enrolment.project_id,
                          old, new, {})
        work.set_limits(enrolment.project_id, new, believed=old)
        _write_ledger(work, scope, old, new, reason)
    held_after = {resource: held[resource] - old_sum[resource] +
                  new_sum[resource] for resource in held}
    work.set_limits(teacher.project_id, effective(teacher_grant, held_after),
                    believed=effective(teacher_grant, held))
