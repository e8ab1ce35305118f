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
from django.utils.translation import ngettext_lazy
from horizon import tables

from edu_dashboard import api
from edu_dashboard.dashboards.edu import actions
from edu_dashboard.dashboards.edu.plans import issuers
from edu_dashboard import grants


class _OnPlans(object):
    def get_policy_target(self, request, datum=None):
        return issuers.target(request)


class CreatePlan(_OnPlans, tables.LinkAction):
    name = 'create'
    verbose_name = _("Create Plan")
    url = 'horizon:edu:plans:create'
    classes = ('ajax-modal',)
    icon = 'plus'
    policy_rules = (('edu', 'edu:plan:create'),)


class NewPrices(_OnPlans, tables.LinkAction):
    name = 'prices'
    verbose_name = _("New Prices")
    classes = ('ajax-modal',)
    policy_rules = (('edu', 'edu:plan:version:create'),)

    def get_link_url(self, datum):
        return reverse('horizon:edu:plans:prices', args=[datum['id']])


class MakeDefault(_OnPlans, tables.BatchAction):
    name = 'default'
    help_text = _("Payers without a plan of their own pay by this one from "
                  "now on.")
    policy_rules = (('edu', 'edu:plan:assignment:set'),)

    @staticmethod
    def action_present(count):
        return ngettext_lazy("Make Default", "Make Default", count)

    @staticmethod
    def action_past(count):
        return ngettext_lazy("Made Default", "Made Default", count)

    def allowed(self, request, datum=None):
        return datum is not None and not datum['default']

    @actions.explained
    def action(self, request, obj_id):
        api.edu.plan_default_set(request, issuers.issuer(request),
                                 int(obj_id))


def _price(name):
    return lambda plan: plan['current'].get(name, '')


class PlansTable(tables.DataTable):
    name = tables.WrappingColumn('name', verbose_name=_("Name"))
    currency = tables.Column('currency', verbose_name=_("Currency"))
    vcpu = tables.Column(_price('vcpu'), verbose_name=grants.LABELS['vcpu'])
    ram_mb = tables.Column(_price('ram_mb'), verbose_name=_("RAM (GiB)"))
    disk_gb = tables.Column(_price('disk_gb'),
                            verbose_name=grants.LABELS['disk_gb'])
    instances = tables.Column(_price('instances'),
                              verbose_name=grants.LABELS['instances'])
    since = tables.Column('since', verbose_name=_("Prices since"))
    default = tables.Column('default', verbose_name=_("Default"),
                            filters=(lambda default: _("Yes") if default
                                     else '',))

    def get_object_id(self, datum):
        return str(datum['id'])

    def get_object_display(self, datum):
        return datum['name']

    class Meta(object):
        name = 'plans'
        verbose_name = _("Price plans")
        table_actions = (CreatePlan,)
        row_actions = (NewPrices, MakeDefault)
