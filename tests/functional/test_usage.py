"""The usage sweep on the live stack: one Nova listing, lists show it.

A student boots a lab machine; one run of ``edu-usage`` (the stack also
runs it every minute) stores what every managed project uses, and the
student list, the student and the school's allocation show it without
asking Placement per project.
"""

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


def test_a_booted_server_shows_in_the_lists(platform):
    school = edu.School(platform, 'usage', edu.grant(
        vcpu=4, ram_mb=4096, disk_gb=40, instances=4))
    teacher = school.add_teacher('t', edu.grant(
        vcpu=4, ram_mb=4096, disk_gb=40, instances=4))
    klass = school.add_class(teacher, edu.grant(
        vcpu=2, ram_mb=1024, disk_gb=2, instances=2))
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
        assert used == edu.grant(vcpu=flavor.vcpus, ram_mb=flavor.ram,
                                 disk_gb=flavor.disk, instances=1), used
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
