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
from django import shortcuts
from django.template import defaultfilters as filters
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from horizon import tables

from edu_dashboard import api
from edu_dashboard.dashboards.edu import actions
from edu_dashboard import grants


def _target(datum):
    return {'domain_id': datum['id']} if datum else {}


class OnboardSchool(tables.LinkAction):
    name = 'create'
    verbose_name = _("Onboard School")
    url = 'horizon:edu:schools:create'
    classes = ('ajax-modal',)
    icon = 'plus'
    policy_rules = (('edu', 'edu:school:create'),)


class ChangeGrant(tables.LinkAction):
    name = 'grant'
    verbose_name = _("Change Grant")
    classes = ('ajax-modal',)
    policy_rules = (('edu', 'edu:allocation:school:set'),)

    def get_policy_target(self, request, datum=None):
        return _target(datum)

    def get_link_url(self, datum):
        return reverse('horizon:edu:schools:grant', args=[datum['id']])


class ManageSchool(tables.Action):
    """Work on the school's teachers, classes and plans.

    Horizon's own domain context (Identity > Domains), which the Education
    pages follow for a platform administrator.
    """

    name = 'manage'
    verbose_name = _("Manage School")
    requires_input = False
    policy_rules = (('edu', 'edu:school:get'),)

    def get_policy_target(self, request, datum=None):
        return _target(datum)

    def single(self, table, request, obj_id):
        request.session['domain_context'] = obj_id
        request.session['domain_context_name'] = table.get_object_by_id(
            obj_id)['name']
        return shortcuts.redirect(reverse('horizon:edu:teachers:index'))


class _SetEnabled(actions.SetEnabled):
    """Enable or disable a school: its people's logins with it."""

    policy_rules = (('edu', 'edu:school:update'),)

    def get_policy_target(self, request, datum=None):
        return _target(datum)

    def set_enabled(self, request, obj_id, enabled):
        api.edu.school_update(request, obj_id, enabled=enabled)


class DisableSchool(_SetEnabled):
    name = 'disable'
    action_type = 'danger'
    enabled = False

    @staticmethod
    def action_present(count):
        return ngettext_lazy("Disable School", "Disable Schools", count)

    @staticmethod
    def action_past(count):
        return ngettext_lazy("Disabled School", "Disabled Schools", count)


class EnableSchool(_SetEnabled):
    name = 'enable'
    enabled = True

    @staticmethod
    def action_present(count):
        return ngettext_lazy("Enable School", "Enable Schools", count)

    @staticmethod
    def action_past(count):
        return ngettext_lazy("Enabled School", "Enabled Schools", count)


class SchoolsTable(grants.table()):
    name = tables.WrappingColumn('name', verbose_name=_("Name"))
    description = tables.WrappingColumn('description',
                                        verbose_name=_("Description"),
                                        empty_value='')
    enabled = tables.Column('enabled', verbose_name=_("Enabled"),
                            filters=(filters.yesno, filters.capfirst))

    class Meta(object):
        name = 'schools'
        verbose_name = _("Schools")
        columns = ('name', 'description') + grants.NAMES + ('enabled',)
        table_actions = (OnboardSchool,)
        row_actions = (ManageSchool, ChangeGrant, DisableSchool,
                       EnableSchool)
