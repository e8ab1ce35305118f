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
import decimal
from unittest import mock

from cloudkitty import dataframe
from cloudkitty.db.sqlalchemy import models as ck_models
from cloudkitty import extension_manager
from cloudkitty.rating.hash.db.sqlalchemy import models as hash_models
from cloudkitty.rating.pyscripts.db.sqlalchemy import models as py_models
import fixtures
from stevedore import driver

from edu_rating import module as processor
from edu_rating.tests.unit import base
from edu_rating.tests.unit.base import utc

NAMESPACE = 'cloudkitty.rating.processors'


def sample_frame():
    point = dataframe.DataPoint(
        'vcpu-hour', decimal.Decimal('2.5'), decimal.Decimal('0.75'),
        {'project_id': 'p1', 'resource': 'vcpu'}, {'amount': '5'})
    return dataframe.DataFrame(
        start=utc(2025, 1, 1, 0), end=utc(2025, 1, 1, 1),
        usage={'vcpu': [point], 'ram_mb': []})


class ProcessorContractTest(base.TestCase):

    def test_stevedore_loads_the_edu_processor(self):
        manager = driver.DriverManager(NAMESPACE, 'edu',
                                       invoke_on_load=True,
                                       invoke_kwds={'tenant_id': 'p1'})
        self.assertIsInstance(manager.driver, processor.Edu)

    def test_instantiation_registers_our_options(self):
        conf = self.conf
        processor.Edu(tenant_id='p1')
        self.assertEqual('unified_limits', conf.edu.enforcement_backend)


class ProcessTest(base.TestCase):

    def test_process_passes_points_through_in_a_new_frame(self):
        frame = sample_frame()
        result = processor.Edu(tenant_id='p1').process(frame)
        self.assertIsNot(frame, result)
        self.assertEqual((frame.start, frame.end), (result.start, result.end))
        self.assertEqual(frame.as_dict(mutable=True),
                         result.as_dict(mutable=True))

    def test_process_leaves_the_input_frame_alone(self):
        frame = sample_frame()
        before = frame.as_dict(mutable=True)
        result = processor.Edu().process(frame)
        result.add_point(dataframe.DataPoint('u', 1, 0, {}, {}), 'extra')
        self.assertEqual(before, frame.as_dict(mutable=True))

    def test_quote_uses_process(self):
        result = processor.Edu().quote(sample_frame())
        self.assertEqual(
            [decimal.Decimal('0.75')],
            [point.price for _, point in result.iterpoints()])

    def test_reload_config_keeps_processing_identical(self):
        edu = processor.Edu(tenant_id='p1')
        edu.reload_config(utc(2025, 1, 1))
        self.assertEqual(sample_frame().as_dict(mutable=True),
                         edu.process(sample_frame()).as_dict(mutable=True))


class PricingTest(base.DBTestCase):
    """Points the edu collector made are priced at their version's rate."""

    def setUp(self):
        super().setUp()
        plan = self.db.create_plan('platform', 'Standard', 'EUR', 'admin')
        self.version = self.db.put_plan_version(
            plan.id, utc(2025, 1, 1), {'vcpu': decimal.Decimal('0.04'),
                                       'ram_mb': decimal.Decimal('0.01')},
            'admin', now=utc(2025, 1, 1))

    def frame(self, resource, qty, version):
        point = dataframe.DataPoint(
            'h', decimal.Decimal(qty), 0,
            {'project_id': 'd', 'resource': resource,
             'plan_version': str(version)}, {})
        return dataframe.DataFrame(start=utc(2025, 1, 1, 0),
                                   end=utc(2025, 1, 1, 1),
                                   usage={resource: [point]})

    def prices(self, frame):
        return [point.price for _, point in
                processor.Edu(tenant_id='d').process(frame).iterpoints()]

    def test_price_is_qty_times_rate(self):
        self.assertEqual([decimal.Decimal('0.1000')],
                         self.prices(self.frame('vcpu', '2.5',
                                                self.version.id)))

    def test_ram_rates_are_per_gib_hour(self):
        # 4096 MB-hours = 4 GiB-hours.
        self.assertEqual([decimal.Decimal('0.04')],
                         self.prices(self.frame('ram_mb', '4096',
                                                self.version.id)))

    def test_a_resource_the_version_does_not_price_is_free(self):
        self.assertEqual([0], self.prices(self.frame('disk_gb', '10',
                                                     self.version.id)))

    def test_priced_points_are_whole_datapoints(self):
        (point,) = [p for _, p in processor.Edu(tenant_id='d').process(
            self.frame('vcpu', '2.5', self.version.id)).iterpoints()]
        self.assertIsInstance(point, dataframe.DataPoint)
        self.assertEqual(point.set_price(point.price), point)
        self.assertEqual(('h', decimal.Decimal('2.5'), 'vcpu'),
                         (point.unit, point.qty, point.groupby['resource']))
        self.assertEqual(decimal.Decimal('0.1'), point.price)
        self.assertEqual('d', point.desc['project_id'])

    def test_rates_are_read_once_per_version(self):
        edu = processor.Edu(tenant_id='d')
        with mock.patch.object(edu.db_api, 'version_rates',
                               wraps=edu.db_api.version_rates) as read:
            for _ in range(3):
                edu.process(self.frame('vcpu', '1', self.version.id))
        self.assertEqual(1, read.call_count)


class ModuleStateTest(base.TestCase):
    """Enabled state and priority live in CloudKitty's own tables."""

    def setUp(self):
        super().setUp()
        # Every installed processor gets loaded: give each its tables.
        for models in (ck_models, hash_models, py_models):
            models.Base.metadata.create_all(bind=base.engine())
        self.addCleanup(base.drop_all_tables)
        # set_state casts an RPC to the processors; no broker in unit tests.
        self.rpc = self.useFixture(fixtures.MockPatch(
            'cloudkitty.messaging.get_client')).mock

    def enabled_processors(self):
        manager = extension_manager.EnabledExtensionManager(
            NAMESPACE, invoke_kwds={'tenant_id': 'p1'})
        return manager.names()

    def test_disabled_until_enabled(self):
        self.assertNotIn('edu', self.enabled_processors())
        processor.Edu().set_state(True)
        self.assertIn('edu', self.enabled_processors())
        self.rpc.return_value.prepare.return_value.cast.assert_called_with(
            {}, 'enable_module', name='edu')

    def test_module_info_reports_state_and_priority(self):
        edu = processor.Edu()
        edu.set_state(True)
        with mock.patch.object(edu, 'notify_reload'):
            edu.set_priority(7)
        info = edu.module_info
        self.assertEqual(('edu', True, 7, True),
                         (info['name'], info['enabled'], info['priority'],
                          info['hot_config']))
