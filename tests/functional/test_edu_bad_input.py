"""Bad input gets a clear 4xx and changes nothing; names are kept as typed."""

import pytest

from tests.functional import conftest
from tests.functional import edu


@pytest.fixture(scope='module')
def world(secrets):
    platform = edu.platform_admin(secrets)
    school = edu.School(platform, 'bad', edu.grant(vcpu=8, instances=8))
    teacher = school.add_teacher('t1', edu.grant(vcpu=4, instances=4))
    klass = school.add_class(teacher)
    other = edu.School(platform, 'bad-other', edu.grant(vcpu=2))
    other_teacher = other.add_teacher('t1', edu.grant(vcpu=1))
    return platform, school, teacher, klass, other, other_teacher


@pytest.mark.parametrize('grant,field', [
    ({'vcpu': -1}, 'vcpu'),
    ({'vcpu': 10 ** 12}, 'vcpu'),
    ({'vcpu': 'two'}, 'vcpu'),
    ({'vcpu': 1.5}, 'vcpu'),
    ({'gpus': 1}, 'gpus'),
])
def test_bad_amounts_are_refused_and_change_nothing(world, grant, field):
    platform, school, teacher, _, _, _ = world
    path = '/allocations/teacher/%s' % teacher['id']
    status, body = platform.put(path, json={'grant': grant})
    assert status == 400, body
    assert field in body['error']['message']
    assert edu.expect(platform.get(path), 200)['grant']['vcpu'] == 4


def test_a_refusal_speaks_the_callers_language(world):
    platform, school, teacher, _, _, _ = world
    path = '/allocations/teacher/%s' % teacher['id']
    asked = {'grant': {'vcpu': 9}}
    english = edu.expect(platform.put(path, json=asked), 409)['error']
    chinese = edu.expect(platform.put(path, json=asked, headers={
        'Accept-Language': 'zh-CN,zh;q=0.9'}), 409)['error']
    # The school has 8 vCPU, the teacher holds 4 of them: 4 are free.
    for error in (english, chinese):
        assert error['error_code'] == 'grant.exceeds_parent', error
        assert error['details'] == {
            'resource': 'vcpu', 'available': 8, 'held': 4, 'free': 4,
            'asked': 5, 'needed': 9}, error
    assert 'so 4 are free' in english['message'], english
    assert '剩余 4' in chinese['message'], chinese
    assert 'already' not in chinese['message'], chinese
    resp = platform.http.request(
        edu.PREFIX + '/classes/999999999', 'GET', raise_exc=False,
        headers={'Accept-Language': 'zh-Hans'})
    assert resp.status_code == 404
    assert resp.headers['Content-Language'] == 'zh-hans'
    assert resp.json()['error']['error_code'] == 'class.not_found'
    assert resp.json()['error']['message'] == '找不到课程 999999999。'
    assert edu.expect(platform.get(path), 200)['grant']['vcpu'] == 4


def test_unknown_ids_are_404(world):
    platform = world[0]
    for path in ('/teachers/no-such-teacher', '/students/no-such-student',
                 '/classes/999999999', '/schools/no-such-school',
                 '/allocations/enrolment/no-such-student'):
        status, body = platform.get(path)
        assert status == 404, (path, body)
        assert body['error']['message']
    status, body = platform.get('/allocations/galaxy/x')
    assert status == 400, body


def test_another_schools_ids_are_refused(world):
    _, school, teacher, klass, other, other_teacher = world
    for path in ('/teachers/%s' % other_teacher['id'],
                 '/allocations/school/%s' % other.id,
                 '/allocations/teacher/%s' % other_teacher['id']):
        status, body = school.admin.get(path)
        assert status == 403, (path, body)
    # A teacher cannot enrol into another teacher's class.
    status, body = other_teacher['persona'].post('/students', json={
        'class_id': klass['id'], 'name': edu.unique('intruder')})
    assert status == 403, body


@pytest.mark.parametrize('csv', [
    b'',
    b'email\nnobody@example.org\n',
    b'name\n\xff\xfe\x00garbage\n',
    b'name\nsame-name\nsame-name\n',
    b'name,email\nok-name,\n"unterminated,\n',
])
def test_malformed_rosters_create_nobody(world, admin_cloud, csv):
    platform, school, _, klass, _, _ = world
    before = edu.expect(platform.get(
        '/students', params={'class_id': klass['id']}), 200)['students']
    status, body = platform.post(
        '/students/roster', params={'class_id': klass['id']}, data=csv,
        headers={'Content-Type': 'text/csv'})
    assert status == 400, body
    assert body['error']['message']
    after = edu.expect(platform.get(
        '/students', params={'class_id': klass['id']}), 200)['students']
    assert after == before
    assert not admin_cloud.identity.find_user(
        'ok-name', domain_id=school.id, ignore_missing=True)


def test_html_names_are_stored_verbatim_and_shown_escaped(world):
    platform, school, _, klass, _, _ = world
    name = '<b>%s</b>-élève' % school.name[-8:]
    student = edu.expect(platform.post('/students', json={
        'class_id': klass['id'], 'name': name}), 201)['student']
    assert student['name'] == name

    dashboard = conftest.Dashboard()
    landed = dashboard.login(school.name + '-admin', school.PASSWORD,
                             school.name)
    assert landed.status_code == 200
    page = dashboard.get('/edu/school/?tab=members__students')
    assert page.status_code == 200
    assert '&lt;b&gt;%s&lt;/b&gt;-élève' % school.name[-8:] in page.text
    assert name not in page.text
