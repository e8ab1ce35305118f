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
"""Rules of ``/teachers``: a school's teachers and their projects."""

from edu_rating.policies import base

teacher_rules = [
    base.api_rule(
        'edu:teacher:create', base.PLATFORM_OR_SCHOOL_ADMIN,
        'Create a teacher (user and teacher project) in a school.',
        'POST', '/teachers'),
    base.api_rule(
        'edu:teacher:list', base.PLATFORM_OR_SCHOOL_ADMIN,
        'List the teachers of a school.',
        'GET', '/teachers'),
    base.api_rule(
        'edu:teacher:get', base.PLATFORM_SCHOOL_ADMIN_OR_TEACHER,
        'Show a teacher (a teacher may show themselves).',
        'GET', '/teachers/{teacher_id}'),
    base.api_rule(
        'edu:teacher:update', base.PLATFORM_OR_SCHOOL_ADMIN,
        'Enable or disable a teacher, change their email or set their '
        'password.',
        'PATCH', '/teachers/{teacher_id}'),
]


def list_rules():
    return teacher_rules
