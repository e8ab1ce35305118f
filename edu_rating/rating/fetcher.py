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
"""The ``edu`` fetcher: the payers CloudKitty should rate.

Schools (their domain ids) pay the platform; teachers (their project ids)
pay their school. Disabled ones are still listed: their ledger may hold
segments not yet rated, and the collector simply finds nothing once their
grants are closed.
"""

from cloudkitty import fetcher
from oslo_log import log as logging

from edu_rating.db import api as db_api

LOG = logging.getLogger(__name__)


class EduFetcher(fetcher.BaseFetcher):

    name = 'edu'

    def __init__(self):
        self._db = db_api.get_instance()

    def get_tenants(self):
        scopes = [school.domain_id for school in self._db.list_schools()]
        scopes += [teacher.project_id for teacher in self._db.list_teachers()]
        LOG.info("edu fetcher: %d scope(s) to rate", len(scopes))
        return scopes
