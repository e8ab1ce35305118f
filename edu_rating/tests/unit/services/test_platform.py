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
"""The platform's totals."""

import datetime

import fixtures

from edu_rating import exceptions
from edu_rating.management.services import plans
from edu_rating.management.services import platform
from edu_rating.management.services import schools
from edu_rating.management.services import usage
from edu_rating.tests.unit.services import base
from edu_rating import utc

START = datetime.datetime(2027, 3, 10, 12, tzinfo=datetime.timezone.utc)
ZERO = {'vcpu': 0, 'ram_mb': 0, 'disk_gb': 0, 'instances': 0}


class PlatformSummaryTest(base.ServiceTestCase):

    def setUp(self):
        super().setUp()
        self.clock = self.useFixture(fixtures.MockPatchObject(
            utc, 'now', return_value=START)).mock
        plan = plans.create(base.ADMIN, 'platform', 'P', 'EUR',
                            {'vcpu': '0.5'})
        plans.assign(base.ADMIN, 'platform', None, plan['id'])
        self.school = self.make_school(grant=dict(ZERO, vcpu=10))
        self.other = self.make_school('hillside', grant=dict(ZERO, vcpu=6))
        self.teacher = self.make_teacher(self.school,
                                         grant=dict(ZERO, vcpu=4))
        self.klass = self.make_class(self.teacher)
        self.alice = self.enrol(self.klass, grant=dict(ZERO, vcpu=1))

    def test_totals(self):
        self.broker.usage = {self.alice['id']: dict(ZERO, vcpu=1,
                                                    instances=1),
                             'not-ours': dict(ZERO, vcpu=50)}
        usage.sweep()
        schools.update(base.ADMIN, self.other['id'], {'enabled': False})
        self.clock.return_value = START + datetime.timedelta(hours=2)

        summary = platform.summary(base.ADMIN)

        self.assertEqual({'vcpu': 256, 'ram_mb': 524288, 'disk_gb': 10000,
                          'instances': None}, summary['capacity'])
        self.assertEqual(dict(ZERO, vcpu=16), summary['granted_to_schools'])
        self.assertEqual(dict(ZERO, vcpu=4), summary['granted_to_teachers'])
        self.assertEqual(dict(ZERO, vcpu=1), summary['granted_to_students'])
        # Only the managed projects count.
        self.assertEqual(dict(ZERO, vcpu=1, instances=1), summary['in_use'])
        self.assertEqual(START, summary['usage_measured_at'])
        self.assertEqual((2, 1), (summary['schools'],
                                  summary['schools_enabled']))
        # 16 vCPU for 2 h at 0.50 an hour so far; to the month's end
        # (2027-04-01 00:00, 21 days 12 h from START) the same grants.
        [revenue] = summary['revenue']
        self.assertEqual('EUR', revenue['currency'])
        self.assertEqual('16.00', revenue['accrued'])
        self.assertEqual('%.2f' % (16 * 0.5 * (21 * 24 + 12)),
                         revenue['forecast'])

    def test_placement_down_is_a_503(self):
        self.broker.fail_on['capacity'] = 0
        self.assertRaises(exceptions.BackendUnavailable, platform.summary,
                          base.ADMIN)
