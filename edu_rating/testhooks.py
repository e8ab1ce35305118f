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
"""Points where a functional test may crash the API worker on purpose.

Off unless ``[edu] test_hooks`` is set, which only the local stack of the
functional tests does. A request carrying ``X-Edu-Test-Hook: <point>``
then makes the worker process exit at once when it reaches that point,
as an OOM kill or a power cut would: nothing is undone, nothing is
committed. The tests use it to prove that the reconciler repairs what
such a crash leaves behind.
"""

import contextlib
import contextvars
import os

from oslo_log import log as logging

from edu_rating import conf as edu_conf

LOG = logging.getLogger(__name__)
HEADER = 'X-Edu-Test-Hook'
# Reached after a change's Keystone writes, before its DB commit.
BEFORE_COMMIT = 'before_commit'
EXIT_STATUS = 70

_REQUESTED = contextvars.ContextVar('edu_test_hook', default=None)


@contextlib.contextmanager
def from_headers(headers):
    """Arm the point the request names, when the option allows it."""
    point = headers.get(HEADER)
    if point is None or not edu_conf.register_opts().edu.test_hooks:
        yield
        return
    token = _REQUESTED.set(point)
    try:
        yield
    finally:
        _REQUESTED.reset(token)


def reached(point):
    if _REQUESTED.get() == point:
        LOG.warning("edu: test hook %s reached; the worker exits now", point)
        os._exit(EXIT_STATUS)
