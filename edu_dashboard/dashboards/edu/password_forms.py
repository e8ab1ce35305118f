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
"""Resetting a teacher's or a student's password in a modal."""

from django.utils.translation import gettext_lazy as _
from horizon import forms
from horizon import messages

from edu_dashboard import api
from edu_dashboard.dashboards.edu import modal


class PasswordForm(modal.CallForm):
    """A new password, typed twice; ``initial['kind']``: teacher/student."""

    password = forms.RegexField(
        label=_("New password"), regex=r'^\S.*$',
        widget=forms.PasswordInput(render_value=False),
        error_messages={'invalid': _("A password cannot start with a "
                                     "space.")})
    # Named as Horizon's operation log masks it; kept as typed, as the
    # password is.
    confirm_password = forms.CharField(
        label=_("Confirm the new password"), strip=False,
        widget=forms.PasswordInput(render_value=False))

    def clean(self):
        data = super().clean()
        if data.get('password') != data.get('confirm_password'):
            raise forms.ValidationError(_("The two passwords differ."))
        return data

    def refused_at(self):
        return self.initial['back']

    def call(self, request, data):
        # Looked up at call time: one named API function per kind.
        update = getattr(api.edu, '%s_update' % self.initial['kind'])
        update(request, self.initial['ident'], password=data['password'])
        messages.success(request, _("The password of %s was changed: give "
                                    "them the new one yourself.")
                         % self.initial['name'])
        return True


class PasswordView(modal.ObjectFormView):
    form_class = PasswordForm
    page_title = _("Reset Password")
    submit_label = _("Reset Password")
    description = _("The new password works at once and the old one stops "
                    "working. The dashboard never shows it again: tell its "
                    "owner yourself.")
    modal_id = 'reset_password_modal'
    #: ``teacher`` or ``student``: which API function sets it.
    kind = None

    def initial_of(self, ident, found):
        return {'kind': self.kind}
