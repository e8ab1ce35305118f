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
"""A class's lab: templates, the students' machines, class-wide jobs.

The Lab page lists the class's templates and every machine in its
students' projects; from there a teacher launches a template for the
whole class, or stops, shelves or deletes every machine, each as one job
whose page shows a result per student while it runs. The end of the class
(shelving, archiving, handing the capacity back) can be run early here.
"""

from django import shortcuts
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from horizon import exceptions
from horizon import forms
from horizon import messages
from horizon import tables

from edu_rating.client import exceptions as edu_exceptions

from edu_dashboard import api
from edu_dashboard.dashboards.edu.classes import lab_common as common
from edu_dashboard.dashboards.edu.classes import lab_images
from edu_dashboard.dashboards.edu.classes import views as class_views
from edu_dashboard.dashboards.edu import modal
from edu_dashboard.dashboards.edu import term

# How often a running job's page reloads, in seconds.
JOB_REFRESH = 3


def _job_started(request, klass, action, template_id=None):
    """Start a job and go to its page; a refusal stays on the Lab page."""
    try:
        job = api.edu.job_start(request, klass['id'], action,
                                template_id=template_id)
    except edu_exceptions.EduClientError as error:
        messages.error(request, error.message)
        return shortcuts.redirect(reverse(common.LAB, args=[klass['id']]))
    return shortcuts.redirect(reverse(common.JOB,
                                      args=[klass['id'], job['id']]))


class CreateTemplate(common.OnLab, tables.LinkAction):
    name = 'create_template'
    verbose_name = _("Create Template")
    classes = ('ajax-modal',)
    icon = 'plus'
    policy_rules = (('edu', 'edu:template:create'),)

    def get_link_url(self, datum=None):
        return reverse('horizon:edu:classes:template_create',
                       args=[common.lab_of(self.table)['id']])

    def allowed(self, request, datum=None):
        return common.lab_of(self.table)['term']['phase'] in ('open', 'ending')


class LaunchForClass(common.OnLab, tables.Action):
    name = 'launch'
    verbose_name = _("Launch for Class")
    policy_rules = (('edu', 'edu:job:create'),)
    # A row's action, no selection: one job per click.
    requires_input = False

    def allowed(self, request, datum=None):
        return common.lab_of(self.table)['term']['phase'] in ('open', 'ending')

    def single(self, table, request, object_id):
        return _job_started(request, common.lab_of(table), 'launch',
                            int(object_id))


class DeleteTemplate(common.OnLab, tables.DeleteAction):
    policy_rules = (('edu', 'edu:template:delete'),)

    @staticmethod
    def action_present(count):
        return _("Delete Template") if count == 1 else _("Delete Templates")

    @staticmethod
    def action_past(count):
        return _("Deleted Template") if count == 1 else _(
            "Deleted Templates")

    def delete(self, request, obj_id):
        api.edu.template_delete(request, obj_id)


class TemplatesTable(common.DictTable):
    name = tables.WrappingColumn('name', verbose_name=_("Name"))
    image = tables.Column('image_name', verbose_name=_("Image"))
    flavor = tables.Column('flavor_name', verbose_name=_("Flavor"))
    vcpu = tables.Column(lambda t: t['size'].get('vcpu'),
                         verbose_name=_("vCPU"))
    ram = tables.Column(lambda t: t['size'].get('ram_mb'),
                        verbose_name=_("RAM (MB)"))
    disk = tables.Column(lambda t: t['size'].get('disk_gb'),
                         verbose_name=_("Disk (GB)"))

    class Meta(object):
        name = 'templates'
        verbose_name = _("Lab templates")
        table_actions = (CreateTemplate, DeleteTemplate)
        row_actions = (LaunchForClass, DeleteTemplate)


class _ClassJob(common.OnLab, tables.Action):
    """A class-wide job on every machine (no selection needed)."""

    requires_input = False
    policy_rules = (('edu', 'edu:job:create'),)
    action_type = 'danger'
    job = None

    def allowed(self, request, datum=None):
        return common.lab_of(self.table)['term']['phase'] != 'archived'

    def handle(self, table, request, object_ids):
        return _job_started(request, common.lab_of(table), self.job)


class StopAll(_ClassJob):
    name = 'stop_all'
    verbose_name = _("Stop All")
    action_type = 'default'
    job = 'stop'


class ShelveAll(_ClassJob):
    name = 'shelve_all'
    verbose_name = _("Shelve All")
    action_type = 'default'
    job = 'shelve'


class DeleteAll(_ClassJob):
    name = 'delete_all'
    verbose_name = _("Delete All")
    job = 'delete'


class _ClassStep(common.OnLab, tables.Action):
    """A step of the class's end, run now by the teacher."""

    requires_input = False
    action_type = 'danger'
    step = None
    #: The phases in which the step is offered.
    phases = ()
    done_message = None

    def allowed(self, request, datum=None):
        klass = common.lab_of(self.table)
        if self.step == 'hand_back':
            return (klass['term']['phase'] == 'archived' and
                    not klass['term']['handed_back_at'])
        return klass['term']['phase'] in self.phases

    def handle(self, table, request, object_ids):
        klass = common.lab_of(table)
        try:
            api.edu.class_step(request, klass['id'], self.step)
            messages.success(request, self.done_message % klass['name'])
        except edu_exceptions.EduClientError as error:
            messages.error(request, error.message)
        return shortcuts.redirect(reverse(common.LAB, args=[klass['id']]))


class EndNow(_ClassStep):
    name = 'end'
    verbose_name = _("End Class Now")
    policy_rules = (('edu', 'edu:class:end'),)
    step = 'end'
    phases = ('open', 'ending')
    done_message = _("Class %s has ended: its machines are being shelved.")


class ArchiveNow(_ClassStep):
    name = 'archive'
    verbose_name = _("Archive Class Now")
    policy_rules = (('edu', 'edu:class:archive'),)
    step = 'archive'
    phases = ('open', 'ending', 'ended')
    done_message = _("Class %s is archived: its machines are deleted and "
                     "the students' grants are back in yours.")


class HandBack(_ClassStep):
    name = 'hand_back'
    verbose_name = _("Hand Capacity Back to the School")
    policy_rules = (('edu', 'edu:class:hand_back'),)
    action_type = 'default'
    step = 'hand_back'
    done_message = _("What class %s freed was handed back to the school: "
                     "your grant is lower and you pay less from now on.")


class MachinesTable(common.DictTable):
    STATUS = (('ACTIVE', True), ('SHUTOFF', True), ('SHELVED', True),
              ('SHELVED_OFFLOADED', True), ('ERROR', False))

    student = tables.WrappingColumn('student_name',
                                    verbose_name=_("Student"))
    name = tables.WrappingColumn('name', verbose_name=_("Machine"))
    status = tables.Column('status', verbose_name=_("Status"), status=True,
                           status_choices=STATUS)
    flavor = tables.Column('flavor', verbose_name=_("Flavor"),
                           empty_value='')
    locked = tables.Column(lambda m: common.yes_no(m['locked']),
                           verbose_name=_("Locked"))

    class Meta(object):
        name = 'machines'
        verbose_name = _("Lab machines")
        status_columns = ('status',)
        table_actions = (StopAll, ShelveAll, DeleteAll, EndNow, ArchiveNow,
                         HandBack)


class LabView(tables.MultiTableView):
    table_classes = (TemplatesTable, lab_images.ImagesTable, MachinesTable)
    template_name = 'edu/classes/lab.html'
    page_title = _("Lab of {{ klass.name }}")

    def get_tables(self):
        if 'klass' not in self.kwargs:
            self.klass = class_views.get_class(self.request,
                                               self.kwargs['class_id'])
            self.kwargs['klass'] = self.klass
            term.warn(self.request, self.klass['term'], self.klass['name'])
        return super().get_tables()

    def get_templates_data(self):
        try:
            return api.edu.template_list(self.request,
                                         class_id=self.klass['id'])[0]
        except Exception:
            exceptions.handle(self.request,
                              _("Unable to retrieve the templates."))
            return []

    def get_images_data(self):
        return lab_images.images_of(self.request, self.klass)

    def get_machines_data(self):
        try:
            return api.edu.machine_list(self.request,
                                        class_id=self.klass['id'])
        except Exception:
            exceptions.handle(self.request,
                              _("Unable to retrieve the lab machines."))
            return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context['klass'] = self.klass
        return context


class ResultsTable(tables.DataTable):
    STATUS_DISPLAY = (('pending', _("Waiting")),
                      ('launched', _("Launched")),
                      ('skipped', _("Already there")),
                      ('done', _("Done")),
                      ('refused', _("Refused by Nova")),
                      ('failed', _("Failed")))

    student = tables.WrappingColumn('student_name',
                                    verbose_name=_("Student"))
    status = tables.Column('status', verbose_name=_("Result"), status=True,
                           display_choices=STATUS_DISPLAY,
                           status_choices=(('pending', None),
                                           ('launched', True),
                                           ('skipped', True),
                                           ('done', True),
                                           ('refused', False),
                                           ('failed', False)))
    message = tables.WrappingColumn('message', verbose_name=_("Reason"),
                                    empty_value='')

    def get_object_id(self, datum):
        return datum['student_id']

    class Meta(object):
        name = 'results'
        verbose_name = _("Result per student")
        status_columns = ('status',)
        footer = False


class JobView(tables.DataTableView):
    table_class = ResultsTable
    template_name = 'edu/classes/job.html'
    page_title = _("Job on {{ klass.name }}")

    def get_data(self):
        self.klass = class_views.get_class(
            self.request, self.kwargs['class_id'], 'edu:job:get')
        try:
            self.job = api.edu.job_get(self.request, self.kwargs['job_id'])
        except Exception:
            exceptions.handle(self.request, _("Unable to retrieve the job."),
                              redirect=reverse(common.LAB,
                                               args=[self.klass['id']]))
        return self.job['results']

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        job = self.job
        total = len(job['results'])
        finished = total - job['counts']['pending']
        context.update(
            klass=self.klass, job=job, total=total, finished=finished,
            percent=100 * finished // total if total else 100,
            refresh=JOB_REFRESH if job['state'] == 'running' else None,
            lab_url=reverse(common.LAB, args=[self.klass['id']]))
        return context


def _image_choices(request, class_id):
    """The images a template of the class may use.

    Public ones, and those registered, enabled and shared with the class
    (a teacher's own, uploaded in their project).
    """
    choices = dict(api.compute.images(request))
    shared, _more = api.edu.image_list(request, class_id=class_id)
    choices.update((image['id'], image['name'] or image['id'])
                   for image in shared if image['enabled'])
    return sorted(choices.items(), key=lambda choice: choice[1])


class TemplateForm(modal.CallForm):
    name = forms.CharField(label=_("Name"), max_length=255)
    image = forms.ThemableChoiceField(label=_("Image"))
    flavor = forms.ThemableChoiceField(
        label=_("Size"), help_text=_("One machine counts this much against "
                                     "a student's grant."))
    user_data = forms.CharField(
        label=_("User data (cloud-init)"), required=False,
        widget=forms.Textarea(attrs={'rows': 4}),
        help_text=_("Run when a machine first boots, e.g. #cloud-config "
                    "with packages to install."))

    def __init__(self, request, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        try:
            self.fields['image'].choices = _image_choices(
                request, self.initial['class_id'])
            self.fields['flavor'].choices = [
                (ident, _("%(name)s: %(vcpus)d vCPU, %(ram)d MB RAM, "
                          "%(disk)d GB disk")
                 % {'name': name, 'vcpus': vcpus, 'ram': ram, 'disk': disk})
                for ident, name, vcpus, ram, disk in api.compute.flavors(
                    request)]
        except Exception:
            exceptions.handle(request,
                              _("Unable to retrieve images and flavors."))

    def refused_at(self):
        return reverse(common.LAB, args=[self.initial['class_id']])

    def call(self, request, data):
        template = api.edu.template_create(
            request, self.initial['class_id'], data['name'], data['image'],
            data['flavor'], user_data=data['user_data'] or None)
        messages.success(request, _("Template %s was created.")
                         % template['name'])
        return template


class TemplateCreateView(class_views._ClassModal):
    form_class = TemplateForm
    description = _("A template is an image and a size. Students launch a "
                    "machine from it in one click, or you launch one for "
                    "every student at once. One machine must fit in the "
                    "class's grant per student.")
    modal_id = 'create_template_modal'
    page_title = _("Create Template")
    submit_label = _("Create Template")
    url_name = 'horizon:edu:classes:template_create'
    rule = 'edu:template:create'

    def get_success_url(self):
        return reverse(common.LAB, args=[self.kwargs['class_id']])

    def get_initial(self):
        return {'class_id': self.klass['id']}


class ImageRegisterView(class_views._ClassModal):
    form_class = lab_images.RegisterImageForm
    description = _("Register an image of your project and share it with "
                    "the class: every student's project may then use it, "
                    "and the class's templates may start from it.")
    modal_id = 'register_image_modal'
    page_title = _("Register Image")
    submit_label = _("Register and Share")
    url_name = 'horizon:edu:classes:image_register'
    rule = 'edu:image:create'

    def get_success_url(self):
        return reverse(common.LAB, args=[self.kwargs['class_id']])

    def get_initial(self):
        return {'class_id': self.klass['id'],
                'teacher_id': self.klass['teacher_id']}
