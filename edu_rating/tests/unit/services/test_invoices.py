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

import csv
import datetime
import decimal
import io

import fixtures

from edu_rating import exceptions
from edu_rating.management.services import allocations
from edu_rating.management.services import invoices
from edu_rating.management.services import plans
from edu_rating.tests.unit.services import base
from edu_rating import utc

D = decimal.Decimal
UTC = datetime.timezone.utc
CREATED = datetime.datetime(2027, 3, 10, 12, tzinfo=UTC)
APRIL = datetime.datetime(2027, 4, 1, tzinfo=UTC)


class InvoicesTest(base.ServiceTestCase):

    def setUp(self):
        super().setUp()
        self.clock = self.useFixture(fixtures.MockPatchObject(
            utc, 'now', return_value=CREATED)).mock
        # 1 EUR per vCPU-hour from the platform, 2 from the school.
        platform = plans.create(base.ADMIN, 'platform', 'P', 'EUR',
                                {'vcpu': '1'})
        plans.assign(base.ADMIN, 'platform', None, platform['id'])
        self.school = self.make_school(grant={'vcpu': 4})
        own = plans.create(base.ADMIN, self.school['id'], 'T', 'EUR',
                           {'vcpu': '2'})
        plans.assign(base.ADMIN, self.school['id'], None, own['id'])

    def at(self, moment):
        self.clock.return_value = moment

    def of(self, payer_id):
        return invoices.list(base.ADMIN, payer_id=payer_id)[0]

    def test_period_end_bills_the_month_once(self):
        self.at(APRIL + datetime.timedelta(seconds=30))
        self.assertEqual(1, invoices.run_period_end(base.ADMIN))
        self.assertEqual(0, invoices.run_period_end(base.ADMIN))
        (invoice,) = self.of(self.school['id'])
        hours = D((APRIL - CREATED).total_seconds()) / 3600
        self.assertEqual(str(4 * hours), invoice['total'][:-3])
        self.assertEqual(('period', 'P-2027-000001', CREATED, APRIL),
                         (invoice['kind'], invoice['number'],
                          invoice['period_start'], invoice['period_end']))
        full = invoices.get(base.ADMIN, invoice['id'])
        (line,) = full['lines']
        self.assertEqual(('vcpu', 4, '1', invoice['total']),
                         (line['resource'], line['amount'], line['rate'],
                          line['total']))

    def test_csv_names_never_run_as_formulas(self):
        teacher = self.make_teacher(self.school, name='=HYPERLINK("x")',
                                    grant={'vcpu': 1})
        self.at(APRIL + datetime.timedelta(seconds=30))
        invoices.run_period_end(base.ADMIN)
        (invoice,) = self.of(teacher['id'])
        rows = list(csv.DictReader(io.StringIO(
            invoices.as_csv(base.ADMIN, invoice['id']))))
        self.assertEqual(["'=HYPERLINK(\"x\")"],
                         [row['payer_name'] for row in rows])
        self.assertEqual(['riverside'], [row['issuer_name'] for row in rows])
        for text in ('-1', '+1', '@SUM(A1)', '\tx', '\rx'):
            self.assertEqual("'" + text, invoices.spreadsheet_text(text))
        self.assertEqual('Ms Wang', invoices.spreadsheet_text('Ms Wang'))

    def test_a_grant_change_settles_the_time_up_to_that_second(self):
        change = CREATED + datetime.timedelta(days=5, seconds=7)
        self.at(change)
        allocations.set(base.ADMIN, 'school', self.school['id'],
                        {'vcpu': 10})
        (settlement,) = self.of(self.school['id'])
        self.assertEqual(('settlement', CREATED, change),
                         (settlement['kind'], settlement['period_start'],
                          settlement['period_end']))
        self.at(APRIL + datetime.timedelta(minutes=1))
        invoices.run_period_end(base.ADMIN)
        first, second = self.of(self.school['id'])
        self.assertEqual((change, APRIL),
                         (second['period_start'], second['period_end']))
        # No second lost or counted twice: 4 vCPU then 10 vCPU, at 1/h.
        expected = (4 * D((change - CREATED).total_seconds()) +
                    10 * D((APRIL - change).total_seconds())) / 3600
        self.assertLessEqual(abs(D(first['total']) + D(second['total']) -
                                 expected), D('0.01'))
        self.assertEqual([1, 2], [first['sequence'], second['sequence']])

    def test_teachers_pay_their_school_and_students_nobody(self):
        teacher = self.make_teacher(self.school, grant={'vcpu': 2})
        klass = self.make_class(teacher)
        student = self.enrol(klass, grant={'vcpu': 1})
        self.at(CREATED + datetime.timedelta(days=1))
        allocations.set(base.ADMIN, 'enrolment', student['id'], {'vcpu': 2})
        self.assertEqual([], self.of(teacher['id']))
        self.assertEqual([], self.of(student['id']))
        allocations.set(base.ADMIN, 'teacher', teacher['id'], {'vcpu': 3})
        (invoice,) = self.of(teacher['id'])
        # 2 vCPU for 24 hours at 2 EUR.
        self.assertEqual((self.school['id'], 'S-2027-000001', '96.00'),
                         (invoice['issuer'], invoice['number'],
                          invoice['total']))
        # Named as people read them, in lists and on their own.
        self.assertEqual(('riverside', 'a-teacher1'),
                         (invoice['issuer_name'], invoice['payer_name']))
        self.assertEqual('a-teacher1', invoices.get(
            base.ADMIN, invoice['id'])['payer_name'])

    def test_paid_and_void(self):
        self.at(APRIL)
        invoices.run_period_end(base.ADMIN)
        (invoice,) = self.of(self.school['id'])
        self.assertRaises(exceptions.Invalid, invoices.void, base.ADMIN,
                          invoice['id'], None)
        voided = invoices.void(base.ADMIN, invoice['id'], 'wrong plan')
        self.assertEqual(('void', 'wrong plan', invoice['number']),
                         (voided['status'], voided['void_reason'],
                          voided['number']))
        error = self.assertRaises(exceptions.Conflict, invoices.mark_paid,
                                  base.ADMIN, invoice['id'])
        self.assertIn('void already', error.message)
        self.assertRaises(exceptions.NotFound, invoices.get, base.ADMIN,
                          'nope')

    def test_filters(self):
        self.at(APRIL)
        invoices.run_period_end(base.ADMIN)
        self.assertEqual(1, len(invoices.list(base.ADMIN,
                                              period='2027-03')[0]))
        self.assertEqual([], invoices.list(base.ADMIN, period='2027-04')[0])
        self.assertEqual([], invoices.list(base.ADMIN, status='paid')[0])
        self.assertRaises(exceptions.Invalid, invoices.list, base.ADMIN,
                          period='March')

    def test_billing_months_follow_the_billing_timezone(self):
        self.conf.set_override('billing_timezone', 'Asia/Shanghai', 'edu')
        self.assertEqual(
            [datetime.datetime(2027, 3, 31, 16, tzinfo=UTC)],
            invoices.month_starts(CREATED, APRIL))

    def test_month_to_date_and_forecast(self):
        teacher = self.make_teacher(self.school, grant={'vcpu': 1})
        self.at(CREATED + datetime.timedelta(days=1))
        cost = invoices.month_to_date(base.ADMIN, 'school',
                                      self.school['id'])
        # 4 vCPU at 1 an hour: a day so far, 21.5 days in the month.
        self.assertEqual(('EUR', '96.00', '2064.00'),
                         (cost['currency'], cost['accrued'],
                          cost['forecast']))
        self.assertEqual((datetime.datetime(2027, 3, 1, tzinfo=UTC), APRIL),
                         (cost['period_start'], cost['period_end']))
        both = invoices.school_month_to_date(base.ADMIN, self.school['id'])
        (mine,) = both['teachers']
        # 1 vCPU at 2 an hour, for the same day.
        self.assertEqual((teacher['id'], 'a-teacher1', '48.00'),
                         (mine['scope_id'], mine['name'], mine['accrued']))
        self.assertRaises(exceptions.Invalid, invoices.month_to_date,
                          base.ADMIN, 'enrolment', 'x')
