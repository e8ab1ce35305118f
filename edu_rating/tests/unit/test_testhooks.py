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
"""The crash points of the functional tests stay shut unless configured."""

from unittest import mock

from edu_rating import testhooks
from edu_rating.tests.unit import base

ARMED = {testhooks.HEADER: testhooks.BEFORE_COMMIT}


class TestHooksTest(base.TestCase):

    def reach(self, headers):
        with mock.patch('os._exit') as exit_:
            with testhooks.from_headers(headers):
                testhooks.reached(testhooks.BEFORE_COMMIT)
            testhooks.reached(testhooks.BEFORE_COMMIT)
        return exit_

    def test_off_by_default_whatever_the_request_says(self):
        self.assertFalse(self.reach(ARMED).called)

    def test_on_only_for_the_point_the_request_names(self):
        self.conf.set_override('test_hooks', True, group='edu')
        self.assertFalse(self.reach({}).called)
        self.assertFalse(self.reach({testhooks.HEADER: 'elsewhere'}).called)
        # Once, inside the request; not after it.
        self.reach(ARMED).assert_called_once_with(testhooks.EXIT_STATUS)
