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

import datetime
import decimal

import fixtures

from edu_rating import exceptions
from edu_rating.management.services import plans
from edu_rating.tests.unit.services import base
from edu_rating import utc

D = decimal.Decimal
NOW = datetime.datetime(2027, 3, 10, 12, tzinfo=datetime.timezone.utc)
RATES = {'vcpu': '0.02', 'ram_mb': '0.005', 'disk_gb': '0.0001',
         'instances': '0'}


def later(**kwargs):
    return (NOW + datetime.timedelta(**kwargs)).isoformat()


class PlansTest(base.ServiceTestCase):

    def setUp(self):
        super().setUp()
        self.clock = self.useFixture(fixtures.MockPatchObject(
            utc, 'now', return_value=NOW)).mock
        self.school = self.make_school()

    def platform_plan(self, name='Standard', rates=RATES, **kwargs):
        return plans.create(base.ADMIN, 'platform', name, 'EUR', rates,
                            **kwargs)

    def test_create_with_a_first_version_in_force_now(self):
        plan = self.platform_plan(description='<b>Schools</b> 学校')
        self.assertEqual(('platform', 'EUR', '<b>Schools</b> 学校'),
                         (plan['issuer'], plan['currency'],
                          plan['description']))
        (version,) = plan['versions']
        self.assertEqual(NOW, version['effective_from'])
        self.assertEqual('0.005', version['rates']['ram_mb'])

    def test_bad_rates_are_refused_with_a_message(self):
        for rates, words in (
                ({'vcpu': '-1'}, 'from 0 to'),
                ({'vcpu': 'cheap'}, 'must be a number'),
                ({'vcpu': '0.0000001'}, 'more than 6 decimals'),
                ({'vcpu': 'NaN'}, 'must be a number'),
                ({'vcpu': '1e12'}, 'from 0 to'),
                ({'gpu': '1'}, 'Unknown resource gpu'),
                ({}, 'must be an object of prices'),
                ({'vcpu': True}, 'must be a number')):
            error = self.assertRaises(exceptions.Invalid, self.platform_plan,
                                      rates=rates)
            self.assertIn(words, error.message, rates)
        self.assertEqual([], plans.list(base.ADMIN)[0])

    def test_unknown_currency(self):
        error = self.assertRaises(exceptions.Invalid, plans.create,
                                  base.ADMIN, 'platform', 'X', 'EUX', RATES)
        self.assertIn('ISO 4217', error.message)
        self.assertEqual('CNY', plans.create(base.ADMIN, 'platform', 'Y',
                                             'cny', RATES)['currency'])

    def test_names_are_unique_per_issuer(self):
        self.platform_plan()
        self.assertRaises(exceptions.Conflict, self.platform_plan)
        plans.create(base.ADMIN, self.school['id'], 'Standard', 'EUR', RATES)

    def test_a_version_in_force_is_never_edited(self):
        plan = self.platform_plan()
        error = self.assertRaises(
            exceptions.Conflict, plans.add_version, base.ADMIN, plan['id'],
            {'vcpu': '9'}, NOW.isoformat())
        self.assertIn('can no longer be changed', error.message)
        self.assertRaises(exceptions.Invalid, plans.add_version, base.ADMIN,
                          plan['id'], {'vcpu': '9'}, later(days=-1))

    def test_a_future_version_supersedes_and_can_be_replaced(self):
        plan = self.platform_plan()
        plans.add_version(base.ADMIN, plan['id'], {'vcpu': '0.03'},
                          later(days=21))
        plan = plans.add_version(base.ADMIN, plan['id'], {'vcpu': '0.04'},
                                 later(days=21))
        self.assertEqual([RATES['vcpu'], '0.04'],
                         [v['rates']['vcpu'] for v in plan['versions']])
        # Once in force, it stays.
        self.clock.return_value = NOW + datetime.timedelta(days=22)
        self.assertRaises(exceptions.Invalid, plans.add_version,
                          base.ADMIN, plan['id'], {'vcpu': '1'},
                          later(days=21))

    def test_the_default_applies_until_a_school_gets_its_own(self):
        standard = self.platform_plan()
        cheap = self.platform_plan('Cheap', {'vcpu': '0.01'})
        plans.assign(base.ADMIN, 'platform', None, standard['id'])
        price = plans.applicable(base.ADMIN, 'school', self.school['id'])
        self.assertEqual(standard['id'], price['plan']['id'])
        plans.assign(base.ADMIN, 'platform', self.school['id'], cheap['id'],
                     later(hours=1))
        self.clock.return_value = NOW + datetime.timedelta(hours=2)
        price = plans.applicable(base.ADMIN, 'school', self.school['id'])
        self.assertEqual(cheap['id'], price['plan']['id'])

    def test_a_teacher_pays_by_their_schools_plans(self):
        teacher = self.make_teacher(self.school)
        self.assertIsNone(plans.applicable(base.ADMIN, 'teacher',
                                           teacher['id'])['plan'])
        own = plans.create(base.ADMIN, self.school['id'], 'Teachers', 'EUR',
                           RATES)
        plans.assign(base.ADMIN, self.school['id'], None, own['id'])
        self.assertEqual(own['id'], plans.applicable(
            base.ADMIN, 'teacher', teacher['id'])['plan']['id'])

    def test_another_issuers_plan_or_payer_is_refused(self):
        other = self.make_school('hillview')
        theirs = plans.create(base.ADMIN, other['id'], 'Theirs', 'EUR',
                              RATES)
        self.assertRaises(exceptions.Invalid, plans.assign, base.ADMIN,
                          self.school['id'], None, theirs['id'])
        their_teacher = self.make_teacher(other, 'b-teacher')
        mine = plans.create(base.ADMIN, self.school['id'], 'Mine', 'EUR',
                            RATES)
        self.assertRaises(exceptions.NotFound, plans.assign, base.ADMIN,
                          self.school['id'], their_teacher['id'], mine['id'])

    def test_a_default_needs_a_plan(self):
        self.assertRaises(exceptions.Invalid, plans.assign, base.ADMIN,
                          'platform', None, None)
        self.assertRaises(exceptions.NotFound, plans.create, base.ADMIN,
                          'no-such-school', 'X', 'EUR', RATES)
