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
"""A WSGI filter that keeps the Education API's errors in its own words.

Some requests fail in the frameworks before any controller of ours runs:
a body typed ``multipart/form-data`` without a boundary makes pecan's
routing crash (a 500), a path that is not UTF-8 gets webob's 400 page, a
method a route does not take gets pecan's 405 page (HTML, or plain text
for a client that accepts anything). Under the module's prefix this filter
refuses form bodies (the API takes JSON and CSV only) and undecodable
paths itself, and turns any error page that is not JSON into the API's
JSON error, so that every answer is what the OpenAPI document says.

In CloudKitty's paste pipeline, just before the API app::

    [filter:edu_guard]
    paste.filter_factory = edu_rating.management.guard:filter_factory
"""

import http
import json

from edu_rating import i18n
from edu_rating.i18n import _
from edu_rating.policies import base as policy_base

FORM_TYPES = ('multipart/', 'application/x-www-form-urlencoded')


def _error(status, error_code, message):
    phrase = http.HTTPStatus(status).phrase
    return json.dumps({'error': {
        'code': status, 'title': phrase, 'error_code': error_code,
        'message': message, 'details': {}}}).encode('utf-8')


class Guard(object):

    def __init__(self, application, prefix=policy_base.ROOT_PATH):
        self.application = application
        self.prefix = prefix

    def _refusal(self, environ):
        """``(status, error_code, message)`` of a request refused here."""
        try:
            # PEP 3333: the path arrives as latin-1 text of its bytes.
            environ.get('PATH_INFO', '').encode('latin-1').decode('utf-8')
        except UnicodeError:
            return (400, 'path.not_utf8',
                    _("The path is not UTF-8 text; ids and names in a URL "
                      "are percent-encoded UTF-8."))
        content_type = environ.get('CONTENT_TYPE', '').lower()
        if content_type.startswith(FORM_TYPES):
            return (415, 'body.unsupported_type',
                    _("Send JSON (application/json), or a roster as "
                      "text/csv; not %s.") % content_type.split(';')[0])
        return None

    def __call__(self, environ, start_response):
        # Read now: CloudKitty's app rewrites PATH_INFO as it routes.
        path, method = environ.get('PATH_INFO', ''), environ.get(
            'REQUEST_METHOD')
        if not path.startswith(self.prefix):
            return self.application(environ, start_response)
        language = i18n.negotiate(environ.get('HTTP_ACCEPT_LANGUAGE'))
        with i18n.speaking(language):
            refusal = self._refusal(environ)
            if refusal is not None:
                return self._answer(start_response, language, *refusal)
            captured = {}

            def capture(status, headers, exc_info=None):
                captured['status'], captured['headers'] = status, headers
                if _is_foreign_error(status, headers):
                    # Answered below instead; nothing is written meanwhile.
                    return lambda data: None
                return start_response(status, headers, exc_info)

            body = self.application(environ, capture)
            if not _is_foreign_error(captured['status'], captured['headers']):
                return body
            if hasattr(body, 'close'):
                body.close()
            status = int(captured['status'].split()[0])
            return self._answer(
                start_response, language, status, 'http.%d' % status,
                _("%(method)s %(path)s: %(phrase)s.")
                % {'method': method, 'path': path,
                   'phrase': http.HTTPStatus(status).phrase})

    @staticmethod
    def _answer(start_response, language, status, error_code, message):
        body = _error(status, error_code, message)
        start_response('%d %s' % (status, http.HTTPStatus(status).phrase),
                       [('Content-Type', 'application/json'),
                        ('Content-Length', str(len(body))),
                        ('Content-Language', language)])
        return [body]


def _is_foreign_error(status, headers):
    code = int(status.split()[0])
    content_type = dict((k.lower(), v) for k, v in headers).get(
        'content-type', '')
    return code >= 400 and not content_type.startswith('application/json')


def filter_factory(global_conf, **local_conf):
    def make(application):
        return Guard(application)
    return make
