"""Figures for tools/bench/api_ab (see there)."""

import argparse

from keystoneauth1 import adapter

from tools.bench import cputime
from tools.bench import request_cpu

SIDES = ('base', 'new')
WARM_BLOCKS = 2


def measure(persona, sides, call, blocks, size):
    """CPU seconds per call of each side's API, blocks alternating.

    The order flips every block, so that neither side always follows the
    other; the first blocks only warm both up.
    """
    spent = dict.fromkeys(sides, 0.0)
    for block in range(WARM_BLOCKS + blocks):
        order = SIDES if block % 2 else SIDES[::-1]
        for side in order:
            persona.http = sides[side]
            before = cputime.snapshot()
            for _ in range(size):
                call()
            used = cputime.by_name(before, cputime.snapshot())
            if block >= WARM_BLOCKS:
                spent[side] += used.get('cloudkitty-api-' + side, 0.0)
    return {side: seconds / (blocks * size) for side, seconds in spent.items()}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--base-url', required=True)
    parser.add_argument('--new-url', required=True)
    parser.add_argument('--requests', type=int, default=600)
    parser.add_argument('--block', type=int, default=50)
    parser.add_argument('--routes', default='',
                        help='comma-separated starts of route names')
    args = parser.parse_args()
    wanted = [r for r in args.routes.split(',') if r]
    blocks = max(1, args.requests // args.block)
    with request_cpu.seeded('ab') as (calls, persona):
        theirs = persona.http
        sides = {side: adapter.Adapter(persona.session, endpoint_override=url)
                 for side, url in (('base', args.base_url),
                                   ('new', args.new_url))}
        print('API CPU ms per request, %d per route and version, in '
              'alternating blocks of %d' % (blocks * args.block, args.block))
        print('%-36s %9s %9s %9s' % ('route', 'baseline', 'new', 'new/base'))
        try:
            for name, call in calls.items():
                if wanted and not any(name.startswith(w) for w in wanted):
                    continue
                cpu = measure(persona, sides, call, blocks, args.block)
                print('%-36s %9.2f %9.2f %9.3f' % (
                    name, cpu['base'] * 1000, cpu['new'] * 1000,
                    cpu['new'] / cpu['base']), flush=True)
        finally:
            persona.http = theirs
    print('(PUT: the GET it makes first included); machine pace %.0f ms '
          '(tools/bench/cputime.pace(), lower is faster)' % cputime.pace())


if __name__ == '__main__':
    main()
