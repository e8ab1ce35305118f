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
from django.utils.translation import gettext_lazy as _

from horizon import tables

from edu_dashboard import grants


class StaffTable(tables.DataTable):
    """The school's administrators (on its first page) and teachers."""

    name = tables.Column('name', verbose_name=_("User name"))
    role = tables.Column('role', verbose_name=_("Role"))
    project = tables.Column('project_name', verbose_name=_("Project"),
                            empty_value='-')
    enabled = tables.Column('enabled', verbose_name=_("Enabled"),
                            empty_value='-',
                            filters=(filters.yesno, filters.capfirst))

    def get_object_id(self, datum):
        return datum['id']

    class Meta(object):
        name = 'staff'
        verbose_name = _("Administrators and teachers")
        # Two paged tables on one page: each its own marker.
        pagination_param = 'staff_marker'


class StudentsTable(grants.table(used_key='in_use')):
    """Every student of the school, a page at a time."""

    name = tables.Column('name', verbose_name=_("User name"))
    klass = tables.Column('class_name', verbose_name=_("Class"))
    teacher = tables.Column('teacher_name', verbose_name=_("Teacher"))

    class Meta(object):
        name = 'students'
        verbose_name = _("Students")
        columns = ('name', 'klass', 'teacher') + grants.NAMES
        pagination_param = 'student_marker'
