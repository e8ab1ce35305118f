"""Isolation, generated from the route table: no one reaches another's data.

Every operation of the OpenAPI document (which is generated from the
controllers, so a new route is covered the day it is added) is sent by
school A's admin, teacher and student with school B's ids wherever the
route names an object (in its path, its query or its body): each must be
refused with a 403 or a 404, and B's objects are the same afterwards. A
route that names no object (a list of one's own) must show none of B's
ids. Then the same for a teacher against another teacher's class in the
same school.
"""

import io
import json

import pytest

from edu_rating.management import openapi
from tests.functional import conftest
from tests.functional import edu

DENIED = (403, 404)
ID_FIELDS = ('school_id', 'teacher_id', 'class_id', 'student_id', 'plan_id',
             'invoice_id', 'issuer', 'payer_id', 'target_id', 'template_id',
             'job_id', 'image_id')
# Each class of the world has a lab template (of m1.tiny) and a job, and
# its teacher's own image (in Glance, registered) shared with it.
CLASS_GRANT = edu.grant(vcpu=1, ram_mb=512, disk_gb=1, instances=1)


class Victim(object):
    """The objects of a school (or of a teacher) others must not reach."""

    def __init__(self, platform, school, teacher, klass, student, plan=None,
                 invoice=None):
        self.platform, self.school = platform, school
        self.class_id = klass['id']
        self.ids = {'school_id': school.id, 'teacher_id': teacher['id'],
                    'class_id': klass['id'], 'student_id': student['id'],
                    'issuer': school.id, 'payer_id': teacher['id'],
                    'target_id': student['id'],
                    'template_id': klass['template_id'],
                    'job_id': klass['job_id'],
                    'image_id': klass['image_id']}
        if plan is not None:
            self.ids['plan_id'] = plan
        if invoice is not None:
            self.ids['invoice_id'] = invoice
        self.scopes = {'school': school.id, 'teacher': teacher['id'],
                       'enrolment': student['id']}

    def state(self):
        """What the platform admin sees of the victim's objects."""
        p, school_id = self.platform, self.school.id
        reads = [('/schools/%s' % school_id, {}),
                 ('/teachers', {'school_id': school_id}),
                 ('/classes', {'school_id': school_id,
                               'include_closed': 'true'}),
                 ('/students', {'school_id': school_id,
                                'include_removed': 'true'}),
                 ('/plans', {'issuer': school_id}),
                 ('/invoices', {'issuer': school_id}),
                 ('/templates', {'class_id': self.class_id}),
                 ('/images', {'school_id': school_id}),
                 ('/jobs', {'class_id': self.class_id})]
        state = {path: edu.expect(p.get(path, params=dict(params, limit=1000)),
                                  200)
                 for path, params in reads}
        # The school's own images: the platform's come and go with other
        # tests.
        state['/images']['images'] = [
            image for image in state['/images']['images']
            if image['school_id'] == school_id]
        for scope_type, scope_id in self.scopes.items():
            answer = edu.expect(p.get('/allocations/%s/%s'
                                      % (scope_type, scope_id)), 200)
            state[scope_type] = (answer['grant'], answer['delegated'])
        return _steady(state)


# Rewritten by the stack's own loops (the usage sweep every minute), not
# by anything the callers do.
VOLATILE = ('usage_measured_at',)


def _steady(value):
    """``value`` without the fields the stack's loops rewrite."""
    if isinstance(value, dict):
        return {key: _steady(item) for key, item in value.items()
                if key not in VOLATILE}
    if isinstance(value, (list, tuple)):
        return [_steady(item) for item in value]
    return value


def _value(name, schema, victim):
    if name in victim.ids:
        value = victim.ids[name]
        return value if 'integer' not in str(schema.get('type')) else int(
            value)
    if 'enum' in schema:
        return schema['enum'][0]
    kinds = schema.get('type', 'object')
    kinds = kinds if isinstance(kinds, list) else [kinds]
    if 'null' in kinds:
        return None
    if 'string' in kinds:
        return 'isolation'
    if 'integer' in kinds or 'number' in kinds:
        return 1
    if 'boolean' in kinds:
        return False
    if 'array' in kinds:
        return []
    return {'vcpu': 1} if schema.get('minProperties') else {}


def _body(schema, victim):
    """A body the schema accepts, with the victim's ids in its id fields."""
    props = schema.get('properties', {})
    wanted = set(schema.get('required', ())) | (set(props) & set(ID_FIELDS))
    # A PATCH must change something: one optional field then.
    wanted |= set(sorted(set(props) - wanted)[:max(
        0, schema.get('minProperties', 0) - len(wanted))])
    return {name: _value(name, props[name], victim) for name in wanted}


def requests(victim, kinds=None):
    """``(label, method, path, params, body, names an object)`` per case."""
    for template, item in openapi.document()['paths'].items():
        for method, operation in item.items():
            path_names = [p['name'] for p in operation['parameters']
                          if p['in'] == 'path']
            scope_types = [None]
            if 'scope_type' in path_names:
                scope_types = (['school', 'teacher', 'enrolment']
                               if template.startswith('/allocations')
                               else ['school', 'teacher'])
            for scope_type in scope_types:
                path, names_object = template, False
                for name in path_names:
                    if name == 'scope_type':
                        value = scope_type
                    elif name == 'scope_id':
                        value = victim.scopes[scope_type or
                                              template.split('/')[2]]
                    elif name in victim.ids:
                        value = victim.ids[name]
                    else:
                        value = None
                    if value is None:
                        break
                    path = path.replace('{%s}' % name, str(value))
                    names_object = True
                else:
                    params = {p['name']: _value(p['name'], p['schema'],
                                                victim)
                              for p in operation['parameters']
                              if p['in'] == 'query' and (
                                  p['required'] or p['name'] in victim.ids)}
                    names_object |= any(name in victim.ids
                                        for name in params)
                    body = None
                    content = operation.get('requestBody', {}).get(
                        'content', {})
                    if 'application/json' in content:
                        body = _body(content['application/json']['schema'],
                                     victim)
                        names_object |= any(name in victim.ids
                                            for name in body)
                    if kinds is None or names_object and (set(
                            params) | set(body or {}) | set(path_names)) & \
                            set(kinds):
                        yield ('%s %s' % (method.upper(), path),
                               method.upper(), path, params, body,
                               names_object)


def assert_isolated(victim, callers, kinds=None):
    before = victim.state()
    leaks = []
    for name, caller in callers.items():
        for label, method, path, params, body, names_object in requests(
                victim, kinds):
            status, answer = caller.call(method, path, json=body,
                                         params=params)
            if names_object and status not in DENIED:
                leaks.append('%s as %s: %s %s' % (label, name, status,
                                                  str(answer)[:200]))
            elif not names_object and 200 <= status < 300:
                text = json.dumps(answer)
                # Keystone's ids only: a row id (a class's, a plan's) is a
                # small number any answer may hold.
                seen = [key for key, value in victim.ids.items()
                        if isinstance(value, str) and value in text]
                if seen:
                    leaks.append('%s as %s shows %s' % (label, name, seen))
    assert leaks == [], '\n'.join(leaks)
    assert victim.state() == before


def teacher_image(school, teacher, klass):
    """The teacher's own image, uploaded, registered and shared."""
    cloud = conftest.openstack.connect(
        auth_url=conftest.KEYSTONE_URL, username=teacher['name'],
        password=school.PASSWORD, user_domain_name=school.name,
        project_id=teacher['id'], project_domain_name=school.name,
        region_name='RegionOne', identity_api_version='3')
    image = cloud.image.create_image(
        name=edu.unique('iso-disk'), disk_format='raw',
        container_format='bare', data=io.BytesIO(b'\0' * 4096))
    IMAGES.append(image.id)
    persona = teacher['persona']
    edu.expect(persona.post('/images', json={
        'teacher_id': teacher['id'], 'image_id': image.id}), 201)
    edu.expect(persona.post('/images/%s/shares' % image.id, json={
        'class_id': klass['id']}), 201)
    return image.id


# Glance images the module made: Glance keeps a deleted project's images.
IMAGES = []


@pytest.fixture(scope='module')
def schools(admin_cloud):
    try:
        yield made_schools(admin_cloud)
    finally:
        while IMAGES:
            admin_cloud.image.delete_image(IMAGES.pop(), ignore_missing=True)


def made_schools(admin_cloud):
    platform = edu.platform_admin(conftest._secrets())
    image = admin_cloud.image.find_image('lab-image', ignore_missing=False)
    made = {}
    for label in ('iso-a', 'iso-b'):
        school = edu.School(platform, label, edu.grant(
            vcpu=40, ram_mb=8192, disk_gb=40, instances=20))
        t1, t2 = (school.add_teacher(name, edu.grant(
            vcpu=10, ram_mb=2048, disk_gb=10, instances=5))
            for name in ('t1', 't2'))
        klass = school.add_class(t1, CLASS_GRANT)
        student = school.enrol(klass, 's1')
        klass['template_id'] = edu.expect(platform.post('/templates', json={
            'class_id': klass['id'], 'name': 'lab', 'image_id': image.id,
            'flavor_id': 'm1.tiny'}), 201)['template']['id']
        klass['job_id'] = edu.expect(t1['persona'].post('/jobs', json={
            'class_id': klass['id'], 'action': 'stop'}), 202)['job']['id']
        # Done before the victim's state is read, so that it stays put.
        edu.wait_until('job %s' % klass['job_id'], lambda: edu.expect(
            platform.get('/jobs/%s' % klass['job_id']),
            200)['job']['state'] == 'done')
        klass['image_id'] = teacher_image(school, t1, klass)
        made[label] = (school, t1, t2, klass, student)
    # School B bills: a plan of its own for its teachers, and a settlement
    # invoice from a change of its teacher's grant.
    school, t1 = made['iso-b'][:2]
    plan = edu.expect(platform.post('/plans', json={
        'issuer': school.id, 'name': edu.unique('iso-plan'),
        'currency': 'EUR', 'rates': {'vcpu': '1'}}), 201)['plan']['id']
    edu.expect(platform.put('/plan_assignments', json={
        'issuer': school.id, 'plan_id': plan}), 200)
    edu.expect(platform.put('/allocations/teacher/%s' % t1['id'],
                            json={'grant': {'vcpu': 11}}), 200)
    invoices = edu.expect(platform.get('/invoices', params={
        'payer_id': t1['id']}), 200)['invoices']
    return platform, made, plan, invoices[-1]['id'] if invoices else None


def test_school_a_reaches_nothing_of_school_b(schools):
    platform, made, plan, invoice = schools
    a_school, a_t1, _a_t2, _a_class, a_student = made['iso-a']
    b_school, b_t1, _b_t2, b_class, b_student = made['iso-b']
    victim = Victim(platform, b_school, b_t1, b_class, b_student, plan,
                    invoice)
    assert_isolated(victim, {'school admin': a_school.admin,
                             'teacher': a_t1['persona'],
                             'student': a_student['persona']})


def test_a_teacher_reaches_nothing_of_another_teachers_class(schools):
    platform, made, _plan, _invoice = schools
    school, t1, t2, klass, student = made['iso-a']
    victim = Victim(platform, school, t1, klass, student)
    assert_isolated(victim, {'other teacher': t2['persona']},
                    kinds=('teacher_id', 'class_id', 'student_id',
                           'scope_id', 'payer_id', 'target_id',
                           'template_id', 'job_id', 'image_id'))
