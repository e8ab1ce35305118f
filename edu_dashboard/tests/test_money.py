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
from django.test import SimpleTestCase
from django.utils import translation

from edu_dashboard import money


class MoneyTests(SimpleTestCase):

    def test_as_the_locale_writes_it(self):
        for language, currency, shown in [
                ('en', 'EUR', '€1,234.50'), ('zh-hans', 'CNY', '¥1,234.50'),
                ('en', 'CNY', 'CN¥1,234.50'), ('de', 'EUR', '1.234,50\xa0€')]:
            with translation.override(language):
                self.assertEqual(shown, money.text('1234.50', currency),
                                 language)

    def test_exact_and_without_a_currency(self):
        with translation.override('en'):
            # A decimal string stays exact: no float on the way.
            self.assertEqual('€0.10', money.text('0.10', 'EUR'))
            self.assertEqual('1,234.5', money.text('1234.5', None))
            self.assertEqual('-', money.text(None, 'EUR'))
