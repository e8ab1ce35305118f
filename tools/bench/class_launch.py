"""Figures for tools/bench/class_launch (see there).

The job runs in this process on the stack's own configuration (as
tools/bench/reconcile does), its calls counted at keystoneauth's
Session.request by service (tools/bench/pages' Counter). The baseline is
the ``openstack`` command a teacher would type, once per student, with
``--debug`` so that its requests can be counted from its log.
"""

import argparse
import collections
import os
import re
import subprocess
import time

from keystoneauth1.identity import v3
from keystoneauth1 import session as ks_session

from tests.functional import conftest
from tests.functional import edu
from tools.bench import pages
from tools.bench import reconcile as reconcile_bench

PASSWORD = 'Bench-lab-1'
# Each student may hold two tiny machines: the job's and the baseline's.
STUDENT_GRANT = edu.grant(vcpu=2, ram_mb=1024, disk_gb=2, instances=2)
REQUEST = re.compile(r'REQ: curl -g -i -X (\w+) https?://[^:/]+:(\d+)')


def world(platform, school_name, students):
    """The school, its teacher, the class and its students (resumable)."""
    found = edu.expect(platform.get('/schools', params={
        'name': school_name}), 200)['schools']
    if not found:
        edu.expect(platform.post('/schools', json={
            'name': school_name, 'admin': {'name': school_name + '-admin',
                                           'password': PASSWORD},
            'grant': edu.grant(vcpu=4 * students, ram_mb=2048 * students,
                               disk_gb=4 * students,
                               instances=4 * students)}), 201)
        found = edu.expect(platform.get('/schools', params={
            'name': school_name}), 200)['schools']
    school = found[0]
    assert school['enabled'], (
        'school %s is disabled: give another --school' % school_name)
    name = school_name + '-teacher'
    teachers = edu.expect(platform.get('/teachers', params={
        'school_id': school['id']}), 200)['teachers']
    if not teachers:
        teacher = edu.expect(platform.post('/teachers', json={
            'school_id': school['id'], 'name': name, 'password': PASSWORD,
            'grant': edu.grant(vcpu=2 * students, ram_mb=1024 * students,
                               disk_gb=2 * students,
                               instances=2 * students)}), 201)['teacher']
        edu.choose_password(teacher['user_id'], PASSWORD)
    else:
        teacher = teachers[0]
    classes = edu.expect(platform.get('/classes', params={
        'teacher_id': teacher['id']}), 200)['classes']
    klass = classes[0] if classes else edu.expect(platform.post(
        '/classes', json={'teacher_id': teacher['id'], 'name': 'Bench lab',
                          'default_grant': STUDENT_GRANT}), 201)['class']
    roster = 'name\n' + ''.join('%s-s%02d\n' % (school_name, n)
                                for n in range(students))
    edu.expect(platform.post('/students/roster', data=roster.encode(),
                             headers={'Content-Type': 'text/csv'},
                             params={'class_id': klass['id'],
                                     'skip_enrolled': 'true'}), 201)
    enrolled = edu.expect(platform.get('/students', params={
        'class_id': klass['id'], 'limit': 1000}), 200)['students']
    return school, teacher, klass, enrolled


def servers_of(admin_cloud, project_ids):
    return [s for s in admin_cloud.compute.servers(all_projects=True)
            if s.project_id in project_ids]


def wait(admin_cloud, project_ids, done, timeout=900):
    """Seconds until ``done(servers)`` holds for the class's servers."""
    started = time.perf_counter()
    while not done(servers_of(admin_cloud, project_ids)):
        assert time.perf_counter() - started < timeout, 'timed out'
        time.sleep(1)
    return time.perf_counter() - started


def run_job(counter, actor, klass_id, action, template_id=None):
    from edu_rating.db import api as db_api
    from edu_rating.management.services import lab_jobs
    counter.reset()
    started = time.perf_counter()
    job = lab_jobs.start(actor, klass_id, action, template_id)
    while db_api.get_instance().get_job(job['id']).finished_at is None:
        time.sleep(0.2)
    seconds = time.perf_counter() - started
    job = lab_jobs.get(actor, job['id'])
    return seconds, dict(counter.calls), job['counts']


def openstack(args, project_id, env):
    """One ``openstack`` command as the teacher in a student's project."""
    done = subprocess.run(
        [str(conftest.STACK / 'venv' / 'bin' / 'openstack'), '--debug',
         '--os-project-id', project_id] + args,
        capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    return collections.Counter(pages.PORTS.get(int(port), port)
                               for _method, port in
                               REQUEST.findall(done.stderr))


def sequential(args_of, students, env):
    """One command per student, one after the other: seconds, calls."""
    calls = collections.Counter()
    started = time.perf_counter()
    for student in students:
        calls += openstack(args_of(student), student['id'], env)
    return time.perf_counter() - started, dict(calls)


def show(label, seconds, calls, extra=''):
    print('%-44s %7.1f s  %s%s' % (label, seconds, ', '.join(
        '%s %d' % item for item in sorted(calls.items())), extra),
        flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('--students', type=int, default=40)
    parser.add_argument('--school', default='bench-lab',
                        help='the school the run makes, or reuses')
    parser.add_argument('--workers', type=int, default=0,
                        help='[edu_labs] job_workers for the job (default: '
                             'the stack\'s option)')
    args = parser.parse_args()
    secrets = conftest._secrets()
    platform = edu.platform_admin(secrets)
    school, teacher, klass, students = world(platform, args.school,
                                             args.students)
    ids = {s['id'] for s in students}
    os.environ['OS_CLIENT_CONFIG_FILE'] = str(conftest.STACK /
                                              'clouds.yaml')
    import openstack as sdk
    admin_cloud = sdk.connect(cloud='edu-admin')
    for server in servers_of(admin_cloud, ids):
        admin_cloud.compute.delete_server(server)
    wait(admin_cloud, ids, lambda found: not found)
    image = admin_cloud.image.find_image('lab-image', ignore_missing=False)
    templates = edu.expect(platform.get('/templates', params={
        'class_id': klass['id']}), 200)['templates']
    template = templates[0] if templates else edu.expect(platform.post(
        '/templates', json={'class_id': klass['id'], 'name': 'bench',
                            'image_id': image.id,
                            'flavor_id': 'm1.tiny'}), 201)['template']

    reconcile_bench.load_stack_configuration()
    from edu_rating.management.services import actor as actor_mod
    auth = v3.Password(auth_url=conftest.KEYSTONE_URL,
                       username=teacher['name'], password=PASSWORD,
                       user_domain_name=args.school,
                       project_id=teacher['id'])
    session = ks_session.Session(auth=auth)
    actor = actor_mod.Actor(session.get_user_id(),
                            project_id=teacher['id'],
                            token=session.get_token())
    counter = pages.Counter()
    from oslo_config import cfg
    if args.workers:
        cfg.CONF.set_override('job_workers', args.workers, 'edu_labs')
    print('%d students, fake driver, [edu_labs] job_workers %d'
          % (len(students), cfg.CONF.edu_labs.job_workers), flush=True)

    seconds, calls, counts = run_job(counter, actor, klass['id'], 'launch',
                                     template['id'])
    active = wait(admin_cloud, ids, lambda found: len(found) == len(ids) and
                  all(s.status == 'ACTIVE' for s in found))
    show('class job: launch', seconds, calls,
         '; all ACTIVE %.1f s later; %s' % (active, counts))
    seconds, calls, counts = run_job(counter, actor, klass['id'], 'delete')
    gone = wait(admin_cloud, ids, lambda found: not found)
    show('class job: delete', seconds, calls,
         '; all gone %.1f s later; %s' % (gone, counts))

    env = dict(os.environ, OS_AUTH_URL=conftest.KEYSTONE_URL,
               OS_USERNAME=teacher['name'], OS_PASSWORD=PASSWORD,
               OS_USER_DOMAIN_NAME=args.school,
               OS_PROJECT_DOMAIN_NAME=args.school,
               OS_IDENTITY_API_VERSION='3', OS_REGION_NAME='RegionOne',
               OS_INTERFACE='public')
    env.pop('OS_CLOUD', None)
    env.pop('OS_CLIENT_CONFIG_FILE', None)
    seconds, calls = sequential(
        lambda student: ['server', 'create', '--flavor', 'm1.tiny',
                         '--image', image.id, '--nic', 'none',
                         'cli-%s' % student['name']], students, env)
    active = wait(admin_cloud, ids, lambda found: len(found) == len(ids) and
                  all(s.status == 'ACTIVE' for s in found))
    show('%d x openstack server create' % len(students), seconds, calls,
         '; all ACTIVE %.1f s later' % active)
    by_project = {s.project_id: s.id for s in servers_of(admin_cloud, ids)}
    seconds, calls = sequential(
        lambda student: ['server', 'delete', by_project[student['id']]],
        students, env)
    gone = wait(admin_cloud, ids, lambda found: not found)
    show('%d x openstack server delete' % len(students), seconds, calls,
         '; all gone %.1f s later' % gone)


if __name__ == '__main__':
    main()
