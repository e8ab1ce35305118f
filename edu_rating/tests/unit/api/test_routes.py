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
"""No route without its own policy rule."""

import re
from unittest import mock

from edu_rating.management import openapi
from edu_rating import policies
from edu_rating.policies import allocation as allocation_policy
from edu_rating.policies import base as policy_base
from edu_rating import policy
from edu_rating.tests.unit.api import base

# Concrete path arguments of each resource, from the fake world.
SAMPLE_ARGS = {
    'schools': ['dom-a'], 'teachers': ['p-a1'], 'classes': ['1'],
    'students': ['p-s1'], 'allocations': ['teacher', 'p-a1'],
    'plans': ['2'], 'plan_assignments': [], 'prices': ['teacher', 'p-a1'],
    'invoices': ['2'], 'costs': ['school', 'dom-a'],
    'templates': ['1'], 'machines': [], 'jobs': ['1'],
    'images': ['img-a1'], 'shares': ['1'],
}
# A valid request per route that takes a body (or a query it needs).
SAMPLE_REQUESTS = {
    ('POST', '/schools'): ('', {'name': 'riverside', 'admin': {
        'name': 'riverside-admin', 'password': 'secret'}}),
    ('PATCH', '/schools/{}'): ('', {'enabled': False}),
    ('POST', '/teachers'): ('', {'school_id': 'dom-a', 'name': 't',
                                 'password': 'secret'}),
    ('PATCH', '/teachers/{}'): ('', {'enabled': False}),
    ('POST', '/classes'): ('', {'teacher_id': 'p-a1', 'name': 'Networks'}),
    ('PATCH', '/classes/{}'): ('', {'name': 'Networks 102'}),
    ('PUT', '/classes/{}/grant'): ('', {'grant': {'vcpu': 1}}),
    ('POST', '/students'): ('', {'class_id': 1, 'name': 'alice'}),
    ('POST', '/students/roster'): ('?class_id=1', {'csv': 'name\n'}),
    ('PATCH', '/students/{}'): ('', {'password': 'n3w-secret'}),
    ('PUT', '/allocations/{}/{}'): ('', {'grant': {'vcpu': 1}}),
    ('POST', '/plans'): ('', {'issuer': 'dom-a', 'name': 'Standard',
                              'currency': 'EUR', 'rates': {'vcpu': '1'}}),
    ('POST', '/plans/{}/versions'): ('', {'rates': {'vcpu': '2'}}),
    ('GET', '/plan_assignments'): ('?issuer=dom-a', None),
    ('PUT', '/plan_assignments'): ('', {'issuer': 'dom-a', 'plan_id': 2}),
    ('POST', '/invoices/{}/void'): ('', {'reason': 'wrong plan'}),
    ('POST', '/templates'): ('', {'class_id': 1, 'name': 'Ubuntu lab',
                                  'image_id': 'img-1', 'flavor_id': 'm1'}),
    ('POST', '/machines'): ('', {'student_id': 'p-s1', 'template_id': 1}),
    ('GET', '/jobs'): ('?class_id=1', None),
    ('POST', '/jobs'): ('', {'class_id': 1, 'action': 'stop'}),
    ('POST', '/images'): ('', {'teacher_id': 'p-a1', 'image_id': 'img-a1'}),
    ('PATCH', '/images/{}'): ('', {'enabled': False}),
    ('POST', '/images/{}/shares'): ('', {'class_id': 1}),
}
# Who makes the sample request, where not the platform admin: machines are
# launched with a teacher's or student's own token.
SAMPLE_PERSONAS = {('POST', '/machines'): 'teacher_a1'}


def _concrete(template):
    """The template with the fake world's ids in place of ``{}``."""
    parts, last, used = [], None, 0
    for part in template.split('/'):
        if part == '{}':
            part, used = SAMPLE_ARGS[last][used], used + 1
        elif part:
            last, used = part, 0
        parts.append(part)
    return '/'.join(parts)


def routes():
    """(HTTP method, path template, concrete path) of every handler."""
    return [(method, template, _concrete(template))
            for method, template, _handler in openapi.served()]


def rules_of(method, path):
    """Names of the rules documenting an operation on a concrete path."""
    names = set()
    for rule in policies.list_rules():
        for operation in getattr(rule, 'operations', []):
            pattern = re.sub(r'\\{\w+\\}', '[^/]+',
                             re.escape(operation['path']))
            if (operation['method'] == method and
                    re.fullmatch(pattern, policy_base.ROOT_PATH +
                                 ('' if path == '/' else path))):
                names.add(rule.name)
    return names


class RoutesTest(base.ApiTestCase):

    def test_the_walk_finds_every_resource(self):
        templates = {template for _method, template, _path in routes()}
        self.assertIn('/classes/{}/close', templates)
        self.assertIn('/students/roster', templates)
        self.assertIn('/allocations/{}/{}/history', templates)
        self.assertIn('/plans/{}/versions', templates)
        self.assertIn('/platform', templates)
        self.assertIn('/classes/{}/hand_back', templates)
        self.assertIn('/jobs/{}', templates)
        self.assertIn('/images/{}/shares/{}', templates)
        self.assertEqual(62, len(routes()))

    def test_every_route_is_documented_by_a_rule(self):
        for method, template, path in routes():
            self.assertTrue(rules_of(method, path), (method, template))

    def test_every_route_checks_its_own_rules(self):
        real_authorize = policy.authorize
        for method, template, path in routes():
            query, body = SAMPLE_REQUESTS.get((method, template), ('', None))
            persona = SAMPLE_PERSONAS.get((method, template), 'platform')
            with mock.patch.object(policy, 'authorize',
                                   side_effect=real_authorize) as spy:
                response = self.request(method, path + query, body,
                                        persona=persona)
            self.assertLess(response.status_int, 300,
                            (method, path, response.body))
            checked = {call.args[1] for call in spy.call_args_list}
            # Verdicts the service reads off the actor, not checks.
            expected = rules_of(method, path) - set(
                allocation_policy.VERDICT_RULES)
            self.assertTrue(expected, (method, template))
            self.assertLessEqual(expected, checked, (method, template))

    def test_every_route_refuses_a_user_without_a_persona(self):
        for method, template, path in routes():
            query, body = SAMPLE_REQUESTS.get((method, template), ('', None))
            response = self.request(method, path + query, body,
                                    persona='nobody')
            self.assertError(403, response)
        for name, service in self.services.items():
            if name != 'targets.resolve':
                self.assertFalse(service.called, name)
