"""Figures for tools/bench/reconcile (see there).

The pass runs in this process on the stack's own configuration, so that
every call it makes is counted at keystoneauth's Session.request, by the
service it goes to (tools/bench/pages' Counter). The drift is made
directly in Keystone by the cloud admin, as an operator editing limits by
hand would, and is not counted.
"""

import argparse
import contextlib
import os
import subprocess
import time

import openstack

from tests.functional import conftest
from tests.functional import edu
from tools.bench import cputime
from tools.bench import pages

CONF = str(conftest.STACK / 'etc' / 'cloudkitty' / 'cloudkitty.conf')


def load_stack_configuration():
    from oslo_config import cfg
    from oslo_log import log as logging
    logging.register_options(cfg.CONF)
    cfg.CONF(['--config-file', CONF], project='cloudkitty')
    from edu_rating import conf as edu_conf
    edu_conf.register_opts(cfg.CONF)


@contextlib.contextmanager
def held_lock():
    """The lock edu-reconcile takes, held while the bench measures.

    The stack's periodic pass then skips instead of sharing Keystone's CPU
    with the pass measured (a pass that starts first is waited for).
    """
    from oslo_config import cfg

    from edu_rating.cmd import reconcile as command
    coordinator = command.start_coordinator(cfg.CONF, b'edu-bench-reconcile')
    lock = coordinator.get_lock(command.LOCK)
    lock.acquire(blocking=True)
    try:
        yield
    finally:
        lock.release()
        coordinator.stop()


def timed_pass(counter, **kwargs):
    from edu_rating.management.services import reconcile
    counter.reset()
    before, started = cputime.snapshot(), time.perf_counter()
    report = reconcile.run(**kwargs)
    seconds = time.perf_counter() - started
    keystone = cputime.by_name(before, cputime.snapshot()).get(
        'keystone', 0.0)
    return report, seconds, dict(counter.calls), keystone


def show(label, report, seconds, calls, keystone):
    print('%-34s %6.2f s  Keystone calls %3d (all backends %3d), CPU '
          '%5.2f s  projects %d  drift %d  repaired %d' % (
              label, seconds, calls.get('identity', 0),
              sum(calls.values()), keystone,
              report['checked']['projects'],
              len([d for d in report['drift'] if d['kind'] != 'missing']),
              report['repaired']))


def drift(admin_cloud, school_id, count):
    """Change ``count`` enrolment projects' vCPU limits by hand."""
    students = edu.expect(edu.platform_admin(conftest._secrets()).get(
        '/students', params={'school_id': school_id, 'limit': count}),
        200)['students']
    changed = 0
    for student in students:
        for limit in admin_cloud.identity.limits(project_id=student['id']):
            if limit.resource_name == 'class:VCPU':
                admin_cloud.identity.update_limit(
                    limit, resource_limit=limit.resource_limit + 7)
                changed += 1
    return changed


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--teachers', type=int, default=200)
    parser.add_argument('--students', type=int, default=5000)
    parser.add_argument('--workers', type=int, default=4)
    parser.add_argument('--drift', type=int, default=100)
    args = parser.parse_args()

    platform = edu.platform_admin(conftest._secrets())
    school = pages.seed(platform, args.teachers, args.students, args.workers)
    load_stack_configuration()
    counter = pages.Counter()
    with held_lock():
        # Warm: the broker's token, role and service lookups, once.
        timed_pass(counter, school_id=school['id'], dry_run=True)
        show('clean pass, the school', *timed_pass(
            counter, school_id=school['id'], dry_run=True))
        show('clean pass, every school', *timed_pass(counter, dry_run=True))
    started = time.perf_counter()
    done = subprocess.run(
        [str(conftest.STACK / 'venv' / 'bin' / 'edu-reconcile'),
         '--config-file', CONF, '--school', school['id'], '--dry-run'],
        capture_output=True, text=True)
    # Its last line: the pass's summary, or that the stack's own pass held
    # the lock and this one was skipped.
    print('%-34s %6.2f s  exit status %d (a new process: token and '
          'imports included): %s' % (
              'edu-reconcile --dry-run, the school',
              time.perf_counter() - started, done.returncode,
              (done.stdout.strip().splitlines() or ['no output'])[-1]))

    os.environ['OS_CLIENT_CONFIG_FILE'] = str(conftest.STACK / 'clouds.yaml')
    with held_lock():
        changed = drift(openstack.connect(cloud='edu-admin'), school['id'],
                        args.drift)
        show('repair of %d drifted projects' % changed,
             *timed_pass(counter, school_id=school['id']))
        show('clean pass after the repair', *timed_pass(
            counter, school_id=school['id'], dry_run=True))


if __name__ == '__main__':
    main()
