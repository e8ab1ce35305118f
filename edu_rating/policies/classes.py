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
"""Rules of ``/classes`` (named ``classes``: ``class`` is a keyword)."""

from edu_rating.policies import base

class_rules = [
    base.api_rule(
        'edu:class:create', base.PLATFORM_SCHOOL_ADMIN_OR_TEACHER,
        'Create a class of a teacher.',
        'POST', '/classes'),
    base.api_rule(
        'edu:class:list', base.PLATFORM_SCHOOL_ADMIN_OR_TEACHER,
        'List the classes of a school or of a teacher.',
        'GET', '/classes'),
    base.api_rule(
        'edu:class:get', base.PLATFORM_SCHOOL_ADMIN_OR_TEACHER,
        'Show a class.',
        'GET', '/classes/{class_id}'),
    base.api_rule(
        'edu:class:update', base.PLATFORM_SCHOOL_ADMIN_OR_TEACHER,
        'Rename a class, change its term end or default grant.',
        'PATCH', '/classes/{class_id}'),
    base.api_rule(
        'edu:class:close', base.PLATFORM_SCHOOL_ADMIN_OR_TEACHER,
        'Close a class that has no students left.',
        'POST', '/classes/{class_id}/close'),
    base.api_rule(
        'edu:class:grant', base.PLATFORM_SCHOOL_ADMIN_OR_TEACHER,
        'Give every student of a class the same grant at once.',
        'PUT', '/classes/{class_id}/grant'),
    base.api_rule(
        'edu:class:end', base.PLATFORM_SCHOOL_ADMIN_OR_TEACHER,
        'End a class now: lock and shelve its lab machines (the periodic '
        'job does it at the term\'s end).',
        'POST', '/classes/{class_id}/end'),
    base.api_rule(
        'edu:class:archive', base.PLATFORM_SCHOOL_ADMIN_OR_TEACHER,
        'Archive a class now: delete its lab machines, disable its '
        'students\' projects, release their grants (the periodic job does '
        'it after the grace period).',
        'POST', '/classes/{class_id}/archive'),
    base.api_rule(
        'edu:class:hand_back', base.PLATFORM_SCHOOL_ADMIN_OR_TEACHER,
        'Hand what an archived class freed back to the school: lowers the '
        'teacher\'s grant (a settlement invoice follows).',
        'POST', '/classes/{class_id}/hand_back'),
]


def list_rules():
    return class_rules
