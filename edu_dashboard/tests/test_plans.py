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

INDEX_URL = reverse('horizon:edu:plans:index')
CREATE_URL = reverse('horizon:edu:plans:create')
RATES = {'vcpu': '0.02', 'ram_mb': '0.005', 'disk_gb': '0.0001',
         'instances': '0'}


def plan(ident, name, versions):
    return {'id': ident, 'name': name, 'currency': 'EUR',
            'versions': [{'id': n, 'effective_from': start,
                          'rates': dict(RATES, vcpu=price)}
                         for n, (start, price) in enumerate(versions)]}


def default(plan_id, effective_from='2026-01-01T00:00:00+00:00'):
    return [{'issuer': 'x', 'payer_id': None, 'assignments': [
        {'plan_id': plan_id, 'effective_from': effective_from}]}]


class PlansTests(helpers.TestCase):

    def setUp(self):
        super().setUp()
        policy.enforcer.cache_clear()

    @test.create_mocks({api.edu: ('plan_list', 'plan_default_get')})
    def test_a_school_admin_sees_the_prices_in_force_and_the_default(self):
        self.mock_plan_list.return_value = [
            plan(1, 'Standard', [('2026-01-01T00:00:00+00:00', '0.02'),
                                 ('2099-01-01T00:00:00+00:00', '9')]),
            plan(2, 'Lab', [('2026-06-01T00:00:00+00:00', '0.05')])]
        self.mock_plan_default_get.return_value = default(1)
        self.login_school_admin()

        res = self.client.get(INDEX_URL)

        self.assertEqual(200, res.status_code)
        rows = {r['name']: r for r in res.context['table'].data}
        # A future version is not in force yet.
        self.assertEqual('0.02', rows['Standard']['current']['vcpu'])
        self.assertTrue(rows['Standard']['default'])
        self.assertFalse(rows['Lab']['default'])
        self.assertContains(res, 'plans__row_2__action_default')
        self.assertNotContains(res, 'plans__row_1__action_default')
        self.mock_plan_list.assert_called_once_with(test.IsHttpRequest(),
                                                    self.domain.id)

    @test.create_mocks({api.edu: ('plan_list', 'plan_default_get')})
    def test_the_platform_admin_sees_the_platforms_plans(self):
        self.mock_plan_list.return_value = []
        self.mock_plan_default_get.return_value = []
        self.login_platform_admin()

        res = self.client.get(INDEX_URL)

        self.assertContains(res, 'What schools pay the platform')
        self.assertContains(res, 'No plan is the default: a school without '
                                 'a plan of its own is not charged.')
        self.mock_plan_list.assert_called_once_with(test.IsHttpRequest(),
                                                    'platform')

    @test.create_mocks({api.edu: ('plan_list', 'plan_default_get')})
    def test_a_school_is_told_when_no_plan_charges_its_teachers(self):
        self.login_school_admin()
        for plans, defaults, told, advice in (
                ([], [], True, 'Create a plan, then make it the default.'),
                ([plan(2, 'Lab', [('2026-06-01T00:00:00+00:00', '0.05')])],
                 [], True, 'Make one of the plans below the default.'),
                # A default from a date still to come charges nobody yet.
                ([plan(2, 'Lab', [('2026-06-01T00:00:00+00:00', '0.05')])],
                 default(2, '2099-01-01T00:00:00+00:00'),
                 True, 'Make one of the plans below the default.'),
                ([plan(1, 'Standard', [('2026-01-01T00:00:00+00:00',
                                        '0.02')])], default(1), False,
                 None)):
            self.mock_plan_list.return_value = plans
            self.mock_plan_default_get.return_value = defaults

            res = self.client.get(INDEX_URL)

            warning = ('No plan is the default: a teacher without a plan '
                       'of their own is not charged.')
            if told:
                self.assertContains(res, warning)
                self.assertContains(res, advice)
            else:
                self.assertNotContains(res, warning)
                self.assertNotContains(res, 'edu-no-default')

    @test.create_mocks({api.edu: ('plan_list', 'plan_default_get')})
    def test_nothing_is_said_when_the_plans_cannot_be_read(self):
        self.mock_plan_list.side_effect = edu_exceptions.EduClientError(
            'The database is busy.', status_code=503)
        self.login_school_admin()

        res = self.client.get(INDEX_URL)

        self.assertNotContains(res, 'edu-no-default')

    def test_teachers_and_students_are_refused(self):
        for login in (self.login_teacher, self.login_student):
            login()
            self.assertEqual(403, self.client.get(INDEX_URL).status_code)

    @test.create_mocks({api.edu: ('plan_create',)})
    def test_create_a_plan(self):
        self.mock_plan_create.return_value = plan(3, 'Exam week', [])
        self.login_school_admin()

        res = self.client.post(CREATE_URL, dict(
            RATES, name='Exam week', currency='EUR', description=''))

        self.assertNoFormErrors(res)
        self.mock_plan_create.assert_called_once_with(
            test.IsHttpRequest(), self.domain.id, 'Exam week', 'EUR',
            {'vcpu': '0.02', 'ram_mb': '0.005', 'disk_gb': '0.0001',
             'instances': '0'}, description=None)

    def test_bad_prices_never_reach_the_api(self):
        self.login_school_admin()
        res = self.client.post(CREATE_URL, dict(
            RATES, vcpu='-1', ram_mb='abc', name='x', currency='euro'))
        self.assertFormErrors(res, 3)

    @test.create_mocks({api.edu: ('plan_get', 'plan_version_add')})
    def test_new_prices_from_a_date(self):
        self.mock_plan_get.return_value = plan(
            1, 'Standard', [('2026-01-01T00:00:00+00:00', '0.02')])
        self.mock_plan_version_add.return_value = plan(1, 'Standard', [])
        self.login_school_admin()
        url = reverse('horizon:edu:plans:prices', args=[1])

        self.assertContains(self.client.get(url), 'value="0.02"')
        res = self.client.post(url, dict(RATES, vcpu='0.03',
                                         effective_from='2027-01-01'))

        self.assertNoFormErrors(res)
        self.mock_plan_version_add.assert_called_once_with(
            test.IsHttpRequest(), 1, dict(RATES, vcpu='0.03'),
            effective_from='2027-01-01T00:00:00Z')

    @test.create_mocks({api.edu: ('plan_get', 'plan_version_add')})
    def test_a_refused_version_says_why(self):
        self.mock_plan_get.return_value = plan(1, 'Standard', [])
        self.mock_plan_version_add.side_effect = edu_exceptions.Conflict(
            'A version cannot start before the current billing month.', 409)
        self.login_school_admin()
        url = reverse('horizon:edu:plans:prices', args=[1])

        res = self.client.post(url, dict(RATES, effective_from='2020-01-01'),
                               follow=True)

        self.assertContains(res, 'current billing month')

    @test.create_mocks({api.edu: ('plan_list', 'plan_default_get',
                                  'plan_default_set')})
    def test_make_a_plan_the_default(self):
        self.mock_plan_list.return_value = [
            plan(2, 'Lab', [('2026-06-01T00:00:00+00:00', '0.05')])]
        self.mock_plan_default_get.return_value = []
        self.login_school_admin()

        self.client.post(INDEX_URL, {'action': 'plans__default__2'})

        self.mock_plan_default_set.assert_called_once_with(
            test.IsHttpRequest(), self.domain.id, 2)
