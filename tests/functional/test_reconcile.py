"""The reconciler on the live stack: drift made by hand, found, repaired.

Each test edits Keystone behind the ledger's back the way an operator
would (``openstack limit set``, ``limit delete``, ``project set
--disable``, ``role remove``), or crashes an API worker between a
change's Keystone writes and its commit; ``edu-reconcile --dry-run``
must then name the drift, ``edu-reconcile`` repair it, and a last dry
run find nothing.
"""

import json
import os
import subprocess
import time

import pytest

from edu_rating import testhooks
from tests.functional import conftest
from tests.functional import edu

OPENSTACK = str(conftest.STACK / 'venv' / 'bin' / 'openstack')
# The stack's periodic pass would repair a test's drift before its dry
# run, or enable a student's project again between an operator's steps.
pytestmark = pytest.mark.usefixtures('periodic_reconciler_stopped')


def openstack(*args):
    env = dict(os.environ, OS_CLIENT_CONFIG_FILE=str(
        conftest.STACK / 'clouds.yaml'), OS_CLOUD='edu-admin')
    done = subprocess.run([OPENSTACK] + list(args), env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def reconcile(school_id, *args):
    """``(exit status, report)`` of one edu-reconcile pass over a school."""
    done = subprocess.run(
        [str(conftest.STACK / 'venv' / 'bin' / 'edu-reconcile'),
         '--config-file',
         str(conftest.STACK / 'etc' / 'cloudkitty' / 'cloudkitty.conf'),
         '--school', school_id, '--json', '--wait', '60'] + list(args),
        capture_output=True, text=True, timeout=300)
    lines = done.stdout.strip().splitlines()
    assert lines, done.stderr
    return done.returncode, json.loads(lines[-1])


def found(report):
    return sorted((d['kind'], d['target_id']) for d in report['drift'])


def assert_no_drift(school):
    status, report = reconcile(school.id, '--dry-run')
    assert (status, report['drift']) == (0, []), report


@pytest.fixture
def world():
    platform = edu.platform_admin(conftest._secrets())
    school = edu.School(platform, 'reconcile', edu.grant(vcpu=20,
                                                         instances=10))
    teacher = school.add_teacher('t1', edu.grant(vcpu=10, instances=6))
    klass = school.add_class(teacher, edu.grant(vcpu=2, instances=1))
    alice = school.enrol(klass, 'alice')
    bob = school.enrol(klass, 'bob')
    assert_no_drift(school)
    return school, teacher, alice, bob


def limit(cloud, project_id, resource_name):
    limits = [lim for lim in cloud.identity.limits(project_id=project_id)
              if lim.resource_name == resource_name]
    return limits[0] if limits else None


def repaired(school, kinds):
    status, dry = reconcile(school.id, '--dry-run')
    assert (status, found(dry)) == (1, sorted(kinds)), dry
    status, report = reconcile(school.id)
    assert status == 0, report
    assert [d['status'] for d in report['drift']] == \
        ['repaired'] * len(kinds), report
    assert_no_drift(school)
    return dry


def test_a_limit_set_by_hand_is_set_back(world, admin_cloud):
    school, teacher, alice, _bob = world
    vcpu = limit(admin_cloud, alice['id'], 'class:VCPU')
    openstack('limit', 'set', '--resource-limit', '99', vcpu.id)
    dry = repaired(school, [('limits', alice['id'])])
    assert dry['drift'][0]['found']['vcpu'] == 99
    assert limit(admin_cloud, alice['id'], 'class:VCPU').resource_limit == 2


def test_a_deleted_limit_is_made_again(world, admin_cloud):
    school, teacher, _alice, _bob = world
    servers = limit(admin_cloud, teacher['id'], 'servers')
    openstack('limit', 'delete', servers.id)
    dry = repaired(school, [('limits', teacher['id'])])
    assert dry['drift'][0]['found']['instances'] is None
    # The teacher's own project: 6 instances, 2 of them granted below.
    assert limit(admin_cloud, teacher['id'], 'servers').resource_limit == 4


def test_projects_disabled_by_hand_are_enabled_again(world, admin_cloud):
    school, teacher, alice, bob = world
    # Keystone disables a parent only once its children are: an operator
    # who "turns off a teacher" disables the students' projects first,
    # and the repair must enable the parent before its children.
    for project in (alice, bob, teacher):
        openstack('project', 'set', '--disable', project['id'])
    repaired(school, [('enabled', alice['id']), ('enabled', bob['id']),
                      ('enabled', teacher['id'])])
    for project in (alice, bob, teacher):
        assert admin_cloud.identity.get_project(project['id']).is_enabled


def test_a_removed_role_assignment_is_made_again(world, admin_cloud):
    school, teacher, alice, _bob = world
    openstack('role', 'remove', '--user', alice['user_id'], '--project',
              alice['id'], 'member')
    openstack('role', 'remove', '--user', teacher['user_id'], '--project',
              teacher['id'], '--inherited', 'manager')
    repaired(school, [('role', alice['id']), ('role', teacher['id'])])
    # The student can work in their project again.
    alice['persona'].session.invalidate()
    assert edu.expect(alice['persona'].get('/students/%s' % alice['id']),
                      200)['student']['name'] == alice['name']


def _api_answers(persona, deadline):
    while time.monotonic() < deadline:
        try:
            status, _body = persona.get('/schools')
            if status == 200:
                return
        except Exception:
            pass
        time.sleep(0.5)
    pytest.fail('the Education API did not come back')


def test_a_change_crashed_before_its_commit_is_undone(world, admin_cloud):
    school, teacher, alice, _bob = world
    # The API worker exits between the Keystone writes and the commit:
    # Keystone holds the new limits, the ledger the old grant.
    with pytest.raises(Exception):
        teacher['persona'].put(
            '/allocations/enrolment/%s' % alice['id'],
            json={'grant': {'vcpu': 5}},
            headers={testhooks.HEADER: testhooks.BEFORE_COMMIT})
    _api_answers(school.platform, time.monotonic() + 120)
    assert limit(admin_cloud, alice['id'], 'class:VCPU').resource_limit == 5
    grant = edu.expect(teacher['persona'].get(
        '/allocations/enrolment/%s' % alice['id']), 200)['grant']
    assert grant['vcpu'] == 2

    dry = repaired(school, [('limits', alice['id']),
                            ('limits', teacher['id'])])
    by_project = {d['target_id']: d for d in dry['drift']}
    assert by_project[alice['id']]['found']['vcpu'] == 5
    # 10 - (5 + 2) while crashed, 10 - (2 + 2) as the ledger says.
    assert by_project[teacher['id']]['found']['vcpu'] == 3
    assert limit(admin_cloud, alice['id'], 'class:VCPU').resource_limit == 2
    assert limit(admin_cloud, teacher['id'],
                 'class:VCPU').resource_limit == 6


def test_a_project_made_by_hand_in_a_school_is_reported(world, admin_cloud):
    school, teacher, _alice, _bob = world
    # Nobody manages it: the reconciler names it and leaves it alone.
    stray = admin_cloud.identity.create_project(
        name=edu.unique('stray'), domain_id=school.id)
    try:
        status, report = reconcile(school.id, '--dry-run')
        assert (status, found(report)) == (1, [('unmanaged', stray.id)])
        status, report = reconcile(school.id)
        assert (status, report['reported']) == (0, 1), report
        assert admin_cloud.identity.get_project(stray.id).is_enabled
    finally:
        admin_cloud.identity.delete_project(stray.id)
    assert_no_drift(school)
