"""Usage on the live stack: the sweep, and Nova's notifications.

A student boots a lab machine; one run of ``edu-usage`` (the stack also
runs it every minute) stores what every managed project uses, and the
student list, the student and the school's allocation show it without
asking Placement per project. Between sweeps, ``edu-usage --listen``
measures a project again when Nova notifies that one of its servers
changed.
"""

import datetime
import subprocess

import pytest

from tests.functional import conftest
from tests.functional import edu
from tests.functional import test_edu_api


@pytest.fixture(scope='module')
def platform(secrets):
    return edu.platform_admin(secrets)


def _sweep():
    done = subprocess.run(
        [str(conftest.STACK / 'venv' / 'bin' / 'edu-usage'), '--config-file',
         str(conftest.STACK / 'etc' / 'cloudkitty' / 'cloudkitty.conf')],
        capture_output=True, text=True, timeout=120, check=True)
    assert done.stdout.splitlines()[-1].startswith('projects: '), done.stdout


def class_of(platform, name):
    """A school whose one teacher has a class of room for a lab machine."""
    school = edu.School(platform, name, edu.grant(
        vcpu=4, ram_mb=4096, disk_gb=40, instances=4))
    teacher = school.add_teacher('t', edu.grant(
        vcpu=4, ram_mb=4096, disk_gb=40, instances=4))
    klass = school.add_class(teacher, edu.grant(
        vcpu=2, ram_mb=1024, disk_gb=2, instances=2))
    return school, teacher, klass


def test_a_booted_server_shows_in_the_lists(platform):
    school, teacher, klass = class_of(platform, 'usage')
    student = school.enrol(klass, 's1')
    other = school.enrol(klass, 's2')
    cloud = test_edu_api._student_cloud(school, student)
    try:
        server = test_edu_api._boot(cloud, 'lab-1')
        server = cloud.compute.wait_for_server(server, status='ACTIVE',
                                               wait=180)
        flavor = server.flavor
        _sweep()
        listed = {item['name']: item for item in edu.expect(
            teacher['persona'].get('/students',
                                   params={'class_id': klass['id']}),
            200)['students']}
        used = listed[student['name']]['in_use']
        assert used == usage_of(flavor), used
        assert listed[other['name']]['in_use'] == edu.grant()
        assert listed[student['name']]['usage_measured_at']
        # The school's allocation sums its projects from the same sweep.
        school_view = edu.expect(school.admin.get(
            '/allocations/school/%s' % school.id), 200)
        assert school_view['in_use']['vcpu'] == flavor.vcpus

        cloud.compute.delete_server(server)
        cloud.compute.wait_for_delete(server, wait=120)
        _sweep()
        assert edu.expect(teacher['persona'].get(
            '/students/%s' % student['id']), 200)['student'][
            'in_use'] == edu.grant()
    finally:
        cloud.close()


def _listener_lines(project_id, offset):
    """The listener's log lines naming the project, after byte offset."""
    with open(conftest.STACK / 'logs' / 'edu-usage.log', 'rb') as log:
        log.seek(offset)
        text = log.read().decode('utf-8', 'replace')
    return [line for line in text.splitlines()
            if "after Nova's notifications at" in line and project_id in line]


def usage_of(flavor):
    """What one server of ``flavor`` uses, as the API shows it."""
    return edu.grant(vcpu=flavor.vcpus, ram_mb=flavor.ram,
                     disk_gb=flavor.disk, instances=1)


def log_size():
    return (conftest.STACK / 'logs' / 'edu-usage.log').stat().st_size


def measured_by_listener(persona, student, offset, expected):
    """The student's grant once its in_use is ``expected``, as measured.

    Measured by the listener: its usage_measured_at is a time the listener
    logged for the student's project.
    """
    path = '/allocations/enrolment/%s' % student['id']

    def check():
        view = edu.expect(persona.get(path), 200)
        if view['in_use'] != expected or not view['usage_measured_at']:
            return None
        at = datetime.datetime.fromisoformat(view['usage_measured_at'])
        logged = {datetime.datetime.fromisoformat(
            line.split(' at ', 1)[1].split(': ', 1)[0])
            for line in _listener_lines(student['id'], offset)}
        return view if at in logged else None
    return edu.wait_until('the listener to measure %s' % student['name'],
                          check, timeout=90, pause=0.5)


def test_nova_notifications_measure_the_project_again(platform):
    """Booting and deleting show on the student's grant without a sweep.

    Nova notifies, and edu-usage --listen measures the project again.
    """
    school, teacher, klass = class_of(platform, 'listen')
    student = school.enrol(klass, 's1')
    cloud = test_edu_api._student_cloud(school, student)
    try:
        offset = log_size()
        server = cloud.compute.wait_for_server(
            test_edu_api._boot(cloud, 'lab-1'), status='ACTIVE', wait=180)
        measured_by_listener(teacher['persona'], student, offset,
                             usage_of(server.flavor))

        offset = log_size()
        cloud.compute.delete_server(server)
        cloud.compute.wait_for_delete(server, wait=120)
        measured_by_listener(teacher['persona'], student, offset, edu.grant())
    finally:
        cloud.close()
