"""CloudKitty runs with the edu rating module enabled and error-free."""

import os
import subprocess
import time

from tests.functional import test_live_month as month


def test_rating_module_list_shows_edu_enabled(stack_dir):
    env = dict(os.environ, OS_CLOUD='edu-admin',
               OS_CLIENT_CONFIG_FILE=str(stack_dir / 'clouds.yaml'))
    out = subprocess.run(
        [str(stack_dir / 'venv' / 'bin' / 'openstack'), 'rating', 'module',
         'list', '-f', 'value', '-c', 'Module', '-c', 'Enabled'],
        env=env, capture_output=True, text=True, timeout=120, check=True)
    modules = dict(line.split() for line in out.stdout.splitlines())
    assert modules['edu'] == 'True'


def test_edu_api_root_answers_through_cloudkitty(admin_cloud):
    resp = admin_cloud.session.get(
        '/v1/rating/module_config/edu/',
        endpoint_filter={'service_type': 'rating', 'interface': 'public'})
    assert resp.status_code == 200
    assert resp.json()['module'] == 'edu'


def _processor_log_since_start():
    # Only what the running process wrote: the log spans restarts.
    return month.processor_log().rsplit(
        '=== edu-stack: cloudkitty-processor started', 1)[-1]


def test_processor_runs_the_edu_module_without_errors():
    deadline = time.monotonic() + 90
    current = _processor_log_since_start()
    while 'edu fetcher: ' not in current and time.monotonic() < deadline:
        time.sleep(2)
        current = _processor_log_since_start()
    # The orchestrator loaded our fetcher and collector and asked for scopes
    assert 'edu fetcher: ' in current
    # ... and nothing failed.
    errors = [line for line in current.splitlines()
              if ' ERROR ' in line or 'Traceback' in line]
    assert errors == []
