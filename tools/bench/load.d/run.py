"""Figures for tools/bench/load (see there)."""

import argparse
import concurrent.futures
import csv
import json
import os
import resource as rusage
import statistics
import subprocess
import tempfile
import time
import urllib.parse

from tests.functional import conftest
from tests.functional import edu
from tests.functional import test_reconcile
from tools.bench import cputime

TEACHERS = 10
STUDENTS = 10
# Each student may get 0 to 4 vCPU: 10 students could ask for 40, the
# teacher has 25, so some changes are refused.
TEACHER_VCPU = 25
DRAIN_SECONDS = 10


def world(platform, school):
    teachers = []
    for index in range(TEACHERS):
        teacher = school.add_teacher('t%d' % index, edu.grant(
            vcpu=TEACHER_VCPU, instances=STUDENTS))
        klass = school.add_class(teacher, edu.grant(vcpu=1, instances=1))
        roster = 'name\n' + ''.join('%s-t%d-s%d\n' % (school.name, index, i)
                                    for i in range(STUDENTS))
        enrolled = edu.expect(platform.post(
            '/students/roster', params={'class_id': klass['id']},
            data=roster.encode(), headers={'Content-Type': 'text/csv'}),
            201)['students']
        teachers.append({'id': teacher['id'], 'class_id': klass['id'],
                         'token': teacher['persona'].session.get_token(),
                         'students': [e['student']['id'] for e in enrolled]})
    endpoint = urllib.parse.urlsplit(platform.session.get_endpoint(
        service_type='rating', interface='public'))
    return {'url': '%s://%s' % (endpoint.scheme, endpoint.netloc),
            'teachers': teachers}


def raw_keystone_pairs(platform, teachers, users, seconds):
    """The writes of one grant change, made directly: two limit PATCHes.

    At ``users`` concurrent, for ``seconds``; returns their latencies.
    Run last: it changes the load school's limits behind the ledger.
    """
    identity = {'service_type': 'identity'}
    pairs = []
    for teacher in teachers:
        def vcpu_limit(project_id):
            return platform.session.get(
                '/limits', endpoint_filter=identity,
                params={'project_id': project_id,
                        'resource_name': 'class:VCPU'}).json()['limits'][0]
        pairs.append((vcpu_limit(teacher['students'][0]),
                      vcpu_limit(teacher['id'])))
    deadline = time.monotonic() + seconds
    samples = []

    def worker(index):
        first, second = pairs[index % len(pairs)]
        amount = 1
        while time.monotonic() < deadline:
            # Non-zero amounts: Keystone ignores a PATCH to 0.
            amount = 3 - amount
            started = time.perf_counter()
            for limit in (first, second):
                platform.session.patch(
                    '/limits/%s' % limit['id'], endpoint_filter=identity,
                    json={'limit': {'resource_limit': amount}})
            samples.append(time.perf_counter() - started)
    with concurrent.futures.ThreadPoolExecutor(users) as pool:
        list(pool.map(worker, range(users)))
    return samples


def sums_fit(platform, school_id):
    """Every parent's grant covers its children's, per resource."""
    problems = []
    school = edu.expect(platform.get('/allocations/school/%s' % school_id),
                        200)
    for resource, amount in school['grant'].items():
        if school['delegated'][resource] > amount:
            problems.append(('school', resource))
    teachers = edu.expect(platform.get('/teachers', params={
        'school_id': school_id, 'limit': 1000}), 200)['teachers']
    for teacher in teachers:
        answer = edu.expect(platform.get(
            '/allocations/teacher/%s' % teacher['id']), 200)
        students = edu.expect(platform.get('/students', params={
            'teacher_id': teacher['id'], 'limit': 1000}), 200)['students']
        for resource, amount in answer['grant'].items():
            held = sum(s['grant'][resource] for s in students)
            if held > amount or held != answer['delegated'][resource]:
                problems.append((teacher['name'], resource, held, amount))
    return problems


def percentile(ordered, share):
    return ordered[max(0, int(round(share * len(ordered))) - 1)]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--users', type=int, default=100)
    parser.add_argument('--seconds', type=int, default=60)
    args = parser.parse_args()

    platform = edu.platform_admin(conftest._secrets())
    school = edu.School(platform, 'load', edu.grant(
        vcpu=TEACHERS * TEACHER_VCPU, instances=TEACHERS * STUDENTS))
    try:
        spec = world(platform, school)
        out = tempfile.mkdtemp(prefix='edu-load-')
        with open(os.path.join(out, 'world.json'), 'w') as f:
            json.dump(spec, f)
        pace_before = cputime.pace()
        started = time.monotonic()
        cpu_before = cputime.snapshot()
        locust_before = rusage.getrusage(rusage.RUSAGE_CHILDREN)
        subprocess.run(
            [os.environ['EDU_LOCUST'], '-f',
             str(conftest.TOP / 'tools' / 'bench' / 'load.d' /
                 'locustfile.py'), '--headless', '-u', str(args.users),
             '-r', str(args.users), '-t', '%ds' % args.seconds,
             '--csv', os.path.join(out, 'load'), '--only-summary'],
            env=dict(os.environ, EDU_LOAD_WORLD=os.path.join(
                out, 'world.json')), check=False, capture_output=True)
        elapsed = time.monotonic() - started
        cpu_after = cputime.snapshot()
        locust_after = rusage.getrusage(rusage.RUSAGE_CHILDREN)
        locust_cpu = (locust_after.ru_utime + locust_after.ru_stime -
                      locust_before.ru_utime - locust_before.ru_stime)
        rows = list(csv.DictReader(open(os.path.join(out,
                                                     'load_stats.csv'))))
        failures = list(csv.DictReader(open(os.path.join(
            out, 'load_failures.csv'))))
        print('%d users for %d s (%.0f s with ramp-up)' % (
            args.users, args.seconds, elapsed))
        print('machine pace (tools/bench/cputime.pace(), before and after '
              'the run; lower is faster): %.0f, %.0f ms' % (
                  pace_before, cputime.pace()))
        print('%-36s %8s %8s %7s %7s %7s %7s' % (
            'route', 'requests', 'failed', 'req/s', 'p50 ms', 'p95 ms',
            'p99 ms'))
        grants = None
        for row in rows:
            print('%-36s %8s %8s %7.1f %7s %7s %7s' % (
                row['Name'], row['Request Count'], row['Failure Count'],
                float(row['Requests/s']), row['50%'], row['95%'],
                row['99%']))
            if row['Name'].startswith('PUT'):
                grants = row
        errors = {f['Error']: f['Occurrences'] for f in failures}
        print('errors by status: %s' % (errors or 'none'))
        print('grant changes: %.1f/s (goal >= 25), of which refused (409) '
              'are successes' % float(grants['Requests/s']))
        print('\n'.join(cputime.report(cpu_before, cpu_after, elapsed,
                                       [('locust', locust_cpu)])))
        # Requests locust left in flight are still being answered.
        time.sleep(DRAIN_SECONDS)
        problems = sums_fit(platform, school.id)
        print('sums of children over their parent: %s'
              % (problems or 'none'))
        status, report = test_reconcile.reconcile(school.id, '--dry-run')
        print('edu-reconcile --dry-run: drift %d (exit status %d)'
              % (len(report['drift']), status))
        raw = sorted(raw_keystone_pairs(platform, spec['teachers'],
                                        args.users, 20))
        raw_p50 = statistics.median(raw) * 1000
        print('raw Keystone writes of a grant (2 limit PATCHes) at %d '
              'concurrent: p50 %.0f ms, p95 %.0f ms' % (
                  args.users, raw_p50, percentile(raw, 0.95) * 1000))
        print('grant p50 / raw writes p50: %.2f (goal <= 1.0)'
              % (float(grants['50%']) / raw_p50))
    finally:
        edu.CLEANUP.add_school(platform, school.id)
        edu.delete_school(conftest.stack_admin(), platform, school.id)


if __name__ == '__main__':
    main()
