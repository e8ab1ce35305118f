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
from unittest import mock

from django.urls import reverse

from openstack_dashboard.test import helpers as test

from edu_dashboard import api
from edu_dashboard.tests import helpers

INDEX_URL = reverse('horizon:edu:school:index')
STUDENTS_URL = INDEX_URL + '?tab=members__students'
TEMPLATE = 'edu/school/index.html'
GRANT = {'vcpu': 1, 'ram_mb': 512, 'disk_gb': 5, 'instances': 1}
MOCKS = {api.keystone: ('school_admin_list',),
         api.edu: ('teacher_list', 'student_list')}


def assignment(user_id, name):
    return mock.Mock(user={'id': user_id, 'name': name},
                     role={'id': 'r', 'name': 'manager'})


def teacher(ident, name):
    return {'id': ident, 'name': name, 'project_name': name + '-lab',
            'enabled': True, 'grant': dict(GRANT)}


def student(ident, name):
    return {'id': ident, 'name': name, 'class_name': 'Networks 101',
            'teacher_name': 'ms-wang', 'grant': dict(GRANT),
            'in_use': dict(GRANT, vcpu=0)}


class SchoolMembersTests(helpers.TestCase):

    @test.create_mocks(MOCKS)
    def test_the_staff_first_then_the_students_when_opened(self):
        self.mock_school_admin_list.return_value = [
            assignment('u1', 'riverside-admin')]
        self.mock_teacher_list.return_value = (
            [teacher('p1', 'ms-wang')], 'p1')
        self.mock_student_list.return_value = (
            [student('s1', 'alice')], None)
        self.login_school_admin()

        res = self.client.get(INDEX_URL)

        self.assertEqual(200, res.status_code)
        self.assertTemplateUsed(res, TEMPLATE)
        self.assertContains(res, 'riverside-admin')
        self.assertContains(res, 'School administrator')
        self.assertContains(res, 'ms-wang-lab')
        self.assertContains(res, self.domain.name)
        # Teachers a page at a time, with their own marker.
        self.assertContains(res, 'staff_marker=p1')
        self.mock_school_admin_list.assert_called_once_with(
            test.IsHttpRequest(), self.domain.id)
        self.mock_teacher_list.assert_called_once_with(
            test.IsHttpRequest(), self.domain.id, limit=20, marker=None)
        self.mock_student_list.assert_not_called()

        res = self.client.get(STUDENTS_URL)
        self.assertContains(res, 'alice')
        self.assertContains(res, 'Networks 101')
        self.mock_student_list.assert_called_once_with(
            test.IsHttpRequest(), school_id=self.domain.id, limit=20,
            marker=None)

    @test.create_mocks(MOCKS)
    def test_the_next_pages_come_from_the_api(self):
        self.mock_teacher_list.return_value = ([teacher('p9', 'mr-li')],
                                               None)
        self.mock_student_list.return_value = ([student('s9', 'zoe')], None)
        self.login_school_admin()

        res = self.client.get(INDEX_URL + '?staff_marker=p1')
        self.assertContains(res, 'mr-li')
        # The administrators head the first page only.
        self.mock_school_admin_list.assert_not_called()
        self.mock_teacher_list.assert_called_once_with(
            test.IsHttpRequest(), self.domain.id, limit=20, marker='p1')

        self.client.get(STUDENTS_URL + '&student_marker=s1')
        self.mock_student_list.assert_called_once_with(
            test.IsHttpRequest(), school_id=self.domain.id, limit=20,
            marker='s1')

    @test.create_mocks(MOCKS)
    def test_platform_admin_lists_the_domain_context(self):
        self.mock_school_admin_list.return_value = []
        self.mock_teacher_list.return_value = ([], None)
        self.set_session(domain_context='school-2',
                         domain_context_name='Second School')
        self.login_platform_admin()

        res = self.client.get(INDEX_URL)

        self.assertEqual(200, res.status_code)
        self.assertContains(res, 'Second School')
        self.mock_school_admin_list.assert_called_once_with(
            test.IsHttpRequest(), 'school-2')

    @test.create_mocks(MOCKS)
    def test_a_platform_admin_is_asked_to_pick_a_school_first(self):
        self.login_platform_admin()

        res = self.client.get(INDEX_URL)

        self.assertEqual(200, res.status_code)
        self.assertContains(res, 'edu-pick-school')
        self.mock_school_admin_list.assert_not_called()
        self.mock_teacher_list.assert_not_called()

    @test.create_mocks(MOCKS)
    def test_only_users_with_the_school_admin_role_are_administrators(self):
        group = mock.Mock(spec=['group', 'role'], group={'id': 'g1'},
                          role={'name': 'manager'})
        reader = mock.Mock(user={'id': 'u2', 'name': 'auditor'},
                           role={'id': 'r2', 'name': 'reader'})
        self.mock_school_admin_list.return_value = [
            assignment('u1', 'riverside-admin'), group, reader]
        self.mock_teacher_list.return_value = ([], None)
        self.login_school_admin()

        res = self.client.get(INDEX_URL)

        self.assertEqual(['riverside-admin'], [
            row['name'] for row in
            res.context['tab_group'].get_tab('staff')._tables['staff'].data])

    @test.create_mocks(MOCKS)
    def test_failure_is_reported_not_raised(self):
        self.mock_school_admin_list.side_effect = self.exceptions.keystone
        self.login_school_admin()

        res = self.client.get(INDEX_URL)

        self.assertEqual(200, res.status_code)
        self.assertMessageCount(res, error=1)

    def _assert_refused(self):
        res = self.client.get(INDEX_URL)
        # Panel.allowed() fails, Horizon raises NotAuthorized and its
        # middleware answers a logged-in user with its 403 page.
        self.assertEqual(403, res.status_code)
        self.assertTemplateUsed(res, 'not_authorized.html')
        self.assertTemplateNotUsed(res, TEMPLATE)
        self.mock_school_admin_list.assert_not_called()
        self.mock_teacher_list.assert_not_called()

    @test.create_mocks(MOCKS)
    def test_student_is_refused(self):
        self.login_student()
        self._assert_refused()

    @test.create_mocks(MOCKS)
    def test_teacher_is_refused(self):
        # "manager" on a project is not "manager" on the school's domain.
        self.login_teacher()
        self._assert_refused()
