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
"""Rules of ``/schools``: the platform sells capacity to schools."""

from edu_rating.policies import base

school_rules = [
    base.api_rule(
        'edu:school:create', base.PLATFORM_ADMIN,
        'Create a school: its domain, first school admin and grant.',
        'POST', '/schools', scope_types=base.PLATFORM_SCOPES),
    base.api_rule(
        'edu:school:list', base.PLATFORM_OR_SCHOOL_ADMIN,
        'List schools (a school admin sees their own school).',
        'GET', '/schools'),
    base.api_rule(
        'edu:school:get', base.PLATFORM_OR_SCHOOL_ADMIN,
        'Show a school.',
        'GET', '/schools/{school_id}'),
    base.api_rule(
        'edu:school:update', base.PLATFORM_ADMIN,
        'Change a school\'s description, or disable it (and every login '
        'of the school).',
        'PATCH', '/schools/{school_id}', scope_types=base.PLATFORM_SCOPES),
]


def list_rules():
    return school_rules
