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
from django.template import defaultfilters as filters
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from horizon import tables
from horizon.utils import filters as horizon_filters

from edu_dashboard import api
from edu_dashboard.dashboards.edu import actions
from edu_dashboard.dashboards.edu.classes import targets
from edu_dashboard import grants


# The API's ISO 8601 times, shown as the locale's dates.
DATE = (horizon_filters.parse_isotime, filters.date)


class _OnClass(object):
    """An action on a class, decided on the class's own target."""

    def get_policy_target(self, request, datum=None):
        return targets.of_class(datum) if datum else {}


class CreateClass(tables.LinkAction):
    name = 'create'
    verbose_name = _("Create Class")
    url = 'horizon:edu:classes:create'
    classes = ('ajax-modal',)
    icon = 'plus'
    policy_rules = (('edu', 'edu:class:create'),)

    def get_policy_target(self, request, datum=None):
        return targets.list_target(request)

    def allowed(self, request, datum=None):
        # A class belongs to a teacher: created from their own project.
        return targets.scope(request).get('teacher_id') is not None


class EditClass(_OnClass, tables.LinkAction):
    name = 'edit'
    verbose_name = _("Edit Class")
    classes = ('ajax-modal',)
    icon = 'pencil'
    policy_rules = (('edu', 'edu:class:update'),)

    def get_link_url(self, datum):
        return reverse('horizon:edu:classes:update', args=[datum['id']])

    def allowed(self, request, datum=None):
        return datum is None or not datum['closed_at']


class CloseClass(_OnClass, tables.BatchAction):
    name = 'close'
    action_type = 'danger'
    policy_rules = (('edu', 'edu:class:close'),)

    @staticmethod
    def action_present(count):
        return ngettext_lazy("Close Class", "Close Classes", count)

    @staticmethod
    def action_past(count):
        return ngettext_lazy("Closed Class", "Closed Classes", count)

    def allowed(self, request, datum=None):
        return datum is None or not datum['closed_at']

    @actions.explained
    def action(self, request, obj_id):
        api.edu.class_close(request, obj_id)


class OpenLab(_OnClass, tables.LinkAction):
    name = 'lab'
    verbose_name = _("Lab")
    policy_rules = (('edu', 'edu:template:list'),)

    def get_link_url(self, datum):
        return reverse('horizon:edu:classes:lab', args=[datum['id']])


class ClassesTable(grants.table('default_grant')):
    name = tables.WrappingColumn('name', verbose_name=_("Name"),
                                 link='horizon:edu:classes:detail')
    term_end = tables.Column('term_end', verbose_name=_("Term end"),
                             empty_value=_("None"))
    closed_at = tables.Column('closed_at', verbose_name=_("Closed"),
                              empty_value=_("No"), filters=DATE)

    class Meta(object):
        name = 'classes'
        verbose_name = _("Classes")
        columns = ('name', 'term_end') + grants.NAMES + ('closed_at',)
        table_actions = (CreateClass,)
        row_actions = (OpenLab, EditClass, CloseClass)


class _OnStudents(object):
    """An action on a class's students, decided on the class."""

    def get_policy_target(self, request, datum=None):
        return targets.of_class(self.table.kwargs['klass'])


class EnrolStudent(_OnStudents, tables.LinkAction):
    name = 'enrol'
    verbose_name = _("Enrol Student")
    classes = ('ajax-modal',)
    icon = 'plus'
    policy_rules = (('edu', 'edu:student:create'),)

    def get_link_url(self, datum=None):
        return reverse('horizon:edu:classes:enrol',
                       args=[self.table.kwargs['klass']['id']])


class ImportRoster(_OnStudents, tables.LinkAction):
    name = 'roster'
    verbose_name = _("Import Roster")
    icon = 'upload'
    policy_rules = (('edu', 'edu:student:create'),)

    def get_link_url(self, datum=None):
        return reverse('horizon:edu:classes:roster',
                       args=[self.table.kwargs['klass']['id']])


class ClassGrant(_OnStudents, tables.LinkAction):
    name = 'class_grant'
    verbose_name = _("Grant Whole Class")
    classes = ('ajax-modal',)
    policy_rules = (('edu', 'edu:class:grant'),)

    def get_link_url(self, datum=None):
        return reverse('horizon:edu:classes:class_grant',
                       args=[self.table.kwargs['klass']['id']])


class _StudentModal(tables.LinkAction):
    """A row's modal on one student, at ``url_name`` (class, student)."""

    classes = ('ajax-modal',)
    url_name = None

    def get_policy_target(self, request, datum=None):
        return targets.of_student(datum) if datum else {}

    def get_link_url(self, datum):
        return reverse(self.url_name, args=[datum['class_id'], datum['id']])


class StudentGrant(_StudentModal):
    name = 'grant'
    verbose_name = _("Change Grant")
    policy_rules = (('edu', 'edu:allocation:enrolment:set'),)
    url_name = 'horizon:edu:classes:student_grant'


class StudentPassword(_StudentModal):
    name = 'password'
    verbose_name = _("Reset Password")
    policy_rules = (('edu', 'edu:student:update'),)
    url_name = 'horizon:edu:classes:student_password'


class ClassLab(_OnStudents, tables.LinkAction):
    name = 'lab'
    verbose_name = _("Lab Machines")
    icon = 'cloud'
    policy_rules = (('edu', 'edu:template:list'),)

    def get_link_url(self, datum=None):
        return reverse('horizon:edu:classes:lab',
                       args=[self.table.kwargs['klass']['id']])


class RemoveStudent(tables.DeleteAction):
    policy_rules = (('edu', 'edu:student:delete'),)

    @staticmethod
    def action_present(count):
        return ngettext_lazy("Remove Student", "Remove Students", count)

    @staticmethod
    def action_past(count):
        return ngettext_lazy("Removed Student", "Removed Students", count)

    def get_policy_target(self, request, datum=None):
        if datum:
            return targets.of_student(datum)
        return targets.of_class(self.table.kwargs['klass'])

    @actions.explained
    def delete(self, request, obj_id):
        api.edu.student_remove(request, obj_id)


class StudentsTable(grants.table(used_key='in_use')):
    name = tables.WrappingColumn('name', verbose_name=_("Name"))
    project = tables.Column('project_name', verbose_name=_("Project"))
    created_at = tables.Column('created_at', verbose_name=_("Enrolled"),
                               filters=DATE)

    class Meta(object):
        name = 'students'
        verbose_name = _("Students")
        columns = ('name', 'project') + grants.NAMES + ('created_at',)
        table_actions = (EnrolStudent, ImportRoster, ClassGrant, ClassLab,
                         RemoveStudent)
        row_actions = (StudentGrant, StudentPassword, RemoveStudent)


class RosterLinesTable(tables.DataTable):
    """A roster's preview: every line with its verdict."""

    STATUS_DISPLAY = (('new', _("Will be enrolled")),
                      ('enrolled', _("Already in the class: skipped")),
                      ('invalid', _("Error")))

    line = tables.Column('line', verbose_name=_("Line"))
    name = tables.WrappingColumn('name', verbose_name=_("Name"),
                                 empty_value='')
    email = tables.Column('email', verbose_name=_("Email"), empty_value='')
    status = tables.Column('status', verbose_name=_("Status"),
                           status=True, display_choices=STATUS_DISPLAY,
                           status_choices=(('new', True),
                                           ('enrolled', None),
                                           ('invalid', False)))
    message = tables.WrappingColumn('message', verbose_name=_("Problem"),
                                    empty_value='')

    def get_object_id(self, datum):
        return str(datum['line'])

    class Meta(object):
        name = 'roster_lines'
        verbose_name = _("Roster lines")
        status_columns = ('status',)
        footer = False
