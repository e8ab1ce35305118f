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
from edu_rating.management.services import lookup
from edu_rating.management.services import validation
from edu_rating.management.services import views
from edu_rating.management.services import work as work_mod


def create(actor, teacher_id, name, term_end=None, default_grant=None):
    name = validation.text(name, 'name')
    term_end = validation.date(term_end, 'term_end')
    default_grant = views.full(validation.grant(default_grant,
                                                'default_grant'))
    teacher = lookup.teacher(teacher_id)
    row = db_api.get_instance().create_class(
        teacher.id, name, term_end=term_end, default_grant=default_grant)
    return views.klass(row)


def list(actor, teacher_id=None, school_id=None, include_closed=False,
         limit=100, marker=None):
    rows, next_marker = lookup.page(
        db_api.get_instance().list_classes, limit,
        lookup.row_id(marker, _("marker must be a class id.")),
        lambda row: row.id,
        teacher_pk=lookup.pk(lookup.teacher, teacher_id),
        school_pk=lookup.pk(lookup.school, school_id),
        include_closed=validation.flag(include_closed, 'include_closed'))
    return [views.klass(row) for row in rows], next_marker


def get(actor, class_id):
    return views.klass(lookup.klass(class_id))


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
    if 'default_grant' in changes:
        partial = validation.grant(changes['default_grant'],
                                   'default_grant')
        changes['default_grant'] = default_grant(klass, partial)
    if changes:
        db_api.get_instance().update_class(klass.id, **changes)
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
    work.db.update_class(klass.id, closed_at=work.now)


def close(actor, class_id):
    klass = lookup.klass(class_id)
    # Under the teacher's lock no enrolment can slip in meanwhile.
    work_mod.Work(actor).transaction({'teacher_pk': klass.teacher_id},
                                     _close, klass.id)
    return get(actor, klass.id)
