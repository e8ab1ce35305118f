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
"""The guard: errors the frameworks raise, in the API's JSON."""

import json

import webob

from edu_rating.management import guard
from edu_rating.tests.unit import base

PREFIX = '/v1/rating/module_config/edu'


def html_error(environ, start_response):
    start_response('405 Method Not Allowed',
                   [('Content-Type', 'text/html; charset=UTF-8')])
    return [b'<html>405</html>']


def json_answer(environ, start_response):
    start_response('200 OK', [('Content-Type', 'application/json')])
    return [b'{"ok": true}']


class GuardTest(base.TestCase):

    def call(self, app, path, **kwargs):
        request = webob.Request.blank(path, **kwargs)
        return request.get_response(guard.Guard(app))

    def error(self, response):
        self.assertEqual('application/json', response.content_type)
        return json.loads(response.body)['error']

    def test_an_html_error_page_becomes_our_json(self):
        response = self.call(html_error, PREFIX + '/invoices/1/void',
                             method='PUT')
        self.assertEqual(405, response.status_int)
        error = self.error(response)
        self.assertEqual(('http.405', 'Method Not Allowed'),
                         (error['error_code'], error['title']))
        self.assertIn('PUT', error['message'])

    def test_a_plain_text_error_page_becomes_our_json(self):
        def text_error(environ, start_response):
            start_response('405 Method Not Allowed',
                           [('Content-Type', 'text/plain; charset=UTF-8')])
            return [b'405 Method Not Allowed']
        response = self.call(text_error, PREFIX + '/schools', method='TRACE')
        self.assertEqual(405, response.status_int)
        self.assertEqual('http.405', self.error(response)['error_code'])

    def test_a_form_body_is_refused_before_pecan_parses_it(self):
        response = self.call(json_answer, PREFIX + '/classes', method='POST',
                             content_type='multipart/form-data', body=b'x')
        self.assertEqual(415, response.status_int)
        self.assertEqual('body.unsupported_type',
                         self.error(response)['error_code'])

    def test_a_path_that_is_not_utf8_is_a_400(self):
        response = self.call(json_answer, PREFIX + '/classes/%F3%A8')
        self.assertEqual(400, response.status_int)
        self.assertEqual('path.not_utf8', self.error(response)['error_code'])

    def test_in_the_callers_language(self):
        response = self.call(json_answer, PREFIX + '/classes/%F3%A8',
                             headers={'Accept-Language': 'zh-CN'})
        self.assertEqual('zh-hans', response.headers['Content-Language'])
        self.assertNotIn('UTF-8 text', self.error(response)['message'])

    def test_everything_else_passes_untouched(self):
        self.assertEqual(b'{"ok": true}',
                         self.call(json_answer, PREFIX + '/classes').body)
        # CloudKitty's own routes are CloudKitty's business.
        response = self.call(html_error, '/v1/rating/modules', method='PUT')
        self.assertEqual('text/html', response.content_type)
