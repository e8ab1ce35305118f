"""Figures for tools/bench/idle_payers (see there).

The processor's CPU is read from /proc (tools/bench/cputime, its processes
by name) between two of its fetcher's passes, so that the span holds whole
periods.
"""

import argparse
import concurrent.futures
import re
import sys
import time

from tests.functional import conftest
from tests.functional import edu
from tests.functional import test_live_month as month
from tools.bench import cputime
from tools.bench import pages

SCHOOL = 'bench-idle'
LOG = month.PROCESSOR_LOG
PASS = re.compile(r'edu fetcher: (\d+) scope\(s\) to rate(?:, (\d+) '
                  r'without a grant left out)?')


def seed(platform, teachers, workers=8):
    found = edu.expect(platform.get('/schools', params={'name': SCHOOL}),
                       200)['schools']
    if found:
        school = found[0]
    else:
        school = edu.expect(platform.post('/schools', json={
            'name': SCHOOL, 'admin': {'name': SCHOOL + '-admin',
                                      'password': pages.PASSWORD},
            'grant': edu.grant()}), 201)['school']
    existing = {t['name'] for t in edu.expect(platform.get(
        '/teachers', params={'school_id': school['id'], 'limit': 1000}),
        200)['teachers']}

    def teacher(index):
        name = '%s-t%03d' % (SCHOOL, index)
        if name not in existing:
            pages._retried(lambda: platform.post('/teachers', json={
                'school_id': school['id'], 'name': name,
                'password': pages.PASSWORD, 'grant': edu.grant()}), 201)

    started = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(workers) as pool:
        list(pool.map(teacher, range(teachers)))
    print('school %s: %d teachers holding no grant (%d made in %.0f s)'
          % (SCHOOL, teachers, teachers - len(existing),
             time.monotonic() - started))


def log_size():
    return LOG.stat().st_size


def read_from(offset):
    with open(LOG, 'rb') as f:
        f.seek(offset)
        return f.read().decode('utf-8', 'replace')


def next_pass(offset, timeout=300):
    """Wait for the fetcher's next pass after ``offset`` in the log."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if PASS.search(read_from(offset)):
            return
        time.sleep(0.5)
    sys.exit('the processor made no pass in %d s' % timeout)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--teachers', type=int, default=200)
    parser.add_argument('--periods', type=int, default=3)
    args = parser.parse_args()
    seed(edu.platform_admin(conftest._secrets()), args.teachers)
    print('pace %.0f ms' % cputime.pace())
    next_pass(log_size())
    start, before = log_size(), cputime.snapshot()
    for _ in range(args.periods):
        next_pass(log_size())
    text = read_from(start)
    cpu = cputime.by_name(before, cputime.snapshot()).get(
        'cloudkitty-processor', 0.0)
    passes = PASS.findall(text)[:args.periods]
    print('processor CPU per period: %.2f s (%d periods)'
          % (cpu / args.periods, args.periods))
    listed, left_out = passes[-1]
    print('payers listed per pass: %s; left out: %s'
          % (listed, left_out or 'none (the fetcher lists them all)'))
    print('"No usage data" warnings per period: %.1f'
          % (text.count('No usage data for storage scope') / args.periods))
    print('pace %.0f ms' % cputime.pace())


if __name__ == '__main__':
    main()
