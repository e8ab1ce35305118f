"""Figures for tools/bench/request_cpu (see there)."""

import argparse
import contextlib
import os
import random
import time

from tests.functional import conftest
from tests.functional import edu
from tools.bench import cputime
from tools.bench import load_mix

STUDENTS = 10
SHOWN = ('cloudkitty-api', 'keystone', 'nova-api', 'placement', 'mariadbd')


def routes(teacher, klass, students):
    """``{name: call}`` of the load bench's four routes, as a teacher."""
    persona = teacher['persona']

    def change():
        # Up or down by one, never refused: the write path every time.
        student = random.choice(students)
        now = edu.expect(persona.get('/allocations/enrolment/%s' % student),
                         200)['grant']['vcpu']
        edu.expect(persona.put('/allocations/enrolment/%s' % student,
                               json={'grant': {'vcpu': 1 - now}}), 200)

    return {
        'GET /students?class_id': lambda: edu.expect(persona.get(
            '/students', params={'class_id': klass['id']}), 200),
        'GET /classes/{id}': lambda: edu.expect(persona.get(
            '/classes/%s' % klass['id']), 200),
        'GET /allocations/enrolment/{id}': lambda: edu.expect(persona.get(
            '/allocations/enrolment/%s' % random.choice(students)), 200),
        # Less the GET it makes first, measured above.
        'PUT /allocations/enrolment/{id}': change,
    }


@contextlib.contextmanager
def seeded(name):
    """A school with a teacher, a class and its students, gone after.

    Yields ``(routes, the teacher's persona)``.
    """
    platform = edu.platform_admin(conftest._secrets())
    school = edu.School(platform, name, edu.grant(vcpu=40, instances=20))
    try:
        teacher = school.add_teacher('t', edu.grant(vcpu=20,
                                                    instances=STUDENTS))
        klass = school.add_class(teacher, edu.grant(vcpu=1, instances=1))
        students = [school.enrol(klass, 's%d' % i)['id']
                    for i in range(STUDENTS)]
        yield routes(teacher, klass, students), teacher['persona']
    finally:
        edu.delete_school(conftest.stack_admin(), platform, school.id)


def ceiling(measured):
    """What the machine's cores carry at the rush hour's mix, by CPU.

    Each route's CPU (all processes shown) weighed as tools/bench/load
    mixes them; the cores then give so many grant changes a second, if
    nothing but CPU limited them and nothing else ran.
    """
    weights = load_mix.WEIGHTS
    per_round = sum(weight * sum(measured[name][0].values())
                    for name, weight in weights.items())
    cores = os.cpu_count()
    rounds = cores * 1000 / per_round
    return ('CPU per round of the load mix (%s requests of the routes '
            'above): %.0f ms; %d cores carry at most %.1f grant changes/s'
            % (':'.join(str(weights[name]) for name in measured),
               per_round, cores, rounds * weights[load_mix.GRANT_CHANGE]))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--requests', type=int, default=300)
    args = parser.parse_args()
    with seeded('cpu') as (calls, _persona):
        measured = {}
        for name, call in calls.items():
            for _ in range(20):
                call()  # warm: caches, connections, compiled queries
            before, started = cputime.snapshot(), time.monotonic()
            for _ in range(args.requests):
                call()
            wall = time.monotonic() - started
            used = cputime.by_name(before, cputime.snapshot())
            measured[name] = ({kind: used.get(kind, 0.0) * 1000 /
                               args.requests for kind in SHOWN},
                              wall * 1000 / args.requests)
        get = measured['GET /allocations/enrolment/{id}'][0]
        put, wall = measured.pop('PUT /allocations/enrolment/{id}')
        measured['PUT /allocations/enrolment/{id}'] = (
            {kind: put[kind] - get[kind] for kind in SHOWN},
            wall - measured['GET /allocations/enrolment/{id}'][1])
        print('CPU ms per request, one at a time (%d per route); machine '
              'pace %.0f ms (tools/bench/cputime.pace(), lower is faster)'
              % (args.requests, cputime.pace()))
        header = ''.join('%15s' % kind for kind in SHOWN)
        print('%-33s %s %8s' % ('route', header, 'wall ms'))
        for name, (cpu, wall) in measured.items():
            print('%-33s %s %8.1f' % (name, ''.join(
                '%15.2f' % cpu[kind] for kind in SHOWN), wall))
        print(ceiling(measured))


if __name__ == '__main__':
    main()
