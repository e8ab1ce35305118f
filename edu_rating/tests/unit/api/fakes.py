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
"""One small world shared by the API and policy tests.

School A (domain dom-a) has teachers A1 (project p-a1) and A2 (p-a2);
A1 teaches class 1, where student s1 is enrolled (project p-s1). School B
(dom-b) has teacher B1 (p-b1), class 2 and student s2 (p-s2).
"""

import datetime

from oslo_context import context as oslo_context

from edu_rating import exceptions

UTC = datetime.timezone.utc

SCHOOL_A = {'domain_id': 'dom-a'}
SCHOOL_B = {'domain_id': 'dom-b'}
TEACHER_A1 = dict(SCHOOL_A, teacher_project_id='p-a1')
TEACHER_A2 = dict(SCHOOL_A, teacher_project_id='p-a2')
TEACHER_B1 = dict(SCHOOL_B, teacher_project_id='p-b1')
STUDENT_S1 = dict(TEACHER_A1, project_id='p-s1')
STUDENT_S2 = dict(TEACHER_B1, project_id='p-s2')

TARGETS = {
    'school': {'dom-a': SCHOOL_A, 'dom-b': SCHOOL_B},
    'teacher': {'p-a1': TEACHER_A1, 'p-a2': TEACHER_A2,
                'p-b1': TEACHER_B1},
    'class': {1: TEACHER_A1, 2: TEACHER_B1},
    'student': {'p-s1': STUDENT_S1, 'p-s2': STUDENT_S2},
}
TARGETS['enrolment'] = TARGETS['student']
# Template 1 and job 1 are class 1's.
TARGETS['template'] = {1: TEACHER_A1}
TARGETS['job'] = {1: TEACHER_A1}
# Image img-a1 is teacher A1's, img-platform the platform's.
TARGETS['image'] = {'img-a1': dict(TEACHER_A1, image_owner='teacher'),
                    'img-platform': {'image_owner': 'platform'}}
# Plan 1 is the platform's, plan 2 school A's.
TARGETS['issuer'] = {'platform': {}, 'dom-a': SCHOOL_A, 'dom-b': SCHOOL_B}
TARGETS['plan'] = {'1': {}, '2': SCHOOL_A}
TARGETS['payer'] = {'dom-a': SCHOOL_A, 'p-a1': TEACHER_A1}
# Invoice 1: the platform's to school A; invoice 2: school A's to A1.
TARGETS['invoice'] = {'1': SCHOOL_A, '2': TEACHER_A1}
TARGETS['invoice_issuer'] = {'1': {}, '2': SCHOOL_A}


def resolve(kind, ident):
    """Stands in for controllers.targets.resolve."""
    try:
        return dict(TARGETS[kind][ident])
    except KeyError:
        raise exceptions.NotFound(kind, ident)


ALL_ROLES = ['admin', 'manager', 'member', 'reader']
MANAGER = ['manager', 'member', 'reader']
MEMBER = ['member', 'reader']

# Persona: (roles, token scope) as keystonemiddleware would pass them.
PERSONAS = {
    'platform': (ALL_ROLES, {'system_scope': 'all'}),
    'project_admin': (ALL_ROLES, {'project_id': 'admin-project'}),
    'school_a': (MANAGER, {'domain_id': 'dom-a'}),
    'school_b': (MANAGER, {'domain_id': 'dom-b'}),
    'teacher_a1': (MANAGER, {'project_id': 'p-a1'}),
    'teacher_a2': (MANAGER, {'project_id': 'p-a2'}),
    'student_s1': (MEMBER, {'project_id': 'p-s1'}),
    'nobody': (['lab-observer'], {'project_id': 'p-x'}),
}


def context(persona, user_id='u-1'):
    roles, scope = PERSONAS[persona]
    return oslo_context.RequestContext(roles=roles, user_id=user_id,
                                       **scope)


def headers(persona, user_id='u-1'):
    """keystonemiddleware's headers for a persona's token."""
    roles, scope = PERSONAS[persona]
    result = {'X-User-Id': user_id, 'X-Roles': ','.join(roles)}
    names = {'system_scope': 'OpenStack-System-Scope',
             'domain_id': 'X-Domain-Id', 'project_id': 'X-Project-Id'}
    for key, value in scope.items():
        result[names[key]] = value
    return result


SCHOOL = {'id': 'dom-a', 'name': 'riverside', 'description': 'Riverside',
          'enabled': True,
          'created_at': datetime.datetime(2026, 9, 1, 8, 0, tzinfo=UTC),
          'grant': {'vcpu': 64}}
