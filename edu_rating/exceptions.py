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
``details`` carries the same facts for programs, and ``error_code`` a
stable name of what went wrong (``grant.exceeds_parent``): the message is
in the caller's language (see edu_rating.i18n) and may be reworded, the
code stays.
"""

from edu_rating.i18n import _
from edu_rating.i18n import _N

# What NotFound calls the objects it does not find.
KINDS = {'school': _N('school'), 'teacher': _N('teacher'),
         'class': _N('class'), 'student': _N('student'),
         'plan': _N('plan'), 'invoice': _N('invoice'),
         'template': _N('template'), 'job': _N('job'),
         'image': _N('image'), 'image share': _N('image share'),
         'object': _N('object'), 'school or teacher': _N('school or teacher')}


class EduError(Exception):
    code = 500
    title = 'Internal Server Error'
    error_code = 'internal'

    def __init__(self, message, error_code=None, **details):
        super().__init__(message)
        self.message = message
        self.details = details
        if error_code is not None:
            self.error_code = error_code

    def to_dict(self):
        return {'error': {'code': self.code, 'title': self.title,
                          'error_code': self.error_code,
                          'message': self.message, 'details': self.details}}


class Invalid(EduError):
    """The request is malformed: schema, CSV, unknown resource."""
    code = 400
    title = 'Bad Request'
    error_code = 'invalid'


class Forbidden(EduError):
    code = 403
    title = 'Forbidden'
    error_code = 'forbidden'


class NotFound(EduError):
    """No such object, or one the caller may not know about."""
    code = 404
    title = 'Not Found'

    def __init__(self, kind, ident):
        super().__init__(_("No %(kind)s %(id)s.")
                         % {'kind': _(KINDS.get(kind, kind)), 'id': ident},
                         error_code='%s.not_found' % kind.replace(' ', '_'),
                         kind=kind, id=ident)


class MethodNotAllowed(EduError):
    """The route exists, but not for this method (or without an id)."""
    code = 405
    title = 'Method Not Allowed'
    error_code = 'method.not_allowed'


class Conflict(EduError):
    """The request conflicts with the current state.

    Over-allocation, shrinking below what is delegated or in use,
    duplicate names, servers still running.
    """
    code = 409
    title = 'Conflict'
    error_code = 'conflict'


class BackendUnavailable(EduError):
    """Keystone or Nova failed; nothing was changed."""
    code = 503
    title = 'Service Unavailable'
    error_code = 'backend.unavailable'
