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
"""Pecan's argument specs, remembered: the same answers, computed once."""

import functools
from unittest import mock

from pecan import compat as pecan_compat
from pecan import util as pecan_util

from edu_rating.management.controllers import argspec
from edu_rating.management.controllers import root
from edu_rating.tests.unit import base


class Handler(object):

    def get_one(self, scope_type, scope_id=None, *rest, **kwargs):
        pass

    @staticmethod
    def helper(a, b=2):
        pass


def decorated(function):
    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        return function(*args, **kwargs)
    return wrapper


class Decorated(object):

    @decorated
    def put(self, scope_type, scope_id):
        pass


class ArgspecTest(base.TestCase):

    def test_answers_as_pecan_does(self):
        for func in (Handler().get_one, Handler.get_one, Handler.helper,
                     Decorated().put, len):
            self.assertEqual(tuple(pecan_compat.getargspec(func)),
                             tuple(argspec.getargspec(func)), func)

    def test_pecan_util_drills_through_decorators_the_same(self):
        expected = pecan_util.getargspec(Decorated().put)
        with mock.patch.object(pecan_util, '_getargspec',
                               argspec.getargspec):
            self.assertEqual(tuple(expected),
                             tuple(pecan_util.getargspec(Decorated().put)))
            self.assertEqual(['self', 'scope_type', 'scope_id'],
                             pecan_util.getargspec(Decorated().put).args)

    def test_a_function_is_inspected_once(self):
        handler = Handler()
        with mock.patch.object(argspec.inspect, 'getfullargspec',
                               wraps=argspec.inspect.getfullargspec) as spy:
            argspec._SPECS.clear()
            first = argspec.getargspec(handler.get_one)
            # A new bound method of the same function, as per request.
            again = argspec.getargspec(Handler().get_one)
        self.assertIs(first, again)
        self.assertEqual(1, spy.call_count)

    def test_the_api_installs_it(self):
        self.assertIsNotNone(root.EduRootController)
        self.assertIs(argspec.getargspec, pecan_util._getargspec)
