"""The Education API on the live stack: onboarding, grants, Nova.

Each test builds its own school through the API as the platform admin, so
the tests do not depend on each other or on the demo.
"""

import openstack
import pytest

from edu_rating import resources as catalogue

from tests.functional import edu


@pytest.fixture(scope='module')
def platform(secrets):
    return edu.platform_admin(secrets)


def keystone_limits(admin_cloud, project_id):
    """The unified limits Keystone holds for a project, in our names."""
    by_name = {lim.resource_name: lim.resource_limit
               for lim in admin_cloud.identity.limits(project_id=project_id)}
    return {resource.name: by_name.get(resource.keystone_limit)
            for resource in catalogue.CATALOGUE}


def test_onboarding_and_over_allocation(platform, admin_cloud):
    school = edu.School(platform, 'onboard', edu.grant(
        vcpu=8, ram_mb=8192, disk_gb=80, instances=8))
    t1 = school.add_teacher('t1', edu.grant(vcpu=4, ram_mb=4096,
                                            disk_gb=40, instances=4))
    t2 = school.add_teacher('t2', edu.grant(vcpu=4))
    # Every project the module creates has explicit limits at once.
    assert keystone_limits(admin_cloud, t2['id']) == edu.grant(vcpu=4)

    # The school has 8 vCPU and its teachers hold 8: one more is refused
    # with the numbers, and nothing changes.
    status, body = platform.put('/allocations/teacher/%s' % t2['id'],
                                json={'grant': {'vcpu': 5}})
    assert status == 409, body
    message = body['error']['message']
    assert 'has 8 vCPU' in message and 'would need 9' in message, message
    assert edu.expect(platform.get('/allocations/teacher/%s' % t2['id']),
                      200)['grant']['vcpu'] == 4
    assert keystone_limits(admin_cloud, t2['id'])['vcpu'] == 4

    school_view = edu.expect(
        platform.get('/allocations/school/%s' % school.id), 200)
    assert school_view['grant']['vcpu'] == 8
    assert school_view['delegated']['vcpu'] == 8
    assert school_view['free']['vcpu'] == 0

    # A class and a roster of three: each student gets the class default.
    klass = school.add_class(t1, edu.grant(vcpu=1, ram_mb=1024, disk_gb=10,
                                           instances=1))
    roster = 'name,email\nalice-%s,alice@example.org\nbob-%s,\n' \
             'zoé-<b>%s</b>,\n' % ((school.name,) * 3)
    created = edu.expect(t1['persona'].post(
        '/students/roster', params={'class_id': klass['id']},
        data=roster.encode('utf-8'),
        headers={'Content-Type': 'text/csv'}), 201)['students']
    assert len(created) == 3
    names = sorted(entry['student']['name'] for entry in created)
    # Unicode and HTML are kept verbatim; escaping is the display's job.
    assert 'zoé-<b>%s</b>' % school.name in names
    assert all(entry['password'] for entry in created)
    for entry in created:
        assert keystone_limits(admin_cloud, entry['student']['id']) == \
            edu.grant(vcpu=1, ram_mb=1024, disk_gb=10, instances=1)
    # The teacher project keeps the teacher's grant minus the students'.
    assert keystone_limits(admin_cloud, t1['id']) == edu.grant(
        vcpu=1, ram_mb=1024, disk_gb=10, instances=1)

    # T1 has 1 vCPU free: a student asking for 2 is refused, nobody is
    # created.
    before = edu.expect(t1['persona'].get(
        '/students', params={'class_id': klass['id']}), 200)['students']
    status, body = t1['persona'].post('/students', json={
        'class_id': klass['id'], 'name': school.name + '-greedy',
        'grant': edu.grant(vcpu=2)})
    assert status == 409, body
    assert '2' in body['error']['message']
    after = edu.expect(t1['persona'].get(
        '/students', params={'class_id': klass['id']}), 200)['students']
    assert len(after) == len(before) == 3
    assert not admin_cloud.identity.find_user(
        school.name + '-greedy', domain_id=school.id, ignore_missing=True)

    # One bad line rejects the whole roster, with its line number.
    status, body = t1['persona'].post(
        '/students/roster', params={'class_id': klass['id']},
        data=b'name,email\ncarol-x,\n,missing-name@example.org\n',
        headers={'Content-Type': 'text/csv'})
    assert status == 400, body
    assert 'line 3' in body['error']['message']
    assert not admin_cloud.identity.find_user(
        'carol-x', domain_id=school.id, ignore_missing=True)


def _boot(cloud, name, flavor='m1.tiny'):
    image = cloud.image.find_image('lab-image', ignore_missing=False)
    flavor = cloud.compute.find_flavor(flavor, ignore_missing=False)
    return cloud.compute.create_server(
        name=name, image_id=image.id, flavor_id=flavor.id, networks='none')


def _student_cloud(school, student):
    return openstack.connect(
        auth_url=edu.conftest.KEYSTONE_URL, username=student['name'],
        password=school.PASSWORD, user_domain_name=school.name,
        project_id=student['id'], region_name='RegionOne',
        identity_api_version='3')


def test_student_boots_up_to_the_grant_and_teacher_lowers_it(
        platform, admin_cloud):
    school = edu.School(platform, 'boot', edu.grant(
        vcpu=4, ram_mb=4096, disk_gb=40, instances=4))
    teacher = school.add_teacher('t1', edu.grant(
        vcpu=4, ram_mb=4096, disk_gb=40, instances=4))
    klass = school.add_class(teacher)
    student = school.enrol(klass, 's1', edu.grant(
        vcpu=2, ram_mb=1024, disk_gb=2, instances=2),
        caller=teacher['persona'])
    cloud = _student_cloud(school, student)
    try:
        first = _boot(cloud, 'lab-1')
        second = _boot(cloud, 'lab-2')
        for server in (first, second):
            assert cloud.compute.wait_for_server(
                server, status='ACTIVE', wait=180).status == 'ACTIVE'
        with pytest.raises(openstack.exceptions.ForbiddenException) as exc:
            _boot(cloud, 'lab-3')
        assert 'over a limit' in str(exc.value)

        # Two servers use 2 vCPU: the teacher cannot go below that ...
        path = '/allocations/enrolment/%s' % student['id']
        status, body = teacher['persona'].put(path, json={
            'grant': {'vcpu': 1}, 'reason': 'lab 2 is over'})
        assert status == 409, body
        assert 'uses 2 vCPU' in body['error']['message']
        # The grant shows both, with the time they were measured (after
        # Nova's notifications, within seconds).

        def both_in_use():
            view = edu.expect(teacher['persona'].get(path), 200)
            return view if view['in_use']['instances'] == 2 else None
        view = edu.wait_until('both servers in use', both_in_use,
                              timeout=90, pause=0.5)
        assert view['in_use']['vcpu'] == 2
        assert view['usage_measured_at']

        # ... until a server is gone; then Keystone's limit follows.
        cloud.compute.delete_server(second)
        cloud.compute.wait_for_delete(second, wait=120)
        edu.expect(teacher['persona'].put(path, json={
            'grant': {'vcpu': 1, 'instances': 1},
            'reason': 'lab 2 is over'}), 200)
        assert keystone_limits(admin_cloud, student['id'])['vcpu'] == 1
        assert keystone_limits(admin_cloud, teacher['id'])['vcpu'] == 3
        history = edu.expect(teacher['persona'].get(
            path + '/history', params={'resource': 'vcpu'}),
            200)['allocations']
        assert [row['amount'] for row in history] == [2, 1]
        assert history[0]['effective_to'] == history[1]['effective_from']
        assert history[1]['reason'] == 'lab 2 is over'

        # The student sees their own grant, not their neighbour's school.
        mine = edu.expect(student['persona'].get(path), 200)
        assert mine['grant']['vcpu'] == 1
        status, _ = student['persona'].get('/schools/%s' % school.id)
        assert status == 403

        # Removing a student never deletes servers silently.
        student_path = '/students/%s' % student['id']
        status, body = teacher['persona'].delete(student_path)
        assert status == 409, body
        assert cloud.compute.get_server(first.id).status == 'ACTIVE'
        status, _ = teacher['persona'].delete(
            student_path, params={'force': 'true'})
        assert status == 204
        cloud.compute.wait_for_delete(first, wait=120)
        assert keystone_limits(admin_cloud, teacher['id'])['vcpu'] == 4
        project = admin_cloud.identity.get_project(student['id'])
        assert project.is_enabled is False
    finally:
        cloud.close()


def _logs_in(name, password, school):
    """Whether Keystone gives ``name`` a token with ``password``."""
    return edu.login_refusal(name, password, school.name) is None


def test_password_resets(platform):
    school = edu.School(platform, 'reset', edu.grant(vcpu=4, instances=4))
    teacher = school.add_teacher('t1', edu.grant(vcpu=2, instances=2))
    klass = school.add_class(teacher)
    student = school.enrol(klass, 's1')

    new = 'N3w-' + school.PASSWORD

    def reset(caller, path, who):
        body = edu.expect(caller.patch(path, json={'password': new}), 200)
        assert new not in str(body)
        # A password someone else set is its user's to change at their
        # next login (Horizon asks); they may keep it.
        assert not _logs_in(who['name'], new, school)
        edu.choose_password(who['user_id'], new)
        assert _logs_in(who['name'], new, school)
        assert not _logs_in(who['name'], school.PASSWORD, school)

    # The school admin resets the teacher's; the teacher, logged in with
    # the new one, their student's.
    reset(school.admin, '/teachers/' + teacher['id'], teacher)
    reset(edu.project_member(teacher['name'], new, school.name,
                             teacher['id']),
          '/students/' + student['id'], student)

    # Empty is refused and changes nothing.
    status, body = platform.patch('/students/' + student['id'],
                                  json={'password': ''})
    assert status == 400 and body['error']['error_code'] == 'field.empty'
    assert _logs_in(student['name'], new, school)
