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
"""Proration of ledger segments over a rating period: pure arithmetic.

A grant of ``amount`` units held for ``s`` seconds is worth
``amount * s / 3600`` unit-hours. Seconds are counted exactly (integers,
on UTC datetimes truncated to the second), so splitting a period at any
second boundaries never loses or invents time.

3600 = 2^4 * 3^2 * 5^2, so the quotient is a finite decimal exactly when
``amount * s`` is a multiple of 9; otherwise it is rounded half-even to
:data:`QTY_PLACES` decimal places (an error below 5e-13 unit-hours per
point, far under any currency's smallest unit).
"""

import datetime
import decimal

from edu_rating.i18n import _
from edu_rating import utc

SECONDS_PER_HOUR = 3600
QTY_PLACES = 12
_QTY_QUANTUM = decimal.Decimal(1).scaleb(-QTY_PLACES)
_ONE_SECOND = datetime.timedelta(seconds=1)
# Enough digits for any BigInteger amount times a century of seconds.
_PRECISION = 60


def overlap_seconds(seg_start, seg_end, start, end):
    """Whole seconds shared by a segment and the period ``[start, end)``.

    :param seg_end: ``None`` for a segment still open (no end yet).
    :returns: an int, 0 when they do not overlap.
    """
    lower = max(utc.normalize(seg_start), utc.normalize(start))
    upper = utc.normalize(end)
    if seg_end is not None:
        upper = min(upper, utc.normalize(seg_end))
    if upper <= lower:
        return 0
    return (upper - lower) // _ONE_SECOND


def unit_hours(amount, seconds):
    """``amount * seconds / 3600`` as a Decimal (see module docstring)."""
    if seconds < 0:
        raise ValueError(_("Seconds must not be negative: %s") % seconds)
    numerator = decimal.Decimal(int(amount) * int(seconds))
    with decimal.localcontext() as ctx:
        ctx.prec = _PRECISION
        ctx.rounding = decimal.ROUND_HALF_EVEN
        ctx.clear_flags()
        qty = numerator / SECONDS_PER_HOUR
        if ctx.flags[decimal.Inexact]:
            return qty.quantize(_QTY_QUANTUM)
        return qty


def segment_unit_hours(amount, seg_start, seg_end, start, end):
    """Unit-hours of one ledger segment within the period."""
    return unit_hours(amount, overlap_seconds(seg_start, seg_end, start, end))
