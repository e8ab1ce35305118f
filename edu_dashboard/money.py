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
"""Money as the user's locale writes it (Babel, as the invoice PDF does).

The API gives amounts as decimal strings and an ISO 4217 currency; a
page shows "€1,234.50" in English, "€1,234.50" in Chinese, "1.234,50 €"
in German. No float on the way.
"""

import decimal

from babel import numbers
from django.utils import translation


def _locale():
    return translation.to_locale(translation.get_language() or 'en')


def text(amount, currency):
    """``amount`` in ``currency`` for the page; ``-`` when unknown."""
    if amount is None:
        return '-'
    value = decimal.Decimal(amount)
    if not currency:
        # Billed in two currencies this month: no symbol to put.
        return numbers.format_decimal(value, locale=_locale())
    return numbers.format_currency(value, currency, locale=_locale())


def column(field):
    """A table column's value of ``datum[field]`` in ``datum['currency']``."""
    def amount(datum):
        return text(datum[field], datum.get('currency'))
    return amount
