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
"""Errors of the service layer, each with the HTTP status it maps to.

Messages are written for the person at the keyboard (a school secretary,
a teacher in a hurry): what was wrong, with the numbers, and what to do.
``details`` carries the same facts for programs.
"""

from edu_rating.i18n import _


class EduError(Exception):
    code = 500
    title = 'Internal Server Error'

    def __init__(self, message, **details):
        super().__init__(message)
        self.message = message
        self.details = details

    def to_dict(self):
        return {'error': {'code': self.code, 'title': self.title,
                          'message': self.message, 'details': self.details}}


class Invalid(EduError):
    """The request is malformed: schema, CSV, unknown resource."""
    code = 400
    title = 'Bad Request'


class Forbidden(EduError):
    code = 403
    title = 'Forbidden'


class NotFound(EduError):
    """No such object, or one the caller may not know about."""
    code = 404
    title = 'Not Found'

    def __init__(self, kind, ident):
        super().__init__(_("No %(kind)s %(id)s.")
                         % {'kind': kind, 'id': ident}, kind=kind, id=ident)


class Conflict(EduError):
    """The request conflicts with the current state.

    Over-allocation, shrinking below what is delegated or in use,
    duplicate names, servers still running.
    """
    code = 409
    title = 'Conflict'


class BackendUnavailable(EduError):
    """Keystone or Nova failed; nothing was changed."""
    code = 503
    title = 'Service Unavailable'
