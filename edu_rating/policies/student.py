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
"""Rules of ``/students``: enrolments of students in classes."""

from edu_rating.policies import base

student_rules = [
    base.api_rule(
        'edu:student:create', base.PLATFORM_SCHOOL_ADMIN_OR_TEACHER,
        'Enrol a student in a class, or a whole CSV roster.',
        'POST', '/students', also=[('POST', '/students/roster')]),
    base.api_rule(
        'edu:student:list', base.PLATFORM_SCHOOL_ADMIN_OR_TEACHER,
        'List the students of a school, a teacher or a class.',
        'GET', '/students'),
    base.api_rule(
        'edu:student:get', base.ANY_PERSONA,
        'Show an enrolment (a student may show their own).',
        'GET', '/students/{student_id}'),
    base.api_rule(
        'edu:student:update', base.PLATFORM_SCHOOL_ADMIN_OR_TEACHER,
        'Set a student\'s password (their teacher or school admin).',
        'PATCH', '/students/{student_id}'),
    base.api_rule(
        'edu:student:delete', base.PLATFORM_SCHOOL_ADMIN_OR_TEACHER,
        'Remove a student from a class: release the grant and disable the '
        'project (with force=true, delete its servers first).',
        'DELETE', '/students/{student_id}'),
]


def list_rules():
    return student_rules
