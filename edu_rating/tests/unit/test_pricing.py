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
"""The pricing function: examples, then properties over random ledgers."""

import datetime
import decimal

from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st
import testtools

from edu_rating.rating import pricing

D = decimal.Decimal
T0 = datetime.datetime(2027, 3, 1, tzinfo=datetime.timezone.utc)
MONTH = datetime.timedelta(days=31)
T1 = T0 + MONTH
RESOURCES = ('vcpu', 'ram_mb', 'disk_gb', 'instances')


def at(hours):
    return T0 + datetime.timedelta(hours=hours)


def flat(rates, start=T0, end=T1, currency='EUR', version_id=1):
    return [pricing.Rates(start, end, currency, rates, 1, version_id)]


class PriceTest(testtools.TestCase):

    def test_vcpu_hours(self):
        self.assertEqual(D('0.50'), pricing.price('vcpu', D(10), D('0.05')))

    def test_ram_is_priced_per_gib_hour(self):
        # 2048 MB for 3 hours = 6 GiB-hours.
        self.assertEqual(D('0.06'),
                         pricing.price('ram_mb', D(2048 * 3), D('0.01')))

    def test_price_is_exact(self):
        self.assertEqual(D('0.000000976562500000'),
                         pricing.price('ram_mb', D(1), D('0.001000')))

    def test_rounding_rule_is_half_up_to_the_minor_unit(self):
        self.assertEqual(D('0.13'), pricing.round_money(D('0.125'), 'EUR'))
        self.assertEqual(D('0.12'), pricing.round_money(D('0.1249'), 'EUR'))
        self.assertEqual(D('3'), pricing.round_money(D('2.5'), 'JPY'))

    def test_iso_4217(self):
        self.assertIn('CNY', pricing.currencies())
        self.assertNotIn('ABC', pricing.currencies())
        self.assertEqual(0, pricing.minor_unit('JPY'))


class LinesTest(testtools.TestCase):

    def test_a_grant_charges_whether_used_or_not(self):
        segment = pricing.Segment('vcpu', 4, at(0), at(10))
        (line,) = pricing.lines([segment], flat({'vcpu': D('0.05')}), T0, T1)
        self.assertEqual((36000, D(40), D('2.00'), D('2.00')),
                         (line.seconds, line.unit_hours, line.exact,
                          line.total))
        self.assertEqual(D(10), line.hours)

    def test_segments_are_cut_at_plan_versions(self):
        timeline = (flat({'vcpu': D('1')}, T0, at(5), version_id=1) +
                    flat({'vcpu': D('2')}, at(5), T1, version_id=2))
        segment = pricing.Segment('vcpu', 1, at(2), None)
        first, second = pricing.lines([segment], timeline, T0, at(10))
        self.assertEqual((at(2), at(5), D(3), 1),
                         (first.start, first.end, first.total,
                          first.version_id))
        self.assertEqual((at(5), at(10), D(10), 2),
                         (second.start, second.end, second.total,
                          second.version_id))

    def test_time_without_a_plan_is_free(self):
        segment = pricing.Segment('vcpu', 1, T0, None)
        self.assertEqual([], pricing.lines(
            [segment], flat({'vcpu': D(1)}, at(10), at(20)), T0, at(5)))

    def test_invoice_total_is_the_sum_of_rounded_lines(self):
        segments = [pricing.Segment('vcpu', 1, T0, at(1)),
                    pricing.Segment('disk_gb', 1, T0, at(1))]
        priced = pricing.lines(segments, flat({'vcpu': D('0.005'),
                                               'disk_gb': D('0.005')}),
                               T0, T1)
        self.assertEqual([D('0.01'), D('0.01')],
                         [line.total for line in priced])
        self.assertEqual(D('0.02'), pricing.total(priced))


class PlanPeriodsTest(testtools.TestCase):

    def test_own_plan_overrides_the_default_then_hands_back(self):
        periods = pricing.plan_periods(
            own=[(at(2), 7), (at(4), None)], default=[(T0 - MONTH, 1)],
            start=T0, end=at(6))
        self.assertEqual([(T0, at(2), 1), (at(2), at(4), 7),
                          (at(4), at(6), 1)], periods)

    def test_timeline_follows_each_plans_versions(self):
        periods = [(T0, at(2), 1), (at(2), at(6), 7)]
        versions = {1: [(T0 - MONTH, 10, {'vcpu': D(1)})],
                    7: [(T0, 70, {'vcpu': D(5)}), (at(3), 71,
                                                   {'vcpu': D(6)})]}
        rates = pricing.timeline(periods, versions, {1: 'EUR', 7: 'EUR'})
        self.assertEqual([(T0, at(2), 10), (at(2), at(3), 70),
                          (at(3), at(6), 71)],
                         [(r.start, r.end, r.version_id) for r in rates])


# Properties. Times are whole seconds within one month.
seconds_in_month = st.integers(min_value=0,
                               max_value=int(MONTH.total_seconds()))


def moment(seconds):
    return T0 + datetime.timedelta(seconds=seconds)


@st.composite
def ledgers(draw):
    """Segments of one payer: per resource, consecutive ledger rows."""
    segments = []
    for resource in RESOURCES:
        cuts = sorted(set(draw(st.lists(seconds_in_month, max_size=5))))
        amounts = draw(st.lists(st.integers(0, 10 ** 6),
                                min_size=len(cuts), max_size=len(cuts)))
        for index, (cut, amount) in enumerate(zip(cuts, amounts)):
            end = (moment(cuts[index + 1]) if index + 1 < len(cuts)
                   else draw(st.sampled_from([None, T1])))
            segments.append(pricing.Segment(resource, amount, moment(cut),
                                            end, allocation_id=len(segments)))
    return segments


rates_values = st.decimals(min_value=0, max_value=1000, places=6,
                           allow_nan=False, allow_infinity=False)


@st.composite
def timelines(draw):
    """Plan versions (and gaps without a plan) over the month."""
    cuts = sorted(set(draw(st.lists(seconds_in_month, max_size=4))) |
                  {0, int(MONTH.total_seconds())})
    result = []
    for index, (lower, upper) in enumerate(zip(cuts, cuts[1:])):
        if draw(st.booleans()) or index == 0:
            rates = {r: draw(rates_values) for r in RESOURCES}
            result.append(pricing.Rates(moment(lower), moment(upper),
                                        draw(st.sampled_from(['EUR', 'JPY',
                                                              'CNY'])),
                                        rates, 1, index))
    return result


def partition(draw_cuts):
    bounds = sorted(set(draw_cuts) | {0, int(MONTH.total_seconds())})
    return [(moment(a), moment(b)) for a, b in zip(bounds, bounds[1:])]


class PropertiesTest(testtools.TestCase):

    @settings(max_examples=300, deadline=None)
    @given(ledgers(), timelines(), st.lists(seconds_in_month, max_size=8))
    def test_invoices_over_any_partition_add_up_to_the_whole(
            self, segments, timeline, cuts):
        whole = pricing.lines(segments, timeline, T0, T1)
        parts = [line for lower, upper in partition(cuts)
                 for line in pricing.lines(segments, timeline, lower,
                                           upper)]

        # No second counted twice or lost, per segment.
        def seconds(priced):
            counted = {}
            for line in priced:
                key = (line.allocation_id, line.version_id)
                counted[key] = counted.get(key, 0) + line.seconds
            return counted
        self.assertEqual(seconds(whole), seconds(parts))
        # Exact prices: equal up to proration's 12-decimal quantum on each
        # piece's unit-hours (times its rate; RAM divides by 1024 too).
        bound = sum((D('5E-13') * line.rate for line in parts), D(0))
        self.assertLessEqual(
            abs(sum(x.exact for x in whole) - sum(x.exact for x in parts)),
            bound + sum((D('5E-13') * line.rate for line in whole), D(0)))
        # Rounded totals: each line is off by at most half a minor unit.
        half_units = sum(
            (D(1).scaleb(-pricing.minor_unit(line.currency)) / 2
             for line in whole + parts), D(0))
        self.assertLessEqual(
            abs(pricing.total(whole) - pricing.total(parts)), half_units)

    @settings(max_examples=200, deadline=None)
    @given(ledgers(), timelines())
    def test_every_line_has_one_rate_of_its_version(self, segments,
                                                    timeline):
        for line in pricing.lines(segments, timeline, T0, T1):
            (rates,) = [r for r in timeline if r.version_id ==
                        line.version_id]
            self.assertTrue(rates.start <= line.start < line.end
                            <= rates.end)
            self.assertEqual(rates.rate(line.resource), line.rate)
            self.assertEqual(pricing.round_money(line.exact, line.currency),
                             line.total)

    @settings(max_examples=200, deadline=None)
    @given(st.lists(st.tuples(seconds_in_month,
                              st.one_of(st.none(), st.integers(1, 4))),
                    max_size=6),
           st.lists(st.tuples(seconds_in_month, st.integers(5, 8)),
                    min_size=1, max_size=4))
    def test_plan_periods_tile_the_time_with_a_default(self, own, default):
        own = [(moment(s), p) for s, p in own]
        default = [(T0, 9)] + [(moment(s), p) for s, p in default]
        periods = pricing.plan_periods(own, default, T0, T1)
        self.assertEqual(T0, periods[0][0])
        self.assertEqual(T1, periods[-1][1])
        for (_, end, _), (start, _, _) in zip(periods, periods[1:]):
            self.assertEqual(end, start)
        for lower, upper, plan_id in periods:
            own_now = [p for s, p in sorted(own, key=lambda x: x[0])
                       if s <= lower]
            if own_now and own_now[-1] is not None:
                self.assertEqual(own_now[-1], plan_id)
            else:
                self.assertGreaterEqual(plan_id, 5)


class ApportionTest(testtools.TestCase):

    def line(self, exact, currency='EUR'):
        return pricing.Line('vcpu', 1, T0, T1, 1, D(1), D(1), currency,
                            D(exact), pricing.round_money(D(exact),
                                                          currency))

    def test_lines_add_up_to_the_rounded_exact_sum(self):
        # Rounded one by one: 0.01 x 3 = 0.03, but the sum is 0.015 -> 0.02.
        lines = [self.line('0.005')] * 3
        self.assertEqual([D('0.01')] * 3, [x.total for x in lines])
        totals = [x.total for x in pricing.apportion(lines)]
        self.assertEqual([D('0.01'), D('0.01'), D('0.00')], totals)
        self.assertEqual(D('0.02'), sum(totals))

    @settings(max_examples=300, deadline=None)
    @given(st.lists(st.decimals(min_value=0, max_value=10 ** 6, places=9,
                                allow_nan=False, allow_infinity=False),
                    min_size=1, max_size=30),
           st.sampled_from(['EUR', 'JPY', 'KWD']))
    def test_total_is_the_rounded_exact_sum_and_lines_stay_close(
            self, exacts, currency):
        lines = pricing.apportion([self.line(e, currency) for e in exacts])
        quantum = D(1).scaleb(-pricing.minor_unit(currency))
        self.assertEqual(pricing.round_money(sum(D(e) for e in exacts),
                                             currency),
                         pricing.total(lines))
        for line in lines:
            self.assertLess(abs(line.total - line.exact), quantum)
