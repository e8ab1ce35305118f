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
"""Changing one grant (a school's, teacher's or student's) in a modal."""

from django.utils.translation import gettext_lazy as _
from horizon import forms
from horizon import messages

from edu_dashboard import api
from edu_dashboard.dashboards.edu import modal
from edu_dashboard import grants


class GrantForm(modal.CallForm):
    """The grant's fields, filled in; ``initial`` names the scope.

    ``initial``: ``scope_type``, ``scope_id``, ``name`` (for the message),
    ``grant`` (the current one) and ``back`` (where a refusal returns).
    """

    reason = forms.CharField(label=_("Reason"), max_length=255,
                             required=False)

    def __init__(self, request, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields.update(grants.fields(self.initial.get('grant')))

    def refused_at(self):
        return self.initial['back']

    def call(self, request, data):
        api.edu.grant_set(request, self.initial['scope_type'],
                          self.initial['scope_id'], grants.of(data),
                          reason=data['reason'] or None)
        messages.success(request, _("The grant of %s was changed.")
                         % self.initial['name'])
        return True


class GrantView(modal.ObjectFormView):
    """The modal of one grant; the object comes from :meth:`get_object`."""

    form_class = GrantForm
    page_title = _("Change Grant")
    submit_label = _("Change Grant")
    scope_type = None

    def initial_of(self, ident, found):
        return {'scope_type': self.scope_type, 'scope_id': ident,
                'grant': found['grant']}
