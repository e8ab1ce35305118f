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
"""The one layer that checks values and bounds of what callers send."""

import datetime

from edu_rating import exceptions
from edu_rating.management.services import validation
from edu_rating.tests.unit import base


class GrantTest(base.TestCase):

    def invalid(self, value):
        error = self.assertRaises(exceptions.Invalid, validation.grant, value)
        return error

    def test_negative_and_huge_amounts(self):
        error = self.invalid({'vcpu': -1})
        self.assertEqual('grant: vcpu must be a whole number from 0 to '
                         '1000000000 (got -1).', error.message)
        self.assertEqual({'field': 'grant', 'resource': 'vcpu'},
                         error.details)
        self.invalid({'ram_mb': 10 ** 20})
        self.assertEqual({'vcpu': validation.MAX_AMOUNT},
                         validation.grant({'vcpu': validation.MAX_AMOUNT}))

    def test_unknown_resource(self):
        error = self.invalid({'gpu': 1})
        self.assertIn('Unknown resource gpu in grant', error.message)

    def test_resources_follow_the_configuration(self):
        self.conf.set_override('resources', ['vcpu'], 'edu')
        error = self.invalid({'ram_mb': 1})
        self.assertIn('expected one of vcpu', error.message)
        self.assertEqual({'vcpu': 1}, validation.grant({'vcpu': 1}))


class TextTest(base.TestCase):

    def test_lengths(self):
        self.assertEqual('a' * 64, validation.keystone_name('a' * 64, 'name'))
        error = self.assertRaises(exceptions.Invalid,
                                  validation.keystone_name, 'a' * 65, 'name')
        self.assertIn('65 characters long; at most 64', error.message)
        self.assertRaises(exceptions.Invalid, validation.text, '', 'name')

    def test_markup_and_unicode_are_kept_verbatim(self):
        name = '<b>李雷</b> & Ms. O\'Brien'
        self.assertEqual(name, validation.text(name, 'name'))

    def test_control_characters_refused(self):
        self.assertRaises(exceptions.Invalid, validation.text, 'a\tb', 'name')


class OtherValuesTest(base.TestCase):

    def test_dates(self):
        self.assertEqual(datetime.date(2027, 1, 31),
                         validation.date('2027-01-31', 'term_end'))
        error = self.assertRaises(exceptions.Invalid, validation.date,
                                  '31/01/2027', 'term_end')
        self.assertIn('term_end must be a date like 2027-01-31',
                      error.message)

    def test_page_limits(self):
        self.assertEqual(1000, validation.page_limit(1000))
        for limit in (0, 1001):
            error = self.assertRaises(exceptions.Invalid,
                                      validation.page_limit, limit)
            self.assertEqual('limit must be a whole number from 1 to 1000.',
                             error.message)

    def test_email(self):
        self.assertEqual('a@b.org', validation.email('a@b.org'))
        self.assertRaises(exceptions.Invalid, validation.email, 'a@b')
