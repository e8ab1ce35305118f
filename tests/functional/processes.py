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
    'rabbitmq': ([conftest.STACK / 'pids' / 'rabbitmq.pid'] + glob.glob(
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


def stop(name):
    """Stop the process by its pid file; returns how to start it again."""
    pid_files, service = PROCESSES[name]
    for pid_file in map(str, pid_files):
        if os.path.exists(pid_file):
            pid = int(open(pid_file).read().split()[0])
            if alive(pid):
                break
    else:
        pytest.fail('no running %s found by its pid file' % name)
    own = pid_file.startswith(str(conftest.STACK))
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + 60
    while alive(pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not alive(pid), '%s did not stop' % name
    if own or service is None:
        return UP
    return service


def start(command):
    done = subprocess.run(command, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
