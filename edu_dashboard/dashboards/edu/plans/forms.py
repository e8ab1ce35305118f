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
from horizon import forms
from horizon import messages

from edu_dashboard import api
from edu_dashboard.dashboards.edu import modal
from edu_dashboard.dashboards.edu.plans import issuers
from edu_dashboard import prices

INDEX = 'horizon:edu:plans:index'


class _PricesForm(modal.CallForm):
    """A form ending in a price per resource."""

    def __init__(self, request, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields.update(prices.fields(self.initial.get('rates')))

    def refused_at(self):
        return reverse(INDEX)


class CreatePlanForm(_PricesForm):
    name = forms.CharField(label=_("Name"), max_length=255)
    currency = forms.RegexField(
        label=_("Currency"), regex=r'^[A-Z]{3}$', initial='EUR',
        help_text=_("Its ISO 4217 code, such as EUR, USD or CNY."))
    description = forms.CharField(label=_("Description"), max_length=255,
                                  required=False)

    def call(self, request, data):
        plan = api.edu.plan_create(request, issuers.issuer(request),
                                   data['name'], data['currency'],
                                   prices.of(data),
                                   description=data['description'] or None)
        messages.success(request, _("Plan %s was created.") % plan['name'])
        return plan


class NewPricesForm(_PricesForm):
    effective_from = forms.DateField(
        label=_("From"), required=False,
        widget=forms.DateInput(attrs={'type': 'date'}),
        help_text=_("The first day of the new prices (UTC); empty: from "
                    "now."))

    def call(self, request, data):
        start = data['effective_from']
        plan = api.edu.plan_version_add(
            request, self.initial['plan_id'], prices.of(data),
            effective_from=start.isoformat() + 'T00:00:00Z' if start
            else None)
        messages.success(request, _("Plan %s has new prices.")
                         % plan['name'])
        return plan
