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
"""Where CloudKitty starts rating a new payer.

CloudKitty rates a scope it has no state for from the start of the month,
one ``[collect] period`` at a time, before it reaches today: for a school
created on the 30th, thousands of empty periods. A payer has no grant
before it exists, so its state can start at the period holding its first
grant instead. Written through CloudKitty's own StateManager, on the
period grid CloudKitty uses (month start + k periods).
"""

import datetime

from cloudkitty import collector as ck_collector  # noqa: registers [collect]
from cloudkitty import fetcher as ck_fetcher  # noqa: registers [fetcher]
from cloudkitty import storage_state
from cloudkitty.utils import tz as tzutils
from oslo_config import cfg
from oslo_log import log as logging

from edu_rating import utc

CONF = cfg.CONF
LOG = logging.getLogger(__name__)


def last_rated_before(moment, period):
    """The start of the period before the one holding ``moment``.

    None when that would precede the month: CloudKitty starts there anyway.
    """
    month_start = utc.normalize(tzutils.get_month_start(moment))
    elapsed = (utc.normalize(moment) - month_start).total_seconds()
    periods = int(elapsed // period)
    if periods < 1:
        return None
    return month_start + datetime.timedelta(seconds=(periods - 1) * period)


def start_rating_at(scope_id, moment):
    """Make CloudKitty rate a new payer from the period holding ``moment``.

    Leaves a scope CloudKitty already knows alone. Best effort: without it
    the payer is still rated, only later.
    """
    last = last_rated_before(moment, CONF.collect.period)
    if last is None:
        return
    manager = storage_state.StateManager()
    keys = dict(fetcher=CONF.fetcher.backend,
                collector=CONF.collect.collector,
                scope_key=CONF.collect.scope_key)
    try:
        if manager.get_last_processed_timestamp(scope_id, **keys) is None:
            manager.set_last_processed_timestamp(scope_id, last, **keys)
    except Exception as error:  # noqa: the payer still gets rated later
        LOG.warning("edu: could not set where CloudKitty starts rating "
                    "%(scope)s: %(error)s", {'scope': scope_id,
                                             'error': error})
