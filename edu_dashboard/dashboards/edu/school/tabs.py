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
"""The school's members, from what knows them a page at a time.

Keystone lists a domain's users only all at once (5,000 students and
more); the school's administrators are the few role assignments on its
domain, and the Education API pages its teachers and students.
"""

from django.utils.translation import gettext_lazy as _
from horizon import exceptions
from horizon import tabs
from horizon.utils import functions

from edu_dashboard import api
from edu_dashboard.dashboards.edu.school import tables
from edu_dashboard import personas


class _PagedTab(tabs.TableTab):
    template_name = 'horizon/common/_detail_table.html'

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._more = False

    def has_more_data(self, table):
        return self._more

    def marker(self, table_name):
        param = self._tables[table_name]._meta.pagination_param
        return self.request.GET.get(param)

    def page(self, list_call, **filters):
        items, following = list_call(
            self.request, personas.school(self.request).id,
            limit=functions.get_page_size(self.request), **filters)
        self._more = following is not None
        return items


class StaffTab(_PagedTab):
    name = _("Administrators and teachers")
    slug = 'staff'
    table_classes = (tables.StaffTable,)

    def get_staff_data(self):
        marker = self.marker('staff')
        if personas.must_pick_school(self.request):
            return []
        try:
            # The administrators head the first page.
            staff = [] if marker else self._admins()
            staff += [dict(teacher, role=personas.LABELS[personas.TEACHER])
                      for teacher in self.page(api.edu.teacher_list,
                                               marker=marker)]
        except Exception:
            exceptions.handle(self.request,
                              _("Unable to retrieve the school's staff."))
            return []
        return staff

    def _admins(self):
        label = personas.LABELS[personas.SCHOOL_ADMIN]
        found = {}
        for assignment in api.keystone.school_admin_list(
                self.request, personas.school(self.request).id):
            # Users holding the school admin role (not groups, not other
            # roles on the domain).
            user = getattr(assignment, 'user', None)
            role = getattr(assignment, 'role', None) or {}
            if not user or (role.get('name') or '').lower() != (
                    personas.school_admin_role()):
                continue
            found[user['id']] = {'id': user['id'], 'name': user['name'],
                                 'role': label, 'project_name': None,
                                 'enabled': None}
        return sorted(found.values(), key=lambda admin: admin['name'])


class StudentsTab(_PagedTab):
    # Loaded when opened: the page's first view lists no student.
    preload = False
    name = _("Students")
    slug = 'students'
    table_classes = (tables.StudentsTable,)

    def get_students_data(self):
        if personas.must_pick_school(self.request):
            return []
        try:
            return self.page(_school_students, marker=self.marker('students'))
        except Exception:
            exceptions.handle(self.request,
                              _("Unable to retrieve the school's students."))
            return []


def _school_students(request, school_id, **kwargs):
    return api.edu.student_list(request, school_id=school_id, **kwargs)


class MemberTabs(tabs.TabGroup):
    slug = 'members'
    tabs = (StaffTab, StudentsTab)
    sticky = True
