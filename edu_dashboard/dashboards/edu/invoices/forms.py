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
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from horizon import exceptions
from horizon import forms
from horizon import messages

from edu_dashboard import api


class VoidForm(forms.SelfHandlingForm):
    reason = forms.CharField(
        label=_("Reason"), max_length=255,
        help_text=_("Why the invoice is void. It keeps its number; a "
                    "correction is a new invoice."))

    def handle(self, request, data):
        invoice_id = self.initial['invoice_id']
        try:
            invoice = api.edu.invoice_void(request, invoice_id,
                                           data['reason'])
        except Exception:
            exceptions.handle(request, _("Unable to void the invoice."),
                              redirect=reverse('horizon:edu:invoices:index'))
            return False
        messages.success(request, _("Invoice %s is void.")
                         % invoice['number'])
        return invoice
