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
"""``/invoices``: what the platform bills schools and schools teachers."""

from pecan import rest

from edu_rating import exceptions
from edu_rating.i18n import _
from edu_rating.management.controllers import base
from edu_rating.management import schemas
from edu_rating.management.schemas import bodies
from edu_rating.management.schemas import query
from edu_rating.management.services import invoices


def _list_target(caller, params):
    """The target of a list: its payer, else its issuer, else the caller's.

    A school admin without a filter lists what their school issued; a
    teacher what they were billed.
    """
    if params.get('payer_id') is not None:
        return 'payer', params['payer_id']
    if params.get('issuer') is not None:
        return 'issuer', params['issuer']
    if caller.is_platform_admin:
        return None, None
    if caller.domain_id:
        params['issuer'] = caller.domain_id
        return 'issuer', caller.domain_id
    if caller.project_id:
        params['payer_id'] = caller.project_id
        return 'payer', caller.project_id
    raise _unscoped()


def _unscoped():
    return exceptions.Forbidden(_('Say whose invoices: give payer_id or '
                                  'issuer.'), error_code='list.unscoped',
                                filters=['payer_id', 'issuer'])


class InvoicesController(rest.RestController):

    _custom_actions = {
        'csv': ['GET'],
        'pdf': ['GET'],
        'pay': ['POST'],
        'void': ['POST'],
        'run': ['POST'],
    }

    @base.expose(query=query.invoices)
    def get_all(self):
        params = base.query()
        caller = base.actor()
        named = params.get('payer_id') or params.get('issuer')
        kind, ident = _list_target(caller, params)
        if kind is None:
            base.authorize('edu:invoice:list', {})
        else:
            try:
                base.authorize_on('edu:invoice:list', kind, ident)
            except exceptions.NotFound:
                if named:
                    raise
                # The caller's own project pays nothing: nothing to list.
                raise _unscoped()
        params['issuer_id'] = params.pop('issuer', None)
        return base.page('invoices', invoices.list(caller, **params))

    @base.expose()
    def get_one(self, invoice_id):
        base.authorize_on('edu:invoice:get', 'invoice', invoice_id)
        return {'invoice': invoices.get(base.actor(), invoice_id)}

    @base.expose_download('text/csv')
    def csv(self, invoice_id):
        base.authorize_on('edu:invoice:download', 'invoice', invoice_id)
        return ('invoice-%s.csv' % invoice_id,
                invoices.as_csv(base.actor(), invoice_id))

    @base.expose_download('application/pdf', query=query.invoice_pdf)
    def pdf(self, invoice_id):
        """The PDF, in ``?language=`` (en, zh-hans) or Accept-Language's."""
        params = base.query()
        base.authorize_on('edu:invoice:download', 'invoice', invoice_id)
        return ('invoice-%s.pdf' % invoice_id,
                invoices.as_pdf(base.actor(), invoice_id,
                                params.get('language'),
                                base.accept_language()))

    @base.expose()
    def pay(self, invoice_id):
        base.authorize_on('edu:invoice:pay', 'invoice_issuer', invoice_id)
        return {'invoice': invoices.mark_paid(base.actor(), invoice_id)}

    @base.expose(body=bodies.invoice_void)
    def void(self, invoice_id):
        body = base.json_body()
        base.authorize_on('edu:invoice:void', 'invoice_issuer', invoice_id)
        return {'invoice': invoices.void(base.actor(), invoice_id,
                                         body['reason'])}

    @base.expose()
    def run(self):
        base.authorize('edu:invoice:run')
        return {'issued': invoices.run_period_end(base.actor())}


class CostsController(rest.RestController):
    """``/costs/{school|teacher}/{id}``: this month so far, and forecast."""

    _custom_actions = {
        'teachers': ['GET'],
    }

    @base.expose()
    def get_one(self, scope_type, scope_id):
        schemas.validate({'enum': ['school', 'teacher']}, scope_type,
                         where='scope_type')
        base.authorize_on('edu:cost:get', scope_type, scope_id)
        return {'cost': invoices.month_to_date(base.actor(), scope_type,
                                               scope_id)}

    @base.expose()
    def teachers(self, scope_type, scope_id):
        schemas.validate({'enum': ['school']}, scope_type,
                         where='scope_type')
        base.authorize_on('edu:cost:teachers', 'school', scope_id)
        return invoices.school_month_to_date(base.actor(), scope_id)
