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
"""Where CloudKitty starts rating a payer, and rates one again.

CloudKitty rates a scope it has no state for from the start of the month,
one ``[collect] period`` at a time, before it reaches today: for a school
created on the 30th, thousands of empty periods. A payer has no grant
before it exists, so its state can start at the period holding its first
grant instead. Written through CloudKitty's own StateManager, on the
period grid CloudKitty uses (month start + k periods). A payer granted
something again after a time without a grant goes on in the same way, at
the period holding the new grant. A back-dated correction of a payer
already rated has CloudKitty reprocess it.
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


def period_holding(moment, period):
    """The start of CloudKitty's period holding ``moment``."""
    start = month_start(moment)
    elapsed = (utc.normalize(moment) - start).total_seconds()
    return start + datetime.timedelta(seconds=(elapsed // period) * period)


def last_rated_before(moment, period):
    """The start of the period before the one holding ``moment``.

    None when that would precede the month: CloudKitty starts there anyway.
    """
    holding = period_holding(moment, period)
    if holding == month_start(moment):
        return None
    return holding - datetime.timedelta(seconds=period)


def month_start(moment):
    """Where CloudKitty starts a scope it has no state for."""
    return utc.normalize(tzutils.get_month_start(moment))


def _state_keys():
    """Which of CloudKitty's states is ours (its processor's settings)."""
    return dict(fetcher=CONF.fetcher.backend,
                collector=CONF.collect.collector,
                scope_key=CONF.collect.scope_key)


def start_rating_at(scope_id, moment):
    """Make CloudKitty rate a new payer from the period holding ``moment``.

    Leaves a scope CloudKitty already knows alone. Best effort: without it
    the payer is still rated, only later.
    """
    last = last_rated_before(moment, CONF.collect.period)
    if last is None:
        return
    manager = storage_state.StateManager()
    keys = _state_keys()
    try:
        if manager.get_last_processed_timestamp(scope_id, **keys) is None:
            manager.set_last_processed_timestamp(scope_id, last, **keys)
    except Exception as error:  # noqa: the payer still gets rated later
        LOG.warning("edu: could not set where CloudKitty starts rating "
                    "%(scope)s: %(error)s", {'scope': scope_id,
                                             'error': error})


def rated_until():
    """``{scope_id: end of the last period CloudKitty rated}``, ours only."""
    period = datetime.timedelta(seconds=CONF.collect.period)
    states = storage_state.StateManager().get_all(active=None, limit=None,
                                                  **_state_keys())
    return {state.identifier:
            utc.normalize(state.last_processed_timestamp) + period
            for state in states}


def skip_to(scope_id, rated_to, charged_from):
    """Have CloudKitty go on at the period holding ``charged_from``.

    For a payer that was left out while it held no grant (see the fetcher):
    nothing is charged from ``rated_to``, where CloudKitty stopped, to
    ``charged_from``, and rating those periods one by one would only store
    nothing, period after period. A compare-and-set, so that the state of a
    scope another processor has rated meanwhile never moves back.

    :param rated_to: the end of what CloudKitty rated; None if it has no
        state for the payer (then :func:`start_rating_at` applies).
    """
    period = datetime.timedelta(seconds=CONF.collect.period)
    if rated_to is None:
        start_rating_at(scope_id, charged_from)
        return
    target = last_rated_before(charged_from, CONF.collect.period)
    last = rated_to - period
    if target is None or target <= last:
        return
    from cloudkitty import db as ck_db
    from cloudkitty.storage_state import models as state_models
    model = state_models.IdentifierState
    keys = _state_keys()
    try:
        with ck_db.session_for_write() as session:
            moved = session.query(model).filter(
                model.identifier == scope_id,
                model.fetcher == keys['fetcher'],
                model.collector == keys['collector'],
                model.scope_key == keys['scope_key'],
                model.last_processed_timestamp == last.replace(tzinfo=None),
            ).update({'last_processed_timestamp': target.replace(
                tzinfo=None)}, synchronize_session=False)
    except Exception as error:  # noqa: it is then rated period by period
        LOG.warning("edu: could not skip the periods without charges of "
                    "%(scope)s: %(error)s", {'scope': scope_id,
                                             'error': error})
        return
    if moved:
        LOG.info("edu: %(scope)s has no charges from %(from)s to %(to)s; "
                 "CloudKitty goes on rating it from there",
                 {'scope': scope_id, 'from': rated_to,
                  'to': target + period})


def rerate_from(scope_id, moment, reason):
    """Have CloudKitty rate a payer again from the period holding ``moment``.

    After a back-dated correction of the payer's ledger: what CloudKitty
    already rated from then on is stale. This schedules CloudKitty's own
    reprocessing (``POST /v2/task/reprocesses`` does the same), which
    deletes the scope's stored points in the span and rates it again. The
    span ends one period past the last one rated, so that the period the
    processor rates next is rewritten identically rather than left stale.
    Nothing to do when CloudKitty has not rated that far yet.

    :returns: ``(start, end)`` scheduled, or None.
    """
    from cloudkitty.storage_state import models as state_models
    period = datetime.timedelta(seconds=CONF.collect.period)
    start = period_holding(moment, CONF.collect.period)
    keys = _state_keys()
    try:
        last = storage_state.StateManager().get_last_processed_timestamp(
            scope_id, **keys)
        if last is None or utc.normalize(last) < start:
            return None
        end = utc.normalize(last) + period
        storage_state.ReprocessingSchedulerDb().persist(
            state_models.ReprocessingScheduler(
                identifier=scope_id, reason=reason[:255],
                start_reprocess_time=start.replace(tzinfo=None),
                end_reprocess_time=end.replace(tzinfo=None)))
        return start, end
    except Exception as error:  # noqa: the ledger change stands
        LOG.error("edu: could not have CloudKitty rate %(scope)s again "
                  "from %(start)s: %(error)s; its reports disagree with "
                  "the invoices until it is reprocessed (POST "
                  "/v2/task/reprocesses)",
                  {'scope': scope_id, 'start': start, 'error': error})
        return None
