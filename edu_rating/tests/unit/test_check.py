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

from edu_rating.cmd import check
from edu_rating.management.services import invoices
from edu_rating.management.services import plans
from edu_rating.tests.unit.services import base
from edu_rating import utc

D = decimal.Decimal
UTC = datetime.timezone.utc
MARCH = datetime.datetime(2027, 3, 1, tzinfo=UTC)
APRIL = datetime.datetime(2027, 4, 1, tzinfo=UTC)


class Storage(object):
    """CloudKitty's v2 storage as the check reads it: a total per scope."""

    def __init__(self, rated):
        self.rated = rated

    def total(self, begin, end, filters):
        return {'results': [{'rate': self.rated.get(filters['project_id'],
                                                    0.0)}]}


class CheckTest(base.ServiceTestCase):

    def setUp(self):
        super().setUp()
        clock = self.useFixture(fixtures.MockPatchObject(
            utc, 'now', return_value=MARCH)).mock
        plan = plans.create(base.ADMIN, 'platform', 'P', 'EUR',
                            {'vcpu': '0.01'})
        plans.assign(base.ADMIN, 'platform', None, plan['id'])
        self.school = self.make_school(grant={'vcpu': 3})
        clock.return_value = APRIL
        # 3 vCPU x 744 hours x 0.01 = 22.32
        invoices.run_period_end(base.ADMIN)

    def test_agreement_to_the_cent(self):
        storage = Storage({self.school['id']: 22.320000000001})
        self.assertEqual([], check.differences(self.db, storage, MARCH,
                                               APRIL))

    def test_a_payer_that_differs_is_named(self):
        storage = Storage({self.school['id']: 22.31})
        (found,) = check.differences(self.db, storage, MARCH, APRIL)
        self.assertEqual(('school', self.school['id'], D('22.31'),
                          D('22.32')), found[:4])

    def test_a_month_in_the_billing_zone(self):
        self.assertEqual((MARCH, APRIL), check.month_bounds(
            '2027-03', datetime.timezone.utc))

    def test_one_school_only(self):
        other = self.make_school(name='hillview', grant={'vcpu': 1})
        # CloudKitty rated the other school; it was invoiced nothing.
        storage = Storage({self.school['id']: 22.32, other['id']: 5.0})
        self.assertEqual([], check.differences(self.db, storage, MARCH,
                                               APRIL, self.school['id']))
        (found,) = check.differences(self.db, storage, MARCH, APRIL)
        self.assertEqual(other['id'], found[1])

    def test_a_span_needs_both_ends_with_their_zone(self):
        self.assertEqual((MARCH, APRIL), check.span(
            '2027-03-01T00:00:00+00:00', '2027-04-01T02:00:00+02:00'))
        for begin, end in (('2027-03-01T00:00:00', '2027-04-01T00:00:00'),
                           ('2027-03-01T00:00:00+00:00', None)):
            self.assertRaises(SystemExit, check.span, begin, end)
