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
from django import http
from django.urls import reverse
from django.urls import reverse_lazy
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views import generic
from horizon import exceptions
from horizon import tabs

from edu_dashboard import api
from edu_dashboard.dashboards.edu.invoices import forms as invoice_forms
from edu_dashboard.dashboards.edu.invoices import tabs as invoice_tabs
from edu_dashboard.dashboards.edu.invoices import targets
from edu_dashboard.dashboards.edu import modal
from edu_dashboard import money
from edu_dashboard import policy

INDEX = 'horizon:edu:invoices:index'


class IndexView(tabs.TabbedTableView):
    tab_group_class = invoice_tabs.InvoiceTabs
    template_name = 'edu/invoices/index.html'
    page_title = _("Invoices")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        cost = self._month_to_date()
        if cost:
            context['cost'] = {key: money.text(cost[key], cost['currency'])
                               for key in ('accrued', 'forecast')}
        return context

    def _month_to_date(self):
        """The caller's payer's (school's or teacher's) month to date."""
        request = self.request
        payer_type, payer_id = targets.payer(request)
        if not payer_id or not policy.allowed(
                request, 'edu:cost:get',
                targets.of_payer(request, payer_type, payer_id)):
            return None
        try:
            return api.edu.cost_get(request, payer_type, payer_id)
        except Exception:
            exceptions.handle(request,
                              _("Unable to retrieve this month's cost."))
            return None


class _DownloadView(generic.View):
    """The API's file, handed on (the API checks who may have it)."""

    content_type = None

    def get(self, request, invoice_id):
        try:
            content = self.content(request, invoice_id)
        except Exception:
            exceptions.handle(request, _("Unable to download the invoice."),
                              redirect=reverse(INDEX))
        response = http.HttpResponse(content, content_type=self.content_type)
        response['Content-Disposition'] = (
            'attachment; filename="invoice-%s.%s"'
            % (invoice_id, self.extension))
        return response


class PdfView(_DownloadView):
    content_type = 'application/pdf'
    extension = 'pdf'

    def content(self, request, invoice_id):
        # In the language the page is shown in.
        language = ('zh-hans' if translation.get_language().startswith('zh')
                    else 'en')
        return api.edu.invoice_pdf(request, invoice_id, language)


class CsvView(_DownloadView):
    content_type = 'text/csv; charset=utf-8'
    extension = 'csv'

    def content(self, request, invoice_id):
        return api.edu.invoice_csv(request, invoice_id)


class VoidView(modal.DescribedModalFormView):
    form_class = invoice_forms.VoidForm
    description = _("A void invoice stays on record with its number and "
                    "the reason; the payer owes nothing for it.")
    modal_id = 'void_invoice_modal'
    page_title = _("Void Invoice")
    submit_label = _("Void Invoice")
    submit_url = 'horizon:edu:invoices:void'
    success_url = reverse_lazy(INDEX)

    def get_initial(self):
        return {'invoice_id': self.kwargs['invoice_id']}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context['submit_url'] = reverse(self.submit_url,
                                        args=[self.kwargs['invoice_id']])
        return context
