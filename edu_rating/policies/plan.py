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
"""Rules of ``/plans``, ``/plan_assignments`` and ``/prices``.

The target of a plan or an assignment is its issuer: ``domain_id`` is the
school's for a school's plans and absent for the platform's, so a school
admin manages their own school's plans only. Students see no money.
"""

from edu_rating.policies import base

plan_rules = [
    base.api_rule(
        'edu:plan:create', base.PLATFORM_OR_SCHOOL_ADMIN,
        'Create a price plan: the platform\'s (what schools pay) or a '
        'school\'s (what its teachers pay).',
        'POST', '/plans'),
    base.api_rule(
        'edu:plan:list', base.PLATFORM_OR_SCHOOL_ADMIN,
        'List an issuer\'s price plans.',
        'GET', '/plans'),
    base.api_rule(
        'edu:plan:get', base.PLATFORM_OR_SCHOOL_ADMIN,
        'Show a price plan and its versions.',
        'GET', '/plans/{plan_id}'),
    base.api_rule(
        'edu:plan:version:create', base.PLATFORM_OR_SCHOOL_ADMIN,
        'Add a version of a plan from a date on, or replace a future one.',
        'POST', '/plans/{plan_id}/versions'),
    base.api_rule(
        'edu:plan:assignment:list', base.PLATFORM_OR_SCHOOL_ADMIN,
        'Show which plan an issuer\'s payers (and its default) pay by.',
        'GET', '/plan_assignments'),
    base.api_rule(
        'edu:plan:assignment:set', base.PLATFORM_OR_SCHOOL_ADMIN,
        'Assign a plan to a payer, or set the issuer\'s default, from a '
        'date on.',
        'PUT', '/plan_assignments'),
    base.api_rule(
        'edu:price:get', base.PLATFORM_SCHOOL_ADMIN_OR_TEACHER,
        'Show the plan a school or a teacher pays by now.',
        'GET', '/prices/{scope_type}/{scope_id}'),
]


def list_rules():
    return plan_rules
