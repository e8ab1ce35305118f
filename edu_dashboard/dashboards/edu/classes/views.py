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
import csv
import io
import json

from django import http
from django.urls import reverse
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.views import generic
from horizon import exceptions
from horizon import forms
from horizon import messages

from edu_rating.client import exceptions as edu_exceptions

from edu_dashboard import api
from edu_dashboard.dashboards.edu.classes import forms as class_forms
from edu_dashboard.dashboards.edu.classes import tables as class_tables
from edu_dashboard.dashboards.edu.classes import targets
from edu_dashboard.dashboards.edu import grant_forms
from edu_dashboard.dashboards.edu import modal
from edu_dashboard.dashboards.edu import pages
from edu_dashboard.dashboards.edu import password_forms
from edu_dashboard.dashboards.edu import term
from edu_dashboard import grants
from edu_dashboard import policy

INDEX = 'horizon:edu:classes:index'
DETAIL = 'horizon:edu:classes:detail'
# Students enrolled per request of a roster import: each request stays
# short, and the page shows progress between them.
ROSTER_BATCH = 10


def get_class(request, class_id, rule='edu:class:get'):
    """The class, or a redirect to the list with a message.

    A class of another teacher or school is refused by the API (403) or
    not found (404); a URL naming one goes back to the list.
    """
    try:
        klass = api.edu.class_get(request, class_id)
    except Exception:
        exceptions.handle(request, _("Unable to retrieve the class."),
                          redirect=reverse(INDEX))
    refuse_unless(request, rule, targets.of_class(klass),
                  _("You may not do this in class %s.") % klass['name'])
    return klass


def refuse_unless(request, rule, target, message):
    """Back to the list with ``message`` unless ``rule`` allows ``target``.

    The API would refuse too; the page does not offer what it refuses.
    """
    if not policy.allowed(request, rule, target):
        messages.error(request, message)
        raise exceptions.Http302(reverse(INDEX))


class IndexView(pages.PagedTableView):
    table_class = class_tables.ClassesTable
    template_name = 'edu/classes/index.html'
    page_title = _("Classes")
    error_message = _("Unable to retrieve the classes.")

    def page(self, marker):
        # Closed classes too: an archived class's Lab page is where its
        # teacher hands the freed capacity back to the school.
        return api.edu.class_list(self.request, marker=marker,
                                  limit=self.page_size, include_closed=True,
                                  **targets.scope(self.request))


class DetailView(pages.PagedTableView):
    table_class = class_tables.StudentsTable
    template_name = 'edu/classes/detail.html'
    page_title = '{{ klass.name }}'
    error_message = _("Unable to retrieve the students.")

    def get_tables(self):
        # The table's actions need the class before the data is read.
        if 'klass' not in self.kwargs:
            self.klass = get_class(self.request, self.kwargs['class_id'])
            self.kwargs['klass'] = self.klass
            term.warn(self.request, self.klass['term'], self.klass['name'])
        return super().get_tables()

    def page(self, marker):
        return api.edu.student_list(self.request, marker=marker,
                                    limit=self.page_size,
                                    class_id=self.klass['id'])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context['klass'] = self.klass
        context['default_grant'] = [
            (label, self.klass['default_grant'].get(name, 0))
            for name, label in grants.RESOURCES]
        return context


class CreateView(modal.DescribedModalFormView):
    form_class = class_forms.CreateClassForm
    description = _("A class groups students. Each student you enrol gets "
                    "the class's default grant from your own, unless you "
                    "give another.")
    modal_id = 'create_class_modal'
    page_title = _("Create Class")
    submit_label = _("Create Class")
    submit_url = reverse_lazy('horizon:edu:classes:create')
    success_url = reverse_lazy(INDEX)


class _OnClass(object):
    """A view of one class, named in the URL, read once."""

    #: The rule the class must pass for the view to show.
    rule = 'edu:class:get'

    @property
    def klass(self):
        if not hasattr(self, '_klass'):
            self._klass = get_class(self.request, self.kwargs['class_id'],
                                    self.rule)
        return self._klass


class _ClassModal(_OnClass, modal.DescribedModalFormView):
    """A modal on one class."""

    url_name = None

    def get_success_url(self):
        return reverse(DETAIL, args=[self.kwargs['class_id']])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context['submit_url'] = reverse(self.url_name,
                                        args=self.args,
                                        kwargs=self.kwargs)
        return context

    def get_initial(self):
        return {'class_id': self.klass['id'], 'name': self.klass['name'],
                'grant': self.klass['default_grant']}


class UpdateView(_ClassModal):
    form_class = class_forms.EditClassForm
    description = _("A new default grant applies to students enrolled "
                    "from now on; to change the students' grants, use "
                    "Grant Whole Class.")
    modal_id = 'edit_class_modal'
    page_title = _("Edit Class")
    submit_label = _("Save")
    url_name = 'horizon:edu:classes:update'
    rule = 'edu:class:update'

    def get_success_url(self):
        return reverse(INDEX)

    def get_initial(self):
        return dict(super().get_initial(), term_end=self.klass['term_end'])


class EnrolView(_ClassModal):
    form_class = class_forms.EnrolStudentForm
    description = _("The student gets a user in the school (unless they "
                    "have one), a project of their own for this class and "
                    "the grant, taken from yours.")
    modal_id = 'enrol_student_modal'
    page_title = _("Enrol Student")
    submit_label = _("Enrol")
    url_name = 'horizon:edu:classes:enrol'
    rule = 'edu:student:create'


class ClassGrantView(_ClassModal):
    form_class = class_forms.ClassGrantForm
    description = _("Every student of the class gets this grant at once. "
                    "If the total does not fit in your grant, no student "
                    "is changed.")
    modal_id = 'class_grant_modal'
    page_title = _("Grant Whole Class")
    submit_label = _("Grant")
    url_name = 'horizon:edu:classes:class_grant'
    rule = 'edu:class:grant'


class _OnStudent(object):
    """A modal on one student of the class, refused as the API would.

    A subclass names its :attr:`rule` and :attr:`refused` message.
    """

    id_kwarg = 'student_id'
    error_message = _("Unable to retrieve the student.")
    rule = None
    refused = None

    def get_object(self, ident):
        student = api.edu.student_get(self.request, ident)
        refuse_unless(self.request, self.rule, targets.of_student(student),
                      self.refused)
        return student

    def get_success_url(self):
        return reverse(DETAIL, args=[self.kwargs['class_id']])


class StudentGrantView(_OnStudent, grant_forms.GrantView):
    description = _("The student's limits change at once. It cannot go "
                    "below what they use, nor above what you have free.")
    modal_id = 'student_grant_modal'
    scope_type = 'enrolment'
    url_name = 'horizon:edu:classes:student_grant'
    rule = 'edu:allocation:enrolment:set'
    refused = _("You may not change this grant.")


class StudentPasswordView(_OnStudent, password_forms.PasswordView):
    kind = 'student'
    url_name = 'horizon:edu:classes:student_password'
    rule = 'edu:student:update'
    refused = _("You may not reset this password.")


def _session_key(class_id):
    return 'edu_roster_%s' % class_id


class RosterView(_OnClass, forms.ModalFormView):
    """A roster: preview every line, then import it in batches."""

    form_class = class_forms.RosterForm
    template_name = 'edu/classes/roster.html'
    page_title = _("Import Roster")
    rule = 'edu:student:create'

    def get_initial(self):
        return {'class_id': self.klass['id']}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context['klass'] = self.klass
        context['submit_url'] = reverse('horizon:edu:classes:roster',
                                        args=[self.klass['id']])
        context['detail_url'] = reverse(DETAIL, args=[self.klass['id']])
        return context

    def form_valid(self, form):
        preview = form.handle(self.request, form.cleaned_data)
        if not preview:
            return self.form_invalid(form)
        ready = not preview['problem'] and not (
            preview['counts']['invalid']) and preview['counts']['new']
        if ready:
            # The import sends this text back in batches; it never leaves
            # the server side in between.
            self.request.session[_session_key(self.klass['id'])] = (
                form.cleaned_data['csv'])
        table = class_tables.RosterLinesTable(self.request,
                                              preview['lines'])
        return self.render_to_response(self.get_context_data(
            form=form, preview=preview, lines_table=table, ready=ready,
            batches=_batch_count(preview['counts']['new']),
            grant_total=[(label, preview['grant_total'].get(name, 0))
                         for name, label in grants.RESOURCES],
            import_url=reverse('horizon:edu:classes:roster_import',
                               args=[self.klass['id']])))


def _batch_count(new):
    return max(1, -(-new // ROSTER_BATCH))


def batches(csv_text):
    """The roster as CSV texts of at most :data:`ROSTER_BATCH` lines.

    Each keeps the header; blank lines are dropped. The API checks every
    batch again (and skips names already enrolled), so a batch sent twice
    enrols nobody twice.
    """
    rows = [row for row in csv.reader(io.StringIO(csv_text, newline=''))]
    header, body = rows[0], [row for row in rows[1:]
                             if any(cell.strip() for cell in row)]
    for start in range(0, max(len(body), 1), ROSTER_BATCH):
        out = io.StringIO()
        writer = csv.writer(out, lineterminator='\n')
        writer.writerow(header)
        writer.writerows(body[start:start + ROSTER_BATCH])
        yield out.getvalue()


class RosterImportView(generic.View):
    """One batch of the previewed roster: ``POST ?batch=N``, JSON back.

    The page calls it batch after batch and shows the progress; each
    answer names the students enrolled and their generated passwords.
    """

    def post(self, request, class_id):
        klass = get_class(request, class_id, 'edu:student:create')
        csv_text = request.session.get(_session_key(klass['id']))
        if csv_text is None:
            return http.JsonResponse(
                {'error': str(_("Preview the roster first."))}, status=409)
        parts = list(batches(csv_text))
        try:
            index = int(request.GET.get('batch', ''))
            part = parts[index]
        except (ValueError, IndexError):
            return http.JsonResponse(
                {'error': str(_("No such batch of the roster."))},
                status=400)
        try:
            enrolled = api.edu.roster_enrol(request, klass['id'], part)
        except edu_exceptions.EduClientError as error:
            return http.JsonResponse({'error': error.message},
                                     status=error.status_code or 502)
        if index == len(parts) - 1:
            del request.session[_session_key(klass['id'])]
        return http.HttpResponse(json.dumps({
            'batch': index, 'batches': len(parts),
            'students': [{'name': item['student']['name'],
                          'password': item['password']}
                         for item in enrolled]}),
            content_type='application/json')
