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
"""Rules of ``/templates``, ``/machines`` and ``/jobs``: a class's labs."""

from edu_rating.policies import base

TEACHER_OR_STUDENT = '%s or %s' % (base.TEACHER, base.STUDENT)

lab_rules = [
    base.api_rule(
        'edu:template:create', base.PLATFORM_SCHOOL_ADMIN_OR_TEACHER,
        'Add a lab template (an image and a size) to a class.',
        'POST', '/templates'),
    base.api_rule(
        'edu:template:list', base.ANY_PERSONA,
        'List the lab templates of a class (a student: of their class).',
        'GET', '/templates'),
    base.api_rule(
        'edu:template:get', base.PLATFORM_SCHOOL_ADMIN_OR_TEACHER,
        'Show a lab template.',
        'GET', '/templates/{template_id}'),
    base.api_rule(
        'edu:template:delete', base.PLATFORM_SCHOOL_ADMIN_OR_TEACHER,
        'Delete a lab template (machines launched from it stay).',
        'DELETE', '/templates/{template_id}'),
    base.api_rule(
        'edu:machine:create', TEACHER_OR_STUDENT,
        'Launch one lab machine from a template in a student\'s project, '
        'with the caller\'s own token (Nova counts it against the '
        'student\'s grant).',
        'POST', '/machines', scope_types=['project']),
    base.api_rule(
        'edu:machine:list', base.ANY_PERSONA,
        'List the machines in a class\'s (or a student\'s) projects.',
        'GET', '/machines'),
    base.api_rule(
        'edu:job:create', base.PLATFORM_SCHOOL_ADMIN_OR_TEACHER,
        'Launch, stop, shelve or delete the machines of every student of a '
        'class, in the background (a launch needs the teacher\'s token).',
        'POST', '/jobs'),
    base.api_rule(
        'edu:job:list', base.PLATFORM_SCHOOL_ADMIN_OR_TEACHER,
        'List the class-wide jobs of a class.',
        'GET', '/jobs'),
    base.api_rule(
        'edu:job:get', base.PLATFORM_SCHOOL_ADMIN_OR_TEACHER,
        'Show a class-wide job, with a result per student.',
        'GET', '/jobs/{job_id}'),
]


def list_rules():
    return lab_rules
