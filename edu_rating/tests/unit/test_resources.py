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

import argparse
import decimal

from edu_rating.management.broker import enforcement
from edu_rating.management.services import validation
from edu_rating.osc.v1 import common
from edu_rating import resources
from edu_rating.tests.unit import base


class TestCatalogue(base.TestCase):
    """Every layer reads its names of a resource from the one catalogue."""

    def test_the_option_accepts_exactly_the_catalogue(self):
        self.assertEqual(list(resources.NAMES),
                         self.conf.edu.resources)
        self.assertRaises(ValueError, self.conf.set_override,
                          'resources', ['vcpu', 'gpus'], 'edu')

    def test_every_resource_has_a_keystone_limit(self):
        self.assertEqual(
            {'vcpu': 'class:VCPU', 'ram_mb': 'class:MEMORY_MB',
             'disk_gb': 'class:DISK_GB', 'instances': 'servers'},
            enforcement.UNIFIED_LIMIT_NAMES)

    def test_nova_quotas_leave_out_disk(self):
        self.assertEqual({'vcpu': 'cores', 'ram_mb': 'ram',
                          'instances': 'instances'},
                         enforcement.NOVA_QUOTA_NAMES)

    def test_cli_options_are_named_after_the_resources(self):
        parser = argparse.ArgumentParser()
        common.add_grant_options(parser)
        args = parser.parse_args(['--ram-mb', '2048', '--vcpu', '2'])
        self.assertEqual({'ram_mb': 2048, 'vcpu': 2}, common.grant_of(args))

    def test_messages_say_the_unit(self):
        self.assertEqual('2048 MB of RAM',
                         validation.quantity('ram_mb', 2048))

    def test_ram_is_priced_per_gib(self):
        ram = resources.get('ram_mb')
        self.assertEqual('GiB', ram.price_unit)
        self.assertEqual(decimal.Decimal(1024), ram.units_per_price_unit)
        self.assertEqual(decimal.Decimal(1),
                         resources.get('vcpu').units_per_price_unit)
