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
"""The OpenAPI document is the controllers' routes, neither more nor less."""

import json

from openapi_spec_validator import validate

from edu_rating.management import openapi
from edu_rating.management.schemas import bodies
from edu_rating.tests.unit import base


class DocumentTest(base.TestCase):

    def setUp(self):
        super().setUp()
        self.document = openapi.document()
        self.operations = {(method.upper(), path)
                           for path, item in self.document['paths'].items()
                           for method in item}

    def test_it_is_valid_openapi_3_1(self):
        self.assertEqual('3.1.0', self.document['openapi'])
        validate(self.document)

    def test_every_served_route_is_in_it_with_its_method(self):
        for method, template, _handler in openapi.served():
            self.assertTrue(
                [path for m, path in self.operations
                 if m == method and openapi.serves(template, path)],
                (method, template))

    def test_it_names_no_route_that_is_not_served(self):
        served = openapi.served()
        for method, path in self.operations:
            self.assertTrue(
                [t for m, t, _h in served
                 if m == method and openapi.serves(t, path)],
                (method, path))

    def test_bodies_and_queries_are_the_validated_schemas(self):
        create = self.document['paths']['/teachers']['post']
        self.assertEqual(
            bodies.teacher_create(),
            create['requestBody']['content']['application/json']['schema'])
        self.assertEqual('edu:teacher:create', create['x-policy-rule'])
        roster = self.document['paths']['/students/roster']['post']
        self.assertIn('text/csv', roster['requestBody']['content'])
        self.assertEqual(
            {'class_id', 'dry_run', 'skip_enrolled'},
            {p['name'] for p in roster['parameters'] if p['in'] == 'query'})
        self.assertEqual(
            [{'name': 'teacher_id', 'in': 'path', 'required': True,
              'schema': {'type': 'string', 'minLength': 1}}],
            self.document['paths']['/teachers/{teacher_id}']['get'][
                'parameters'])

    def test_each_scope_of_a_grant_has_its_own_rule(self):
        rules = {path: item['put']['x-policy-rule']
                 for path, item in self.document['paths'].items()
                 if path.startswith('/allocations/') and 'put' in item}
        self.assertEqual({
            '/allocations/school/{scope_id}': 'edu:allocation:school:set',
            '/allocations/teacher/{scope_id}': 'edu:allocation:teacher:set',
            '/allocations/enrolment/{scope_id}':
                'edu:allocation:enrolment:set'}, rules)

    def test_the_shipped_document_is_current(self):
        # Regenerate with: python -m edu_rating.management.openapi >
        # edu_rating/management/openapi.json
        self.assertEqual(self.document,
                         json.loads(openapi.SHIPPED.read_text()))

    def test_the_rendered_reference_is_current(self):
        # Regenerate with: python -m edu_rating.management.openapi --rst >
        # doc/source/api-reference.rst
        rendered = openapi.SHIPPED.parents[2] / 'doc' / 'source' / \
            'api-reference.rst'
        self.assertEqual(openapi.rst(self.document), rendered.read_text())
