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
"""Rules of ``/invoices``.

Reading an invoice targets its payer: a teacher reads their own, a school
admin the school's (received from the platform, and issued to its
teachers). Marking one paid or void targets its issuer: the platform admin
for the platform's invoices, the school admin for the school's.
"""

from edu_rating.policies import base

invoice_rules = [
    base.api_rule(
        'edu:invoice:list', base.PLATFORM_SCHOOL_ADMIN_OR_TEACHER,
        'List invoices by payer, issuer, month or status.',
        'GET', '/invoices'),
    base.api_rule(
        'edu:invoice:get', base.PLATFORM_SCHOOL_ADMIN_OR_TEACHER,
        'Show an invoice and its lines.',
        'GET', '/invoices/{invoice_id}'),
    base.api_rule(
        'edu:invoice:download', base.PLATFORM_SCHOOL_ADMIN_OR_TEACHER,
        'Download an invoice as CSV or PDF.',
        'GET', '/invoices/{invoice_id}/csv',
        also=[('GET', '/invoices/{invoice_id}/pdf')]),
    base.api_rule(
        'edu:invoice:pay', base.PLATFORM_OR_SCHOOL_ADMIN,
        'Mark an invoice paid (its issuer).',
        'POST', '/invoices/{invoice_id}/pay'),
    base.api_rule(
        'edu:invoice:void', base.PLATFORM_OR_SCHOOL_ADMIN,
        'Void an invoice with a reason (its issuer); it keeps its number.',
        'POST', '/invoices/{invoice_id}/void'),
    base.api_rule(
        'edu:cost:get', base.PLATFORM_SCHOOL_ADMIN_OR_TEACHER,
        'Show what a school or teacher has accrued this month and the '
        'forecast to its end.',
        'GET', '/costs/{scope_type}/{scope_id}'),
    base.api_rule(
        'edu:cost:teachers', base.PLATFORM_OR_SCHOOL_ADMIN,
        'Show a school\'s month to date and each of its teachers\'.',
        'GET', '/costs/school/{school_id}/teachers'),
    base.api_rule(
        'edu:invoice:run', base.PLATFORM_ADMIN,
        'Run the period-end job now: bill every payer\'s ended months.',
        'POST', '/invoices/run', scope_types=base.PLATFORM_SCOPES),
]


def list_rules():
    return invoice_rules
