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
"""The dashboard's modal forms: Horizon's, with a description beside."""

from horizon import exceptions
from horizon import forms

from edu_rating.client import exceptions as edu_exceptions


def refused(request, error, redirect):
    """Show the API's refusal: its words say what to change (or is free)."""
    exceptions.handle(request, error.message, redirect=redirect)


class CallForm(forms.SelfHandlingForm):
    """A form that is one Education API call.

    A subclass gives :meth:`call` (its result is the form's) and
    :meth:`refused_at`: where a refusal returns, shown in the API's words.
    """

    def call(self, request, data):
        raise NotImplementedError

    def refused_at(self):
        raise NotImplementedError

    def handle(self, request, data):
        try:
            return self.call(request, data)
        except edu_exceptions.EduClientError as error:
            refused(request, error, self.refused_at())
            return False


class DescribedModalFormView(forms.ModalFormView):
    # Horizon loads a modal with AJAX (the bare form) and shows the same
    # URL opened directly as a page around it.
    template_name = 'edu/modal_form.html'
    ajax_template_name = 'edu/_modal_form.html'
    #: What the form does, shown beside it (translatable).
    description = None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context['description'] = self.description
        return context
