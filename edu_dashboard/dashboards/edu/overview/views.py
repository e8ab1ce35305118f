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
from django import shortcuts
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views import generic

from horizon import exceptions
from horizon import messages
from horizon import views

from edu_rating.client import exceptions as edu_exceptions

from edu_dashboard import api
from edu_dashboard import charts
from edu_dashboard.dashboards.edu import term
from edu_dashboard import money
from edu_dashboard import personas

INSTANCES = 'horizon:project:instances:index'
INSTANCE = 'horizon:project:instances:detail'
OVERVIEW = 'horizon:edu:overview:index'


def _switch(project_id, next_url):
    """Horizon's own project switch, landing on ``next_url``."""
    return '%s?next=%s' % (reverse('switch_project_id', args=[project_id]),
                           next_url)


class IndexView(views.HorizonTemplateView):
    template_name = 'edu/overview/index.html'
    page_title = _("Overview")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        persona = personas.persona(self.request)
        context['persona'] = persona
        try:
            context.update(self._mine(persona))
        except Exception:
            exceptions.handle(self.request,
                              _("Unable to retrieve your grant."))
        return context

    def _mine(self, persona):
        """The persona's own grant as charts (one or two API calls)."""
        request = self.request
        if persona.kind == personas.SCHOOL_ADMIN:
            return {'charts': charts.of_school(api.edu.allocation_get(
                request, 'school', persona.school.id))}
        if persona.kind == personas.TEACHER:
            return {'charts': charts.of_teacher(api.edu.allocation_get(
                request, 'teacher', persona.project_id))}
        if persona.kind == personas.STUDENT:
            return self._student(persona)
        if persona.kind == personas.PLATFORM_ADMIN:
            return self._platform()
        return {}

    def _platform(self):
        summary = api.edu.platform_get(self.request)
        return {'charts': charts.of_platform(summary),
                'platform': summary,
                'revenue': [dict(item, **{
                    key: money.text(item[key], item['currency'])
                    for key in ('accrued', 'forecast')})
                    for item in summary['revenue']]}

    def _student(self, persona):
        request = self.request
        enrolment = api.edu.student_get(request, persona.project_id)
        allocation = api.edu.allocation_get(request, 'enrolment',
                                            persona.project_id)
        instances = reverse(INSTANCES)
        # A student's other classes are other projects of theirs: Horizon
        # already knows them (no backend call).
        others = [{'name': project.name,
                   'url': _switch(project.id, instances)}
                  for project in self.request.user.authorized_tenants
                  if project.id != persona.project_id]
        term.warn(request, enrolment['class_term'], enrolment['class_name'])
        phase = enrolment['class_term']['phase']
        templates = []
        if phase in ('open', 'ending'):
            templates = api.edu.template_list(
                request, student_id=persona.project_id)[0]
        return {'charts': charts.of_student(allocation),
                'enrolment': enrolment, 'instances_url': instances,
                'other_projects': others, 'templates': templates}


class LaunchView(generic.View):
    """A student's one click: a machine of the template, then its page.

    The machine goes to the student's current project (their enrolment in
    this class) with their own token: Nova counts it in their grant.
    """

    def post(self, request, template_id):
        persona = personas.persona(request)
        if persona.kind != personas.STUDENT:
            messages.error(request, _("Only a student launches a lab "
                                      "machine here, in their project."))
            return shortcuts.redirect(reverse(OVERVIEW))
        try:
            machine = api.edu.machine_launch(request, persona.project_id,
                                             int(template_id))
        except edu_exceptions.EduClientError as error:
            messages.error(request, error.message)
            return shortcuts.redirect(reverse(OVERVIEW))
        messages.success(request, _("Your lab machine %s is starting.")
                         % machine['name'])
        return shortcuts.redirect(reverse(INSTANCE, args=[machine['id']]))
