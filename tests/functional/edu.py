"""Talking to the Education API as the personas of the teaching cloud.

Plain keystoneauth sessions, one per persona, with the token scope each
persona really uses: the platform admin a system-scoped token, a school
admin a token scoped to the school's domain, a teacher one scoped to the
teacher project, a student one scoped to their enrolment project.
"""

import uuid

from keystoneauth1 import adapter
from keystoneauth1.identity import v3
from keystoneauth1 import session as ks_session

from edu_rating import resources as catalogue
from tests.functional import conftest

PREFIX = '/v1/rating/module_config/edu'


class Persona(object):
    """A caller of the Education API; methods answer (status, body)."""

    def __init__(self, name, auth):
        self.name = name
        self.session = ks_session.Session(auth=auth)
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

    def post(self, path, json=None, **kwargs):
        return self.call('POST', path, json=json, **kwargs)

    def put(self, path, json=None):
        return self.call('PUT', path, json=json)

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

    def __init__(self, admin, label, school_grant):
        self.platform = admin
        self.name = unique('ft-%s' % label)
        body = expect(admin.post('/schools', json={
            'name': self.name, 'description': 'Functional %s' % label,
            'admin': {'name': self.name + '-admin',
                      'password': self.PASSWORD},
            'grant': school_grant}), 201)
        self.id = body['school']['id']
        self.admin = school_admin(self.name + '-admin', self.PASSWORD,
                                  self.name)

    def add_teacher(self, label, teacher_grant):
        name = '%s-%s' % (self.name, label)
        body = expect(self.platform.post('/teachers', json={
            'school_id': self.id, 'name': name, 'password': self.PASSWORD,
            'grant': teacher_grant}), 201)
        teacher = body['teacher']
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
        student['persona'] = project_member(name, self.PASSWORD, self.name,
                                            student['id'])
        return student
