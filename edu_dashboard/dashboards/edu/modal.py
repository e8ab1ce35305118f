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

from django.urls import reverse
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


class ObjectFormView(DescribedModalFormView):
    """A modal on one API object, named by the URL kwarg :attr:`id_kwarg`.

    The form's ``initial`` has the object's ``ident`` and ``name``, and
    ``back``: where a refusal returns (the success URL); a subclass adds
    what its form needs with :meth:`initial_of`.
    """

    #: The URL kwarg naming the object, and this view's URL name.
    id_kwarg = None
    url_name = None
    error_message = None

    def get_object(self, ident):
        raise NotImplementedError

    def initial_of(self, ident, found):
        return {}

    def get_initial(self):
        ident = self.kwargs[self.id_kwarg]
        back = str(self.get_success_url())
        try:
            found = self.get_object(ident)
        except Exception:
            exceptions.handle(self.request, self.error_message,
                              redirect=back)
        return dict(self.initial_of(ident, found), ident=ident,
                    name=found['name'], back=back)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context['submit_url'] = reverse(self.url_name, kwargs=self.kwargs)
        return context
