# Licensed under the Apache License, Version 2.0 (the "License"); you may
# not use this file except in compliance with the License. You may obtain
# a copy of the License at
#
#      http://www.apache.org/licenses/LICENSE-2.0
#
# Unless required by applicable law or agreed to in writing, software
# distributed under the License is distributed on an "AS IS" BASIS, WITHOUT
# WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied. See the
# License for the specific language governing permissions and limitations
# under the License.
"""Fixtures for tests that talk to the running local stack over HTTP.

The stack is the one tools/stack.sh brought up; its state directory comes
from EDU_STACK_DIR (default: .stack in the checkout). The run leaves
Keystone and Nova as it found them: what the tests make is removed again
(edu.CLEANUP) and the session checks that nothing is left over.
"""

import json
import os
import pathlib
import re

import openstack
import pytest
import requests

from tests.functional import edu

TOP = pathlib.Path(__file__).resolve().parents[2]
STACK = pathlib.Path(os.environ.get('EDU_STACK_DIR', TOP / '.stack'))
KEYSTONE_URL = 'http://127.0.0.1:5000/v3'
DASHBOARD_URL = 'http://127.0.0.1:%s' % os.environ.get('EDU_HORIZON_PORT',
                                                       '8080')
TIMEOUT = 60


def _secrets():
    values = {}
    for line in (STACK / 'secrets.env').read_text().splitlines():
        key, _, value = line.partition('=')
        values[key] = value
    return values


@pytest.fixture(scope='session')
def secrets():
    return _secrets()


@pytest.fixture(scope='session')
def demo():
    return json.loads((STACK / 'data' / 'demo.json').read_text())


@pytest.fixture(scope='session')
def stack_dir():
    return STACK


def demo_login(demo, persona, school='school-a', index=0):
    logins = [entry for entry in demo['logins']
              if entry['persona'] == persona and entry['domain'] == school]
    return logins[index]


def stack_admin():
    """The stack's cloud admin, through openstacksdk (benchmarks too)."""
    os.environ['OS_CLIENT_CONFIG_FILE'] = str(STACK / 'clouds.yaml')
    return openstack.connect(cloud='edu-admin')


@pytest.fixture(scope='session')
def admin_cloud():
    return stack_admin()


def inventory(cloud):
    """What a run could leave behind: {kind: {id: name}}."""
    return {
        'domains': {d.id: d.name for d in cloud.identity.domains()},
        'projects': {p.id: p.name for p in cloud.identity.projects()},
        'users': {u.id: u.name for u in cloud.identity.users()},
        'limits': {lim.id: '%s of %s' % (lim.resource_name, lim.project_id)
                   for lim in cloud.identity.limits()},
        'servers': {s.id: s.name
                    for s in cloud.compute.servers(all_projects=True)},
    }


def differences(before, after):
    lines = []
    for kind in before:
        added = set(after[kind]) - set(before[kind])
        gone = set(before[kind]) - set(after[kind])
        if added or gone:
            lines.append('%s: %d before, %d after; left over: %s; gone: %s'
                         % (kind, len(before[kind]), len(after[kind]),
                            sorted(after[kind][i] for i in added),
                            sorted(before[kind][i] for i in gone)))
    return lines


# Three nested scopes, so that a school lives as long as what made it: a
# test, a module fixture (such as a shared "world") or a session fixture.
# Autouse fixtures start before the others of their scope, and so end
# after them.

@pytest.fixture(scope='session', autouse=True)
def leaves_no_trace(admin_cloud):
    before = inventory(admin_cloud)
    yield from edu.CLEANUP.scope(admin_cloud)
    problems = differences(before, inventory(admin_cloud))
    assert not problems, 'the run changed the cloud:\n' + '\n'.join(
        problems)


@pytest.fixture(scope='module', autouse=True)
def cleanup_per_module(admin_cloud):
    yield from edu.CLEANUP.scope(admin_cloud)


@pytest.fixture(autouse=True)
def cleanup_per_test(admin_cloud):
    yield from edu.CLEANUP.scope(admin_cloud)


@pytest.fixture(scope='module')
def periodic_reconciler_stopped():
    """The stack's own edu-reconcile loop stopped for a module's tests."""
    from tests.functional import processes
    again = processes.stop('edu-reconcile')
    yield
    processes.start(again)


def user_cloud(demo, login):
    return openstack.connect(
        auth_url=KEYSTONE_URL, username=login['username'],
        password=demo['password'], user_domain_name=login['domain'],
        project_name=login['project'], project_domain_name=login['domain'],
        region_name='RegionOne', identity_api_version='3')


class Dashboard(object):
    """A browser-like Horizon session: cookies, CSRF and redirects."""

    def __init__(self):
        self.http = requests.Session()

    def url(self, path):
        return DASHBOARD_URL + path

    def get(self, path, **kwargs):
        return self.http.get(self.url(path), timeout=TIMEOUT, **kwargs)

    def login(self, username, password, domain):
        form = self.get('/auth/login/')
        form.raise_for_status()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"',
                          form.text).group(1)
        region = re.search(r'name="region" value="([^"]*)"', form.text)
        return self.http.post(
            self.url('/auth/login/'), timeout=TIMEOUT,
            headers={'Referer': self.url('/auth/login/')},
            data={'csrfmiddlewaretoken': token, 'username': username,
                  'password': password, 'domain': domain,
                  'region': region.group(1) if region else 'default'})


@pytest.fixture
def dashboard():
    session = Dashboard()
    yield session
    session.http.close()
