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
from edu_dashboard import policy
from edu_dashboard.tests import helpers

INDEX_URL = reverse('horizon:edu:schools:index')
CREATE_URL = reverse('horizon:edu:schools:create')
GRANT = {'vcpu': 64, 'ram_mb': 131072, 'disk_gb': 1000, 'instances': 40}


def school(ident, name, enabled=True):
    return {'id': ident, 'name': name, 'description': 'A school',
            'enabled': enabled, 'grant': dict(GRANT)}


class SchoolsTests(helpers.TestCase):

    def setUp(self):
        super().setUp()
        policy.enforcer.cache_clear()

    @test.create_mocks({api.edu: ('school_list',)})
    def test_the_platform_admin_lists_schools(self):
        self.mock_school_list.return_value = (
            [school('d1', 'riverside'), school('d2', '<b>hill</b>')], 'd2')
        self.login_platform_admin()

        res = self.client.get(INDEX_URL)

        self.assertEqual(200, res.status_code)
        self.assertContains(res, 'riverside')
        self.assertContains(res, '131,072')
        self.assertContains(res, '&lt;b&gt;hill&lt;/b&gt;')
        self.assertContains(res, CREATE_URL)
        self.assertContains(res, reverse('horizon:edu:schools:grant',
                                         args=['d1']))
        self.assertTrue(res.context['table'].has_more_data())

    def test_school_admins_teachers_and_students_are_refused(self):
        for login in (self.login_school_admin, self.login_teacher,
                      self.login_student):
            login()
            self.assertEqual(403, self.client.get(INDEX_URL).status_code)
            self.assertEqual(403, self.client.get(CREATE_URL).status_code)

    @test.create_mocks({api.edu: ('school_create',)})
    def test_onboard_a_school_with_its_admin_and_grant(self):
        self.mock_school_create.return_value = {
            'school': school('d3', 'lakeside'),
            'admin': {'id': 'u1', 'name': 'lakeside-admin'}}
        self.login_platform_admin()

        res = self.client.post(CREATE_URL, dict(
            GRANT, name='lakeside', description='',
            admin_name='lakeside-admin', admin_email='sec@lakeside.example',
            admin_password='s3cret pw'),
            follow=True)

        self.assertNoFormErrors(res)
        self.assertContains(res, 'lakeside-admin can log in now')
        self.mock_school_create.assert_called_once_with(
            test.IsHttpRequest(), 'lakeside',
            {'name': 'lakeside-admin', 'password': 's3cret pw',
             'email': 'sec@lakeside.example'},
            description=None, grant=GRANT)

    @test.create_mocks({api.edu: ('school_create',)})
    def test_a_taken_name_is_refused_in_the_apis_words(self):
        self.mock_school_create.side_effect = edu_exceptions.Conflict(
            'A domain named lakeside already exists.', 409)
        self.login_platform_admin()

        res = self.client.post(CREATE_URL, dict(
            GRANT, name='lakeside', admin_name='a', admin_password='pw pw'),
            follow=True)

        self.assertContains(res, 'already exists')

    def test_bad_input_never_reaches_the_api(self):
        self.login_platform_admin()
        res = self.client.post(CREATE_URL, dict(
            GRANT, vcpu=-3, name='', admin_name='a', admin_email='nope',
            admin_password=' leading space'))
        self.assertFormErrors(res, 4)

    @test.create_mocks({api.edu: ('school_get', 'grant_set')})
    def test_change_a_schools_grant(self):
        self.mock_school_get.return_value = school('d1', 'riverside')
        self.login_platform_admin()
        url = reverse('horizon:edu:schools:grant', args=['d1'])

        form = self.client.get(url)
        self.assertContains(form, 'value="131072"')
        res = self.client.post(url, dict(GRANT, vcpu=80, reason='term 2'))

        self.assertNoFormErrors(res)
        self.assertRedirectsNoFollow(res, INDEX_URL)
        self.mock_grant_set.assert_called_once_with(
            test.IsHttpRequest(), 'school', 'd1', dict(GRANT, vcpu=80),
            reason='term 2')

    @test.create_mocks({api.edu: ('school_get', 'grant_set')})
    def test_a_grant_below_what_is_delegated(self):
        self.mock_school_get.return_value = school('d1', 'riverside')
        self.mock_grant_set.side_effect = edu_exceptions.Conflict(
            'School riverside has delegated 60 vCPU to its teachers.', 409)
        self.login_platform_admin()
        url = reverse('horizon:edu:schools:grant', args=['d1'])

        res = self.client.post(url, dict(GRANT, vcpu=8), follow=True)

        self.assertContains(res, 'delegated 60 vCPU')

    @test.create_mocks({api.edu: ('school_list', 'school_update')})
    def test_disable_a_school(self):
        self.mock_school_list.return_value = ([school('d1', 'r')], None)
        self.login_platform_admin()

        res = self.client.post(INDEX_URL, {'action': 'schools__disable__d1'})

        self.assertRedirectsNoFollow(res, INDEX_URL)
        self.mock_school_update.assert_called_once_with(
            test.IsHttpRequest(), 'd1', enabled=False)

    @test.create_mocks({api.edu: ('school_list',)})
    def test_manage_a_school_sets_horizons_domain_context(self):
        self.mock_school_list.return_value = ([school('d1', 'riverside')],
                                              None)
        self.login_platform_admin()

        res = self.client.post(INDEX_URL, {'action': 'schools__manage__d1'})

        self.assertRedirectsNoFollow(res,
                                     reverse('horizon:edu:teachers:index'))
        self.assertEqual('d1', self.client.session['domain_context'])
        self.assertEqual('riverside',
                         self.client.session['domain_context_name'])
