"""Processes of the stack stopped by their pid files and started again."""

import glob
import os
import signal
import subprocess
import time

import pytest

from tests.functional import conftest

UP = [str(conftest.TOP / 'tools' / 'stack.sh'), 'up', '--quiet']
# The stack's own copy if it runs one, else this machine's service.
PROCESSES = {
    'keystone': ([conftest.STACK / 'pids' / 'keystone.pid'], None),
    'mariadb': ([conftest.STACK / 'pids' / 'mariadb.pid',
                 '/run/mysqld/mysqld.pid'], ['service', 'mariadb', 'start']),
    # Debian's init script writes /run/rabbitmq/pid when it starts it.
    'rabbitmq': ([conftest.STACK / 'pids' / 'rabbitmq.pid',
                  '/run/rabbitmq/pid'] + glob.glob(
        '/var/lib/rabbitmq/mnesia/rabbit@*.pid'),
        ['service', 'rabbitmq-server', 'start']),
    'edu-reconcile': ([conftest.STACK / 'pids' / 'edu-reconcile.pid'], None),
}


def alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def _found(name):
    """``(pid, pid file)`` of the running process ``name``, or None."""
    for pid_file in map(str, PROCESSES[name][0]):
        if os.path.exists(pid_file):
            pid = int(open(pid_file).read().split()[0])
            if alive(pid):
                return pid, pid_file
    return None


def stop(name):
    """Stop the process by its pid file; returns how to start it again."""
    found = _found(name)
    if found is None:
        pytest.fail('no running %s found by its pid file' % name)
    pid, pid_file = found
    own = pid_file.startswith(str(conftest.STACK))
    # The stack's up starts every process it finds stopped; a reconcile
    # loop a test stopped stays stopped (its first pass would repair what
    # the test is about to look for).
    again = UP if name == 'edu-reconcile' or _found('edu-reconcile') else (
        ['env', 'EDU_RECONCILE_LOOP=0'] + UP)
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + 60
    while alive(pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not alive(pid), '%s did not stop' % name
    service = PROCESSES[name][1]
    if own or service is None:
        return again
    return service


def start(command):
    done = subprocess.run(command, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
