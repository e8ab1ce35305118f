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

from django.utils import translation
from openstack_dashboard.api import keystone as horizon_keystone
from openstack_dashboard.test import helpers as test

from edu_dashboard.api import edu
from edu_dashboard.api import keystone
from edu_dashboard.tests import helpers


class SchoolAdminListTests(helpers.TestCase):

    @test.create_mocks({horizon_keystone: ('role_assignments_list',),
                        keystone.auth_utils: ('get_keystone_client',)})
    def test_school_admin_uses_the_domain_token(self):
        self.login_school_admin(also_teacher=True)
        client = self.mock_get_keystone_client.return_value.Client
        client.return_value.role_assignments.list.return_value = ['a1']

        found = keystone.school_admin_list(self.request, self.domain.id)

        self.assertEqual(['a1'], found)
        auth = client.call_args.kwargs['auth']
        self.assertEqual('domain-token-id', auth.get_token(mock.Mock()))
        client.return_value.role_assignments.list.assert_called_once_with(
            domain=self.domain.id, include_names=True)
        self.mock_role_assignments_list.assert_not_called()

    @test.create_mocks({horizon_keystone: ('role_assignments_list',),
                        keystone.auth_utils: ('get_keystone_client',)})
    def test_other_domains_go_through_horizon(self):
        self.login_platform_admin()
        self.mock_role_assignments_list.return_value = ['a2']

        found = keystone.school_admin_list(self.request, 'school-2')

        self.assertEqual(['a2'], found)
        # Not Horizon's default subtree listing, which drops the domain.
        self.mock_role_assignments_list.assert_called_once_with(
            self.request, domain='school-2', include_subtree=False,
            include_names=True)
        self.mock_get_keystone_client.assert_not_called()


class EducationClientTests(helpers.TestCase):

    @test.create_mocks({edu.base: ('url_for',)})
    def test_the_api_answers_in_the_users_language(self):
        self.login_school_admin()
        self.mock_url_for.return_value = 'http://rating.example/'
        with translation.override('zh-hans'):
            client = edu.client(self.request)

        self.assertEqual({'Accept-Language': 'zh-hans'},
                         client.adapter.additional_headers)
        self.mock_url_for.assert_called_once_with(self.request, 'rating')
