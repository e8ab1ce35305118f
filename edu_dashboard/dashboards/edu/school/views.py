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

from horizon import tabs

from edu_dashboard.dashboards.edu.school import tabs as school_tabs
from edu_dashboard import personas


class IndexView(tabs.TabbedTableView):
    tab_group_class = school_tabs.MemberTabs
    template_name = 'edu/school/index.html'
    page_title = _("School members")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context['pick_school'] = personas.must_pick_school(self.request)
        context['school'] = personas.school(self.request)
        return context
