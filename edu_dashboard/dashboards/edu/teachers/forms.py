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
from edu_dashboard import grants
from edu_dashboard import personas

INDEX = 'horizon:edu:teachers:index'


class AddTeacherForm(modal.CallForm):
    name = forms.CharField(label=_("User name"), max_length=255)
    email = forms.EmailField(label=_("Email"), required=False)
    password = forms.RegexField(
        label=_("Password"), regex=r'^\S.*$',
        widget=forms.PasswordInput(render_value=False))
    project_name = forms.CharField(
        label=_("Project name"), max_length=64, required=False,
        help_text=_("The teacher's own lab project (default: the user "
                    "name)."))

    def __init__(self, request, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields.update(grants.fields())

    def refused_at(self):
        return reverse(INDEX)

    def call(self, request, data):
        teacher = api.edu.teacher_create(
            request, personas.school(request).id, data['name'],
            data['password'], email=data['email'] or None,
            project_name=data['project_name'] or None,
            grant=grants.of(data))
        messages.success(request, _("Teacher %s was added.")
                         % teacher['name'])
        return teacher
