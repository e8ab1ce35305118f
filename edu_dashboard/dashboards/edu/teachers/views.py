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
from edu_dashboard.dashboards.edu import password_forms
from edu_dashboard.dashboards.edu.teachers import forms as teacher_forms
from edu_dashboard.dashboards.edu.teachers import tables as teacher_tables
from edu_dashboard import personas

INDEX = 'horizon:edu:teachers:index'


class IndexView(pages.PagedTableView):
    table_class = teacher_tables.TeachersTable
    template_name = 'edu/teachers/index.html'
    page_title = _("Teachers")
    error_message = _("Unable to retrieve the teachers.")

    def page(self, marker):
        if personas.must_pick_school(self.request):
            return [], None
        return api.edu.teacher_list(
            self.request, personas.school(self.request).id, marker=marker,
            limit=self.page_size)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context['pick_school'] = personas.must_pick_school(self.request)
        return context


class CreateView(modal.DescribedModalFormView):
    form_class = teacher_forms.AddTeacherForm
    description = _("A teacher gets a user, a lab project and a grant from "
                    "what the school has free. The school pays for the "
                    "grant from now on, used or not.")
    modal_id = 'add_teacher_modal'
    page_title = _("Add Teacher")
    submit_label = _("Add Teacher")
    submit_url = reverse_lazy('horizon:edu:teachers:create')
    success_url = reverse_lazy(INDEX)


class PasswordView(password_forms.PasswordView):
    kind = 'teacher'
    success_url = reverse_lazy(INDEX)
    id_kwarg = 'teacher_id'
    url_name = 'horizon:edu:teachers:password'
    error_message = _("Unable to retrieve the teacher.")

    def get_object(self, ident):
        return api.edu.teacher_get(self.request, ident)


class ChangeGrantView(grant_forms.GrantView):
    description = _("The new grant applies at once and is billed from now "
                    "on; the time before is billed at the old grant. It "
                    "cannot go below what the teacher has granted to "
                    "students or uses.")
    modal_id = 'change_grant_modal'
    success_url = reverse_lazy(INDEX)
    scope_type = 'teacher'
    id_kwarg = 'teacher_id'
    url_name = 'horizon:edu:teachers:grant'
    error_message = _("Unable to retrieve the teacher.")

    def get_object(self, ident):
        return api.edu.teacher_get(self.request, ident)
