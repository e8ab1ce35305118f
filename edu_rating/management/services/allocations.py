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
"""Grants of schools, teachers and enrolments: read, set, history."""

from edu_rating.db import api as db_api
from edu_rating import exceptions
from edu_rating.i18n import _
from edu_rating.management.services import backdating
from edu_rating.management.services import classes
from edu_rating.management.services import grants
from edu_rating.management.services import invoices
from edu_rating.management.services import lookup
from edu_rating.management.services import usage
from edu_rating.management.services import validation
from edu_rating.management.services import views
from edu_rating.management.services import work as work_mod

SCOPE_TYPES = db_api.SCOPE_TYPES
_FINDERS = {'school': lookup.school, 'teacher': lookup.teacher,
            'enrolment': lookup.enrolment}


def _find(scope_type, scope_id):
    if scope_type not in _FINDERS:
        raise exceptions.Invalid(
            _("Unknown scope type %(type)s; expected one of %(types)s.")
            % {'type': scope_type, 'types': ', '.join(SCOPE_TYPES)},
            error_code='scope.invalid', field='scope_type')
    return _FINDERS[scope_type](scope_id)


def check_force(actor, force):
    """Refuse ``force`` unless the ``edu:allocation:force`` rule allowed it."""
    if validation.flag(force, 'force') and not actor.may_force:
        raise exceptions.Forbidden(
            _("Only a platform administrator may force this change."),
            error_code='policy.refused', rule='edu:allocation:force')
    return force


def get(actor, scope_type, scope_id, row=None):
    """A scope's grant, what it delegated, what is free and in use.

    ``in_use`` is as last measured (see :mod:`usage`): by the sweep, or
    again after Nova notified that a server of the project changed; a
    school's sums all of its projects. ``usage_measured_at`` says when
    (``None``: not measured yet). A page is not one Placement and one Nova
    call; a shrinking grant is still checked against them live. ``row``:
    the school, teacher or enrolment, when the caller has it.
    """
    if row is None:
        row = _find(scope_type, scope_id)
    scope = db_api.Scope(scope_type, scope_id)
    grant = grants.current(scope)
    delegated = grants.delegated(scope)
    if scope_type == 'school':
        in_use, measured_at = usage.of_school(row.id)
    else:
        in_use, measured_at = usage.of([row.project_id])[row.project_id]
    return {'scope_type': scope_type, 'scope_id': scope_id,
            'grant': grant, 'delegated': delegated,
            'free': {resource: grant[resource] - delegated[resource]
                     for resource in grant},
            'in_use': in_use, 'usage_measured_at': measured_at}


def _set_school(work, school_id, partial, check_floors, reason):
    school = lookup.school(school_id)
    grants.change_school(work, school, partial, check_floors, reason)
    return school


def _set_teacher(work, teacher_id, partial, check_floors, reason):
    teacher = lookup.teacher(teacher_id)
    grants.change_teacher(work, teacher, partial, check_floors, reason)
    return teacher


def _set_enrolment(work, enrolment_id, partial, check_floors, reason):
    enrolment = lookup.enrolment(enrolment_id)
    if enrolment.removed_at is not None:
        raise exceptions.Conflict(
            _("Student %s was removed from the class; their grant cannot "
              "change.") % enrolment.name,
            error_code='student.removed')
    grants.change_enrolments(work, enrolment.klass.teacher,
                             [(enrolment, partial)], check_floors, reason)
    return enrolment


# Each changes a grant and returns the school, teacher or enrolment.
_SETTERS = {'school': _set_school, 'teacher': _set_teacher,
            'enrolment': _set_enrolment}


def _locks(scope_type, row):
    """The rows guarding a scope's sums, to lock.

    Its parent's, and its own when it has children (their sum is its
    floor); :meth:`lock_rows` takes them school first.
    """
    if scope_type == 'school':
        return {'school_pk': row.id}
    if scope_type == 'teacher':
        return {'school_pk': row.school_id, 'teacher_pk': row.id}
    return {'teacher_pk': row.klass.teacher_id}


def set(actor, scope_type, scope_id, grant, reason=None, force=False,
        effective_from=None):
    """Set a grant now, or from ``effective_from`` (a correction)."""
    partial = validation.grant(grant)
    reason = validation.text(reason, 'reason', required=False)
    force = check_force(actor, force)
    at = backdating.moment(actor, effective_from, reason)
    row = _find(scope_type, scope_id)
    scope = db_api.Scope(scope_type, scope_id)
    invoices.prepare_settlement(scope)
    answer = work_mod.Work(actor, at=at).transaction(
        _locks(scope_type, row), _set_and_get, scope_type, scope_id,
        partial, not force, reason)
    backdating.rerate(scope, at, reason)
    return answer


def _set_and_get(work, scope_type, scope_id, partial, check_floors, reason):
    row = _SETTERS[scope_type](work, scope_id, partial, check_floors,
                               reason)
    # The answer is read before the commit, as it will be committed, in
    # the transaction's session rather than in one of its own; of the
    # row read after the locks.
    return get(work.actor, scope_type, scope_id, row=row)


def _set_class(work, class_id, partial, check_floors, reason):
    klass = classes.open_class(class_id)
    enrolments = work.db.list_enrolments(class_id=klass.id)
    grants.change_enrolments(work, klass.teacher,
                             [(enrolment, partial)
                              for enrolment in enrolments],
                             check_floors, reason)
    return len(enrolments)


def set_class(actor, class_id, grant, reason=None, force=False):
    """Give every student of a class the same grant, all or none.

    One transaction under the teacher's lock: the sum is checked against
    the teacher's grant once, and a refusal changes no student.
    """
    partial = validation.grant(grant)
    reason = validation.text(reason, 'reason', required=False)
    force = check_force(actor, force)
    klass = classes.open_class(class_id)
    count = work_mod.Work(actor).transaction(
        {'teacher_pk': klass.teacher_id}, _set_class, klass.id, partial,
        not force, reason)
    return {'class': classes.get(actor, klass.id), 'students': count}


def history(actor, scope_type, scope_id, resource=None, limit=100,
            marker=None):
    _find(scope_type, scope_id)
    if resource is not None and resource not in validation.resources():
        raise exceptions.Invalid(
            _("Unknown resource %(resource)s; expected one of %(known)s.")
            % {'resource': resource,
               'known': ', '.join(validation.resources())},
            error_code='grant.resource_unknown', field='resource')
    rows, next_marker = lookup.page(
        db_api.get_instance().ledger_history, limit,
        lookup.row_id(marker, _("marker must be a ledger row id.")),
        lambda row: row.id, scope=db_api.Scope(scope_type, scope_id),
        resource=resource)
    return [views.allocation(row) for row in rows], next_marker
