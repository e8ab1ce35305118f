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

from cloudkitty import collector as ck_collector
import voluptuous

from edu_rating.db import api as db_api
from edu_rating.rating import collector
from edu_rating.tests.unit import base
from edu_rating.tests.unit.base import utc

D = decimal.Decimal
SCHOOL = db_api.Scope('school', 'domain-a')
TEACHER = db_api.Scope('teacher', 'proj-t')
ENROLMENT = db_api.Scope('enrolment', 'proj-s')
P_START = utc(2025, 1, 1, 10)
P_END = utc(2025, 1, 1, 11)

METRICS = {'metrics': {
    'vcpu': {'unit': 'vcpu-hour'},
    'edu_ram': {'unit': 'MB-hour',
                'extra_args': {'resource': 'ram_mb'},
                'metadata': ['amount', 'segment_start', 'segment_end']},
}}


def minutes(n):
    return datetime.timedelta(minutes=n)


class CheckConfigurationTest(base.TestCase):

    def test_mandatory_groupby_added(self):
        conf = collector.EduCollector.check_configuration(METRICS)
        self.assertEqual({'project_id', 'resource', 'allocation_id',
                          'plan_version'},
                         set(conf['vcpu']['groupby']))

    def test_unit_conversion_refused(self):
        # Rates are per price unit of a grant unit-hour (pricing.price):
        # a converted qty would be priced wrong.
        error = self.assertRaises(
            ck_collector.InvalidConfiguration,
            collector.EduCollector.check_configuration,
            {'metrics': {'ram_mb': {'unit': 'GiB-hour',
                                    'factor': '1/1024'}}})
        self.assertIn('factor', str(error))

    def test_resource_defaults_to_the_metric_name(self):
        conf = collector.EduCollector.check_configuration(METRICS)
        self.assertEqual('vcpu', collector.metric_resource(
            'vcpu', conf['vcpu']))
        self.assertEqual('ram_mb', collector.metric_resource(
            'edu_ram', conf['edu_ram']))

    def test_unknown_resource_refused(self):
        self.assertRaises(
            ck_collector.InvalidConfiguration,
            collector.EduCollector.check_configuration,
            {'metrics': {'gpu': {'unit': 'gpu-hour'}}})
        self.assertRaises(
            voluptuous.Invalid,
            collector.EduCollector.check_configuration,
            {'metrics': {'x': {'unit': 'h',
                               'extra_args': {'resource': 'gpu'}}}})

    def test_attributes_we_cannot_provide_refused(self):
        self.assertRaises(
            ck_collector.InvalidConfiguration,
            collector.EduCollector.check_configuration,
            {'metrics': {'vcpu': {'unit': 'h', 'groupby': ['flavor']}}})


class FetchAllTest(base.DBTestCase):

    def setUp(self):
        super().setUp()
        self.collector = collector.EduCollector(period=3600, conf=METRICS)
        school = self.db.create_school('domain-a', 'A')
        self.db.create_teacher(school.id, 'u1', 'proj-t', 'Ada')
        # Both issuers' default plans, in force long before the tests.
        self.versions = {}
        for issuer in (db_api.PLATFORM, 'domain-a'):
            self.versions[issuer] = self.plan(
                issuer, P_START - minutes(10 ** 5), {'vcpu': D('0.5')})

    def plan(self, issuer, since, rates):
        plan = self.db.create_plan(issuer, 'p-%s' % since, 'EUR', 'admin')
        version = self.db.put_plan_version(plan.id, since, rates, 'admin',
                                           now=since)
        self.db.put_assignment(issuer, db_api.DEFAULT_PAYER, plan.id, since,
                               'admin', now=since)
        return version.id

    def grant(self, scope, resource, amount, at):
        self.db.set_grant(scope, resource, amount, 'admin', effective_from=at)

    def fetch(self, metric, scope_id, start=P_START, end=P_END):
        return self.collector.fetch_all(metric, start, end, scope_id)

    def test_one_point_per_segment_prorated_to_the_second(self):
        self.grant(SCHOOL, 'vcpu', 10, P_START - minutes(30))
        self.grant(SCHOOL, 'vcpu', 16, P_START + minutes(15))
        self.grant(SCHOOL, 'vcpu', 4, P_START + minutes(15)
                   + datetime.timedelta(seconds=1))
        points = self.fetch('vcpu', 'domain-a')
        # 10 x 15 min, 16 x 1 s, 4 x 2699 s.
        self.assertEqual(D('2.5'), points[0].qty)
        self.assertEqual(D('0.004444444444'), points[1].qty)
        self.assertEqual(D('2.998888888889'), points[2].qty)
        self.assertEqual(['vcpu-hour'] * 3, [p.unit for p in points])
        self.assertEqual([0] * 3, [p.price for p in points])

    def test_groupby_identifies_scope_resource_and_segment(self):
        self.grant(SCHOOL, 'vcpu', 10, P_START)
        (point,) = self.fetch('vcpu', 'domain-a')
        row = self.db.current_grants(SCHOOL)['vcpu']
        self.assertEqual('domain-a', point.groupby['project_id'])
        self.assertEqual('vcpu', point.groupby['resource'])
        self.assertEqual(str(row.id), point.groupby['allocation_id'])
        self.assertEqual(str(self.versions[db_api.PLATFORM]),
                         point.groupby['plan_version'])
        # CloudKitty's own time groupbys come from the period start.
        self.assertEqual('2025', point.groupby['year'])
        self.assertEqual({}, dict(point.metadata))

    def test_metadata(self):
        self.grant(SCHOOL, 'ram_mb', 2048, P_START - minutes(5))
        (point,) = self.fetch('edu_ram', 'domain-a')
        self.assertEqual(D(2048), point.qty)
        self.assertEqual({'amount': '2048',
                          'segment_start': P_START.isoformat(),
                          'segment_end': P_END.isoformat()},
                         dict(point.metadata))

    def test_open_grant_is_rated_every_period(self):
        self.grant(SCHOOL, 'vcpu', 3, P_START - datetime.timedelta(days=40))
        for hour in range(3):
            start = P_START + datetime.timedelta(hours=hour)
            (point,) = self.fetch('vcpu', 'domain-a', start,
                                  start + datetime.timedelta(hours=1))
            self.assertEqual(D(3), point.qty)

    def test_teacher_scope_rated_separately_and_students_never(self):
        self.grant(SCHOOL, 'vcpu', 100, P_START)
        self.grant(TEACHER, 'vcpu', 20, P_START)
        self.grant(ENROLMENT, 'vcpu', 2, P_START)
        self.assertEqual([D(20)], [p.qty for p in self.fetch('vcpu',
                                                             'proj-t')])
        self.assertEqual([], self.fetch('vcpu', 'proj-s'))

    def test_nothing_for_zero_grants_or_other_periods(self):
        self.grant(SCHOOL, 'vcpu', 5, P_START - minutes(120))
        self.grant(SCHOOL, 'vcpu', 0, P_START - minutes(60))
        self.assertEqual([], self.fetch('vcpu', 'domain-a'))

    def test_retrieve_raises_no_data_collected_when_empty(self):
        self.assertRaises(ck_collector.NoDataCollected,
                          self.collector.retrieve, 'vcpu', P_START, P_END,
                          'domain-a')

    def test_retrieve_names_the_metric(self):
        self.grant(SCHOOL, 'vcpu', 1, P_START)
        name, points = self.collector.retrieve('vcpu', P_START, P_END,
                                               'domain-a')
        self.assertEqual(('vcpu', 1), (name, len(points)))

    def test_local_time_periods_are_converted_to_utc(self):
        self.grant(SCHOOL, 'vcpu', 6, P_START + minutes(30))
        paris = datetime.timezone(datetime.timedelta(hours=1))
        (point,) = self.fetch('vcpu', 'domain-a', P_START.astimezone(paris),
                              P_END.astimezone(paris))
        self.assertEqual(D(3), point.qty)

    def test_catching_up_late_rates_history_as_granted(self):
        # The grant changed twice since; rating the old period still sees
        # the amount in force back then.
        self.grant(SCHOOL, 'vcpu', 8, P_START)
        self.grant(SCHOOL, 'vcpu', 1, P_END + datetime.timedelta(days=1))
        self.grant(SCHOOL, 'vcpu', 2, P_END + datetime.timedelta(days=2))
        self.assertEqual([D(8)], [p.qty for p in self.fetch('vcpu',
                                                            'domain-a')])

    def test_points_are_cut_at_plan_versions(self):
        self.grant(SCHOOL, 'vcpu', 4, P_START - minutes(30))
        plan = self.db.list_plans(db_api.PLATFORM)[0]
        later = self.db.put_plan_version(plan.id, P_START + minutes(20),
                                         {'vcpu': D('0.7')}, 'admin',
                                         now=P_START)
        first, second = self.fetch('vcpu', 'domain-a')
        # 4 vCPU for 20 minutes, then for 40.
        self.assertEqual((D('1.333333333333'), D('2.666666666667')),
                         (first.qty, second.qty))
        self.assertEqual(
            [str(self.versions[db_api.PLATFORM]), str(later.id)],
            [first.groupby['plan_version'], second.groupby['plan_version']])

    def test_time_no_plan_covers_makes_no_point(self):
        since = P_START - minutes(10 ** 5)
        self.grant(SCHOOL, 'vcpu', 4, since - minutes(60))
        self.assertEqual([], self.fetch('vcpu', 'domain-a',
                                        since - minutes(60), since))
        self.assertEqual([D(4)], [p.qty for p in self.fetch(
            'vcpu', 'domain-a', since, since + minutes(60))])
