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
"""Errors of the Education API as the client raises them.

``str(error)`` is the server's message, written for the person at the
keyboard in the language the request accepted, so that a CLI or a
dashboard can show it as it is; ``error_code`` is the stable name of what
went wrong, for programs.
"""


class EduClientError(Exception):
    """The API refused a request (or answered something unexpected)."""

    status_code = None

    def __init__(self, message, status_code=None, title=None, details=None,
                 request_id=None, error_code=None):
        super().__init__(message)
        self.message = message
        self.error_code = error_code
        self.status_code = status_code or self.status_code
        self.title = title
        self.details = details or {}
        self.request_id = request_id


class BadRequest(EduClientError):
    status_code = 400


class Forbidden(EduClientError):
    status_code = 403


class NotFound(EduClientError):
    status_code = 404


class Conflict(EduClientError):
    status_code = 409


class ServiceUnavailable(EduClientError):
    status_code = 503


_BY_STATUS = {cls.status_code: cls for cls in (
    BadRequest, Forbidden, NotFound, Conflict, ServiceUnavailable)}


def from_response(response):
    """The error of a failed response, from the contract's JSON body."""
    try:
        error = response.json()['error']
        message = error['message']
    except (ValueError, KeyError, TypeError):
        # Not ours: an error page of a proxy, pecan's 404 of a wrong URL.
        error = {}
        message = '%s %s' % (response.status_code,
                             response.reason or response.text[:200])
    cls = _BY_STATUS.get(response.status_code, EduClientError)
    return cls(message, status_code=response.status_code,
               title=error.get('title'), details=error.get('details'),
               request_id=response.headers.get('x-openstack-request-id'),
               error_code=error.get('error_code'))
