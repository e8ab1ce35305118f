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
from django.utils.translation import gettext_lazy as _

from horizon import exceptions
from horizon import tables
from horizon.utils import functions

from edu_dashboard import api
from edu_dashboard.dashboards.edu.school import tables as school_tables
from edu_dashboard import personas


class IndexView(tables.DataTableView):
    table_class = school_tables.MembersTable
    template_name = 'edu/school/index.html'
    page_title = _("School members")

    def has_more_data(self, table):
        return getattr(self, '_more', False)

    def get_data(self):
        school = personas.school(self.request)
        try:
            users = api.keystone.school_user_list(self.request, school.id)
        except Exception:
            exceptions.handle(self.request,
                              _("Unable to retrieve school members."))
            return []
        return self._page(users)

    def _page(self, users):
        """One Horizon page of the users, by name after the marker.

        Keystone lists users in one call without pages; the page shows
        a school of thousands twenty at a time.
        """
        users = sorted(users, key=lambda user: user.name)
        marker = self.request.GET.get(self.table_class._meta.pagination_param)
        if marker:
            users = [user for user in users if user.name > marker]
        size = functions.get_page_size(self.request)
        self._more = len(users) > size
        return users[:size]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context['school'] = personas.school(self.request)
        return context
