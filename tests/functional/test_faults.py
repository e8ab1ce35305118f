"""Real processes of the stack stopped in the middle of work, and started.

A teacher changes students' grants in a burst of 50; after the tenth a
process is stopped by its pid file and started again a few seconds later.
Every request must either succeed or get a 4xx/503 with a message (no
hang, no connection dropped by our API, no 500), the API must work again
after the restart, and the reconciler in dry-run must then find nothing
to repair: whatever the outage interrupted was undone by the request
itself.
"""

from concurrent import futures
import threading
import time

import openstack
import pytest
import requests

from tests.functional import conftest
from tests.functional import edu
from tests.functional import processes
from tests.functional import test_edu_api
from tests.functional import test_reconcile
from tests.functional import test_usage

BURST = 50
FAULT_AFTER = 10
DOWN_SECONDS = 4
# The stack's periodic pass would repair what an outage left half done
# before the test's dry run could see it.
pytestmark = pytest.mark.usefixtures('periodic_reconciler_stopped')


@pytest.fixture
def world():
    platform = edu.platform_admin(conftest._secrets())
    school = edu.School(platform, 'faults', edu.grant(vcpu=100,
                                                      instances=50))
    teacher = school.add_teacher('t1', edu.grant(vcpu=50, instances=20))
    klass = school.add_class(teacher, edu.grant(vcpu=1, instances=1))
    students = [school.enrol(klass, 's%d' % index) for index in range(5)]
    test_reconcile.assert_no_drift(school)
    return school, teacher, students


def burst(teacher, students, fault):
    """50 grant changes; ``fault`` runs beside them after the 10th."""
    outcomes, faulty = [], None
    for index in range(BURST):
        if index == FAULT_AFTER:
            faulty = threading.Thread(target=fault)
            faulty.start()
        student = students[index % len(students)]
        started = time.monotonic()
        try:
            status, body = teacher['persona'].put(
                '/allocations/enrolment/%s' % student['id'],
                json={'grant': {'vcpu': 1 + index % 2}})
        except Exception as error:
            status, body = 'no answer', repr(error)
        outcomes.append((status, body, time.monotonic() - started))
    faulty.join()
    return outcomes


def assert_answered(outcomes):
    """Each request succeeded, or was refused with a message."""
    for status, body, seconds in outcomes:
        assert status != 'no answer', body
        assert status < 500 or status == 503, (status, body)
        if status >= 400:
            message = body['error']['message'] if isinstance(
                body, dict) and 'error' in body else body
            assert message and isinstance(message, str), (status, body)
    return [status for status, _body, _seconds in outcomes]


def recovered(school, teacher, student):
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        status, _body = teacher['persona'].put(
            '/allocations/enrolment/%s' % student['id'],
            json={'grant': {'vcpu': 1}})
        if status == 200:
            return
        time.sleep(1)
    pytest.fail('grants did not work again after the restart')


def outage(name):
    def fault():
        again = processes.stop(name)
        time.sleep(DOWN_SECONDS)
        processes.start(again)
    return fault


@pytest.mark.parametrize('name', ['keystone', 'mariadb'])
def test_a_burst_of_grants_rides_out_a_dead_backend(world, name):
    school, teacher, students = world
    statuses = assert_answered(burst(teacher, students, outage(name)))
    # The outage was felt, and the API answered again after it.
    assert 503 in statuses, statuses
    recovered(school, teacher, students[0])
    test_reconcile.assert_no_drift(school)


def test_grants_go_on_while_rabbitmq_is_down(world, admin_cloud):
    school, teacher, students = world
    statuses = assert_answered(burst(teacher, students, outage('rabbitmq')))
    # Nothing of a grant goes through RabbitMQ.
    assert statuses == [200] * BURST, statuses
    test_reconcile.assert_no_drift(school)
    _nova_services_up(admin_cloud)


def _nova_services_up(admin_cloud):
    """Nova's services find their broker again."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if all(service.state == 'up' for service in
               admin_cloud.compute.services()):
            return
        time.sleep(2)
    pytest.fail('Nova services did not come back after RabbitMQ')


def test_the_usage_listener_hears_nova_again_after_rabbitmq(admin_cloud):
    """After a RabbitMQ restart, a new server shows without a sweep."""
    platform = edu.platform_admin(conftest._secrets())
    school, teacher, klass = test_usage.class_of(platform, 'rabbit')
    student = school.enrol(klass, 's1')
    processes.start(processes.stop('rabbitmq'))
    _nova_services_up(admin_cloud)
    cloud = test_edu_api._student_cloud(school, student)
    try:
        offset = test_usage.log_size()
        server = _boot_after_restart(cloud)
        test_usage.measured_by_listener(
            teacher['persona'], student, offset,
            test_usage.usage_of(server.flavor))
    finally:
        cloud.close()


def test_a_keystone_just_started_serves_requests_at_once(admin_cloud):
    """The first requests of a fresh Keystone worker, at once, all served.

    Keystone builds its policy enforcer on a worker's first request and
    publishes it before its rules are in: the other requests of that
    moment got a 403 or a 500; the stack builds it before the worker
    serves (tools/stack/wsgi.py).
    """
    token = admin_cloud.session.get_token()
    starting = threading.Thread(target=processes.start,
                                args=(processes.stop('keystone'),))
    starting.start()
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if requests.get(conftest.KEYSTONE_URL, timeout=5).ok:
                break
        except requests.ConnectionError:
            time.sleep(0.05)
    else:
        pytest.fail('Keystone did not answer again')

    def listing(_index):
        return requests.get(conftest.KEYSTONE_URL + '/projects?limit=1000',
                            headers={'X-Auth-Token': token},
                            timeout=60).status_code

    with futures.ThreadPoolExecutor(16) as pool:
        statuses = list(pool.map(listing, range(16)))
    starting.join()
    assert statuses == [200] * 16, statuses


def _boot_after_restart(cloud, tries=3):
    """A server booted once Nova's RPC works again; ACTIVE.

    Nova's queues do not outlive RabbitMQ: a cast sent before a service
    has declared its queue again is dropped, and that server stays in
    BUILD. Such a server is deleted and another booted.
    """
    for attempt in range(tries):
        server = test_edu_api._boot(cloud, 'lab-%d' % attempt)
        try:
            return cloud.compute.wait_for_server(server, status='ACTIVE',
                                                 wait=60)
        except openstack.exceptions.ResourceTimeout:
            cloud.compute.delete_server(server)
            cloud.compute.wait_for_delete(server, wait=120)
    pytest.fail('no server became ACTIVE after the RabbitMQ restart')
