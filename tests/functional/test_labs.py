"""Labs on the live stack: a class launches from a template, then ends.

A class of ten students on Nova's fake driver: the teacher makes a
template and launches it for the whole class in one job (one student,
whose grant was lowered, is refused by Nova with its reason); a student
launches one more in one click. The class's end is then run by the
``edu-lifecycle`` command with its clock moved by ``--now`` (a test hook):
the machines are locked and shelved and leave Placement; extending the
term lets the students unshelve; after the grace period the machines are
deleted, the grants return to the teacher and the class is archived; the
teacher hands the freed capacity back, which lowers their grant and bills
the time before in a settlement invoice.
"""

import concurrent.futures
import datetime
import email
import email.policy
import json
import socket
import subprocess

import pytest

from tests.functional import conftest
from tests.functional import edu

STUDENTS = 10
PER_STUDENT = edu.grant(vcpu=2, ram_mb=1024, disk_gb=2, instances=2)
RATES = {'vcpu': '36', 'ram_mb': '0.01', 'disk_gb': '0.01',
         'instances': '0.01'}
OFFLOADED = 'SHELVED_OFFLOADED'


def lifecycle(class_id, now=None, config_files=()):
    """One ``edu-lifecycle`` pass over the class; its JSON report."""
    args = [str(conftest.STACK / 'venv' / 'bin' / 'edu-lifecycle'),
            '--config-file',
            str(conftest.STACK / 'etc' / 'cloudkitty' / 'cloudkitty.conf'),
            '--class', str(class_id)]
    for path in config_files:
        args += ['--config-file', str(path)]
    if now is not None:
        args += ['--now', now.isoformat()]
    done = subprocess.run(args, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def finished(caller, job_id):
    """The job once done (its state and a result per student)."""
    def done():
        job = edu.expect(caller.get('/jobs/%d' % job_id), 200)['job']
        return job['state'] == 'done' and job
    return edu.wait_until('job %d' % job_id, done)


def machines(caller, **params):
    return edu.expect(caller.get('/machines', params=params), 200)[
        'machines']


def all_in(caller, class_id, status, count):
    found = machines(caller, class_id=class_id)
    return (len(found) == count and
            all(m['status'] == status and m['task_state'] is None
                for m in found) and found)


@pytest.fixture(scope='module')
def world(secrets, admin_cloud):
    platform = edu.platform_admin(secrets)
    school = edu.School(platform, 'labs', edu.grant(
        vcpu=64, ram_mb=32768, disk_gb=64, instances=64))
    plan = edu.expect(school.admin.post('/plans', json={
        'issuer': school.id, 'name': edu.unique('plan'), 'currency': 'EUR',
        'rates': RATES}), 201)['plan']
    edu.expect(school.admin.put('/plan_assignments', json={
        'issuer': school.id, 'plan_id': plan['id']}), 200)
    teacher = school.add_teacher('t1', edu.grant(
        vcpu=30, ram_mb=16384, disk_gb=30, instances=30))
    klass = school.add_class(teacher, PER_STUDENT)
    roster = 'name,password\n' + ''.join(
        '%s-s%d,%s\n' % (school.name, n, school.PASSWORD)
        for n in range(1, STUDENTS + 1))
    students = edu.expect(teacher['persona'].post(
        '/students/roster', data=roster.encode(),
        headers={'Content-Type': 'text/csv'},
        params={'class_id': klass['id']}), 201)['students']
    students = sorted((s['student'] for s in students),
                      key=lambda s: s['name'])
    image = admin_cloud.image.find_image('lab-image', ignore_missing=False)
    return platform, school, teacher, klass, students, image


def test_a_template_must_fit_the_class_grant(world):
    _, _, teacher, klass, _, image = world
    error = edu.expect(teacher['persona'].post('/templates', json={
        'class_id': klass['id'], 'name': 'too big', 'image_id': image.id,
        'size': {'vcpu': 4, 'ram_mb': 4096, 'disk_gb': 20}}), 409)['error']
    assert error['error_code'] == 'template.over_grant'
    assert '4 vCPU' in error['message'] and '2 vCPU' in error['message']
    error = edu.expect(teacher['persona'].post('/templates', json={
        'class_id': klass['id'], 'name': 'no image',
        'image_id': 'not-an-image', 'flavor_id': 'm1.tiny'}), 400)['error']
    assert error['error_code'] == 'template.image_unknown'


def test_a_class_launches_ends_and_hands_its_capacity_back(
        world, admin_cloud):
    platform, school, teacher, klass, students, image = world
    tutor = teacher['persona']
    template = edu.expect(tutor.post('/templates', json={
        'class_id': klass['id'], 'name': 'Linux lab', 'image_id': image.id,
        'size': {'vcpu': 1, 'ram_mb': 512, 'disk_gb': 1},
        'user_data': '#cloud-config\npackages: [gcc]\n'}), 201)['template']
    assert template['flavor_name'] == 'm1.tiny'
    assert template['size']['instances'] == 1

    # The last student's own grant leaves no room for a vCPU.
    unlucky = students[-1]
    edu.expect(tutor.put('/allocations/enrolment/%s' % unlucky['id'],
                         json={'grant': {'vcpu': 0}}), 200)

    # One job launches for the whole class; a retry launches nothing new.
    for attempt in ('first', 'retry'):
        job = edu.expect(tutor.post('/jobs', json={
            'class_id': klass['id'], 'action': 'launch',
            'template_id': template['id']}), 202)['job']
        job = finished(tutor, job['id'])
        by_student = {r['student_id']: r for r in job['results']}
        refused = by_student[unlucky['id']]
        assert refused['status'] == 'refused', refused
        assert 'class:VCPU' in refused['message'], refused
        expected = 'launched' if attempt == 'first' else 'skipped'
        assert job['counts'][expected] == STUDENTS - 1, job
    assert edu.wait_until('machines to be active', lambda: all_in(
        tutor, klass['id'], 'ACTIVE', STUDENTS - 1))

    # A student launches one more in one click, into their own project.
    first = students[0]
    edu.choose_password(first['user_id'], school.PASSWORD)
    pupil = edu.project_member(first['name'], school.PASSWORD, school.name,
                               first['id'])
    (listed,) = edu.expect(pupil.get('/templates', params={
        'student_id': first['id']}), 200)['templates']
    assert listed['id'] == template['id']
    machine = edu.expect(pupil.post('/machines', json={
        'student_id': first['id'], 'template_id': template['id']}),
        201)['machine']
    assert machine['project_id'] == first['id']
    assert admin_cloud.compute.get_server(machine['id']).user_id == \
        first['user_id']
    assert edu.wait_until('all machines active', lambda: all_in(
        tutor, klass['id'], 'ACTIVE', STUDENTS))

    # The term ended yesterday: the next pass locks and shelves.
    yesterday = datetime.date.today() - datetime.timedelta(days=1)
    edu.expect(tutor.patch('/classes/%d' % klass['id'], json={
        'term_end': yesterday.isoformat()}), 200)
    assert lifecycle(klass['id'])['end'] == [klass['id']]
    shelved = edu.wait_until('machines to be offloaded', lambda: all_in(
        tutor, klass['id'], OFFLOADED, STUDENTS))
    assert all(m['locked'] for m in shelved)
    usages = admin_cloud.placement.get(
        '/usages', params={'project_id': first['id']},
        microversion='1.9').json()['usages']
    assert not any(usages.values()), usages
    shown = edu.expect(tutor.get('/classes/%d' % klass['id']), 200)['class']
    assert shown['term']['phase'] == 'ended'
    edu.expect(tutor.post('/jobs', json={
        'class_id': klass['id'], 'action': 'launch',
        'template_id': template['id']}), 409)
    student_cloud = conftest.openstack.connect(
        auth_url=conftest.KEYSTONE_URL, username=first['name'],
        password=school.PASSWORD, user_domain_name=school.name,
        project_id=first['id'], project_domain_name=school.name,
        region_name='RegionOne', identity_api_version='3')
    with pytest.raises(conftest.openstack.exceptions.HttpException) as no:
        student_cloud.compute.unshelve_server(machine['id'])
    assert no.value.status_code == 409 and 'locked' in str(no.value)

    # Extended: unlocked, the student unshelves to fetch their work.
    edu.expect(tutor.patch('/classes/%d' % klass['id'], json={
        'term_end': (yesterday + datetime.timedelta(days=8)).isoformat()}),
        200)
    assert not any(m['locked'] for m in machines(tutor,
                                                 class_id=klass['id']))
    student_cloud.compute.unshelve_server(machine['id'])
    edu.wait_until('the unshelve', lambda: admin_cloud.compute.get_server(
        machine['id']).status == 'ACTIVE')
    edu.expect(tutor.patch('/classes/%d' % klass['id'], json={
        'term_end': yesterday.isoformat()}), 200)
    assert lifecycle(klass['id'])['end'] == [klass['id']]
    edu.wait_until('machines to be offloaded again', lambda: all_in(
        tutor, klass['id'], OFFLOADED, STUDENTS))

    # After the grace period (the clock moved by the test hook).
    machine_ids = {m['id'] for m in machines(tutor, class_id=klass['id'])}
    grace_over = datetime.datetime.now(datetime.timezone.utc) + \
        datetime.timedelta(days=15)
    # Two copies of the job at once archive the class once.
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        reports = list(pool.map(lambda _n: lifecycle(
            klass['id'], now=grace_over), range(2)))
    assert sorted(r['archive'] for r in reports) == [[], [klass['id']]]
    assert [r['failed'] for r in reports] == [[], []]
    edu.wait_until('machines to be deleted', lambda: not machines(
        platform, class_id=klass['id']) or None)
    shown = edu.expect(tutor.get('/classes/%d' % klass['id']), 200)['class']
    assert shown['term']['phase'] == 'archived' and shown['closed_at']
    freed = edu.grant(vcpu=2 * (STUDENTS - 1), ram_mb=1024 * STUDENTS,
                      disk_gb=2 * STUDENTS, instances=2 * STUDENTS)
    assert shown['term']['freed'] == freed
    held = edu.expect(tutor.get('/allocations/teacher/%s' % teacher['id']),
                      200)
    assert held['delegated'] == edu.grant()
    # No shelve snapshot is left behind (the unshelve could not delete its
    # own: the broker's project owns it).
    assert not [image.name for image in admin_cloud.image.images()
                if getattr(image, 'instance_uuid', None) in machine_ids]
    project = admin_cloud.identity.get_project(first['id'])
    assert project.is_enabled is False
    events = edu.expect(platform.get('/audit', params={
        'school_id': school.id, 'action': 'edu:class:lifecycle'}),
        200)['events']
    assert {e['action'] for e in events} >= {
        'edu:class:lifecycle:end', 'edu:class:lifecycle:reopen',
        'edu:class:lifecycle:archive'}
    assert [e['actor_name'] for e in events
            if e['action'].endswith(':archive')] == ['edu-lifecycle']

    # Handing back lowers the teacher's grant and bills the time before.
    before = [i['id'] for i in edu.expect(platform.get('/invoices', params={
        'payer_id': teacher['id']}), 200)['invoices']]
    body = edu.expect(tutor.post('/classes/%d/hand_back' % klass['id']),
                      200)
    assert body['grant']['grant'] == edu.grant(
        vcpu=30 - 18, ram_mb=16384 - 10240, disk_gb=30 - 20,
        instances=30 - 20)
    settlements = [i for i in edu.expect(platform.get('/invoices', params={
        'payer_id': teacher['id']}), 200)['invoices']
        if i['id'] not in before]
    assert [i['kind'] for i in settlements] == ['settlement']
    assert float(settlements[0]['total']) > 0
    edu.expect(tutor.post('/classes/%d/hand_back' % klass['id']), 409)


def test_resizing_a_lab_machine_stays_within_the_grant(secrets, admin_cloud):
    """Horizon's own resize: Nova refuses beyond the student's grant.

    Confirming or reverting leaves Placement counting the right flavor.
    """
    platform = edu.platform_admin(secrets)
    school = edu.School(platform, 'resize', edu.grant(
        vcpu=8, ram_mb=8192, disk_gb=40, instances=4))
    teacher = school.add_teacher('t1', edu.grant(
        vcpu=4, ram_mb=4096, disk_gb=20, instances=2))
    # Nova's unified limits count a resize as one more server: a student
    # resizes only with room for a second instance.
    klass = school.add_class(teacher, edu.grant(
        vcpu=3, ram_mb=3072, disk_gb=12, instances=2))
    student = school.enrol(klass, 's1')
    image = admin_cloud.image.find_image('lab-image', ignore_missing=False)
    template = edu.expect(teacher['persona'].post('/templates', json={
        'class_id': klass['id'], 'name': 'tiny', 'image_id': image.id,
        'flavor_id': 'm1.tiny'}), 201)['template']
    machine = edu.expect(student['persona'].post('/machines', json={
        'student_id': student['id'], 'template_id': template['id']}),
        201)['machine']
    cloud = conftest.openstack.connect(
        auth_url=conftest.KEYSTONE_URL, username=student['name'],
        password=school.PASSWORD, user_domain_name=school.name,
        project_id=student['id'], project_domain_name=school.name,
        region_name='RegionOne', identity_api_version='3')
    compute = cloud.compute
    server = compute.wait_for_server(compute.get_server(machine['id']),
                                     status='ACTIVE', wait=180)
    flavors = {f.name: f for f in compute.flavors()}

    def usage():
        found = admin_cloud.placement.get(
            '/usages', params={'project_id': student['id']},
            microversion='1.9').json()['usages']
        return (found.get('VCPU', 0), found.get('MEMORY_MB', 0),
                found.get('DISK_GB', 0))

    # 4 vCPUs: over the grant of 3.
    with pytest.raises(conftest.openstack.exceptions.HttpException) as no:
        compute.resize_server(server, flavors['m1.medium'].id)
    assert no.value.status_code == 403 and 'class:VCPU' in str(no.value)
    assert usage() == (1, 512, 1)

    compute.resize_server(server, flavors['m1.small'].id)
    server = compute.wait_for_server(server, status='VERIFY_RESIZE',
                                     wait=180)
    compute.confirm_server_resize(server)
    server = compute.wait_for_server(server, status='ACTIVE', wait=180)
    assert server.flavor.original_name == 'm1.small'
    edu.wait_until('Placement to count m1.small',
                   lambda: usage() == (2, 2048, 10))

    compute.resize_server(server, flavors['m1.tiny'].id)
    server = compute.wait_for_server(server, status='VERIFY_RESIZE',
                                     wait=180)
    compute.revert_server_resize(server)
    server = compute.wait_for_server(server, status='ACTIVE', wait=180)
    assert server.flavor.original_name == 'm1.small'
    edu.wait_until('Placement to count m1.small again',
                   lambda: usage() == (2, 2048, 10))


class Inbox(object):
    """An SMTP server on 127.0.0.1 keeping what it receives."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((sorted(envelope.rcpt_tos),
                              email.message_from_bytes(
                                  envelope.content,
                                  policy=email.policy.default)))
        return '250 OK'


@pytest.fixture
def inbox(tmp_path):
    from aiosmtpd import controller
    box = Inbox()
    # aiosmtpd checks its server by connecting to the port it was given:
    # a free one, not 0.
    with socket.socket() as probe:
        probe.bind(('127.0.0.1', 0))
        port = probe.getsockname()[1]
    smtp = controller.Controller(box, hostname='127.0.0.1', port=port)
    smtp.start()
    conf = tmp_path / 'smtp.conf'
    conf.write_text('[edu_labs]\nsmtp_host = 127.0.0.1\nsmtp_port = %d\n'
                    'mail_from = labs@edu.test\n' % smtp.port)
    yield box, conf
    smtp.stop()


def test_teacher_and_students_are_e_mailed_once_before_the_end(
        secrets, inbox):
    box, smtp_conf = inbox
    platform = edu.platform_admin(secrets)
    school = edu.School(platform, 'warn', edu.grant(vcpu=4, instances=4))
    teacher = school.add_teacher('t1', edu.grant(vcpu=2, instances=2),
                                 email='teacher@edu.test')
    ends = datetime.date.today() + datetime.timedelta(days=3)
    klass = edu.expect(platform.post('/classes', json={
        'teacher_id': teacher['id'], 'name': 'Networks 101',
        'term_end': ends.isoformat(),
        'default_grant': edu.grant(vcpu=1, instances=1)}), 201)['class']
    assert klass['term']['phase'] == 'ending'
    for n in (1, 2):
        edu.expect(platform.post('/students', json={
            'class_id': klass['id'], 'name': '%s-s%d' % (school.name, n),
            'email': 's%d@edu.test' % n}), 201)

    # Without SMTP the pass sends nothing (the dashboard still warns).
    assert lifecycle(klass['id'])['warn'] == []
    assert lifecycle(klass['id'], config_files=[smtp_conf])['warn'] == [
        klass['id']]
    (recipients, message), = box.messages
    assert recipients == ['s1@edu.test', 's2@edu.test', 'teacher@edu.test']
    assert 'Networks 101' in message['Subject'] and \
        ends.isoformat() in message['Subject']
    body = message.get_content()
    assert 'save your work' in body and '保存' in body
    # Once: a second pass sends nothing more.
    assert lifecycle(klass['id'], config_files=[smtp_conf])['warn'] == []
    assert len(box.messages) == 1
    # A new end gets its own warning.
    edu.expect(platform.patch('/classes/%d' % klass['id'], json={
        'term_end': (ends + datetime.timedelta(days=1)).isoformat()}), 200)
    assert lifecycle(klass['id'], config_files=[smtp_conf])['warn'] == [
        klass['id']]
    assert len(box.messages) == 2
