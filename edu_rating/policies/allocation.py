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
"""Rules of ``/allocations``: grants of schools, teachers, enrolments.

Setting a grant has one rule per scope type because each is sold by a
different persona: the platform grants schools, a school its teachers, a
teacher their students.
"""

from edu_rating.policies import base

SCOPE_PATH = '/allocations/{scope_type}/{scope_id}'
# Rules that modify actions other rules own: their verdicts are read off
# the caller (the service's Actor), they guard no route of their own.
VERDICT_RULES = ('edu:allocation:force', 'edu:allocation:backdate')

allocation_rules = [
    base.api_rule(
        'edu:allocation:get', base.ANY_PERSONA,
        'Show the grant of a school, teacher or enrolment, with what is '
        'delegated below it, free and in use.',
        'GET', SCOPE_PATH),
    base.api_rule(
        'edu:allocation:history', base.ANY_PERSONA,
        'Show the allocation ledger of a school, teacher or enrolment.',
        'GET', SCOPE_PATH + '/history'),
    base.api_rule(
        'edu:allocation:school:set', base.PLATFORM_ADMIN,
        'Set the grant of a school.',
        'PUT', '/allocations/school/{scope_id}',
        scope_types=base.PLATFORM_SCOPES),
    base.api_rule(
        'edu:allocation:teacher:set', base.PLATFORM_OR_SCHOOL_ADMIN,
        'Set the grant of a teacher.',
        'PUT', '/allocations/teacher/{scope_id}'),
    base.api_rule(
        'edu:allocation:enrolment:set', base.PLATFORM_SCHOOL_ADMIN_OR_TEACHER,
        'Set the grant of a student\'s enrolment.',
        'PUT', '/allocations/enrolment/{scope_id}'),
    base.api_rule(
        'edu:allocation:force', base.PLATFORM_ADMIN,
        'Set a grant below what is delegated or in use ("force": true).',
        'PUT', SCOPE_PATH, scope_types=base.PLATFORM_SCOPES),
    base.api_rule(
        'edu:allocation:backdate', base.PLATFORM_ADMIN,
        'Correct the ledger back in time: a grant change, a school\'s or '
        'teacher\'s start, or a payer\'s plan, taking effect earlier in '
        'the current billing month ("effective_from", with a "reason").',
        'PUT', SCOPE_PATH, also=[('POST', '/schools'), ('POST', '/teachers'),
                                 ('POST', '/plans'),
                                 ('PUT', '/plan_assignments')],
        scope_types=base.PLATFORM_SCOPES),
]


def list_rules():
    return allocation_rules
