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
import datetime

from django.urls import reverse
from django.urls import reverse_lazy
from django.utils import dateparse
from django.utils.translation import gettext_lazy as _
from horizon import exceptions
from horizon import tables

from edu_dashboard import api
from edu_dashboard.dashboards.edu import modal
from edu_dashboard.dashboards.edu.plans import forms as plan_forms
from edu_dashboard.dashboards.edu.plans import issuers
from edu_dashboard.dashboards.edu.plans import tables as plan_tables

INDEX = 'horizon:edu:plans:index'


def _when(text):
    return dateparse.parse_datetime(text)


def _now():
    return datetime.datetime.now(datetime.timezone.utc)


def in_force(plan, now):
    """The plan's version in force at ``now`` (None before the first)."""
    found = None
    for version in plan['versions']:
        if _when(version['effective_from']) <= now:
            if found is None or (version['effective_from'] >
                                 found['effective_from']):
                found = version
    return found


def row(plan, default_id, now):
    """A plan as the table shows it: its prices now."""
    version = in_force(plan, now)
    return dict(plan, current=version['rates'] if version else {},
                since=_when(version['effective_from']).date()
                if version else None,
                default=plan['id'] == default_id)


class IndexView(tables.DataTableView):
    table_class = plan_tables.PlansTable
    template_name = 'edu/plans/index.html'
    page_title = _("Price plans")

    def get_data(self):
        issuer = issuers.issuer(self.request)
        try:
            plans = api.edu.plan_list(self.request, issuer)
            defaults = api.edu.plan_default_get(self.request, issuer)
        except Exception:
            exceptions.handle(self.request,
                              _("Unable to retrieve the price plans."))
            return []
        now = _now()
        default_id = _default_plan(defaults, now)
        # Said on the page: without a default, a payer with no plan of
        # its own is not charged at all (nothing prices its grant).
        self.no_default = default_id is None
        return [row(plan, default_id, now) for plan in plans]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context['platform'] = (issuers.issuer(self.request) ==
                               issuers.PLATFORM)
        context['no_default'] = getattr(self, 'no_default', False)
        return context


def _default_plan(assignments, now):
    """The plan id of the issuer's default assignment in force, or None."""
    for entry in assignments:
        if entry.get('payer_id') is None:
            current = [a for a in entry['assignments']
                       if _when(a['effective_from']) <= now]
            if current:
                return max(current,
                           key=lambda a: a['effective_from'])['plan_id']
    return None


class CreateView(modal.DescribedModalFormView):
    form_class = plan_forms.CreatePlanForm
    description = _("A plan prices each granted unit per hour. Payers pay "
                    "by the default plan unless assigned another; make a "
                    "plan the default from the list.")
    modal_id = 'create_plan_modal'
    page_title = _("Create Plan")
    submit_label = _("Create Plan")
    submit_url = reverse_lazy('horizon:edu:plans:create')
    success_url = reverse_lazy(INDEX)


class NewPricesView(modal.DescribedModalFormView):
    form_class = plan_forms.NewPricesForm
    description = _("The new prices apply from the day you give; what was "
                    "billed before keeps its prices.")
    modal_id = 'new_prices_modal'
    page_title = _("New Prices")
    submit_label = _("Save Prices")
    success_url = reverse_lazy(INDEX)

    def get_initial(self):
        try:
            plan = api.edu.plan_get(self.request, self.kwargs['plan_id'])
        except Exception:
            exceptions.handle(self.request,
                              _("Unable to retrieve the plan."),
                              redirect=reverse(INDEX))
        version = in_force(plan, _now())
        return {'plan_id': plan['id'],
                'rates': version['rates'] if version else {}}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context['submit_url'] = reverse('horizon:edu:plans:prices',
                                        args=[self.kwargs['plan_id']])
        return context
