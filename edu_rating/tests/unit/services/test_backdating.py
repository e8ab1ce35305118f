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
"""Back-dated corrections: a school that started on the 1st, onboarded later.
"""

import datetime
import decimal
from unittest import mock

import fixtures

from edu_rating import exceptions
from edu_rating.management.services import actor as actor_mod
from edu_rating.management.services import allocations
from edu_rating.management.services import invoices
from edu_rating.management.services import plans
from edu_rating.management.services import schools
from edu_rating.management.services import teachers
from edu_rating.rating import state as rating_state
from edu_rating.tests.unit.services import base
from edu_rating import utc

D = decimal.Decimal
UTC = datetime.timezone.utc
MARCH = datetime.datetime(2027, 3, 1, tzinfo=UTC)
NOW = datetime.datetime(2027, 3, 10, 12, tzinfo=UTC)
APRIL = datetime.datetime(2027, 4, 1, tzinfo=UTC)
ADMIN = actor_mod.Actor('admin-user', request_id='req-admin',
                        is_platform_admin=True, may_backdate=True)
HOUR = datetime.timedelta(hours=1)


def iso(moment):
    return moment.isoformat()


class BackdatingTest(base.ServiceTestCase):

    def setUp(self):
        super().setUp()
        # The platform's plan is in force from the month's start.
        self.clock = self.useFixture(fixtures.MockPatchObject(
            utc, 'now', return_value=MARCH)).mock
        self.rerate = self.useFixture(fixtures.MockPatchObject(
            rating_state, 'rerate_from', autospec=True)).mock
        platform = plans.create(ADMIN, 'platform', 'P', 'EUR', {'vcpu': '1'})
        plans.assign(ADMIN, 'platform', None, platform['id'])
        self.clock.return_value = NOW

    def onboard(self, start, vcpu=4, reason='contract began on the 2nd'):
        school, _admin = schools.create(
            ADMIN, 'riverside', 'Riverside High',
            {'name': 'riverside-admin', 'password': 'secret'},
            {'vcpu': vcpu}, effective_from=iso(start), reason=reason)
        return school

    def ledger(self, scope_type, scope_id):
        return allocations.history(ADMIN, scope_type, scope_id)[0]

    def test_a_school_starts_when_its_contract_did(self):
        start = MARCH + datetime.timedelta(days=1)
        school = self.onboard(start)
        (row,) = [r for r in self.ledger('school', school['id'])
                  if r['resource'] == 'vcpu']
        self.assertEqual((start, None, NOW, 'contract began on the 2nd',
                          'admin-user'),
                         (row['effective_from'], row['effective_to'],
                          row['recorded_at'], row['reason'], row['actor']))
        # Month end bills from the contract's start: 4 vCPU at 1 an hour.
        self.clock.return_value = APRIL
        invoices.run_period_end(ADMIN)
        (invoice,) = invoices.list(ADMIN, payer_id=school['id'])[0]
        self.assertEqual((start, APRIL), (invoice['period_start'],
                                          invoice['period_end']))
        hours = D((APRIL - start).total_seconds()) / 3600
        self.assertEqual(str(4 * hours) + '.00', invoice['total'])

    def test_back_dated_changes_settle_up_to_their_moment(self):
        t0 = NOW - 6 * HOUR
        school = self.onboard(t0)
        teacher = teachers.create(ADMIN, school['id'], 'a-teacher', 'secret',
                                  grant={'vcpu': 1}, effective_from=iso(t0),
                                  reason='started with the school')
        # The school's plan for this teacher, from the same moment.
        own = plans.create(ADMIN, school['id'], 'T', 'EUR', {'vcpu': '2'},
                           effective_from=iso(t0))
        plans.assign(ADMIN, school['id'], teacher['id'], own['id'],
                     effective_from=iso(t0))
        self.rerate.reset_mock()
        t1, t2 = t0 + 2 * HOUR, t0 + 3 * HOUR
        allocations.set(ADMIN, 'school', school['id'], {'vcpu': 8},
                        reason='more labs', effective_from=iso(t1))
        allocations.set(ADMIN, 'teacher', teacher['id'], {'vcpu': 2},
                        reason='second class', effective_from=iso(t2))
        (to_school,) = invoices.list(ADMIN, payer_id=school['id'])[0]
        self.assertEqual(('settlement', t0, t1, '8.00'),
                         (to_school['kind'], to_school['period_start'],
                          to_school['period_end'], to_school['total']))
        (to_teacher,) = invoices.list(ADMIN, payer_id=teacher['id'])[0]
        self.assertEqual((t0, t2), (to_teacher['period_start'],
                                    to_teacher['period_end']))
        # CloudKitty rates each payer again from its change's moment.
        self.assertEqual(
            [((school['id'], t1, 'more labs'),),
             ((teacher['id'], t2, 'second class'),)],
            [c.args and (c.args,) for c in self.rerate.call_args_list])
        # The ledger shows when each change was made and from when.
        rows = [r for r in self.ledger('school', school['id'])
                if r['resource'] == 'vcpu']
        self.assertEqual([(t0, t1), (t1, None)],
                         [(r['effective_from'], r['effective_to'])
                          for r in rows])
        self.assertEqual({NOW}, {r['recorded_at'] for r in rows})

    def test_history_since_cannot_be_rewritten(self):
        t0 = NOW - 6 * HOUR
        school = self.onboard(t0)
        allocations.set(ADMIN, 'school', school['id'], {'vcpu': 8},
                        reason='more', effective_from=iso(t0 + 3 * HOUR))
        error = self.assertRaises(
            exceptions.Conflict, allocations.set, ADMIN, 'school',
            school['id'], {'vcpu': 6}, reason='oops',
            effective_from=iso(t0 + HOUR))
        self.assertIn('cannot rewrite what happened since', error.message)
        # A teacher cannot start before their school did.
        self.assertRaises(
            exceptions.Conflict, teachers.create, ADMIN, school['id'],
            'early', 'secret', grant={'vcpu': 1},
            effective_from=iso(t0 - HOUR), reason='too early')
        self.assertEqual(1, len(invoices.list(ADMIN,
                                              payer_id=school['id'])[0]))

    def test_refused_without_reason_in_the_future_or_before_the_month(self):
        school = self.onboard(NOW - HOUR)
        for moment, reason, words in (
                (NOW - HOUR, None, 'needs a reason'),
                (NOW + HOUR, 'r', 'in the future'),
                (MARCH - HOUR, 'r', 'billed months are closed')):
            error = self.assertRaises(
                exceptions.Invalid, allocations.set, ADMIN, 'school',
                school['id'], {'vcpu': 2}, reason=reason,
                effective_from=iso(moment))
            self.assertIn(words, error.message)
        self.assertRaises(exceptions.Invalid, allocations.set, ADMIN,
                          'school', school['id'], {'vcpu': 2}, reason='r',
                          effective_from='2027-03-09 08:00')

    def test_a_default_back_in_time_reprices_every_payer(self):
        t0 = NOW - 6 * HOUR
        school = self.onboard(t0)
        cheap = plans.create(ADMIN, 'platform', 'Cheap', 'EUR',
                             {'vcpu': '0.5'}, effective_from=iso(t0))
        plans.assign(ADMIN, 'platform', None, cheap['id'],
                     effective_from=iso(t0))
        self.rerate.assert_called_once_with(school['id'], t0, mock.ANY)
        allocations.set(ADMIN, 'school', school['id'], {'vcpu': 2})
        (invoice,) = invoices.list(ADMIN, payer_id=school['id'])[0]
        # 4 vCPU for 6 hours at 0.5.
        self.assertEqual('12.00', invoice['total'])

    def test_only_whom_the_rule_allows(self):
        school = self.onboard(NOW - HOUR)
        error = self.assertRaises(
            exceptions.Forbidden, allocations.set, base.ADMIN, 'school',
            school['id'], {'vcpu': 2}, reason='r',
            effective_from=iso(NOW - HOUR))
        self.assertIn('edu:allocation:backdate', error.message)
        self.assertEqual([], invoices.list(ADMIN, payer_id=school['id'])[0])

    def test_a_payers_own_plan_back_in_time(self):
        t0 = NOW - 6 * HOUR
        school = self.onboard(t0)
        own = plans.create(ADMIN, 'platform', 'Own', 'EUR', {'vcpu': '3'},
                           effective_from=iso(t0))
        plans.assign(ADMIN, 'platform', school['id'], own['id'],
                     effective_from=iso(t0))
        self.rerate.assert_called_once_with(school['id'], t0, mock.ANY)
        allocations.set(ADMIN, 'school', school['id'], {'vcpu': 8},
                        reason='more', effective_from=iso(t0 + HOUR))
        (invoice,) = invoices.list(ADMIN, payer_id=school['id'])[0]
        # 4 vCPU for an hour at the school's own 3 an hour.
        self.assertEqual('12.00', invoice['total'])
        # Not before what is billed (the payer's, or for a default any
        # payer's), not by a school admin.
        for payer in (school['id'], None):
            self.assertRaises(exceptions.Conflict, plans.assign, ADMIN,
                              'platform', payer, own['id'],
                              effective_from=iso(t0))
        self.assertRaises(exceptions.Invalid, plans.assign, base.ADMIN,
                          'platform', school['id'], own['id'],
                          effective_from=iso(t0 + 2 * HOUR))
