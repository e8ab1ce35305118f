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

The class CloudKitty loads (with the Education API as its config
controller) is :class:`edu_rating.module.Edu`, which joins this to the
management side so that nothing here imports it.
"""

from cloudkitty import dataframe
from cloudkitty import rating
from oslo_log import log as logging

from edu_rating import conf as edu_conf
from edu_rating.db import api as db_api

LOG = logging.getLogger(__name__)


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

    def reload_config(self, start=None):
        # Nothing cached yet; price plans will be loaded here once the
        # module prices segments.
        LOG.debug("edu module: configuration reloaded for scope %s",
                  self._tenant_id)

    def process(self, data):
        # Pass-through until price plans exist (a later issue): the points
        # keep their quantities and prices, in a new frame as CloudKitty
        # expects from every processor.
        frame = dataframe.DataFrame(start=data.start, end=data.end)
        for metric, points in data.itertypes():
            frame.add_points(list(points), metric)
        return frame
