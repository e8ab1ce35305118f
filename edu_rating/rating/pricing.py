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
"""What a granted hour costs: the one pricing function, pure (no I/O).

The rating processor prices CloudKitty's points with :func:`price`; the
invoices price ledger segments with :func:`lines`, which calls the same
function. A point or a line is one resource of one ledger segment over a
stretch of time in which one plan version applies.

Rates are per *price unit*-hour (a vCPU-hour, a GiB-of-RAM-hour, a
GB-of-disk-hour, an instance-hour); grants are in grant units (MB of RAM),
so ``price = unit_hours / units_per_price_unit * rate``. That is exact in
Decimal: 1024 is a power of two, and a rate has at most
:data:`RATE_PLACES` decimals.

Rounding (the one rule): an invoice's total is the exact sum of its lines
rounded half-up to the currency's minor unit (ISO 4217: 2 decimals for
EUR, 0 for JPY), and its lines' totals are that total apportioned by the
largest remainder: each line's exact price truncated to the minor unit,
plus one unit for the lines with the largest remainders until they add up
(:func:`apportion`). So total = the sum of the lines, and no invoice is
off its exact price by more than half a minor unit. Points in CloudKitty
keep the unrounded price.
"""

import dataclasses
import datetime
import decimal

from babel import numbers as babel_numbers

from edu_rating.rating import proration
from edu_rating import resources as catalogue
from edu_rating import utc

ONE_SECOND = datetime.timedelta(seconds=1)
RATE_PLACES = 6
MAX_RATE = decimal.Decimal(10) ** 9
ZERO = decimal.Decimal(0)
# Enough digits for any amount over a century at any rate: every product
# and quotient below is exact.
_PRECISION = 80
_EXACT = decimal.Context(prec=_PRECISION)


def currencies():
    """The ISO 4217 codes a plan may be written in."""
    return babel_numbers.list_currencies()


def minor_unit(currency):
    """Decimals of the currency's minor unit (2 for EUR, 0 for JPY)."""
    return babel_numbers.get_currency_precision(currency)


def round_money(value, currency):
    """The documented rule: half-up to the currency's minor unit."""
    quantum = decimal.Decimal(1).scaleb(-minor_unit(currency))
    return value.quantize(quantum, rounding=decimal.ROUND_HALF_UP)


def unit_price(resource, rate):
    """What one grant unit-hour costs at ``rate`` (exact: 1024 is 2^10)."""
    return _EXACT.divide(rate, catalogue.get(resource).units_per_price_unit)


def price_at(unit_hours, price_per_unit_hour):
    """``unit_hours`` at a :func:`unit_price`, exact and unrounded."""
    return _EXACT.multiply(decimal.Decimal(unit_hours), price_per_unit_hour)


def price(resource, unit_hours, rate):
    """What ``unit_hours`` (grant units x hours) cost at ``rate``.

    :param rate: per price-unit-hour of the resource, a Decimal.
    :returns: the exact, unrounded price as a Decimal. The processor,
        pricing many points at one rate, keeps the :func:`unit_price` and
        calls :func:`price_at`: the same arithmetic.
    """
    return price_at(unit_hours, unit_price(resource, rate))


@dataclasses.dataclass(frozen=True)
class Segment(object):
    """One resource of a payer's grant, constant from ``start`` to ``end``.

    ``end`` is None while the grant still holds.
    """
    resource: str
    amount: int
    start: datetime.datetime
    end: datetime.datetime = None
    allocation_id: int = None


@dataclasses.dataclass(frozen=True)
class Rates(object):
    """A plan version's rates over the stretch of time it applies."""
    start: datetime.datetime
    end: datetime.datetime
    currency: str
    rates: dict
    plan_id: int = None
    version_id: int = None

    def rate(self, resource):
        return self.rates.get(resource, ZERO)


@dataclasses.dataclass(frozen=True)
class Line(object):
    """A priced piece: one segment under one plan version."""
    resource: str
    amount: int
    start: datetime.datetime
    end: datetime.datetime
    seconds: int
    unit_hours: decimal.Decimal
    rate: decimal.Decimal
    currency: str
    exact: decimal.Decimal
    total: decimal.Decimal
    allocation_id: int = None
    plan_id: int = None
    version_id: int = None

    @property
    def hours(self):
        return hours(self.seconds)


def steps(changes, start, end):
    """A step function as intervals clipped to ``[start, end)``.

    :param changes: ``(effective_from, value)`` pairs; each value holds
        until the next one's ``effective_from``.
    :returns: ``[(from, to, value)]`` covering what the changes cover of
        ``[start, end)``, in time order; time before the first change is
        left out.
    """
    start, end = utc.normalize(start), utc.normalize(end)
    ordered = sorted(((utc.normalize(when), value)
                      for when, value in changes), key=lambda c: c[0])
    result = []
    for index, (when, value) in enumerate(ordered):
        until = (ordered[index + 1][0] if index + 1 < len(ordered)
                 else end)
        lower, upper = max(when, start), min(until, end)
        if lower < upper:
            result.append((lower, upper, value))
    return result


def plan_periods(own, default, start, end):
    """Which plan applies when: the payer's own, else their issuer's default.

    :param own: ``(effective_from, plan_id or None)`` of the payer's own
        assignments (None hands them back to the default).
    :param default: ``(effective_from, plan_id)`` of the issuer's default.
    :returns: ``[(from, to, plan_id)]``, neighbours with one plan merged.
    """
    cuts = sorted({utc.normalize(start), utc.normalize(end)} |
                  {utc.normalize(when) for when, _ in list(own) + list(default)
                   if utc.normalize(start) < utc.normalize(when) <
                   utc.normalize(end)})

    def at(intervals, moment):
        for lower, upper, value in intervals:
            if lower <= moment < upper:
                return value
        return None

    own_steps, default_steps = steps(own, start, end), steps(default, start,
                                                             end)
    result = []
    for lower, upper in zip(cuts, cuts[1:]):
        plan_id = at(own_steps, lower)
        if plan_id is None:
            plan_id = at(default_steps, lower)
        if plan_id is None:
            continue
        if result and result[-1][2] == plan_id and result[-1][1] == lower:
            result[-1] = (result[-1][0], upper, plan_id)
        else:
            result.append((lower, upper, plan_id))
    return result


def timeline(periods, versions, currencies_by_plan):
    """The rates in force, as :class:`Rates` intervals.

    :param periods: :func:`plan_periods`' answer.
    :param versions: ``{plan_id: [(effective_from, version_id, rates)]}``.
    :param currencies_by_plan: ``{plan_id: currency}``.
    """
    result = []
    for lower, upper, plan_id in periods:
        changes = [(when, (version_id, rates))
                   for when, version_id, rates in versions.get(plan_id, ())]
        for v_lower, v_upper, (version_id, rates) in steps(changes, lower,
                                                           upper):
            result.append(Rates(v_lower, v_upper,
                                currencies_by_plan[plan_id], rates,
                                plan_id, version_id))
    return result


def lines(segments, rates_timeline, start, end):
    """Priced lines of ledger segments over ``[start, end)``.

    Each segment is cut at the plan versions' boundaries, so every line has
    exactly one rate. Time covered by no plan is free and makes no line.
    """
    result = []
    for segment in segments:
        for rates in rates_timeline:
            lower = max(utc.normalize(start), rates.start)
            upper = min(utc.normalize(end), rates.end)
            seconds = proration.overlap_seconds(segment.start, segment.end,
                                                lower, upper)
            if seconds == 0 or segment.amount == 0:
                continue
            piece_start = max(utc.normalize(segment.start), lower)
            unit_hours = proration.unit_hours(segment.amount, seconds)
            rate = rates.rate(segment.resource)
            exact = price(segment.resource, unit_hours, rate)
            result.append(Line(
                resource=segment.resource, amount=segment.amount,
                start=piece_start,
                end=piece_start + datetime.timedelta(seconds=seconds),
                seconds=seconds, unit_hours=unit_hours, rate=rate,
                currency=rates.currency, exact=exact,
                total=round_money(exact, rates.currency),
                allocation_id=segment.allocation_id, plan_id=rates.plan_id,
                version_id=rates.version_id))
    result.sort(key=lambda line: (line.start, line.resource))
    return result


def hours(seconds):
    """Seconds as (exact) hours."""
    return decimal.Decimal(seconds) / proration.SECONDS_PER_HOUR


def apportion(priced_lines):
    """The lines with totals that add up to their rounded exact sum.

    All lines in one currency. Largest remainder; ties go to the earlier
    line, so the result depends on the lines only.
    """
    if not priced_lines:
        return []
    currency = priced_lines[0].currency
    quantum = decimal.Decimal(1).scaleb(-minor_unit(currency))
    floors = [line.exact.quantize(quantum, rounding=decimal.ROUND_DOWN)
              for line in priced_lines]
    target = round_money(sum((line.exact for line in priced_lines), ZERO),
                         currency)
    extra = int((target - sum(floors, ZERO)) / quantum)
    by_remainder = sorted(range(len(priced_lines)),
                          key=lambda i: (floors[i] - priced_lines[i].exact,
                                         i))
    totals = list(floors)
    for index in by_remainder[:extra]:
        totals[index] += quantum
    return [dataclasses.replace(line, total=line_total)
            for line, line_total in zip(priced_lines, totals)]


def total(priced_lines):
    """An invoice's total: the sum of its (apportioned) lines."""
    return sum((line.total for line in priced_lines), ZERO)
