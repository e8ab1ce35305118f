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
"""``/students``: enrolments of students in classes.

The roster import is the one route that is not JSON: teachers export
their class lists from a spreadsheet, so it takes ``text/csv`` (or the
same text in a JSON ``{"csv": ...}`` for clients that only speak JSON).
"""

import pecan
from pecan import rest

from edu_rating import exceptions
from edu_rating.i18n import _
from edu_rating.management.controllers import base
from edu_rating.management.schemas import bodies
from edu_rating.management.schemas import query
from edu_rating.management.services import students

CSV_TYPES = ('text/csv',)
JSON_TYPES = ('application/json',)


def _enrolled(student, password):
    return {'student': student, 'password': password}


def csv_body():
    """The roster's CSV text, from a text/csv or a JSON body."""
    request = pecan.request
    if request.content_type in JSON_TYPES:
        return base.json_body()['csv']
    if request.content_type not in CSV_TYPES:
        raise exceptions.Invalid(
            _('Send the roster as text/csv (or as JSON {"csv": "..."}), '
              'not %s.') % (request.content_type or _('untyped data')),
            error_code='roster.not_csv')
    try:
        # Spreadsheets often start UTF-8 files with a byte order mark.
        return request.body.decode(request.charset or 'utf-8').lstrip(
            '\ufeff')
    except (LookupError, UnicodeDecodeError):
        raise exceptions.Invalid(
            _('The roster is not %s text: save it as CSV UTF-8.')
            % (request.charset or 'UTF-8'), error_code='roster.encoding')


class StudentsController(rest.RestController):

    _custom_actions = {
        'roster': ['POST'],
    }

    @base.expose(201, body=bodies.student_create)
    def post(self):
        body = base.json_body()
        base.authorize_on('edu:student:create', 'class', body['class_id'])
        return _enrolled(*students.enrol(base.actor(), **body))

    @base.expose(201, body=bodies.roster, query=query.roster,
                 body_types=CSV_TYPES)
    def roster(self):
        params = base.query()
        csv_text = csv_body()
        base.authorize_on('edu:student:create', 'class', params['class_id'])
        if params['dry_run']:
            # A preview creates nothing: 200, not 201.
            return base.Answer(200, {'preview': students.preview_roster(
                base.actor(), params['class_id'], csv_text,
                params['skip_enrolled'])})
        enrolled = students.enrol_roster(base.actor(), params['class_id'],
                                         csv_text, params['skip_enrolled'])
        return {'students': [_enrolled(*pair) for pair in enrolled]}

    @base.expose(query=query.students)
    def get_all(self):
        params = base.query()
        caller = base.actor()
        base.authorize('edu:student:list', base.list_target(
            caller, params, [('class_id', 'class'), ('teacher_id', 'teacher'),
                             ('school_id', 'school')]))
        return base.page('students', students.list(caller, **params))

    @base.expose()
    def get_one(self, student_id):
        base.authorize_on('edu:student:get', 'student', student_id)
        return {'student': students.get(base.actor(), student_id)}

    @base.expose(body=bodies.student_update)
    def patch(self, student_id):
        changes = base.json_body()
        base.authorize_on('edu:student:update', 'student', student_id)
        return {'student': students.update(base.actor(), student_id,
                                           changes)}

    @base.expose(204, query=query.student_delete)
    def delete(self, student_id):
        force = base.query()['force']
        base.authorize_on('edu:student:delete', 'student', student_id)
        students.remove(base.actor(), student_id, force=force)
