"""A student boots on the fake driver; Nova enforces the unified limits."""

import os
import time

import openstack
import pytest

from tests.functional import conftest
from tests.functional import edu

# How long the polling test polls (EDU_POLL_SECONDS, a minute by default).
POLL_SECONDS = int(os.environ.get('EDU_POLL_SECONDS', '60'))


@pytest.fixture
def student(demo):
    login = conftest.demo_login(demo, 'student', index=1)
    cloud = conftest.user_cloud(demo, login)
    yield cloud
    for server in cloud.compute.servers():
        cloud.compute.delete_server(server)
    for server in cloud.compute.servers():
        cloud.compute.wait_for_delete(server, wait=120)
    cloud.close()


def _boot(cloud, name, flavor):
    image = cloud.image.find_image('lab-image', ignore_missing=False)
    flavor = cloud.compute.find_flavor(flavor, ignore_missing=False)
    return cloud.compute.create_server(
        name=name, image_id=image.id, flavor_id=flavor.id, networks='none')


def test_student_boots_within_limit_and_is_refused_beyond(student):
    limits = {lim.resource_name: lim.resource_limit
              for lim in student.identity.limits(
                  project_id=student.current_project_id)}
    assert limits['class:VCPU'] == 2

    server = _boot(student, 'functional-vm1', 'm1.tiny')
    server = student.compute.wait_for_server(server, status='ACTIVE',
                                             wait=180)
    assert server.status == 'ACTIVE'
    assert server.flavor.vcpus == 1

    # m1.small needs 2 more vCPUs: 1 used + 2 > the project's limit of 2.
    with pytest.raises(openstack.exceptions.ForbiddenException) as refused:
        _boot(student, 'functional-vm2', 'm1.small')
    message = str(refused.value)
    assert 'over a limit' in message
    assert 'class:VCPU is over limit of 2' in message
    names = [s.name for s in student.compute.servers()]
    assert names == ['functional-vm1']


def test_a_client_polls_a_server_for_a_minute_on_kept_alive_connections(
        student):
    """openstacksdk's wait_for_server polls every 2 s on one connection.

    gunicorn's default keep-alive is 2 s as well: the server would close a
    connection just as the client reuses it (RemoteDisconnected). The
    stack's services keep idle connections for 75 s; a minute of polling
    at the SDK's own interval sees no connection error.
    """
    server = _boot(student, 'functional-poll', 'm1.tiny')
    errors, polls = [], 0
    deadline = time.monotonic() + POLL_SECONDS
    while time.monotonic() < deadline:
        try:
            student.compute.get_server(server.id)
        except Exception as exc:  # every failure counts, whatever its kind
            errors.append(repr(exc))
        polls += 1
        time.sleep(2)
    assert polls >= POLL_SECONDS // 3
    assert errors == [], '%d of %d polls failed: %s' % (
        len(errors), polls, errors[:3])


def test_a_student_with_a_server_is_removed_only_with_force(admin_cloud):
    platform = edu.platform_admin(conftest._secrets())
    size = edu.grant(vcpu=1, ram_mb=512, disk_gb=1, instances=1)
    school = edu.School(platform, 'remove', edu.grant(
        vcpu=2, ram_mb=1024, disk_gb=2, instances=2))
    teacher = school.add_teacher('t', size)
    alice = school.enrol(school.add_class(teacher, size), 'alice')
    cloud = openstack.connection.Connection(
        session=alice['persona'].session, region_name='RegionOne')
    server = cloud.compute.wait_for_server(
        _boot(cloud, 'alice-vm', 'm1.tiny'), status='ACTIVE', wait=180)
    path = '/students/%s' % alice['id']

    # The teacher is told what runs there, and nothing changes.
    error = edu.expect(teacher['persona'].delete(path), 409)['error']
    assert error['error_code'] == 'student.has_servers', error
    assert 'alice-vm' in error['message'], error
    assert admin_cloud.compute.get_server(server.id).status == 'ACTIVE'

    # With force the server goes, and the student's grant goes back.
    edu.expect(teacher['persona'].delete(path, params={'force': 'true'}),
               204)
    admin_cloud.compute.wait_for_delete(server, wait=120)
    grant = edu.expect(platform.get('/allocations/teacher/%s'
                                    % teacher['id']), 200)
    assert grant['delegated']['vcpu'] == 0, grant
