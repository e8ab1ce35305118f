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
"""The ``edu`` collector: allocation ledger segments as CloudKitty points.

Billing is by allocation, not usage: for a payer scope (a school domain or
a teacher project) and a period, each ledger segment of a resource that
overlaps the period yields one point of ``amount * seconds / 3600``
unit-hours (see :mod:`edu_rating.rating.proration`) per version of the
payer's price plan in force, so that every point has exactly one rate
(its ``plan_version``). A processor catching up late therefore rates
history exactly as it was granted and priced.

metrics.yml names the resource per metric with ``extra_args.resource``
(default: the metric's name).
"""

from cloudkitty import collector
from oslo_config import cfg
from oslo_log import log as logging
from voluptuous import In
from voluptuous import Optional
from voluptuous import Required
from voluptuous import Schema

from edu_rating.db import api as db_api
from edu_rating.rating import plans
from edu_rating import resources as catalogue
from edu_rating import utc

LOG = logging.getLogger(__name__)
CONF = cfg.CONF

EDU_EXTRA_SCHEMA = {
    Required('extra_args', default={}): {
        Optional('resource'): In(catalogue.NAMES),
    },
}

# Without these the storage would merge distinct segments of a scope, or
# pieces of one segment priced by different plan versions.
MANDATORY_GROUPBY = ('resource', 'allocation_id', 'plan_version')
# What a point can say about its segment, besides the scope key.
SEGMENT_ATTRIBUTES = ('scope_type', 'resource', 'allocation_id', 'amount',
                      'segment_start', 'segment_end', 'plan_version')


def metric_resource(metric_name, metric_conf):
    """The ledger resource a metric rates."""
    default = metric_name.split('@#')[0]
    return metric_conf['extra_args'].get('resource', default)


def segment_attributes(scope_type, line):
    return {
        'scope_type': scope_type,
        'resource': line.resource,
        'allocation_id': str(line.allocation_id),
        'amount': str(line.amount),
        'segment_start': line.start.isoformat(),
        'segment_end': line.end.isoformat(),
        'plan_version': str(line.version_id),
    }


class EduCollector(collector.BaseCollector):

    collector_name = 'edu'

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._db = db_api.get_instance()

    @staticmethod
    def check_configuration(conf):
        conf = collector.BaseCollector.check_configuration(conf)
        metric_schema = Schema(collector.METRIC_BASE_SCHEMA).extend(
            EDU_EXTRA_SCHEMA)
        known = set(SEGMENT_ATTRIBUTES) | {CONF.collect.scope_key}

        output = {}
        for metric_name, metric in conf.items():
            met = metric_schema(metric)
            for key in MANDATORY_GROUPBY:
                if key not in met['groupby']:
                    met['groupby'].append(key)
            unknown = (set(met['groupby']) | set(met['metadata'])) - known
            if unknown:
                raise collector.InvalidConfiguration(
                    'Metric {}: the edu collector cannot provide {}; '
                    'choose among {}'.format(
                        metric_name, sorted(unknown), sorted(known)))
            if met['factor'] != 1 or met['offset'] != 0:
                raise collector.InvalidConfiguration(
                    'Metric {}: the edu collector reports grant unit-hours '
                    'that the edu module prices as they are; remove factor '
                    'and offset'.format(metric_name))
            if metric_resource(metric_name, met) not in (
                    catalogue.NAMES):
                raise collector.InvalidConfiguration(
                    'Metric {}: set extra_args.resource to one of {}'.format(
                        metric_name, list(catalogue.NAMES)))
            output[metric_name] = met
        return output

    def fetch_all(self, metric_name, start, end,
                  project_id=None, q_filter=None):
        met = self.conf[metric_name]
        resource = metric_resource(metric_name, met)
        start, end = utc.normalize(start), utc.normalize(end)
        # One point per segment and plan version: a released grant (0), a
        # segment touching the period only at a boundary, or time no plan
        # covers costs nothing and makes no point.
        scope, lines = plans.charges(self._db, project_id, start, end,
                                     resource=resource)
        points = []
        for line in lines:
            attrs = segment_attributes(scope.type, line)
            attrs[CONF.collect.scope_key] = project_id
            groupby = {k: attrs[k] for k in met['groupby']}
            metadata = {k: attrs[k] for k in met['metadata']}
            points.append(self._create_data_point(
                met, line.unit_hours, 0, groupby, metadata, start))
        LOG.debug("edu collector: %d point(s) of %s for scope %s in "
                  "[%s, %s)", len(points), resource, project_id, start, end)
        return points
