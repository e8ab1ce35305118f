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
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from edu_dashboard import api
from edu_dashboard.dashboards.edu import grant_forms
from edu_dashboard.dashboards.edu import modal
from edu_dashboard.dashboards.edu import pages
from edu_dashboard.dashboards.edu.schools import forms as school_forms
from edu_dashboard.dashboards.edu.schools import tables as school_tables

INDEX = 'horizon:edu:schools:index'


class IndexView(pages.PagedTableView):
    table_class = school_tables.SchoolsTable
    template_name = 'edu/schools/index.html'
    page_title = _("Schools")
    error_message = _("Unable to retrieve the schools.")

    def page(self, marker):
        return api.edu.school_list(self.request, marker=marker,
                                   limit=self.page_size)


class CreateView(modal.DescribedModalFormView):
    form_class = school_forms.OnboardSchoolForm
    description = _("A school is a domain of its own with its first "
                    "administrator, who then adds the teachers. The grant "
                    "is what the school buys: it is billed from now on, "
                    "used or not.")
    modal_id = 'onboard_school_modal'
    page_title = _("Onboard School")
    submit_label = _("Onboard School")
    submit_url = reverse_lazy('horizon:edu:schools:create')
    success_url = reverse_lazy(INDEX)


class ChangeGrantView(grant_forms.GrantView):
    description = _("The new grant applies at once and is billed from now "
                    "on. It cannot go below what the school has delegated "
                    "to its teachers.")
    modal_id = 'school_grant_modal'
    success_url = reverse_lazy(INDEX)
    scope_type = 'school'
    id_kwarg = 'school_id'
    url_name = 'horizon:edu:schools:grant'
    error_message = _("Unable to retrieve the school.")

    def get_object(self, ident):
        return api.edu.school_get(self.request, ident)
