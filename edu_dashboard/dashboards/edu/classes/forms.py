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
"""Forms of classes and their students; each is one Education API call."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from horizon import forms
from horizon import messages

from edu_rating.client import exceptions as edu_exceptions

from edu_dashboard import api
from edu_dashboard.dashboards.edu import modal
from edu_dashboard import grants
from edu_dashboard import personas

INDEX = 'horizon:edu:classes:index'
DETAIL = 'horizon:edu:classes:detail'


class _GrantForm(modal.CallForm):
    """A form ending in a grant's fields, the initial ``grant`` filled in."""

    def __init__(self, request, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields.update(grants.fields(self.initial.get('grant')))

    def refused_at(self):
        return reverse(INDEX)


class _ClassForm(_GrantForm):
    name = forms.CharField(label=_("Name"), max_length=255)
    term_end = forms.DateField(
        label=_("Term end"), required=False,
        widget=forms.DateInput(attrs={'type': 'date'}),
        help_text=_("The last day of the class."))


class CreateClassForm(_ClassForm):

    def call(self, request, data):
        klass = api.edu.class_create(
            request, personas.teacher_project(request), data['name'],
            term_end=_date(data['term_end']),
            default_grant=grants.of(data))
        messages.success(request, _("Class %s was created.") % klass['name'])
        return klass


class EditClassForm(_ClassForm):

    def call(self, request, data):
        klass = api.edu.class_update(
            request, self.initial['class_id'], name=data['name'],
            term_end=_date(data['term_end']),
            default_grant=grants.of(data))
        messages.success(request, _("Class %s was changed.") % klass['name'])
        return klass


def _date(value):
    return value.isoformat() if value else None


class _StudentsForm(_GrantForm):
    """A form on a class's students: refusals return to the class."""

    def refused_at(self):
        return reverse(DETAIL, args=[self.initial['class_id']])


class EnrolStudentForm(_StudentsForm):
    name = forms.CharField(label=_("User name"), max_length=64)
    email = forms.EmailField(label=_("Email"), required=False)
    password = forms.CharField(
        label=_("Password"), required=False,
        widget=forms.PasswordInput(render_value=False),
        help_text=_("Leave empty to have one generated; it is shown once."))

    def call(self, request, data):
        enrolled = api.edu.student_enrol(
            request, self.initial['class_id'], data['name'],
            password=data['password'] or None, email=data['email'] or None,
            grant=grants.of(data))
        name = enrolled['student']['name']
        if enrolled['password']:
            messages.success(request, _(
                "%(name)s was enrolled; their password is %(password)s "
                "(shown only now).") % {'name': name,
                                        'password': enrolled['password']})
        else:
            messages.success(request, _("%s was enrolled.") % name)
        return enrolled['student']


class ClassGrantForm(_StudentsForm):
    reason = forms.CharField(label=_("Reason"), max_length=255,
                             required=False)

    def call(self, request, data):
        result = api.edu.class_grant_set(request, self.initial['class_id'],
                                         grants.of(data),
                                         reason=data['reason'] or None)
        messages.success(request, _(
            "Every student of %(class)s now has this grant (%(count)d "
            "changed).") % {'class': self.initial['name'],
                            'count': result['students']})
        return True


class RosterForm(forms.SelfHandlingForm):
    csv_file = forms.FileField(
        label=_("CSV file"), required=False,
        help_text=_("Saved from a spreadsheet as CSV UTF-8. The first line "
                    "names the columns: name (required), email, "
                    "password."))
    csv_text = forms.CharField(
        label=_("Or paste the roster"), required=False, strip=False,
        widget=forms.Textarea(attrs={'rows': 8}))

    def clean(self):
        data = super().clean()
        upload = data.get('csv_file')
        if upload:
            try:
                # utf-8-sig: spreadsheets often start with a byte order mark.
                data['csv'] = upload.read().decode('utf-8-sig')
            except UnicodeDecodeError:
                raise forms.ValidationError(
                    _("The file is not UTF-8 text: save it as CSV UTF-8."))
        else:
            data['csv'] = data.get('csv_text') or ''
        if not data['csv'].strip():
            raise forms.ValidationError(
                _("Choose a CSV file or paste the roster."))
        return data

    def handle(self, request, data):
        try:
            return api.edu.roster_preview(request, self.initial['class_id'],
                                          data['csv'])
        except edu_exceptions.EduClientError as error:
            self.api_error(error.message)
            return False
