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
"""The resources a grant is made of, in one catalogue.

Every layer names a resource its own way: the API (``ram_mb``), Keystone's
unified limits (``class:MEMORY_MB``), Nova's quota sets (``ram``),
Placement (``MEMORY_MB``), the CLI (``--ram-mb``), people ("MB of RAM")
and price plans (a GiB-hour). This module is the one place that knows
all of them; ``[edu] resources`` may narrow the set, never extend it.
"""

import dataclasses
import decimal

from edu_rating.i18n import _N


@dataclasses.dataclass(frozen=True)
class Resource(object):
    name: str
    #: What one unit of an amount is, for people ("MB of RAM"); English,
    #: translated where shown.
    label: str
    #: Nova's UnifiedLimitsDriver resource name in Keystone.
    keystone_limit: str
    #: os-quota-sets key, or None where Nova has no such quota.
    nova_quota: str
    #: Placement resource class counted as usage, or None (counted by Nova).
    placement_class: str
    #: The unit price plans are written in, per hour ("GiB" of RAM).
    price_unit: str
    #: Grant units in one price unit (1024 MB in a GiB).
    units_per_price_unit: decimal.Decimal = decimal.Decimal(1)

    @property
    def option(self):
        """The CLI option of the resource (``--ram-mb``)."""
        return '--' + self.name.replace('_', '-')


CATALOGUE = (
    Resource('vcpu', _N('vCPU'), 'class:VCPU', 'cores', 'VCPU', _N('vCPU')),
    Resource('ram_mb', _N('MB of RAM'), 'class:MEMORY_MB', 'ram',
             'MEMORY_MB', _N('GiB'), decimal.Decimal(1024)),
    # Nova has no disk quota (that would be Cinder's gigabytes).
    Resource('disk_gb', _N('GB of disk'), 'class:DISK_GB', None, 'DISK_GB',
             _N('GB')),
    Resource('instances', _N('instances'), 'servers', 'instances', None,
             _N('instance')),
)

BY_NAME = {resource.name: resource for resource in CATALOGUE}
NAMES = tuple(BY_NAME)


def get(name):
    """The resource called ``name``; KeyError for an unknown one."""
    return BY_NAME[name]
