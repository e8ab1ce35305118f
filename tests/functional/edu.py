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
"""Talking to the Education API as the personas of the teaching cloud.

Plain keystoneauth sessions, one per persona, with the token scope each
persona really uses: the platform admin a system-scoped token, a school
admin a token scoped to the school's domain, a teacher one scoped to the
teacher project, a student one scoped to their enrolment project.

Every school a test makes is recorded in CLEANUP and removed again when
the test (or the module or session fixture that made it) ends.
"""

import time
import uuid

from keystoneauth1 import adapter
from keystoneauth1 import exceptions as ks_exceptions
from keystoneauth1.identity import v3
from keystoneauth1 import session as ks_session

from edu_rating import resources as catalogue
from tests.functional import conftest

PREFIX = '/v1/rating/module_config/edu'
# Every persona of the run, so that the last test can look for their
# tokens in the stack's logs.
PERSONAS = []


class Persona(object):
    """A caller of the Education API; methods answer (status, body)."""

    def __init__(self, name, auth):
        self.name = name
        self.session = ks_session.Session(auth=auth)
        PERSONAS.append(self)
        self.http = adapter.Adapter(
            self.session, service_type='rating', interface='public',
            region_name='RegionOne')

    def call(self, method, path, json=None, data=None, headers=None,
             params=None):
        resp = self.http.request(
            PREFIX + path, method, json=json, data=data, headers=headers,
            params=params, raise_exc=False)
        try:
            body = resp.json()
        except ValueError:
            body = resp.text
        return resp.status_code, body

    def get(self, path, **kwargs):
        return self.call('GET', path, **kwargs)

    def download(self, path, headers=None, params=None):
        """``(status, bytes, headers)`` of a file answer (a PDF...)."""
        resp = self.http.request(PREFIX + path, 'GET', headers=headers,
                                 params=params, raise_exc=False)
        return resp.status_code, resp.content, resp.headers

    def post(self, path, json=None, **kwargs):
        return self.call('POST', path, json=json, **kwargs)

    def put(self, path, json=None, **kwargs):
        return self.call('PUT', path, json=json, **kwargs)

    def patch(self, path, json=None):
        return self.call('PATCH', path, json=json)

    def delete(self, path, **kwargs):
        return self.call('DELETE', path, **kwargs)

    def __repr__(self):
        return self.name


def password_auth(username, password, user_domain, **scope):
    return v3.Password(auth_url=conftest.KEYSTONE_URL, username=username,
                       password=password, user_domain_name=user_domain,
                       **scope)


def platform_admin(secrets):
    return Persona('platform-admin', password_auth(
        'admin', secrets['ADMIN_PASSWORD'], 'Default', system_scope='all'))


def school_admin(name, password, domain_name):
    return Persona(name, password_auth(name, password, domain_name,
                                       domain_name=domain_name))


def project_member(name, password, domain_name, project_id):
    return Persona(name, password_auth(name, password, domain_name,
                                       project_id=project_id))


def login_refusal(name, password, domain):
    """Keystone's 401 message for a password login, None for a token."""
    try:
        ks_session.Session(auth=password_auth(name, password,
                                              domain)).get_token()
    except ks_exceptions.Unauthorized as exc:
        return str(exc)
    return None


def choose_password(user_id, password):
    """A new user's first login: they keep the password they were given.

    Keystone expires a password someone else set (``[security_compliance]
    change_password_upon_first_use``) until its user changes it, with no
    token, as Horizon's password page does. Keystone revokes the tokens
    issued up to the second of a change, so this returns in the next one.
    """
    resp = ks_session.Session().post(
        '%s/users/%s/password' % (conftest.KEYSTONE_URL, user_id),
        json={'user': {'original_password': password,
                       'password': password}}, raise_exc=False)
    assert resp.status_code == 204, resp.text
    time.sleep(1.05 - time.time() % 1)


def wait_until(what, check, timeout=240, pause=2):
    """``check()``'s first true value, polled every ``pause`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        assert time.monotonic() < deadline, 'timed out waiting for ' + what
        time.sleep(pause)


def unique(prefix):
    return '%s-%s' % (prefix, uuid.uuid4().hex[:8])


def expect(status_body, status):
    """Assert an API answer's status, showing its message when it differs."""
    got, body = status_body
    assert got == status, '%s expected, got %s: %s' % (status, got, body)
    return body


GRANT = dict.fromkeys(catalogue.NAMES, 0)


def grant(**amounts):
    return dict(GRANT, **amounts)


class School(object):
    """A school made through the API with its admin, teachers and classes."""

    PASSWORD = 'Passw0rd-' + uuid.uuid4().hex[:6]

    def __init__(self, admin, label, school_grant, **extra):
        self.platform = admin
        self.name = unique('ft-%s' % label)
        body = expect(admin.post('/schools', json=dict({
            'name': self.name, 'description': 'Functional %s' % label,
            'admin': {'name': self.name + '-admin',
                      'password': self.PASSWORD},
            'grant': school_grant}, **extra)), 201)
        self.id = body['school']['id']
        CLEANUP.add_school(admin, self.id)
        choose_password(body['admin']['id'], self.PASSWORD)
        self.admin = school_admin(self.name + '-admin', self.PASSWORD,
                                  self.name)

    def add_teacher(self, label, teacher_grant, **extra):
        name = '%s-%s' % (self.name, label)
        body = expect(self.platform.post('/teachers', json=dict({
            'school_id': self.id, 'name': name, 'password': self.PASSWORD,
            'grant': teacher_grant}, **extra)), 201)
        teacher = body['teacher']
        choose_password(teacher['user_id'], self.PASSWORD)
        teacher['persona'] = project_member(name, self.PASSWORD, self.name,
                                            teacher['id'])
        return teacher

    def add_class(self, teacher, default_grant=None):
        return expect(self.platform.post('/classes', json={
            'teacher_id': teacher['id'], 'name': unique('class'),
            'default_grant': default_grant or dict(GRANT)}), 201)['class']

    def enrol(self, klass, label, student_grant=None, caller=None):
        name = '%s-%s' % (self.name, label)
        body = {'class_id': klass['id'], 'name': name,
                'password': self.PASSWORD}
        if student_grant is not None:
            body['grant'] = student_grant
        student = expect((caller or self.platform).post(
            '/students', json=body), 201)['student']
        choose_password(student['user_id'], self.PASSWORD)
        student['persona'] = project_member(name, self.PASSWORD, self.name,
                                            student['id'])
        return student


class Cleanup(object):
    """The schools the tests made, removed newest first as scopes end.

    Everything a test makes (teachers, classes, students, servers) lives
    in a school's domain, so removing the schools removes it all.
    """

    def __init__(self):
        self.schools = []

    def add_school(self, platform, school_id):
        self.schools.append((platform, school_id))

    def scope(self, cloud):
        """Body of a fixture: remove the schools made while it is active.

        Each school is tried even when another fails; the failures are
        raised together at the end so that teardown reports them.
        """
        mark = len(self.schools)
        yield
        failures = []
        while len(self.schools) > mark:
            platform, school_id = self.schools.pop()
            try:
                delete_school(cloud, platform, school_id)
            except Exception as exc:
                failures.append('school %s: %r' % (school_id, exc))
        assert not failures, 'cleanup failed: ' + '; '.join(failures)


CLEANUP = Cleanup()


def delete_school(cloud, platform, school_id):
    """Remove a school from Keystone and Nova; our DB keeps its rows.

    The API has no route to delete a school, so it is disabled through the
    API (its row says so and its logins stop), then the cloud admin deletes
    the servers, projects, users and domain directly.
    """
    # Retries ride out a cloudkitty-api restart of a few seconds.
    platform.http.patch(PREFIX + '/schools/' + school_id,
                        json={'enabled': False}, connect_retries=5)
    projects = list(cloud.identity.projects(domain_id=school_id))
    project_ids = {project.id for project in projects}
    # Nova keeps a deleted project's servers: delete them first.
    servers = [server for server in cloud.compute.servers(all_projects=True)
               if server.project_id in project_ids]
    for server in servers:
        cloud.compute.delete_server(server)
    for server in servers:
        cloud.compute.wait_for_delete(server, wait=120)
    # Keystone deletes leaves only: students, then their teachers.
    while projects:
        parents = {project.parent_id for project in projects}
        for project in projects:
            if project.id not in parents:
                cloud.identity.delete_project(project)
        projects = [project for project in projects if project.id in parents]
    for user in cloud.identity.users(domain_id=school_id):
        cloud.identity.delete_user(user)
    # Keystone deletes disabled domains only.
    cloud.identity.update_domain(school_id, is_enabled=False)
    cloud.identity.delete_domain(school_id)
