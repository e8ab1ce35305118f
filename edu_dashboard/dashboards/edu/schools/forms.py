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

INDEX = 'horizon:edu:schools:index'


class OnboardSchoolForm(modal.CallForm):
    name = forms.CharField(label=_("School name"), max_length=64,
                           help_text=_("Also the domain its people log in "
                                       "to."))
    description = forms.CharField(label=_("Description"), max_length=255,
                                  required=False)
    admin_name = forms.CharField(label=_("Administrator's user name"),
                                 max_length=64)
    admin_email = forms.EmailField(label=_("Administrator's email"),
                                   required=False)
    admin_password = forms.RegexField(
        label=_("Administrator's password"), regex=r'^\S.*$',
        widget=forms.PasswordInput(render_value=False))

    def __init__(self, request, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields.update(grants.fields())

    def refused_at(self):
        return reverse(INDEX)

    def call(self, request, data):
        admin = {'name': data['admin_name'],
                 'password': data['admin_password']}
        if data['admin_email']:
            admin['email'] = data['admin_email']
        created = api.edu.school_create(
            request, data['name'], admin,
            description=data['description'] or None,
            grant=grants.of(data))
        messages.success(request, _(
            "School %(school)s was onboarded; its administrator "
            "%(admin)s can log in now.")
            % {'school': created['school']['name'],
               'admin': created['admin']['name']})
        return created['school']
