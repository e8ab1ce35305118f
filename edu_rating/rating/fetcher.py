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
pay their school. A payer is listed while it has something to rate: a
non-zero grant in force, or one that ended after the last period
CloudKitty rated for it (a disabled payer's grants stay open, so it is
still charged). The others, which hold no grant, are left out: rating
them would store nothing, period after period, for every payer that ever
was. When one is granted something again, CloudKitty goes on from the
period holding the grant instead of rating every empty period between.
"""

from cloudkitty import fetcher
from oslo_log import log as logging

from edu_rating.db import api as db_api
from edu_rating.rating import state as rating_state
from edu_rating import utc

LOG = logging.getLogger(__name__)


class EduFetcher(fetcher.BaseFetcher):

    name = 'edu'

    def __init__(self):
        self._db = db_api.get_instance()
        # The payers listed last time (None before the first time).
        self._listed = None

    def get_tenants(self):
        payers = [school.domain_id for school in self._db.list_schools()]
        payers += [teacher.project_id for teacher in self._db.list_teachers()]
        now = utc.now()
        ends = self._db.grants_end(db_api.PAYER_SCOPE_TYPES)
        rated = rating_state.rated_until()
        start = rating_state.month_start(now)
        due = [payer for payer in payers if payer in ends and (
            ends[payer] is None or ends[payer] > rated.get(payer, start))]
        # Those listed last time are being rated period by period already.
        back = [payer for payer in due
                if self._listed is None or payer not in self._listed]
        self._skip_idle_periods(back, rated, start, now)
        self._listed = set(due)
        LOG.info("edu fetcher: %d scope(s) to rate, %d without a grant "
                 "left out", len(due), len(payers) - len(due))
        return due

    def _skip_idle_periods(self, payers, rated, start, now):
        """Move payers that come back past their periods without charges."""
        if not payers:
            return
        rated_to = {payer: rated.get(payer, start) for payer in payers}
        rows = self._db.allocations_in_period(
            payers, db_api.PAYER_SCOPE_TYPES, min(rated_to.values()), now)
        # The first non-zero grant reaching past what was rated (rows come
        # oldest first); one that started before is charged there already.
        charged_from = {}
        for row in rows:
            if row.amount > 0 and (row.effective_to is None or
                                   row.effective_to > rated_to[row.scope_id]):
                charged_from.setdefault(row.scope_id, row.effective_from)
        for payer, moment in charged_from.items():
            rating_state.skip_to(payer, rated.get(payer), moment)
