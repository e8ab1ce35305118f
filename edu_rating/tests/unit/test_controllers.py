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
import json

from oslo_context import context as oslo_context
import pecan
from pecan import hooks
import webob

from edu_rating.management.controllers import root
from edu_rating.tests.unit import base
from edu_rating import version


class _ContextHook(hooks.PecanHook):
    """Stands in for CloudKitty's ContextHook."""

    def __init__(self, test):
        self.test = test

    def on_route(self, state):
        state.request.context = self.test.context


class RootControllerTest(base.TestCase):

    def setUp(self):
        super().setUp()
        self.context = oslo_context.RequestContext(
            roles=['member', 'reader'], project_id='p-student')
        self.app = pecan.make_app(root.EduRootController(),
                                  hooks=[_ContextHook(self)])

    def get(self, path):
        request = webob.Request.blank(path)
        return request.get_response(self.app)

    def test_root_returns_module_info(self):
        self.conf.set_override('resources', ['vcpu', 'ram_mb'], 'edu')
        self.conf.set_override('enforcement_backend', 'nova_quotas', 'edu')
        response = self.get('/')
        self.assertEqual(200, response.status_int)
        self.assertEqual('application/json', response.content_type)
        self.assertEqual(
            {'module': 'edu', 'version': version.version_string(),
             'resources': ['vcpu', 'ram_mb'],
             'enforcement_backend': 'nova_quotas'},
            json.loads(response.body))

    def test_info_is_the_same_document(self):
        self.assertEqual(json.loads(self.get('/').body),
                         json.loads(self.get('/info').body))

    def test_denied_by_our_policy_is_403(self):
        self.context = oslo_context.RequestContext(
            roles=['lab-observer'], project_id='p-x')
        for path in ('/', '/info'):
            response = self.get(path)
            self.assertEqual(403, response.status_int, path)
            self.assertIn(b'edu:module:get', response.body)

    def test_policy_override_applies_to_the_route(self):
        policy_file = self.create_tempfiles(
            [('policy', '"edu:module:get": "role:admin"\n')],
            ext='.yaml')[0]
        self.conf.set_override('policy_file', policy_file, 'oslo_policy')
        self.assertEqual(403, self.get('/').status_int)
