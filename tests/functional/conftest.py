"""Fixtures for tests that talk to the running local stack over HTTP.

The stack is the one tools/stack.sh brought up; its state directory comes
from EDU_STACK_DIR (default: .stack in the checkout).
"""

import json
import os
import pathlib
import re

import openstack
import pytest
import requests

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


@pytest.fixture(scope='session')
def admin_cloud():
    os.environ['OS_CLIENT_CONFIG_FILE'] = str(STACK / 'clouds.yaml')
    return openstack.connect(cloud='edu-admin')


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
