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
"""Argument specs that pecan and oslo.policy inspect per call, remembered.

Pecan (1.8.0 and earlier) routes every request through
``pecan.compat.getargspec``, which defines a new ``namedtuple`` class on
each call and then inspects the handler's signature again. In the
cloudkitty-api worker under the rush-hour load (tools/bench/load) that was
a fifth of the process's CPU (py-spy, GIL samples), for answers that never
change while the process runs. :func:`install` puts a remembering
equivalent in its place, in the one module every pecan caller goes
through (``pecan.util``). Upstream fix to propose: define ``ArgSpec`` once
at module level.

oslo.policy (6.0.0 and earlier) does the same in ``_checks._check``, for
every check of every rule evaluated: it inspects the check's ``__call__``
to learn whether it takes the rule's name (a legacy check does not).
That was 4-5 % of the API's CPU under the same load. :func:`install`
also puts :func:`policy_check` in its place, which inspects each check
class once. Upstream fix to propose: the same, in ``_checks``.
"""

import collections
import inspect
import weakref

from oslo_policy import _checks as policy_checks
from pecan import util as pecan_util

ArgSpec = collections.namedtuple('ArgSpec', 'args varargs keywords defaults')

# Keyed by the plain function: a bound method is made anew for every
# request, its function lives as long as its class. Weak keys, so that a
# function made at run time is not kept alive by this table.
_SPECS = weakref.WeakKeyDictionary()


def getargspec(func):
    """What ``pecan.compat.getargspec`` answers, computed once per function.

    A bound method's spec includes ``self``, as its function's does.
    """
    key = getattr(func, '__func__', func)
    try:
        return _SPECS[key]
    except (KeyError, TypeError):
        pass
    args, varargs, keywords, defaults = inspect.getfullargspec(func)[:4]
    spec = ArgSpec(args=args, varargs=varargs, keywords=keywords,
                   defaults=defaults)
    try:
        _SPECS[key] = spec
    except TypeError:
        # Not weakly referable (a builtin): answered, not remembered.
        pass
    return spec


# Check class -> whether its __call__ takes the rule's name too.
_TAKES_RULE = weakref.WeakKeyDictionary()


def policy_check(rule, target, creds, enforcer, current_rule=None):
    """What ``oslo_policy._checks._check`` does, inspecting once per class.

    Python calls a check through its class's ``__call__``, the one
    inspected here; its spec counts ``self`` as oslo.policy's does.
    """
    kind = type(rule)
    takes_rule = _TAKES_RULE.get(kind)
    if takes_rule is None:
        takes_rule = len(inspect.getfullargspec(kind.__call__).args) > 4
        _TAKES_RULE[kind] = takes_rule
    if takes_rule:
        return rule(target, creds, enforcer, current_rule)
    return rule(target, creds, enforcer)


def install():
    """Make pecan's routing and oslo.policy use these (idempotent)."""
    pecan_util._getargspec = getargspec
    policy_checks._check = policy_check
