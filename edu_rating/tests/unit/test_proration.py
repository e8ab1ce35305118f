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
import datetime
import decimal
import fractions

import testtools

from edu_rating.rating import proration
from edu_rating.tests.unit.base import utc

D = decimal.Decimal
START = utc(2025, 3, 1, 0, 0, 0)
END = utc(2025, 3, 1, 1, 0, 0)
HALF_PLACE = fractions.Fraction(1, 2 * 10 ** proration.QTY_PLACES)


def seconds(n):
    return datetime.timedelta(seconds=n)


class OverlapSecondsTest(testtools.TestCase):

    def test_segment_covering_the_period(self):
        self.assertEqual(3600, proration.overlap_seconds(
            START - seconds(10), END + seconds(10), START, END))

    def test_open_segment_runs_to_the_period_end(self):
        self.assertEqual(1800, proration.overlap_seconds(
            START + seconds(1800), None, START, END))

    def test_open_segment_starting_after_the_period(self):
        self.assertEqual(0, proration.overlap_seconds(
            END + seconds(1), None, START, END))

    def test_segment_ending_exactly_at_period_start_is_excluded(self):
        # Periods are half-open: [start, end).
        self.assertEqual(0, proration.overlap_seconds(
            START - seconds(60), START, START, END))

    def test_segment_starting_exactly_at_period_end_is_excluded(self):
        self.assertEqual(0, proration.overlap_seconds(END, None, START, END))

    def test_partial_overlap_at_the_start(self):
        self.assertEqual(61, proration.overlap_seconds(
            START - seconds(100), START + seconds(61), START, END))

    def test_partial_overlap_at_the_end(self):
        self.assertEqual(1, proration.overlap_seconds(
            END - seconds(1), END + seconds(100), START, END))

    def test_segment_inside_the_period(self):
        self.assertEqual(7, proration.overlap_seconds(
            START + seconds(3), START + seconds(10), START, END))

    def test_sub_second_parts_are_truncated(self):
        self.assertEqual(3599, proration.overlap_seconds(
            START + datetime.timedelta(microseconds=999999), None,
            START - seconds(1), END - datetime.timedelta(microseconds=1)))

    def test_other_time_zones_are_converted_to_utc(self):
        paris = datetime.timezone(datetime.timedelta(hours=1))
        seg_start = datetime.datetime(2025, 3, 1, 1, 30, tzinfo=paris)
        # 01:30+01:00 is 00:30 UTC: half of the period.
        self.assertEqual(1800, proration.overlap_seconds(
            seg_start, None, START, END))


class UnitHoursTest(testtools.TestCase):

    def test_whole_hour(self):
        self.assertEqual(D(4), proration.unit_hours(4, 3600))

    def test_result_is_decimal_never_float(self):
        qty = proration.unit_hours(3, 1800)
        self.assertIsInstance(qty, D)
        self.assertEqual(D('1.5'), qty)

    def test_exact_when_the_quotient_terminates(self):
        # 1 * 9 s = 0.0025 h exactly.
        self.assertEqual(D('0.0025'), proration.unit_hours(1, 9))

    def test_rounded_half_even_when_it_does_not_terminate(self):
        # 1 s = 0.000277777... h.
        self.assertEqual(D('0.000277777778'), proration.unit_hours(1, 1))
        self.assertEqual(D('0.000555555556'), proration.unit_hours(2, 1))

    def test_zero(self):
        self.assertEqual(D(0), proration.unit_hours(0, 3600))
        self.assertEqual(D(0), proration.unit_hours(5, 0))

    def test_huge_amounts_keep_every_digit(self):
        amount = 2 ** 62
        self.assertEqual(D(amount) * 24 * 365,
                         proration.unit_hours(amount, 3600 * 24 * 365))

    def test_negative_seconds_refused(self):
        self.assertRaises(ValueError, proration.unit_hours, 1, -1)

    def test_error_bound_for_every_amount_and_second(self):
        for amount in range(0, 40):
            for secs in range(0, 400):
                exact = fractions.Fraction(amount * secs, 3600)
                qty = proration.unit_hours(amount, secs)
                error = abs(fractions.Fraction(qty) - exact)
                self.assertLessEqual(error, HALF_PLACE, (amount, secs))
                if (amount * secs) % 9 == 0:
                    self.assertEqual(0, error, (amount, secs))


class SplitInvarianceTest(testtools.TestCase):
    """Rating a segment in pieces gives what rating it whole gives."""

    def test_every_split_of_a_period_sums_to_the_whole(self):
        seg_start = START + seconds(5)
        seg_end = START + seconds(95)
        period_end = START + seconds(100)
        for amount in (1, 3, 9, 1024):
            whole = proration.segment_unit_hours(
                amount, seg_start, seg_end, START, period_end)
            for cut in range(0, 101):
                middle = START + seconds(cut)
                left = proration.segment_unit_hours(
                    amount, seg_start, seg_end, START, middle)
                right = proration.segment_unit_hours(
                    amount, seg_start, seg_end, middle, period_end)
                self.assertLessEqual(
                    abs(fractions.Fraction(left + right - whole)),
                    3 * HALF_PLACE, (amount, cut))
                if amount % 9 == 0:
                    self.assertEqual(whole, left + right, (amount, cut))

    def test_seconds_split_exactly_across_consecutive_periods(self):
        seg_start = START + seconds(1234)
        seg_end = START + seconds(3 * 3600 + 17)
        total = sum(
            proration.overlap_seconds(
                seg_start, seg_end, START + seconds(h * 3600),
                START + seconds((h + 1) * 3600))
            for h in range(5))
        self.assertEqual(3 * 3600 + 17 - 1234, total)
