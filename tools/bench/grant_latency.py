"""Figures for tools/bench/grant_latency (see there)."""

import argparse
import concurrent.futures
import statistics
import time

from tests.functional import conftest
from tests.functional import edu


def percentiles(samples):
    ordered = sorted(samples)
    p95 = ordered[max(0, int(round(0.95 * len(ordered))) - 1)]
    return statistics.median(ordered) * 1000, p95 * 1000


def timed(call):
    start = time.perf_counter()
    result = call()
    return time.perf_counter() - start, result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--samples', type=int, default=50)
    parser.add_argument('--concurrent', type=int, default=100)
    args = parser.parse_args()

    platform = edu.platform_admin(conftest._secrets())
    school = edu.School(platform, 'bench', edu.grant(vcpu=10000))
    teacher = school.add_teacher('t1', edu.grant(vcpu=10000))
    klass = school.add_class(teacher)
    roster = 'name\n' + ''.join('%s-s%03d\n' % (school.name, i)
                                for i in range(args.concurrent))
    students = [e['student'] for e in edu.expect(platform.post(
        '/students/roster', params={'class_id': klass['id']},
        data=roster.encode(), headers={'Content-Type': 'text/csv'}),
        201)['students']]
    one = students[0]

    # Warm both paths (token caches, connection pools).
    for amount in (1, 2):
        edu.expect(teacher['persona'].put(
            '/allocations/enrolment/%s' % one['id'],
            json={'grant': {'vcpu': amount}}), 200)

    # The raw writes a one-resource enrolment grant causes: the enrolment
    # project's limit and the teacher project's (grant minus students),
    # made directly by a system admin.
    identity = platform.session
    keystone = {'service_type': 'identity'}

    def vcpu_limit(project_id):
        return identity.get(
            '/limits', endpoint_filter=keystone,
            params={'project_id': project_id, 'resource_name': 'class:VCPU'}
        ).json()['limits'][0]['id']

    limits = [vcpu_limit(one['id']), vcpu_limit(teacher['id'])]

    def raw_writes(amount):
        for limit_id in limits:
            resp = identity.patch('/limits/%s' % limit_id,
                                  endpoint_filter=keystone,
                                  json={'limit': {'resource_limit': amount}})
            assert resp.status_code == 200, resp.text

    api, raw = [], []
    for i in range(args.samples):
        amount = 3 + i % 2
        seconds, answer = timed(lambda: teacher['persona'].put(
            '/allocations/enrolment/%s' % one['id'],
            json={'grant': {'vcpu': amount}}))
        edu.expect(answer, 200)
        api.append(seconds)
        raw.append(timed(lambda: raw_writes(amount))[0])

    def grant(student):
        return timed(lambda: teacher['persona'].put(
            '/allocations/enrolment/%s' % student['id'],
            json={'grant': {'vcpu': 5}}))

    start = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(args.concurrent) as pool:
        results = list(pool.map(grant, students))
    wall = time.perf_counter() - start
    ok = sum(1 for _, (status, _) in results if status == 200)

    api50, api95 = percentiles(api)
    raw50, raw95 = percentiles(raw)
    print('grant through the Education API: p50 %.1f ms, p95 %.1f ms '
          '(%d samples)' % (api50, api95, len(api)))
    print('raw Keystone limit writes it causes (enrolment + teacher '
          'project): p50 %.1f ms, p95 %.1f ms (%d samples)'
          % (raw50, raw95, len(raw)))
    print('ratio of p50s: %.2fx' % (api50 / raw50))
    print('%d concurrent grants: %d ok in %.2f s = %.1f grants/s' % (
        len(students), ok, wall, ok / wall))


if __name__ == '__main__':
    main()
