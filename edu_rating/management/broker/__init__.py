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
"""The broker: the one place that talks to Keystone, Nova and Placement.

Services call :func:`get_broker`; unit tests patch exactly that function.
"""

import threading

_LOCK = threading.Lock()
_BROKER = None


def get_broker():
    """The process's broker, built on first use from ``[edu_broker]``."""
    global _BROKER
    with _LOCK:
        if _BROKER is None:
            # Imported here: the clients are heavy and most processes
            # importing edu_rating (the processor, tests) never need them.
            from edu_rating.management.broker import manager
            _BROKER = manager.Broker()
        return _BROKER


def reset():
    """Forget the broker: the next :func:`get_broker` builds a new one."""
    global _BROKER
    with _LOCK:
        _BROKER = None
