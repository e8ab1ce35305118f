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
from django.urls import reverse

from edu_dashboard import personas
from edu_dashboard.tests import helpers

INDEX_URL = reverse('horizon:edu:overview:index')
SCHOOL_URL = reverse('horizon:edu:school:index')
TEMPLATE = 'edu/overview/index.html'
# What a browser (and the functional tests) see in Horizon's side bar.
EDU_NAV = 'id="sidebar-accordion-edu"'


def panel_link(url):
    return 'href="%s"' % url


class OverviewTests(helpers.TestCase):

    def test_student_sees_who_they_are(self):
        self.login_student()
        res = self.client.get(INDEX_URL)
        self.assertEqual(200, res.status_code)
        self.assertTemplateUsed(res, TEMPLATE)
        self.assertEqual(personas.STUDENT, res.context['persona'].kind)
        self.assertContains(res, 'data-persona="student"')
        self.assertContains(res, 'Student')
        self.assertContains(res, self.domain.name)
        self.assertContains(res, self.tenant.name)

    def test_student_nav_has_overview_but_no_school_panel(self):
        self.login_student()
        res = self.client.get(INDEX_URL)
        self.assertContains(res, EDU_NAV)
        self.assertContains(res, panel_link(INDEX_URL))
        self.assertNotContains(res, panel_link(SCHOOL_URL))
        self.assertNotContains(res, 'sidebar-accordion-edu-school')

    def test_school_admin_gets_both_panels(self):
        self.login_school_admin()
        res = self.client.get(INDEX_URL)
        self.assertEqual(200, res.status_code)
        self.assertContains(res, 'data-persona="school_admin"')
        self.assertContains(res, EDU_NAV)
        self.assertContains(res, panel_link(INDEX_URL))
        self.assertContains(res, panel_link(SCHOOL_URL))

    def test_platform_admin_gets_the_school_panel(self):
        self.login_platform_admin()
        res = self.client.get(INDEX_URL)
        self.assertContains(res, 'data-persona="platform_admin"')
        self.assertContains(res, panel_link(SCHOOL_URL))
