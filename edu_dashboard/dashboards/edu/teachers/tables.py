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
from django.template import defaultfilters as filters
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from horizon import tables

from edu_dashboard import api
from edu_dashboard.dashboards.edu import actions
from edu_dashboard import grants
from edu_dashboard import personas


class AddTeacher(tables.LinkAction):
    name = 'create'
    verbose_name = _("Add Teacher")
    url = 'horizon:edu:teachers:create'
    classes = ('ajax-modal',)
    icon = 'plus'
    policy_rules = (('edu', 'edu:teacher:create'),)

    def get_policy_target(self, request, datum=None):
        return {'domain_id': personas.school(request).id}

    def allowed(self, request, datum=None):
        return not personas.must_pick_school(request)


class ChangeGrant(tables.LinkAction):
    name = 'grant'
    verbose_name = _("Change Grant")
    classes = ('ajax-modal',)
    policy_rules = (('edu', 'edu:allocation:teacher:set'),)

    def get_policy_target(self, request, datum=None):
        target = {'domain_id': personas.school(request).id}
        if datum:
            target['teacher_project_id'] = datum['id']
        return target

    def get_link_url(self, datum):
        return reverse('horizon:edu:teachers:grant', args=[datum['id']])


class ResetPassword(tables.LinkAction):
    name = 'password'
    verbose_name = _("Reset Password")
    classes = ('ajax-modal',)
    policy_rules = (('edu', 'edu:teacher:update'),)

    def get_policy_target(self, request, datum=None):
        return {'domain_id': personas.school(request).id}

    def get_link_url(self, datum):
        return reverse('horizon:edu:teachers:password', args=[datum['id']])


class _SetEnabled(actions.SetEnabled):
    """Enable or disable teachers' logins (students' projects stay)."""

    policy_rules = (('edu', 'edu:teacher:update'),)

    def get_policy_target(self, request, datum=None):
        return {'domain_id': personas.school(request).id}

    def set_enabled(self, request, obj_id, enabled):
        api.edu.teacher_update(request, obj_id, enabled=enabled)


class DisableTeacher(_SetEnabled):
    name = 'disable'
    action_type = 'danger'
    enabled = False

    @staticmethod
    def action_present(count):
        return ngettext_lazy("Disable Teacher", "Disable Teachers", count)

    @staticmethod
    def action_past(count):
        return ngettext_lazy("Disabled Teacher", "Disabled Teachers", count)


class EnableTeacher(_SetEnabled):
    name = 'enable'
    enabled = True

    @staticmethod
    def action_present(count):
        return ngettext_lazy("Enable Teacher", "Enable Teachers", count)

    @staticmethod
    def action_past(count):
        return ngettext_lazy("Enabled Teacher", "Enabled Teachers", count)


class TeachersTable(grants.table()):
    name = tables.Column('name', verbose_name=_("Name"))
    project = tables.Column('project_name', verbose_name=_("Project"))
    enabled = tables.Column('enabled', verbose_name=_("Enabled"),
                            filters=(filters.yesno, filters.capfirst))

    class Meta(object):
        name = 'teachers'
        verbose_name = _("Teachers")
        columns = ('name', 'project') + grants.NAMES + ('enabled',)
        table_actions = (AddTeacher,)
        row_actions = (ChangeGrant, ResetPassword, DisableTeacher,
                       EnableTeacher)
