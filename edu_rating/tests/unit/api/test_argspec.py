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
"""Argument specs remembered: pecan's and oslo.policy's answers, once."""

import functools
from unittest import mock

from oslo_policy import _checks as policy_checks
from oslo_policy import policy
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


class LegacyCheck(policy_checks.BaseCheck):
    """A check written before rules had names: three arguments."""

    def __str__(self):
        return 'legacy'

    def __call__(self, target, cred, enforcer):
        return target.get('ok') is True


class PolicyCheckTest(base.TestCase):

    def test_rules_decide_as_written(self):
        enforcer = policy.Enforcer(self.conf)
        enforcer.register_defaults([
            policy.RuleDefault('a', 'role:admin or (role:reader and '
                               'project_id:%(project_id)s)'),
            policy.RuleDefault('b', 'rule:a and not role:banned'),
        ])
        enforcer.load_rules()
        self.assertIs(argspec.policy_check, policy_checks._check)
        roles = ([], ['admin'], ['reader'], ['reader', 'banned'])
        decided = {(rule, project): [enforcer.enforce(
            rule, {'project_id': project},
            {'roles': these, 'project_id': 'p1'}) for these in roles]
            for rule in ('a', 'b') for project in ('p1', 'p2')}
        self.assertEqual({('a', 'p1'): [False, True, True, True],
                          ('a', 'p2'): [False, True, False, False],
                          ('b', 'p1'): [False, True, True, False],
                          ('b', 'p2'): [False, True, False, False]},
                         decided)

    def test_a_legacy_check_gets_three_arguments(self):
        check = LegacyCheck()
        self.assertTrue(argspec.policy_check(check, {'ok': True}, {}, None,
                                             'rule:a'))
        self.assertFalse(argspec.policy_check(check, {}, {}, None, 'rule:a'))

    def test_a_check_class_is_inspected_once(self):
        check = policy_checks.RoleCheck('role', 'admin')
        with mock.patch.object(argspec.inspect, 'getfullargspec',
                               wraps=argspec.inspect.getfullargspec) as spy:
            argspec._TAKES_RULE.clear()
            for _ in range(3):
                self.assertTrue(argspec.policy_check(
                    policy_checks.RoleCheck('role', 'admin'), {},
                    {'roles': ['admin']}, None, 'rule:a'))
            self.assertFalse(argspec.policy_check(check, {}, {'roles': []},
                                                  None, 'rule:a'))
        self.assertEqual(1, spy.call_count)

    def test_the_api_installs_it(self):
        self.assertIs(argspec.policy_check, policy_checks._check)
