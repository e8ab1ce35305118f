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
from django.utils.translation import gettext_lazy as _
from horizon import exceptions
from horizon import tabs
from horizon.utils import functions

from edu_dashboard import api
from edu_dashboard.dashboards.edu.invoices import tables
from edu_dashboard.dashboards.edu.invoices import targets
from edu_dashboard import personas
from edu_dashboard import policy


class _InvoicesTab(tabs.TableTab):
    template_name = 'horizon/common/_detail_table.html'

    def allowed(self, request):
        return policy.allowed(request, 'edu:invoice:list',
                              self.target(request))

    def _page(self, table_name, **filters):
        table = self._tables[table_name]
        marker = self.request.GET.get(table._meta.pagination_param)
        try:
            invoices, following = api.edu.invoice_list(
                self.request, marker=marker,
                limit=functions.get_page_size(self.request), **filters)
        except Exception:
            invoices, following = [], None
            exceptions.handle(self.request,
                              _("Unable to retrieve invoices."))
        self._more[table_name] = following is not None
        return invoices

    def has_more_data(self, table):
        return self._more.get(table._meta.name, False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._more = {}


class IssuedTab(_InvoicesTab):
    name = _("Issued")
    slug = 'issued'
    table_classes = (tables.IssuedTable,)

    def target(self, request):
        return targets.of_issuer(targets.issuer(request))

    def get_issued_data(self):
        return self._page('issued', issuer=targets.issuer(self.request))


class ReceivedTab(_InvoicesTab):
    # Loaded when opened: the page's first view costs one list, not three.
    preload = False
    name = _("Received")
    slug = 'received'
    table_classes = (tables.ReceivedTable,)

    def target(self, request):
        return targets.of_payer(request, *targets.payer(request))

    def get_received_data(self):
        return self._page('received',
                          payer_id=targets.payer(self.request)[1])


class TeachersMonthTab(tabs.TableTab):
    preload = False
    name = _("Teachers this month")
    slug = 'month'
    table_classes = (tables.TeacherCostsTable,)
    template_name = 'horizon/common/_detail_table.html'

    def allowed(self, request):
        return personas.is_school_admin(request) and policy.allowed(
            request, 'edu:cost:teachers',
            targets.of_issuer(targets.issuer(request)))

    def get_teacher_costs_data(self):
        try:
            return api.edu.cost_teachers(
                self.request, targets.issuer(self.request))['teachers']
        except Exception:
            exceptions.handle(self.request,
                              _("Unable to retrieve this month's costs."))
            return []


class InvoiceTabs(tabs.TabGroup):
    slug = 'invoices'
    tabs = (IssuedTab, ReceivedTab, TeachersMonthTab)
    sticky = True
