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
"""Students: enrolments of a user of the school in a class.

An enrolment is a child project of the teacher's project with the student
role for the student. Keystone objects are created first and recorded in
the unit of work, then one transaction under the teacher's lock records
the enrolments and applies their grants: if anything fails, what was
created is deleted again, so a roster is enrolled whole or not at all.
"""

import secrets

from edu_rating import conf as edu_conf
from edu_rating.db import api as db_api
from edu_rating import exceptions
from edu_rating.i18n import _
from edu_rating.management import broker
from edu_rating.management.services import classes
from edu_rating.management.services import grants
from edu_rating.management.services import images
from edu_rating.management.services import lookup
from edu_rating.management.services import render
from edu_rating.management.services import roster
from edu_rating.management.services import validation
from edu_rating.management.services import views
from edu_rating.management.services import work as work_mod

PASSWORD_BYTES = 12


def _enrolled(class_id):
    return {row.name for row in
            db_api.get_instance().list_enrolments(class_id=class_id)}


def _project_name(name, class_id):
    # Unique: user names are unique in the domain, class ids everywhere.
    suffix = '-class%d' % class_id
    return name[:validation.KEYSTONE_NAME_LENGTH - len(suffix)] + suffix


def _fits(klass, entries):
    """Refuse early, before creating anything in Keystone.

    Unlocked, so only a courtesy; the transaction checks again.
    """
    teacher = klass.teacher
    scope = db_api.Scope('teacher', teacher.project_id)
    grants.check_fits('teacher', teacher.name, grants.current(scope),
                      grants.delegated(scope), views.full({}),
                      grants.total(item.grant for item in entries),
                      grants.students([item.name for item in entries]))


def _record(work, class_id, created):
    klass = classes.open_class(class_id)
    taken = _enrolled(klass.id) & {item.name for item, _u, _p in created}
    if taken:
        raise exceptions.Conflict(
            _("Already enrolled in class %(class)s: %(names)s.")
            % {'class': klass.name, 'names': ', '.join(sorted(taken))},
            error_code='student.enrolled', names=sorted(taken))
    rows = [work.db.create_enrolment(klass.id, user['id'], project['id'],
                                     item.name, project_name=project['name'])
            for item, user, project in created]
    grants.change_enrolments(
        work, klass.teacher,
        [(row, item.grant) for row, (item, _u, _p) in zip(rows, created)])
    images.join(work, klass.id, [row.project_id for row in rows])
    return rows


def _enrol(actor, klass, entries):
    _fits(klass, entries)
    teacher = klass.teacher
    domain_id = teacher.school.domain_id
    role = edu_conf.register_opts().edu.student_role
    work = work_mod.Work(actor)
    created, passwords = [], []
    with work.compensating():
        for item in entries:
            user = work.broker.find_user(domain_id, item.name)
            password = None
            if user is None:
                # A new student; one already in the school (another
                # class) keeps their password.
                password = item.password or secrets.token_urlsafe(
                    PASSWORD_BYTES)
                user = work.created(
                    work.broker.create_user(domain_id=domain_id,
                                            name=item.name,
                                            password=password,
                                            email=item.email),
                    work.broker.delete_user)
            project = work.created(
                work.broker.create_project(
                    domain_id=domain_id,
                    name=_project_name(item.name, klass.id),
                    parent_id=teacher.project_id),
                work.broker.delete_project)
            work.broker.grant_project_role(role, user['id'], project['id'])
            work.broker.set_project_limits(project['id'], views.full({}))
            created.append((item, user, project))
            passwords.append(None if item.password else password)
        rows = work.transaction({'teacher_pk': teacher.id}, _record,
                                klass.id, created)
    return [(student, password) for student, password
            in zip(render.many('student', rows), passwords)]


def enrol(actor, class_id, name, password=None, email=None, grant=None):
    klass = classes.open_class(class_id)
    item = roster.entry(name, email, password,
                        classes.default_grant(klass, validation.grant(grant)))
    if item.name in _enrolled(klass.id):
        raise exceptions.Conflict(
            _("%(name)s is already enrolled in class %(class)s.")
            % {'name': item.name, 'class': klass.name},
            error_code='student.enrolled', names=[item.name])
    return _enrol(actor, klass, [item])[0]


def enrol_roster(actor, class_id, csv_text, skip_enrolled=False):
    klass = classes.open_class(class_id)
    entries = roster.parse(csv_text, classes.default_grant(klass),
                           _enrolled(klass.id), skip_enrolled)
    if not entries:
        return []
    return _enrol(actor, klass, entries)


def preview_roster(actor, class_id, csv_text, skip_enrolled=False):
    """What importing a roster would do, line by line; nothing is created.

    ``problem`` says why the roster as a whole would be refused although
    each line is good (no students, more than the teacher has free).
    """
    klass = classes.open_class(class_id)
    grant = classes.default_grant(klass)
    entries, lines = roster.check(csv_text, grant, _enrolled(klass.id),
                                  skip_enrolled)
    problem = None
    if not entries and not any(verdict['status'] == 'enrolled'
                               for verdict in lines):
        problem = _("The roster lists no students.")
    elif entries and not roster.invalid_lines(lines):
        try:
            _fits(klass, entries)
        except exceptions.Conflict as error:
            problem = error.message
    counts = {status: 0 for status in roster.STATUSES}
    for verdict in lines:
        counts[verdict['status']] += 1
    return {'class_id': klass.id, 'lines': lines, 'counts': counts,
            'grant_each': grant,
            'grant_total': grants.total(item.grant for item in entries),
            'problem': problem}


def list(actor, class_id=None, teacher_id=None, school_id=None,
         include_removed=False, limit=100, marker=None):
    rows, next_marker = lookup.page(
        db_api.get_instance().list_enrolments, limit, marker,
        lambda row: row.project_id,
        class_id=lookup.pk(lookup.klass, class_id),
        teacher_pk=lookup.pk(lookup.teacher, teacher_id),
        school_pk=lookup.pk(lookup.school, school_id),
        include_removed=validation.flag(include_removed, 'include_removed'))
    return render.many('student', rows), next_marker


def get(actor, student_id):
    return render.one('student', lookup.enrolment(student_id))


def _active(student_id):
    enrolment = lookup.enrolment(student_id)
    if enrolment.removed_at is not None:
        raise exceptions.Conflict(
            _("Student %(name)s was already removed on %(date)s.")
            % {'name': enrolment.name,
               'date': enrolment.removed_at.date()},
            error_code='student.removed')
    return enrolment


def _release(work, student_id):
    enrolment = _active(student_id)
    # The grant goes back to the teacher whatever the usage: the servers
    # were checked (or deleted) just before.
    grants.change_enrolments(work, enrolment.klass.teacher,
                             [(enrolment, views.full({}))],
                             check_floors=False,
                             reason="student removed")
    work.broker.update_project(enrolment.project_id, enabled=False)
    work.done(work.broker.update_project, enrolment.project_id,
              enabled=True)
    images.leave(work, enrolment.class_id, [enrolment.project_id])
    work.db.update_enrolment(enrolment.project_id, removed_at=work.now)


def _only_a_student(actor, enrolment):
    """A student's login, reset only by whom it answers to.

    A student user may be anyone of the school a teacher named in a
    roster: the password of a teacher or an administrator is never reset
    as a student's, and a student of two teachers only by the school.
    """
    teacher = enrolment.klass.teacher
    teaches, taught_by = db_api.get_instance().roles_of_user(
        enrolment.user_id)
    if teaches or broker.get_broker().has_domain_role(
            enrolment.user_id, teacher.school.domain_id):
        raise exceptions.Forbidden(
            _("%s is also a teacher or an administrator of the school; "
              "their password is not reset as a student's.")
            % enrolment.name, error_code='student.not_only_student')
    by_school = actor.is_platform_admin or actor.domain_id is not None
    if not by_school and taught_by != {teacher.project_id}:
        raise exceptions.Forbidden(
            _("%s is also a student of another teacher; ask the school's "
              "administrator to reset the password.") % enrolment.name,
            error_code='student.other_teachers')


def update(actor, student_id, changes):
    """Set a student's password (a teacher's reset): never echoed."""
    changes = validation.changes(changes, ('password',), _('student'))
    password = validation.new_password(changes.get('password'))
    enrolment = _active(student_id)
    _only_a_student(actor, enrolment)
    broker.get_broker().update_user(enrolment.user_id, password=password)
    return get(actor, student_id)


def remove(actor, student_id, force=False):
    # Deleting the servers is what the caller asked for explicitly; unlike
    # forcing a grant below usage, it breaks no invariant.
    force = validation.flag(force, 'force')
    enrolment = _active(student_id)
    servers = broker.get_broker().list_servers(enrolment.project_id)
    if servers and not force:
        raise exceptions.Conflict(
            _("Student %(name)s still has %(count)d server(s) (%(names)s); "
              "delete them first, or remove the student with force to "
              "delete them.")
            % {'name': enrolment.name, 'count': len(servers),
               'names': ', '.join(server['name'] for server in servers)},
            error_code='student.has_servers', servers=len(servers))
    if servers:
        broker.get_broker().delete_servers(enrolment.project_id)
    work_mod.Work(actor).transaction(
        {'teacher_pk': enrolment.klass.teacher_id}, _release, student_id)
