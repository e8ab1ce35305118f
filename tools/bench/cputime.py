"""Where the machine's CPU went: seconds per process kind, from /proc.

``snapshot()`` before and after a run, ``spent(before, after)`` for the
difference, grouped by a readable name: a gunicorn worker by its service
(``keystone``), an OpenStack daemon by its program (``nova-conductor``),
anything else by its executable (``mariadbd``, ``locust``). ``pace()``
tells how fast the machine runs the same code just now.
"""

import json
import os
import time

TICKS = os.sysconf('SC_CLK_TCK')


def _name(pid):
    try:
        with open('/proc/%s/cmdline' % pid, 'rb') as f:
            args = f.read().split(b'\0')
    except OSError:
        return None
    words = [a.decode('utf-8', 'replace') for a in args if a]
    if not words:
        return None
    title = words[0]
    if title.startswith('gunicorn:') and '[' in title:
        return title[title.index('[') + 1:title.rindex(']')]
    if ':' in title and ' ' in title:
        # A process title such as "nova-conductor: ServiceWrapper ...".
        return title.split(':', 1)[0]
    program = os.path.basename(title)
    if program.startswith('python') and len(words) > 1:
        program = os.path.basename(words[1])
    return program


def pace():
    """CPU ms a fixed piece of pure Python takes now: the machine's pace.

    On this kind of machine the same code was seen to need half as much
    CPU again a few minutes later; figures of two runs compare only as
    far as their paces do.
    """
    record = {'id': 'a' * 32, 'grant': dict.fromkeys(
        ('vcpu', 'ram_mb', 'disk_gb', 'instances'), 7), 'name': 'student'}
    started = time.process_time()
    for _ in range(20000):
        json.loads(json.dumps(record, sort_keys=True))
    return (time.process_time() - started) * 1000


def snapshot():
    """``{pid: (name, cpu seconds)}`` of every process now."""
    found = {}
    for pid in os.listdir('/proc'):
        if not pid.isdigit():
            continue
        try:
            with open('/proc/%s/stat' % pid) as f:
                # Fields after the command (which may hold spaces).
                fields = f.read().rsplit(')', 1)[1].split()
        except (OSError, IndexError):
            continue
        name = _name(pid)
        if name:
            found[pid] = (name, (int(fields[11]) + int(fields[12])) / TICKS)
    return found


def by_name(before, after):
    """``{name: seconds}`` used between two snapshots, every name."""
    used = {}
    for pid, (name, seconds) in after.items():
        previous = before.get(pid)
        base = previous[1] if previous and previous[0] == name else 0.0
        used[name] = used.get(name, 0.0) + seconds - base
    return used


def spent(before, after):
    """``[(name, seconds)]`` used between two snapshots, largest first."""
    return sorted(((n, s) for n, s in by_name(before, after).items()
                   if s >= 0.05), key=lambda item: -item[1])


def report(before, after, wall, children=()):
    """Lines for a benchmark's output: the top ten, and the total.

    ``children``: ``(name, seconds)`` of processes that exited before the
    second snapshot (the load generator), measured by their parent.
    """
    used = sorted(spent(before, after) + list(children),
                  key=lambda item: -item[1])
    total = sum(seconds for _name, seconds in used)
    lines = ['CPU seconds by process over %.0f s (%d cores: %.0f core-s '
             'available): %.0f used' % (wall, os.cpu_count(),
                                        wall * os.cpu_count(), total)]
    lines += ['  %-24s %7.1f' % item for item in used[:10]]
    return lines
