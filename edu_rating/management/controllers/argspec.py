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
"""Pecan's argument specs, remembered per function.

Pecan (1.8.0 and earlier) routes every request through
``pecan.compat.getargspec``, which defines a new ``namedtuple`` class on
each call and then inspects the handler's signature again. In the
cloudkitty-api worker under the rush-hour load (tools/bench/load) that was
a fifth of the process's CPU (py-spy, GIL samples), for answers that never
change while the process runs. :func:`install` puts a remembering
equivalent in its place, in the one module every pecan caller goes
through (``pecan.util``). Upstream fix to propose: define ``ArgSpec`` once
at module level.
"""

import collections
import inspect
import weakref

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


def install():
    """Make pecan's routing use :func:`getargspec` (idempotent)."""
    pecan_util._getargspec = getargspec
