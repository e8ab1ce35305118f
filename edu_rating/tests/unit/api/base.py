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
"""CloudKitty's real v1 pecan app, serving our controllers."""

import json
from unittest import mock

from cloudkitty.api import v1 as ck_v1
from cloudkitty.api.v1 import controllers as ck_controllers
from cloudkitty.api.v1 import hooks as ck_hooks
import pecan
import webob

from edu_rating.management.controllers import root
from edu_rating.tests.unit.api import fakes
from edu_rating.tests.unit.api import SERVICE_FUNCTIONS
from edu_rating.tests.unit import base

PREFIX = '/rating/module_config/edu'

# What each service function answers unless a test says otherwise.
_DEFAULT_RESULTS = {
    'schools.create': ({'id': 'dom-a'}, {'id': 'u-admin', 'name': 'admin'}),
    'students.enrol': ({'id': 'p-s1'}, None),
    'students.enrol_roster': [],
    'students.remove': None,
    'labs.delete': None,
    'images.delete': None,
    'images.unshare': None,
    'labs.machines': [],
    'invoices.as_csv': 'number,total\nP-2027-000001,1.00\n',
    'invoices.as_pdf': b'%PDF-1.7 not really',
}


def default_result(name):
    if name in _DEFAULT_RESULTS:
        return _DEFAULT_RESULTS[name]
    if name.endswith('.list') or name.endswith('.history'):
        return ([], None)
    return {'id': 'x'}


class ApiTestCase(base.TestCase):
    """Requests through CloudKitty's V1Controller.

    Its routing goes down to ``module_config/edu``, and its ContextHook
    builds the request context from keystonemiddleware's headers.
    """

    persona = 'platform'

    def setUp(self):
        super().setUp()
        # CloudKitty's RequestContext reads it (cloudkitty-api registers it).
        self.conf.import_opt('auth_strategy', 'cloudkitty.api.app')
        # The module_config exposer found our processor through stevedore
        # when CloudKitty's controllers were imported; mount a fresh root so
        # that the test does not depend on what else is installed.
        exposer = ck_controllers.V1Controller.rating.module_config
        patcher = mock.patch.object(exposer, 'edu', root.EduRootController(),
                                    create=True)
        patcher.start()
        self.addCleanup(patcher.stop)
        app_conf = ck_v1.get_pecan_config()
        self.app = pecan.make_app(
            app_conf.app.root,
            hooks=[ck_hooks.ContextHook()],
            force_canonical=getattr(app_conf.app, 'force_canonical', True),
            guess_content_type_from_ext=False)
        self.services = self.mock_services()

    def mock_services(self):
        """Every service function, mocked; targets from the fake world."""
        mocks = {}
        for module, functions in SERVICE_FUNCTIONS.items():
            for function in functions:
                name = 'edu_rating.management.%s.%s' % (module, function)
                patcher = mock.patch(name, autospec=True)
                short_name = '%s.%s' % (module.split('.')[-1], function)
                mocks[short_name] = fake = patcher.start()
                self.addCleanup(patcher.stop)
                fake.return_value = default_result(short_name)
        mocks['targets.resolve'].side_effect = fakes.resolve
        return mocks

    def request(self, method, path, body=None, persona=None,
                content_type='application/json', headers=None):
        request = webob.Request.blank(PREFIX + path, method=method)
        request.headers.update(fakes.headers(persona or self.persona))
        request.environ['openstack.request_id'] = 'req-1'
        if body is not None:
            if not isinstance(body, (str, bytes)):
                body = json.dumps(body)
            if isinstance(body, str):
                body = body.encode('utf-8')
            request.body = body
            request.content_type = content_type
        request.headers.update(headers or {})
        response = request.get_response(self.app)
        response.json_body_or_none = (
            json.loads(response.body)
            if response.body and response.content_type == 'application/json'
            else None)
        return response

    def assertError(self, code, response, message=None):
        """The contract's error body, with ``message`` in its message."""
        self.assertEqual(code, response.status_int, response.body)
        self.assertEqual('application/json', response.content_type)
        error = response.json_body_or_none['error']
        self.assertEqual(code, error['code'])
        self.assertTrue(error['title'])
        if message is not None:
            self.assertIn(message, error['message'])
        return error
