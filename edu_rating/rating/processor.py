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
"""The ``edu`` rating processor: what CloudKitty runs on every rated frame.

The collector cut each point at plan-version boundaries and named its
version (``plan_version``); this prices it with the one pricing function,
``price = qty x rate``, at that version's rate. Points that name no
version (other collectors' metrics) keep their price.

The class CloudKitty loads (with the Education API as its config
controller) is :class:`edu_rating.module.Edu`, which joins this to the
management side so that nothing here imports it.
"""

from cloudkitty import dataframe
from cloudkitty import rating
from oslo_log import log as logging

from edu_rating import conf as edu_conf
from edu_rating.db import api as db_api
from edu_rating.rating import pricing
from edu_rating import resources as catalogue

LOG = logging.getLogger(__name__)


def _with_price(point, price):
    """``point.set_price(price)`` without re-validating the point.

    set_price goes through DataPoint's constructor, which copies groupby
    and metadata into new ImmutableDicts: two thirds of the module's time
    per point. The point is valid already and ``price`` a Decimal, so the
    copy is built from the same fields directly.
    """
    return _DATAPOINT_BASE.__new__(type(point), point.unit, point.qty, price,
                                   point.groupby, point.metadata,
                                   point.description)


# The namedtuple DataPoint derives from (its own __new__ validates).
_DATAPOINT_BASE = dataframe.DataPoint.__mro__[1]


class EduProcessor(rating.RatingProcessorBase):
    """Rates allocations of schools and teachers (Edu Cloud)."""

    module_name = 'edu'
    description = ('Edu Cloud: rates capacity granted to schools and '
                   'teachers, by allocation.')
    hot_config = True
    # A class attribute: cloudkitty-dbsync reads it on the class that
    # stevedore loads, without instantiating the processor.
    db_api = db_api.get_instance()

    def __init__(self, tenant_id=None):
        super().__init__(tenant_id)
        edu_conf.register_opts()
        # {(version id as in the points, resource): unit price}. Versions
        # are immutable once in force, and a point only names a version
        # the collector read, so a miss means "new since": read it then.
        self._unit_prices = {}

    def reload_config(self, start=None):
        self._unit_prices = {}
        LOG.debug("edu module: rates cache cleared for scope %s",
                  self._tenant_id)

    def _load(self, version):
        rates = self.db_api.version_rates(int(version))
        for resource in catalogue.NAMES:
            self._unit_prices[version, resource] = pricing.unit_price(
                resource, rates.get(resource, pricing.ZERO))

    def _priced(self, point):
        groupby = point.groupby
        version = groupby.get('plan_version')
        if version is None or version == 'None':
            return point
        key = (version, groupby['resource'])
        unit_price = self._unit_prices.get(key)
        if unit_price is None:
            self._load(version)
            unit_price = self._unit_prices.get(key, pricing.ZERO)
        return _with_price(point, pricing.price_at(point.qty, unit_price))

    def process(self, data):
        frame = dataframe.DataFrame(start=data.start, end=data.end)
        for metric, points in data.itertypes():
            frame.add_points([self._priced(point) for point in points],
                             metric)
        return frame
