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
"""The reconciler: what the ledger says against what OpenStack enforces.

The desired state comes from the edu tables in a few queries: every
managed project's effective limits (an enrolment: its grant; a teacher's
project: the teacher's grant minus the students'), whether each school's
domain, teacher's user and enrolment's project is enabled, and the role
assignments we made. The actual state comes from Keystone in one listing
per kind (limits, projects, users, domains, role assignments of a role),
so a pass costs the same few calls for 50 projects or 5,000; only Nova's
quota sets, which have no bulk read, are read per project.

A repair never trusts the pass's reading: it takes the row locks the API
takes for the same object (school, then teacher), reads the ledger and
Keystone again, and writes only what still differs, so a grant an API
request is applying right now is never reverted. Every repair is recorded
in the audit trail (actor ``reconciler``); what cannot be repaired (an
object deleted by hand, a project nobody manages) is reported.
"""

import dataclasses
import time

from oslo_log import log as logging

from edu_rating import conf as edu_conf
from edu_rating.db import api as db_api
from edu_rating import exceptions
from edu_rating.management import broker as broker_mod
from edu_rating.management.services import actor as actor_mod
from edu_rating.management.services import grants
from edu_rating.management.services import lookup
from edu_rating.management.services import views
from edu_rating.management.services import work as work_mod

LOG = logging.getLogger(__name__)

ACTOR = actor_mod.Actor('reconciler', user_name='reconciler',
                        is_platform_admin=True)
REASON = 'drift between the ledger and Keystone'
# Kinds of drift a pass repairs; the others it reports.
REPAIRABLE = ('limits', 'enabled', 'role')


@dataclasses.dataclass
class Drift:
    """One difference between the ledger and OpenStack.

    ``kind``: ``limits``, ``enabled``, ``role`` (repairable), ``missing``
    (a Keystone object deleted by hand) or ``unmanaged`` (a project in a
    school's domain or under a teacher's that the ledger does not own).
    ``status``: ``found``, ``repaired``, ``settled`` (in step again when
    re-read under the lock) or ``failed`` (with ``error``).
    """

    kind: str
    target_type: str
    target_id: str
    school_id: str
    name: str
    found: object
    wanted: object
    status: str = 'found'
    error: str = None
    # How to repair: the object's keys for the locked re-read.
    teacher_pk: int = dataclasses.field(default=None, repr=False)
    school_pk: int = dataclasses.field(default=None, repr=False)
    user_id: str = dataclasses.field(default=None, repr=False)

    def as_dict(self):
        return {field: getattr(self, field) for field in (
            'kind', 'target_type', 'target_id', 'school_id', 'name',
            'found', 'wanted', 'status', 'error')}


@dataclasses.dataclass
class _Project:
    """A managed project as the ledger wants it."""

    id: str
    type: str
    name: str
    school: object
    teacher: object
    enabled: bool
    limits: dict
    # (role option, user id, inherited too) assignments we made on it.
    roles: tuple


def _desired(teachers, enrolments, ledger):
    def grant(scope_type, scope_id):
        return views.full(ledger.get((scope_type, scope_id), {}))

    below = {}
    for row in enrolments:
        if row.removed_at is None:
            below.setdefault(row.klass.teacher_id, []).append(
                grant('enrolment', row.project_id))
    projects = []
    for row in teachers:
        projects.append(_Project(
            row.project_id, 'teacher', row.name, row.school, row,
            True, grants.effective(grant('teacher', row.project_id),
                                   grants.total(below.get(row.id, []))),
            (('teacher_role', row.user_id, True),)))
    for row in enrolments:
        active = row.removed_at is None
        projects.append(_Project(
            row.project_id, 'enrolment', row.name, row.klass.teacher.school,
            row.klass.teacher, active, grant('enrolment', row.project_id),
            (('student_role', row.user_id, False),) if active else ()))
    return projects


def _drift(kind, project_or_school, found, wanted, **keys):
    if isinstance(project_or_school, _Project):
        project = project_or_school
        return Drift(kind, project.type, project.id,
                     project.school.domain_id, project.name, found, wanted,
                     teacher_pk=project.teacher.id,
                     school_pk=project.school.id, **keys)
    school = project_or_school
    return Drift(kind, 'school', school.domain_id, school.domain_id,
                 school.name, found, wanted, school_pk=school.id, **keys)


def _unmanaged(schools, projects, found):
    """Projects nobody manages where only we make them.

    Under a teacher's project (a roster import killed before its commit)
    or at the top of a school's domain (a teacher's create killed so).
    """
    managed = {project.id for project in projects}
    teachers = {project.id: project for project in projects
                if project.type == 'teacher'}
    domains = {school.domain_id: school for school in schools}
    for project_id, project in found.items():
        if project_id in managed:
            continue
        parent = teachers.get(project['parent_id'])
        if parent is not None:
            school_id = parent.school.domain_id
            where = 'project under teacher %s' % parent.name
        elif project['parent_id'] in domains:
            school_id = project['parent_id']
            where = ('project in the domain of school %s'
                     % domains[school_id].name)
        else:
            continue
        yield Drift('unmanaged', 'project', project_id, school_id,
                    project['name'], where, None)


def _compare(broker, schools, projects, domain_id):
    """Every drift between the desired state and one bulk reading."""
    conf = edu_conf.register_opts()
    drifts = []
    domains = broker.domains_enabled()
    for school in schools:
        if school.domain_id not in domains:
            drifts.append(_drift('missing', school, None, 'domain'))
        elif domains[school.domain_id] != school.enabled:
            drifts.append(_drift('enabled', school, domains[school.domain_id],
                                 school.enabled))
    # A school whose domain is gone is one finding, not one per project.
    projects = [project for project in projects
                if project.school.domain_id in domains]

    users = broker.users_enabled(domain_id)
    for project in (p for p in projects if p.type == 'teacher'):
        teacher = project.teacher
        if teacher.user_id not in users:
            drifts.append(_drift('missing', project, None, 'user'))
        elif users[teacher.user_id] != teacher.enabled:
            drifts.append(_drift('enabled', project, users[teacher.user_id],
                                 teacher.enabled, user_id=teacher.user_id))

    found = broker.project_states(domain_id)
    present = [project for project in projects if project.id in found]
    for project in projects:
        if project.id not in found:
            drifts.append(_drift('missing', project, None, 'project'))
        elif found[project.id]['enabled'] != project.enabled:
            drifts.append(_drift('enabled', project,
                                 found[project.id]['enabled'],
                                 project.enabled))
    drifts.extend(_unmanaged(schools, projects, found))

    limits = broker.limits_of([project.id for project in present])
    for project in present:
        wanted = broker.enforced(project.limits)
        actual = {resource: limits[project.id].get(resource)
                  for resource in wanted}
        if actual != wanted:
            drifts.append(_drift('limits', project, actual, wanted))

    assignments = {}
    for project in present:
        for option, user_id, inherited in project.roles:
            role = conf.edu[option]
            if role not in assignments:
                assignments[role] = broker.project_role_assignments(role)
            missing = [kind for kind, flag in (('direct', False),
                                               ('inherited', True))
                       if (kind == 'direct' or inherited) and
                       (user_id, project.id, flag) not in assignments[role]]
            if missing:
                drifts.append(_drift('role', project, None,
                                     {'role': role, 'missing': missing},
                                     user_id=user_id))
    return drifts


# Repairs, each in a transaction under the API's locks for its object.

def _audit(work, drift, found, wrote):
    work.db.record_audit(ACTOR.user_id, 'reconcile.%s' % drift.kind,
                         actor_name=ACTOR.user_name,
                         request_id=work.actor.request_id,
                         target_type=drift.target_type,
                         target_id=drift.target_id,
                         school_id=drift.school_id, reason=REASON,
                         details={'found': found, 'set': wrote})


def _fresh_limits(work, drift):
    if drift.target_type == 'teacher':
        scope = db_api.Scope('teacher', drift.target_id)
        return grants.effective(grants.current(scope),
                                grants.delegated(scope))
    return grants.current(db_api.Scope('enrolment', drift.target_id))


def _repair_limits(work, drift):
    wanted = _fresh_limits(work, drift)
    previous = work.broker.set_project_limits(drift.target_id, wanted)
    found = work.broker.enforced(previous)
    if found == work.broker.enforced(wanted):
        return False
    _audit(work, drift, found, work.broker.enforced(wanted))
    return True


def _repair_enabled(work, drift):
    broker = work.broker
    if drift.target_type == 'school':
        target, wanted = drift.target_id, work.db.get_school(
            drift.target_id).enabled
        read, write = broker.domain_enabled, broker.update_domain
    elif drift.user_id is not None:
        # A teacher's login: their user, not their project.
        target, wanted = drift.user_id, work.db.get_teacher(
            drift.target_id).enabled
        read, write = broker.user_enabled, broker.update_user
    else:
        target = drift.target_id
        wanted = (drift.target_type == 'teacher' or
                  work.db.get_enrolment(target).removed_at is None)
        read, write = broker.project_enabled, broker.update_project
    found = read(target)
    if found == wanted:
        return False
    write(target, enabled=wanted)
    _audit(work, drift, {'enabled': found}, {'enabled': wanted})
    return True


def _repair_role(work, drift):
    # Assigning is idempotent: a pass that repeats it changes nothing.
    role, missing = drift.wanted['role'], drift.wanted['missing']
    work.broker.grant_project_role(role, drift.user_id, drift.target_id,
                                   inherited='inherited' in missing)
    _audit(work, drift, {'missing': missing}, {'role': role})
    return True


_REPAIRS = {'limits': _repair_limits, 'enabled': _repair_enabled,
            'role': _repair_role}


def _repair(drift):
    locks = {'school_pk': drift.school_pk}
    if drift.teacher_pk is not None:
        locks['teacher_pk'] = drift.teacher_pk
    try:
        changed = work_mod.Work(ACTOR).transaction(
            locks, _REPAIRS[drift.kind], drift)
    except (exceptions.EduError, db_api.EduDBError) as error:
        drift.status, drift.error = 'failed', str(error)
        LOG.warning("edu-reconcile could not repair %(drift)s: %(error)s",
                    {'drift': drift.as_dict(), 'error': error})
        return
    drift.status = 'repaired' if changed else 'settled'
    LOG.info("edu-reconcile %(status)s %(drift)s",
             {'status': drift.status, 'drift': drift.as_dict()})


def run(school_id=None, dry_run=False):
    """One pass over every school, or one; returns the report.

    ``drift`` lists what the pass found, each with its ``status``;
    ``dry_run`` only reports.
    """
    started = time.monotonic()
    db = db_api.get_instance()
    school_pk = lookup.school(school_id).id if school_id else None
    schools, teachers, enrolments, ledger = db.managed_state(school_pk)
    projects = _desired(teachers, enrolments, ledger)
    drifts = _compare(broker_mod.get_broker(), schools, projects, school_id)
    if not dry_run:
        for drift in drifts:
            if drift.kind in REPAIRABLE:
                _repair(drift)
    statuses = [drift.status for drift in drifts]
    return {'dry_run': dry_run, 'school_id': school_id,
            'checked': {'schools': len(schools), 'teachers': len(teachers),
                        'enrolments': len(enrolments),
                        'projects': len(projects)},
            'drift': [drift.as_dict() for drift in drifts],
            'repaired': statuses.count('repaired'),
            'failed': statuses.count('failed'),
            'reported': len([d for d in drifts
                             if d.kind not in REPAIRABLE]),
            'seconds': round(time.monotonic() - started, 3)}
