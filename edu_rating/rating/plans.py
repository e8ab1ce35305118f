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
"""Which rates a payer pays by, read from the plans in our database.

Used by the collector (to cut points at plan-version boundaries), the
processor (to price them) and the invoices, so that all three read the
plans the same way; the arithmetic is :mod:`edu_rating.rating.pricing`'s.
"""

from edu_rating.db import api as db_api
from edu_rating.rating import pricing


def issuer_of(db, scope):
    """``(issuer_id, payer_id)`` of a payer scope.

    A school pays the platform; a teacher pays their school.
    """
    if scope.type == 'school':
        return db_api.PLATFORM, scope.id
    if scope.type == 'teacher':
        return db.get_teacher(scope.id).school.domain_id, scope.id
    raise db_api.InvalidScope(scope.type)


def rates_timeline(db, scope, start, end, cache=None):
    """The :class:`~pricing.Rates` in force for a payer over ``[start, end)``.

    Four queries whatever the span: the assignments, the plans' versions
    with their rates, and the plans' currencies. With ``cache`` (a dict
    kept for one pass over many payers) payers under the same plans share
    the last three.
    """
    issuer_id, payer_id = issuer_of(db, scope)
    assigned = db.assignments(issuer_id, [payer_id, db_api.DEFAULT_PAYER])
    return _timeline(db, assigned[payer_id], assigned[db_api.DEFAULT_PAYER],
                     start, end, cache)


def _timeline(db, own, default, start, end, cache):
    cache = {} if cache is None else cache
    periods = pricing.plan_periods(own, default, start, end)
    key = ('timeline', tuple(periods))
    if key not in cache:
        plans = _plans(db, tuple(sorted({p for _, _, p in periods})), cache)
        cache[key] = pricing.timeline(periods, *plans)
    return cache[key]


def _plans(db, plan_ids, cache):
    """``(versions, currencies)`` of plans, read once per pass.

    Payers assigned at other moments still share their plans.
    """
    key = ('plans', plan_ids)
    if key not in cache:
        currencies = {plan.id: plan.currency
                      for plan in db.plans_by_id(list(plan_ids))}
        cache[key] = (db.plan_versions(list(plan_ids)), currencies)
    return cache[key]


def in_force(db, scope, moment):
    """The Rates in force for a payer at ``moment``, or None."""
    found = rates_timeline(db, scope, moment,
                           moment + pricing.ONE_SECOND)
    return found[0] if found else None


def _segments(rows):
    return [pricing.Segment(row.resource, row.amount, row.effective_from,
                            row.effective_to, row.id) for row in rows]


def charges(db, scope_id, start, end, resource=None, cache=None):
    """Priced lines of a payer's grants over ``[start, end)``.

    One place for what the collector emits and the invoices bill: the
    ledger's segments cut at plan versions, priced by pricing.lines.
    :returns: ``(scope, lines)``; ``scope`` is None for no grant at all.
    """
    rows = db.allocations_in_period([scope_id], db_api.PAYER_SCOPE_TYPES,
                                    start, end, resource=resource)
    if not rows:
        return None, []
    scope = db_api.Scope(rows[0].scope_type, scope_id)
    timeline = rates_timeline(db, scope, start, end, cache)
    return scope, pricing.lines(_segments(rows), timeline, start, end)


def charges_many(db, issuer_id, windows, cache=None):
    """:func:`charges` of many payers of one issuer, each over its windows.

    :param windows: ``(payer_id, start, end)`` triples.
    :returns: ``{(payer_id, start, end): lines}``.
    Two queries (the ledger, the assignments) whatever the number of
    payers, plus the plans' (shared through ``cache``).
    """
    windows = list(windows)
    if not windows:
        return {}
    payer_ids = sorted({payer_id for payer_id, _, _ in windows})
    rows = db.allocations_in_period(
        payer_ids, db_api.PAYER_SCOPE_TYPES,
        min(start for _, start, _ in windows),
        max(end for _, _, end in windows))
    by_payer = {}
    for row in rows:
        by_payer.setdefault(row.scope_id, []).append(row)
    assigned = db.assignments(issuer_id, payer_ids + [db_api.DEFAULT_PAYER])
    result = {}
    for payer_id, start, end in windows:
        segments = _segments(by_payer.get(payer_id, ()))
        if not segments:
            result[payer_id, start, end] = []
            continue
        timeline = _timeline(db, assigned[payer_id],
                             assigned[db_api.DEFAULT_PAYER], start, end,
                             cache)
        result[payer_id, start, end] = pricing.lines(segments, timeline,
                                                     start, end)
    return result
