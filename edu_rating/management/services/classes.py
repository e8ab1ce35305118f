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
"""Classes: a teacher's group of students, with a default grant."""

from edu_rating.db import api as db_api
from edu_rating import exceptions
from edu_rating.i18n import _
from edu_rating.management import broker
from edu_rating.management.services import audit
from edu_rating.management.services import lookup
from edu_rating.management.services import term
from edu_rating.management.services import validation
from edu_rating.management.services import views
from edu_rating.management.services import work as work_mod
from edu_rating import utc


def view(row, now=None):
    return views.klass(row, term.of(row, now or utc.now()))


def create(actor, teacher_id, name, term_end=None, default_grant=None):
    name = validation.text(name, 'name')
    term_end = validation.date(term_end, 'term_end')
    default_grant = views.full(validation.grant(default_grant,
                                                'default_grant'))
    teacher = lookup.teacher(teacher_id)
    row = db_api.get_instance().create_class(
        teacher.id, name, term_end=term_end, default_grant=default_grant)
    return view(row)


def list(actor, teacher_id=None, school_id=None, include_closed=False,
         limit=100, marker=None):
    rows, next_marker = lookup.page(
        db_api.get_instance().list_classes, limit,
        lookup.row_id(marker, _("marker must be a class id.")),
        lambda row: row.id,
        teacher_pk=lookup.pk(lookup.teacher, teacher_id),
        school_pk=lookup.pk(lookup.school, school_id),
        include_closed=validation.flag(include_closed, 'include_closed'))
    now = utc.now()
    return [view(row, now) for row in rows], next_marker


def get(actor, class_id):
    return view(lookup.klass(class_id))


def default_grant(klass, partial=None):
    """The class's default grant, full, with ``partial`` over it."""
    return views.full(dict(klass.default_grant or {}, **(partial or {})))


def open_class(class_id):
    """The class, refusing one that is closed."""
    klass = lookup.klass(class_id)
    if klass.closed_at is not None:
        raise exceptions.Conflict(
            _("Class %(name)s was closed on %(date)s.")
            % {'name': klass.name, 'date': klass.closed_at.date()},
            error_code='class.closed')
    return klass


def servers_of(enrolments):
    """``[(enrolment, [server])]``: what runs in each student's project."""
    found = broker.get_broker().servers_of([e.project_id
                                            for e in enrolments])
    return [(e, found[e.project_id]) for e in enrolments]


def machines_of(klass):
    """Every server in the class's students' projects."""
    enrolments = db_api.get_instance().list_enrolments(class_id=klass.id)
    return [server for _e, servers in servers_of(enrolments)
            for server in servers]


def reopen(actor, klass):
    """The term of an ended class now ends later: unlock its machines.

    The students may then unshelve them to fetch their work; the class
    ends again at its new end (services.lifecycle).
    """
    ends_at = term.ends_at(klass)
    if klass.ended_at is None or ends_at is None or ends_at <= utc.now():
        return
    lab = broker.get_broker()
    unlocked = [s['id'] for s in machines_of(klass)
                if lab.server_action(s, 'unlock')]
    db_api.get_instance().update_class(klass.id, ended_at=None)
    audit.record(actor, 'edu:class:lifecycle:reopen', target_type='class',
                 target_id=str(klass.id),
                 school_id=klass.teacher.school.domain_id,
                 reason=_("the term was extended to %s") % klass.term_end,
                 details={'unlocked': unlocked})


def update(actor, class_id, changes):
    changes = validation.changes(changes,
                                 ('name', 'term_end', 'default_grant'),
                                 _('class'))
    klass = open_class(class_id)
    if 'name' in changes:
        changes['name'] = validation.text(changes['name'], 'name')
    if 'term_end' in changes:
        changes['term_end'] = validation.date(changes['term_end'],
                                              'term_end')
        # A new end gets its own warning.
        changes['warned_at'] = None
    if 'default_grant' in changes:
        partial = validation.grant(changes['default_grant'],
                                   'default_grant')
        changes['default_grant'] = default_grant(klass, partial)
    if changes:
        db_api.get_instance().update_class(klass.id, **changes)
        reopen(actor, lookup.klass(klass.id))
    return get(actor, klass.id)


def _close(work, class_id):
    klass = lookup.klass(class_id)
    if klass.closed_at is not None:
        return
    count = len(work.db.list_enrolments(class_id=klass.id))
    if count:
        raise exceptions.Conflict(
            _("Class %(name)s still has %(count)d student(s); remove them "
              "before closing it.") % {'name': klass.name, 'count': count},
            error_code='class.has_students', students=count)
    # No students, so no Glance members: the shares only are left.
    work.db.unshare_class(klass.id)
    work.db.update_class(klass.id, closed_at=work.now)


def close(actor, class_id):
    klass = lookup.klass(class_id)
    # Under the teacher's lock no enrolment can slip in meanwhile.
    work_mod.Work(actor).transaction({'teacher_pk': klass.teacher_id},
                                     _close, klass.id)
    return get(actor, klass.id)
