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

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from horizon import exceptions
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


class GrantView(modal.DescribedModalFormView):
    """The modal of one grant; the object comes from :meth:`get_object`."""

    form_class = GrantForm
    page_title = _("Change Grant")
    submit_label = _("Change Grant")
    scope_type = None
    #: The URL kwarg naming the object, and this view's URL name.
    id_kwarg = None
    url_name = None
    error_message = None

    def get_object(self, ident):
        raise NotImplementedError

    def get_initial(self):
        ident = self.kwargs[self.id_kwarg]
        back = str(self.get_success_url())
        try:
            found = self.get_object(ident)
        except Exception:
            exceptions.handle(self.request, self.error_message,
                              redirect=back)
        return {'scope_type': self.scope_type, 'scope_id': ident,
                'name': found['name'], 'grant': found['grant'],
                'back': back}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context['submit_url'] = reverse(self.url_name, kwargs=self.kwargs)
        return context
