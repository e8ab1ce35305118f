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
"""Whose invoices a page shows, and the policy targets of an invoice.

The same targets the Education API builds (controllers/targets.py), so
that the page offers exactly what the API allows.
"""

from edu_dashboard import personas

PLATFORM = 'platform'


def issuer(request):
    """Who issues what the Issued tab lists: the platform or the school."""
    if personas.is_platform_admin(request):
        return PLATFORM
    return personas.school(request).id


def payer(request):
    """Who pays what the Received tab lists: the school or the teacher."""
    if personas.is_school_admin(request):
        return 'school', personas.school(request).id
    return 'teacher', request.user.project_id


def of_issuer(issuer_id):
    """The target of an issuer: nothing for the platform (its admin only)."""
    return {} if issuer_id == PLATFORM else {'domain_id': issuer_id}


def of_payer(request, payer_type, payer_id):
    if payer_type == 'school':
        return {'domain_id': payer_id}
    return {'domain_id': personas.school(request).id,
            'teacher_project_id': payer_id}


def of_invoice(request, invoice):
    """Who may read an invoice: its payer's side (the API adds issuers)."""
    if invoice['payer_type'] == 'school':
        return {'domain_id': invoice['payer_id']}
    return {'domain_id': invoice['issuer'],
            'teacher_project_id': invoice['payer_id']}
