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
TEMPLATE = 'edu/school/index.html'


class SchoolMembersTests(helpers.TestCase):

    @test.create_mocks({api.keystone: ('school_user_list',)})
    def test_school_admin_lists_the_school_users(self):
        users = self.users.list()
        self.mock_school_user_list.return_value = users
        self.login_school_admin()

        res = self.client.get(INDEX_URL)

        self.assertEqual(200, res.status_code)
        self.assertTemplateUsed(res, TEMPLATE)
        self.assertCountEqual(users, res.context['table'].data)
        for user in users:
            self.assertContains(res, user.name)
        self.assertContains(res, self.domain.name)
        self.mock_school_user_list.assert_called_once_with(
            test.IsHttpRequest(), self.domain.id)

    @test.create_mocks({api.keystone: ('school_user_list',)})
    def test_a_large_school_is_shown_a_page_at_a_time(self):
        users = [mock.Mock(id='u%03d' % i, email=None, enabled=True)
                 for i in range(45)]
        for i, user in enumerate(users):
            user.name = 'student-%03d' % (44 - i)
        self.mock_school_user_list.return_value = users
        self.login_school_admin()

        first = self.client.get(INDEX_URL)
        shown = [user.name for user in first.context['table'].data]
        self.assertEqual(['student-%03d' % i for i in range(20)], shown)
        self.assertTrue(first.context['table'].has_more_data())
        self.assertContains(first, '?marker=student-019')

        last = self.client.get(INDEX_URL + '?marker=student-039')
        self.assertEqual(['student-%03d' % i for i in range(40, 45)],
                         [user.name for user in last.context['table'].data])
        self.assertFalse(last.context['table'].has_more_data())

    @test.create_mocks({api.keystone: ('school_user_list',)})
    def test_platform_admin_lists_the_domain_context(self):
        self.mock_school_user_list.return_value = []
        self.set_session(domain_context='school-2',
                         domain_context_name='Second School')
        self.login_platform_admin()

        res = self.client.get(INDEX_URL)

        self.assertEqual(200, res.status_code)
        self.assertTemplateUsed(res, TEMPLATE)
        self.assertContains(res, 'Second School')
        self.mock_school_user_list.assert_called_once_with(
            test.IsHttpRequest(), 'school-2')

    @test.create_mocks({api.keystone: ('school_user_list',)})
    def test_failure_is_reported_not_raised(self):
        self.mock_school_user_list.side_effect = self.exceptions.keystone
        self.login_school_admin()

        res = self.client.get(INDEX_URL)

        self.assertEqual(200, res.status_code)
        self.assertEqual([], res.context['table'].data)
        self.assertMessageCount(res, error=1)
        self.mock_school_user_list.assert_called_once_with(
            test.IsHttpRequest(), self.domain.id)

    def _assert_refused(self):
        res = self.client.get(INDEX_URL)
        # Panel.allowed() fails, Horizon raises NotAuthorized and its
        # middleware answers a logged-in user with its 403 page.
        self.assertEqual(403, res.status_code)
        self.assertTemplateUsed(res, 'not_authorized.html')
        self.assertTemplateNotUsed(res, TEMPLATE)
        self.mock_school_user_list.assert_not_called()

    @test.create_mocks({api.keystone: ('school_user_list',)})
    def test_student_is_refused(self):
        self.login_student()
        self._assert_refused()

    @test.create_mocks({api.keystone: ('school_user_list',)})
    def test_teacher_is_refused(self):
        # "manager" on a project is not "manager" on the school's domain.
        self.login_teacher()
        self._assert_refused()
