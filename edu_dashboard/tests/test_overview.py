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

from openstack_dashboard.test import helpers as test

from edu_rating.client import exceptions as edu_exceptions

from edu_dashboard import api
from edu_dashboard import personas
from edu_dashboard.tests import helpers

INDEX_URL = reverse('horizon:edu:overview:index')
SCHOOL_URL = reverse('horizon:edu:school:index')
TEMPLATE = 'edu/overview/index.html'
# What a browser (and the functional tests) see in Horizon's side bar.
EDU_NAV = 'id="sidebar-accordion-edu"'
ZERO = {'vcpu': 0, 'ram_mb': 0, 'disk_gb': 0, 'instances': 0}


def allocation(grant, delegated=None, in_use=None, measured_at=None):
    delegated = dict(ZERO, **(delegated or {}))
    return {'grant': dict(ZERO, **grant), 'delegated': delegated,
            'in_use': dict(ZERO, **(in_use or {})),
            'free': {k: grant.get(k, 0) - delegated[k] for k in ZERO},
            'usage_measured_at': measured_at}


MOCKS = {api.edu: ('allocation_get', 'student_get', 'template_list')}
PLATFORM = {
    'capacity': dict(ZERO, vcpu=256, ram_mb=524288, disk_gb=10000,
                     instances=None),
    'granted_to_schools': dict(ZERO, vcpu=16, instances=4),
    'granted_to_teachers': dict(ZERO, vcpu=4),
    'granted_to_students': dict(ZERO, vcpu=1),
    'in_use': dict(ZERO, vcpu=1, instances=1),
    'usage_measured_at': '2027-03-10T12:00:00+00:00',
    'schools': 2, 'schools_enabled': 1,
    'revenue': [{'currency': 'EUR', 'accrued': '16.00',
                 'forecast': '4176.00'}]}


def panel_link(url):
    return 'href="%s"' % url


class OverviewTests(helpers.TestCase):

    def setUp(self):
        super().setUp()
        self.student = {'id': self.tenant.id, 'class_name': 'Networks 101',
                        'teacher_name': 'ms-wang',
                        'class_term': helpers.term()}

    @test.create_mocks(MOCKS)
    def test_student_sees_who_they_are(self):
        self.mock_student_get.return_value = self.student
        self.mock_template_list.return_value = ([], None)
        self.mock_allocation_get.return_value = allocation({'vcpu': 2})
        self.login_student()
        res = self.client.get(INDEX_URL)
        self.assertEqual(200, res.status_code)
        self.assertTemplateUsed(res, TEMPLATE)
        self.assertEqual(personas.STUDENT, res.context['persona'].kind)
        self.assertContains(res, 'data-persona="student"')
        self.assertContains(res, 'Student')
        self.assertContains(res, self.domain.name)
        self.assertContains(res, self.tenant.name)

    @test.create_mocks(MOCKS)
    def test_a_student_sees_their_grant_class_and_instances(self):
        self.mock_student_get.return_value = self.student
        self.mock_template_list.return_value = ([], None)
        self.mock_allocation_get.return_value = allocation(
            {'vcpu': 2, 'ram_mb': 2048}, in_use={'vcpu': 1})
        self.login_student()

        res = self.client.get(INDEX_URL)

        self.assertContains(res, 'Networks 101')
        self.assertContains(res, 'ms-wang')
        self.assertContains(res, 'href="%s"'
                            % reverse('horizon:project:instances:index'))
        self.assertContains(res, 'data-used="50"')
        self.assertContains(res, 'pie-chart-usage', count=4)
        # Horizon's other projects of the student's, to switch to.
        self.assertContains(res, reverse('switch_project_id', args=['2']))
        self.mock_allocation_get.assert_called_once_with(
            test.IsHttpRequest(), 'enrolment', self.tenant.id)

    @test.create_mocks(MOCKS)
    def test_a_teacher_sees_what_they_shared_out(self):
        self.mock_allocation_get.return_value = allocation(
            {'vcpu': 8}, delegated={'vcpu': 6})
        self.login_teacher()

        res = self.client.get(INDEX_URL)

        self.assertContains(res, 'data-used="75"')
        self.assertContains(res, 'shared out to your students')
        self.mock_allocation_get.assert_called_once_with(
            test.IsHttpRequest(), 'teacher', self.tenant.id)

    @test.create_mocks(MOCKS)
    def test_the_school_allocation(self):
        self.mock_allocation_get.return_value = allocation(
            {'vcpu': 64}, delegated={'vcpu': 16})
        self.login_school_admin()

        res = self.client.get(INDEX_URL)

        self.assertContains(res, 'data-used="25"')
        # Delegated to teachers, and in use in the school's projects.
        self.assertContains(res, 'pie-chart-usage', count=8)
        self.assertContains(res, 'in use in the school')
        self.mock_allocation_get.assert_called_once_with(
            test.IsHttpRequest(), 'school', self.domain.id)

    @test.create_mocks(MOCKS)
    def test_the_school_sees_when_its_use_was_measured(self):
        # The school's use is the last sweep's: the page says when (UTC).
        self.mock_allocation_get.return_value = allocation(
            {'vcpu': 64}, in_use={'vcpu': 2},
            measured_at='2027-03-10T13:04:59+01:00')
        self.login_school_admin()

        res = self.client.get(INDEX_URL)

        self.assertContains(res, 'edu-measured', count=1)
        self.assertContains(res, '2027-03-10 12:04 UTC')

    @test.create_mocks(MOCKS)
    def test_a_school_not_measured_yet_says_so(self):
        self.mock_allocation_get.return_value = allocation({'vcpu': 64})
        self.login_school_admin()

        res = self.client.get(INDEX_URL)

        self.assertContains(res, 'Use has not been measured yet')

    @test.create_mocks(MOCKS)
    def test_a_student_sees_when_their_use_was_measured(self):
        self.mock_student_get.return_value = self.student
        self.mock_template_list.return_value = ([], None)
        self.mock_allocation_get.return_value = allocation(
            {'vcpu': 2}, in_use={'vcpu': 1},
            measured_at='2027-03-10T12:04:59+00:00')
        self.login_student()

        res = self.client.get(INDEX_URL)

        self.assertContains(res, 'data-used="50"')
        self.assertContains(res, 'edu-measured', count=1)
        self.assertContains(res, '2027-03-10 12:04 UTC')
        self.assertContains(res, 'when a machine starts or stops')

    @test.create_mocks(MOCKS)
    def test_an_api_failure_still_shows_the_page(self):
        self.mock_allocation_get.side_effect = (
            edu_exceptions.ServiceUnavailable('Keystone is down.', 503))
        self.login_school_admin()

        res = self.client.get(INDEX_URL)

        self.assertEqual(200, res.status_code)
        self.assertNotContains(res, 'pie-chart-usage')

    @test.create_mocks(MOCKS)
    def test_student_nav_has_overview_but_no_school_panel(self):
        self.mock_student_get.return_value = self.student
        self.mock_template_list.return_value = ([], None)
        self.mock_allocation_get.return_value = allocation({'vcpu': 2})
        self.login_student()
        res = self.client.get(INDEX_URL)
        self.assertContains(res, EDU_NAV)
        self.assertContains(res, panel_link(INDEX_URL))
        self.assertNotContains(res, panel_link(SCHOOL_URL))
        self.assertNotContains(res, 'sidebar-accordion-edu-school')

    @test.create_mocks(MOCKS)
    def test_school_admin_gets_both_panels(self):
        self.mock_allocation_get.return_value = allocation({'vcpu': 2})
        self.login_school_admin()
        res = self.client.get(INDEX_URL)
        self.assertEqual(200, res.status_code)
        self.assertContains(res, 'data-persona="school_admin"')
        self.assertContains(res, EDU_NAV)
        self.assertContains(res, panel_link(INDEX_URL))
        self.assertContains(res, panel_link(SCHOOL_URL))

    @test.create_mocks({api.edu: ('platform_get',)})
    def test_platform_admin_gets_the_school_panel(self):
        self.mock_platform_get.return_value = PLATFORM
        self.login_platform_admin()
        res = self.client.get(INDEX_URL)
        self.assertContains(res, 'data-persona="platform_admin"')
        self.assertContains(res, panel_link(SCHOOL_URL))

    @test.create_mocks({api.edu: ('platform_get',)})
    def test_platform_admin_sees_the_platforms_totals(self):
        self.mock_platform_get.return_value = PLATFORM
        self.login_platform_admin()

        res = self.client.get(INDEX_URL)

        self.mock_platform_get.assert_called_once_with(test.IsHttpRequest())
        # Capacity has no pie for instances (Placement does not count
        # them); the two other rows have one per resource.
        self.assertContains(res, 'pie-chart-usage', count=3 + 4 + 4)
        # 16 of 256 vCPU granted to schools; 4 of those 16 to teachers.
        self.assertContains(res, 'Granted: 16 of 256')
        self.assertContains(res, 'Granted: 4 of 16')
        self.assertContains(res, 'Used: 1 of 16')
        self.assertContains(res, '1 enabled of 2 schools')
        # Only the use row is a sweep's, and says when.
        self.assertContains(res, 'edu-measured', count=1)
        self.assertContains(res, '2027-03-10 12:00 UTC')
        self.assertContains(res, '€16.00')
        self.assertContains(res, '€4,176.00')

    @test.create_mocks({api.edu: ('platform_get',)})
    def test_a_platform_sold_beyond_its_capacity(self):
        self.mock_platform_get.return_value = dict(PLATFORM, capacity=dict(
            PLATFORM['capacity'], vcpu=8))
        self.login_platform_admin()

        res = self.client.get(INDEX_URL)

        # A full pie, and the numbers as they are, grouped.
        self.assertContains(res, 'data-used="100"')
        self.assertContains(res, 'Granted: 16 of 8')
        self.assertContains(res, 'Granted: 0 of 524,288')

    @test.create_mocks({api.edu: ('platform_get',)})
    def test_platform_totals_unavailable(self):
        self.mock_platform_get.side_effect = edu_exceptions.ServiceUnavailable(
            'Keystone or Nova could not read the cloud\'s capacity.', 503)
        self.login_platform_admin()

        res = self.client.get(INDEX_URL)

        self.assertEqual(200, res.status_code)
        self.mock_platform_get.assert_called_once_with(test.IsHttpRequest())
        self.assertNotContains(res, 'pie-chart-usage')
        self.assertNotContains(res, 'edu-platform-totals')
        self.assertContains(res, 'Unable to retrieve your grant.')
