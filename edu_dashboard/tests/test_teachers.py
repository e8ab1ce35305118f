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
from django.test.utils import override_settings
from django.urls import reverse

from openstack_dashboard.test import helpers as test

from edu_rating.client import exceptions as edu_exceptions

from edu_dashboard import api
from edu_dashboard import policy
from edu_dashboard.tests import helpers

INDEX_URL = reverse('horizon:edu:teachers:index')
CREATE_URL = reverse('horizon:edu:teachers:create')
GRANT = {'vcpu': 4, 'ram_mb': 8192, 'disk_gb': 80, 'instances': 2}


def teacher(ident, name):
    return {'id': ident, 'name': name, 'project_name': name + '-lab',
            'enabled': True, 'grant': dict(GRANT)}


class TeachersTests(helpers.TestCase):

    def setUp(self):
        super().setUp()
        policy.enforcer.cache_clear()

    @test.create_mocks({api.edu: ('teacher_list',)})
    def test_a_school_admin_lists_teachers_and_their_grants(self):
        self.mock_teacher_list.return_value = (
            [teacher('p1', 'ms-wang'), teacher('p2', 'mr-li')], 'p2')
        self.login_school_admin()

        res = self.client.get(INDEX_URL)

        self.assertEqual(200, res.status_code)
        self.assertTemplateUsed(res, 'edu/teachers/index.html')
        self.assertContains(res, 'ms-wang')
        self.assertContains(res, '8,192')
        self.assertContains(res, CREATE_URL)
        self.assertContains(res, reverse('horizon:edu:teachers:grant',
                                         args=['p1']))
        self.assertContains(res, reverse('horizon:edu:teachers:password',
                                         args=['p1']))
        self.assertTrue(res.context['table'].has_more_data())
        self.mock_teacher_list.assert_called_once_with(
            test.IsHttpRequest(), self.domain.id, marker=None, limit=20)

    @test.create_mocks({api.edu: ('teacher_list', 'teacher_update')})
    def test_disable_a_teacher(self):
        self.mock_teacher_list.return_value = ([teacher('p1', 'w')], None)
        self.mock_teacher_update.return_value = dict(teacher('p1', 'w'),
                                                     enabled=False)
        self.login_school_admin()

        res = self.client.post(INDEX_URL, {'action': 'teachers__disable__p1'})

        self.assertRedirectsNoFollow(res, INDEX_URL)
        self.mock_teacher_update.assert_called_once_with(
            test.IsHttpRequest(), 'p1', enabled=False)

    @test.create_mocks({api.edu: ('teacher_list',)})
    def test_a_platform_admin_is_asked_to_pick_a_school_first(self):
        self.login_platform_admin()

        res = self.client.get(INDEX_URL)

        self.assertContains(res, 'Choose the school to work on first')
        self.assertNotContains(res, CREATE_URL)
        self.mock_teacher_list.assert_not_called()

    @test.create_mocks({api.edu: ('teacher_list',)})
    def test_a_platform_admin_works_on_the_school_picked(self):
        self.mock_teacher_list.return_value = ([teacher('p1', 'w')], None)
        self.login_platform_admin()
        self.set_session(domain_context='school-2',
                         domain_context_name='Second School')

        res = self.client.get(INDEX_URL)

        self.assertContains(res, CREATE_URL)
        self.mock_teacher_list.assert_called_once_with(
            test.IsHttpRequest(), 'school-2', marker=None, limit=20)

    def test_a_teacher_is_refused(self):
        self.login_teacher()
        self.assertEqual(403, self.client.get(INDEX_URL).status_code)

    @test.create_mocks({api.edu: ('teacher_create',)})
    def test_add_a_teacher_with_a_grant(self):
        self.mock_teacher_create.return_value = teacher('p3', 'ms-zhao')
        self.login_school_admin()

        res = self.client.post(CREATE_URL, dict(
            GRANT, name='ms-zhao', password='s3cret pass', email='',
            project_name=''))

        self.assertNoFormErrors(res)
        self.assertRedirectsNoFollow(res, INDEX_URL)
        self.mock_teacher_create.assert_called_once_with(
            test.IsHttpRequest(), self.domain.id, 'ms-zhao', 's3cret pass',
            email=None, project_name=None, grant=GRANT)

    @test.create_mocks({api.edu: ('teacher_create',)})
    def test_the_apis_refusal_is_shown_in_its_words(self):
        self.mock_teacher_create.side_effect = edu_exceptions.Conflict(
            'School riverside has 64 vCPU; its teachers already hold 60; '
            '8 more for ms-zhao would need 68.', 409)
        self.login_school_admin()

        res = self.client.post(CREATE_URL, dict(
            GRANT, vcpu=8, name='ms-zhao', password='s3cret pass'),
            follow=True)

        self.assertContains(res, 'would need 68')

    def test_negative_and_huge_amounts_never_reach_the_api(self):
        self.login_school_admin()
        for vcpu in (-1, 10 ** 10):
            res = self.client.post(CREATE_URL, dict(
                GRANT, vcpu=vcpu, name='x', password='s3cret pass'))
            self.assertFormErrors(res, 1)

    @test.create_mocks({api.edu: ('teacher_get', 'grant_set')})
    def test_change_a_grant(self):
        self.mock_teacher_get.return_value = teacher('p1', 'ms-wang')
        self.login_school_admin()
        url = reverse('horizon:edu:teachers:grant', args=['p1'])

        form = self.client.get(url)
        self.assertContains(form, 'value="8192"')
        self.assertContains(form, 'billed at the old grant')
        res = self.client.post(url, dict(GRANT, vcpu=6, reason='lab 3'))

        self.assertNoFormErrors(res)
        self.assertRedirectsNoFollow(res, INDEX_URL)
        self.mock_grant_set.assert_called_once_with(
            test.IsHttpRequest(), 'teacher', 'p1', dict(GRANT, vcpu=6),
            reason='lab 3')

    @test.create_mocks({api.edu: ('teacher_get', 'teacher_update')})
    def test_reset_a_password(self):
        self.mock_teacher_get.return_value = teacher('p1', 'ms-wang')
        self.login_school_admin()
        url = reverse('horizon:edu:teachers:password', args=['p1'])

        form = self.client.get(url)
        self.assertContains(form, 'tell its owner yourself')
        differ = self.client.post(url, {'password': 'n3w secret',
                                        'confirm_password': 'n3w secre'})
        self.assertContains(differ, 'The two passwords differ.')
        self.mock_teacher_update.assert_not_called()
        res = self.client.post(url, {'password': 'n3w secret',
                                     'confirm_password': 'n3w secret'})

        self.assertNoFormErrors(res)
        self.assertRedirectsNoFollow(res, INDEX_URL)
        self.mock_teacher_update.assert_called_once_with(
            test.IsHttpRequest(), 'p1', password='n3w secret')

    @test.create_mocks({api.edu: ('teacher_get', 'teacher_update')})
    def test_a_refused_reset_is_shown_in_the_apis_words(self):
        self.mock_teacher_get.return_value = teacher('p1', 'ms-wang')
        self.mock_teacher_update.side_effect = edu_exceptions.BadRequest(
            'password is longer than 255 characters.', 400)
        self.login_school_admin()
        url = reverse('horizon:edu:teachers:password', args=['p1'])

        res = self.client.post(url, {'password': 'x' * 300,
                                     'confirm_password': 'x' * 300},
                               follow=True)

        self.assertContains(res, 'longer than 255 characters')

    @override_settings(LANGUAGE_CODE='zh-hans')
    @test.create_mocks({api.edu: ('teacher_list',)})
    def test_in_chinese(self):
        self.mock_teacher_list.return_value = ([teacher('p1', 'w')], None)
        self.login_school_admin()
        res = self.client.get(INDEX_URL)
        for words in ('教师', '添加教师', '更改分配', '内存（MB）'):
            self.assertContains(res, words)
