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
"""Every Education API route x six personas: who may, who may not.

The world: school A (admin SA, teachers A1 and A2, class C1 of A1 with
student S) and school B (admin SB). Each case names the personas that must
be allowed (a 2xx answer); every other persona must get 403. Cases that
create or delete make a fresh object for each caller, so one caller's
success never changes another's answer.
"""

import datetime
import itertools
import time

import pytest

from tests.functional import edu

PERSONAS = ('P', 'SA', 'SB', 'T1', 'T2', 'S')
ALL = set(PERSONAS)


class World(object):

    def __init__(self, secrets):
        self.P = edu.platform_admin(secrets)
        big = edu.grant(vcpu=1000, ram_mb=100000, disk_gb=1000,
                        instances=1000)
        self.a = edu.School(self.P, 'mxa', edu.grant())
        self.b = edu.School(self.P, 'mxb', edu.grant())
        # Money: a platform plan for school A and a school plan for its
        # teachers, in force before any grant; an invoice of each kind.
        self.p_plan = self.plan('platform')
        self.a_plan = self.plan(self.a.id)
        edu.expect(self.P.put('/plan_assignments', json={
            'issuer': 'platform', 'payer_id': self.a.id,
            'plan_id': self.p_plan}), 200)
        edu.expect(self.P.put('/plan_assignments', json={
            'issuer': self.a.id, 'plan_id': self.a_plan}), 200)
        edu.expect(self.P.put('/allocations/school/' + self.a.id,
                              json={'grant': big}), 200)
        self.t1 = self.a.add_teacher('t1', edu.grant(vcpu=500))
        self.t2 = self.a.add_teacher('t2', edu.grant(vcpu=10))
        self.c1 = self.a.add_class(self.t1)
        self.s = self.a.enrol(self.c1, 's1', edu.grant(vcpu=1))
        self.callers = {'P': self.P, 'SA': self.a.admin, 'SB': self.b.admin,
                        'T1': self.t1['persona'], 'T2': self.t2['persona'],
                        'S': self.s['persona']}
        self._grants = itertools.count(1)
        self.a_invoice = self.fresh_invoice('school', self.a.id)
        self.t1_invoice = self.fresh_invoice('teacher', self.t1['id'])

    def plan(self, issuer):
        return edu.expect(self.P.post('/plans', json={
            'issuer': issuer, 'name': _new_name('mx-plan'),
            'currency': 'EUR', 'rates': {'vcpu': '360'}}), 201)['plan']['id']

    def fresh_invoice(self, scope_type, scope_id):
        """A new settlement: the payer's own grant changes once more.

        Settlements bill whole seconds: one passes first, to be billed.
        """
        time.sleep(1.1)
        path = '/allocations/%s/%s' % (scope_type, scope_id)
        vcpu = edu.expect(self.P.get(path), 200)['grant']['vcpu']
        # Up one, then back down: the parent always has room for it.
        new = vcpu + 1 if next(self._grants) % 2 else vcpu - 1
        edu.expect(self.P.put(path, json={'grant': {'vcpu': new}}), 200)
        invoices = edu.expect(self.P.get('/invoices', params={
            'payer_id': scope_id}), 200)['invoices']
        return invoices[-1]['id']

    def fresh_class(self):
        return self.a.add_class(self.t1)

    def fresh_student(self):
        return self.a.enrol(self.c1, edu.unique('gone'))


@pytest.fixture(scope='module')
def world(secrets):
    return World(secrets)


def _new_name(prefix):
    return edu.unique(prefix)


def _later():
    """A future moment of its own, for versions and assignments."""
    return (datetime.datetime.now(datetime.timezone.utc) +
            datetime.timedelta(days=30, seconds=next(_SECONDS))).isoformat()


_SECONDS = itertools.count(1)


def _create_school(w, caller):
    # Made without edu.School, so recorded here for removal.
    status, body = caller.post('/schools', json={
        'name': _new_name('ft-mxn'), 'description': 'New',
        'admin': {'name': _new_name('ft-mxn-admin'),
                  'password': 'Passw0rd-x'},
        'grant': edu.grant()})
    if status == 201:
        edu.CLEANUP.add_school(w.P, body['school']['id'])
    return status, body


CASES = {
    'module info': (ALL, lambda w, c: c.get('/')),
    'school create': ({'P'}, _create_school),
    'school list': ({'P', 'SA', 'SB'}, lambda w, c: c.get('/schools')),
    'school get': ({'P', 'SA'}, lambda w, c: c.get('/schools/' + w.a.id)),
    'school update': ({'P'}, lambda w, c: c.patch(
        '/schools/' + w.a.id, json={'description': 'Functional mxa'})),
    'teacher create': ({'P', 'SA'}, lambda w, c: c.post('/teachers', json={
        'school_id': w.a.id, 'name': _new_name('mxa-t'),
        'password': 'Passw0rd-x'})),
    'teacher list': ({'P', 'SA'}, lambda w, c: c.get(
        '/teachers', params={'school_id': w.a.id})),
    'teacher get': ({'P', 'SA', 'T1'}, lambda w, c: c.get(
        '/teachers/' + w.t1['id'])),
    'teacher update': ({'P', 'SA'}, lambda w, c: c.patch(
        '/teachers/' + w.t1['id'], json={'email': 't1@example.org'})),
    'class create': ({'P', 'SA', 'T1'}, lambda w, c: c.post('/classes', json={
        'teacher_id': w.t1['id'], 'name': _new_name('class')})),
    'class list': ({'P', 'SA', 'T1'}, lambda w, c: c.get(
        '/classes', params={'teacher_id': w.t1['id']})),
    'class get': ({'P', 'SA', 'T1'}, lambda w, c: c.get(
        '/classes/%s' % w.c1['id'])),
    'class update': ({'P', 'SA', 'T1'}, lambda w, c: c.patch(
        '/classes/%s' % w.c1['id'], json={'name': w.c1['name']})),
    'class close': ({'P', 'SA', 'T1'}, lambda w, c: c.post(
        '/classes/%s/close' % w.fresh_class()['id'])),
    'student create': ({'P', 'SA', 'T1'}, lambda w, c: c.post(
        '/students', json={'class_id': w.c1['id'],
                           'name': _new_name('mxa-s')})),
    'student roster': ({'P', 'SA', 'T1'}, lambda w, c: c.post(
        '/students/roster', params={'class_id': w.c1['id']},
        data=('name\n%s\n' % _new_name('mxa-r')).encode(),
        headers={'Content-Type': 'text/csv'})),
    'student list': ({'P', 'SA', 'T1'}, lambda w, c: c.get(
        '/students', params={'class_id': w.c1['id']})),
    'student get': ({'P', 'SA', 'T1', 'S'}, lambda w, c: c.get(
        '/students/' + w.s['id'])),
    'student delete': ({'P', 'SA', 'T1'}, lambda w, c: c.delete(
        '/students/' + w.fresh_student()['id'])),
    # A fresh student: a new password ends the old one's logins.
    'student password': ({'P', 'SA', 'T1'}, lambda w, c: c.patch(
        '/students/' + w.fresh_student()['id'],
        json={'password': 'Passw0rd-m'})),
    'allocation get school': ({'P', 'SA'}, lambda w, c: c.get(
        '/allocations/school/' + w.a.id)),
    'allocation get teacher': ({'P', 'SA', 'T1'}, lambda w, c: c.get(
        '/allocations/teacher/' + w.t1['id'])),
    'allocation get enrolment': ({'P', 'SA', 'T1', 'S'}, lambda w, c: c.get(
        '/allocations/enrolment/' + w.s['id'])),
    'allocation history': ({'P', 'SA', 'T1', 'S'}, lambda w, c: c.get(
        '/allocations/enrolment/%s/history' % w.s['id'])),
    'allocation set school': ({'P'}, lambda w, c: c.put(
        '/allocations/school/' + w.a.id,
        json={'grant': {'vcpu': 1000}})),
    'allocation set teacher': ({'P', 'SA'}, lambda w, c: c.put(
        '/allocations/teacher/' + w.t1['id'],
        json={'grant': {'vcpu': 500}})),
    'allocation set enrolment': ({'P', 'SA', 'T1'}, lambda w, c: c.put(
        '/allocations/enrolment/' + w.s['id'],
        json={'grant': {'vcpu': 1}})),
    'allocation force': ({'P'}, lambda w, c: c.put(
        '/allocations/enrolment/' + w.s['id'],
        json={'grant': {'vcpu': 1}, 'force': True})),
    'plan create platform': ({'P'}, lambda w, c: c.post('/plans', json={
        'issuer': 'platform', 'name': _new_name('mx-plan'),
        'currency': 'EUR', 'rates': {'vcpu': '1'}})),
    'plan create school': ({'P', 'SA'}, lambda w, c: c.post('/plans', json={
        'issuer': w.a.id, 'name': _new_name('mx-plan'), 'currency': 'EUR',
        'rates': {'vcpu': '1'}})),
    'plan list school': ({'P', 'SA'}, lambda w, c: c.get(
        '/plans', params={'issuer': w.a.id})),
    'plan get platform': ({'P'}, lambda w, c: c.get(
        '/plans/%s' % w.p_plan)),
    'plan get school': ({'P', 'SA'}, lambda w, c: c.get(
        '/plans/%s' % w.a_plan)),
    'plan version add': ({'P', 'SA'}, lambda w, c: c.post(
        '/plans/%s/versions' % w.a_plan,
        json={'rates': {'vcpu': '2'}, 'effective_from': _later()})),
    'plan assignment list': ({'P', 'SA'}, lambda w, c: c.get(
        '/plan_assignments', params={'issuer': w.a.id})),
    'plan assignment set': ({'P', 'SA'}, lambda w, c: c.put(
        '/plan_assignments', json={
            'issuer': w.a.id, 'payer_id': w.t2['id'], 'plan_id': w.a_plan,
            'effective_from': _later()})),
    'price school': ({'P', 'SA'}, lambda w, c: c.get(
        '/prices/school/' + w.a.id)),
    'price teacher': ({'P', 'SA', 'T1'}, lambda w, c: c.get(
        '/prices/teacher/' + w.t1['id'])),
    'invoice list teacher': ({'P', 'SA', 'T1'}, lambda w, c: c.get(
        '/invoices', params={'payer_id': w.t1['id']})),
    'invoice get teacher': ({'P', 'SA', 'T1'}, lambda w, c: c.get(
        '/invoices/%s' % w.t1_invoice)),
    'invoice csv': ({'P', 'SA', 'T1'}, lambda w, c: c.get(
        '/invoices/%s/csv' % w.t1_invoice)),
    'invoice pdf': ({'P', 'SA', 'T1'}, lambda w, c: c.get(
        '/invoices/%s/pdf' % w.t1_invoice)),
    'invoice get school': ({'P', 'SA'}, lambda w, c: c.get(
        '/invoices/%s' % w.a_invoice)),
    'invoice pay teacher': ({'P', 'SA'}, lambda w, c: c.post(
        '/invoices/%s/pay' % w.fresh_invoice('teacher', w.t1['id']))),
    'invoice void school': ({'P'}, lambda w, c: c.post(
        '/invoices/%s/void' % w.fresh_invoice('school', w.a.id),
        json={'reason': 'matrix'})),
    'invoice run': ({'P'}, lambda w, c: c.post('/invoices/run')),
    'cost teacher': ({'P', 'SA', 'T1'}, lambda w, c: c.get(
        '/costs/teacher/' + w.t1['id'])),
    'cost school teachers': ({'P', 'SA'}, lambda w, c: c.get(
        '/costs/school/%s/teachers' % w.a.id)),
    'platform totals': ({'P'}, lambda w, c: c.get('/platform')),
    'audit of school A': ({'P', 'SA'}, lambda w, c: c.get(
        '/audit', params={'school_id': w.a.id, 'limit': 5})),
}


@pytest.mark.parametrize('persona', PERSONAS)
@pytest.mark.parametrize('case', sorted(CASES))
def test_policy_matrix(world, case, persona):
    allowed, call = CASES[case]
    status, body = call(world, world.callers[persona])
    if persona in allowed:
        assert 200 <= status < 300, '%s as %s: %s %s' % (
            case, persona, status, body)
    else:
        assert status == 403, '%s as %s: expected 403, got %s %s' % (
            case, persona, status, body)
