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
"""Teachers: a user of the school's domain, their project and grant."""

from edu_rating import conf as edu_conf
from edu_rating.db import api as db_api
from edu_rating import exceptions
from edu_rating.i18n import _
from edu_rating.management import broker
from edu_rating.management.services import backdating
from edu_rating.management.services import grants
from edu_rating.management.services import lookup
from edu_rating.management.services import render
from edu_rating.management.services import validation
from edu_rating.management.services import views
from edu_rating.management.services import work as work_mod
from edu_rating.rating import state as rating_state


def _record(work, school_id, user, project, name, grant, reason):
    school = lookup.school(school_id)
    teacher = work.db.create_teacher(school.id, user['id'], project['id'],
                                     name, project_name=project['name'])
    grants.change_teacher(work, teacher, grant, reason=reason)
    return teacher


def _fits(school, name, grant):
    """Refuse a grant the school cannot give before Keystone does any work.

    Unlocked, so only a courtesy; the transaction checks again.
    """
    scope = db_api.Scope('school', school.domain_id)
    grants.check_fits('school', school.name, grants.current(scope),
                      grants.delegated(scope), views.full({}),
                      views.full(grant), name)


def create(actor, school_id, name, password, email=None, project_name=None,
           grant=None, effective_from=None, reason=None):
    """Add a teacher: user, project, role and grant.

    ``effective_from``: a back-dated start (see backdating).
    """
    name = validation.keystone_name(name, 'name')
    password = validation.new_password(password)
    email = validation.email(email)
    project_name = validation.keystone_name(project_name or name,
                                            'project_name')
    grant = validation.grant(grant)
    reason = validation.text(reason, 'reason', required=False)
    at = backdating.moment(actor, effective_from, reason)
    school = lookup.school(school_id)
    if not school.enabled:
        raise exceptions.Conflict(
            _("School %s is disabled; enable it before adding teachers.")
            % school.name, error_code='school.disabled')
    _fits(school, name, grant)
    role = edu_conf.register_opts().edu.teacher_role

    work = work_mod.Work(actor, at=at)
    with work.compensating():
        user = work.created(
            work.broker.create_user(domain_id=school_id, name=name,
                                    password=password, email=email),
            work.broker.delete_user)
        project = work.created(
            work.broker.create_project(domain_id=school_id,
                                       name=project_name),
            work.broker.delete_project)
        # Inherited, so the teacher can help in their students' projects.
        work.broker.grant_project_role(role, user['id'], project['id'],
                                       inherited=True)
        # Explicit zeros at once: until granted, the project may use
        # nothing (not the registered defaults).
        work.broker.set_project_limits(project['id'], views.full({}))
        teacher = work.transaction({'school_pk': school.id}, _record,
                                   school_id, user, project, name, grant,
                                   reason)
    rating_state.start_rating_at(teacher.project_id, work.at)
    return render.one('teacher', teacher)


def list(actor, school_id=None, enabled=None, limit=100, marker=None):
    rows, next_marker = lookup.page(
        db_api.get_instance().list_teachers, limit, marker,
        lambda row: row.project_id,
        school_pk=lookup.pk(lookup.school, school_id), enabled=enabled)
    return render.many('teacher', rows), next_marker


def get(actor, teacher_id):
    return render.one('teacher', lookup.teacher(teacher_id))


def _update(work, teacher_id, changes):
    teacher = lookup.teacher(teacher_id)
    if 'enabled' in changes:
        work.db.update_teacher(teacher_id, enabled=changes['enabled'])
    # Disabling the user is enough to stop every login; the project stays
    # enabled so that their students' projects below it keep working.
    previous = work.broker.update_user(teacher.user_id, **changes)
    work.done(work.broker.update_user, teacher.user_id, **previous)


def update(actor, teacher_id, changes):
    changes = validation.changes(changes, ('enabled', 'email', 'password'),
                                 _('teacher'))
    if 'enabled' in changes:
        validation.flag(changes['enabled'], 'enabled')
    if 'password' in changes:
        changes['password'] = validation.new_password(changes['password'])
    if 'email' in changes:
        changes['email'] = validation.email(changes['email'])
    teacher = lookup.teacher(teacher_id)
    password = changes.pop('password', None)
    if changes:
        work_mod.Work(actor).transaction({'teacher_pk': teacher.id}, _update,
                                         teacher_id, changes)
    if password is not None:
        # After the commit: a password cannot be put back, so nothing may
        # fail after it.
        broker.get_broker().update_user(teacher.user_id, password=password)
    return get(actor, teacher_id)
