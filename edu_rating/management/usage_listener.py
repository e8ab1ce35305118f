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
"""Nova's notifications keep the stored usage current between sweeps.

Nova sends a versioned notification when a server is created, deleted,
resized, shelved, fails... The listener only takes the project it names;
after ``[edu_usage] settle_seconds`` it measures each such project once
(Placement and Nova, as a grant's floor is checked) and stores the figures.
The payload is not trusted for amounts: measuring again is idempotent,
and a lost or repeated notification does no harm. What a broker outage
loses, the next sweep measures.
"""

import threading
import time

from oslo_config import cfg
from oslo_log import log as logging
import oslo_messaging

from edu_rating.management.services import usage

LOG = logging.getLogger(__name__)
# Events of servers, and of their builds that failed before a host.
EVENT_TYPES = r'^(instance|compute_task)\.'


def project_of(payload):
    """The project a versioned notification's payload is about, or None."""
    data = (payload or {}).get('nova_object.data') or {}
    spec = (data.get('request_spec') or {}).get('nova_object.data') or {}
    return data.get('tenant_id') or data.get('project_id') or spec.get(
        'project_id')


class Pending(object):
    """Projects named since the last measurement, gathered for a while."""

    def __init__(self, settle):
        self._settle = settle
        self._projects = set()
        self._changed = threading.Condition()

    def add(self, project_id):
        with self._changed:
            self._projects.add(project_id)
            self._changed.notify()

    def take(self, timeout=None):
        """Wait for a project, gather ``settle`` seconds more; the set."""
        with self._changed:
            if not self._changed.wait_for(lambda: self._projects, timeout):
                return set()
        time.sleep(self._settle)
        with self._changed:
            taken, self._projects = self._projects, set()
        return taken


class NovaEndpoint(object):
    filter_rule = oslo_messaging.NotificationFilter(event_type=EVENT_TYPES)

    def __init__(self, pending):
        self._pending = pending

    def info(self, ctxt, publisher_id, event_type, payload, metadata):
        project_id = project_of(payload)
        if project_id:
            self._pending.add(project_id)

    error = warn = info


def measure_pending(pending):
    """Measure the projects gathered next; those measured."""
    projects = pending.take()
    try:
        measured, measured_at = usage.measure(projects)
    except Exception:
        # Nova or Placement down: the next notification or sweep
        # measures these projects again.
        LOG.exception("Measuring %d projects after Nova's notifications "
                      "failed", len(projects))
        return []
    if measured:
        # Seconds, as stored: an operator (or a test) can match a page's
        # usage_measured_at with this line.
        LOG.info("Measured after Nova's notifications at %s: %s",
                 measured_at.replace(microsecond=0).isoformat(),
                 ' '.join(sorted(measured)))
    return measured


def _measure_forever(pending):
    while True:
        measure_pending(pending)


def _listen(listener):
    try:
        listener.start()
    except Exception:
        LOG.exception("Not listening to Nova's notifications; the sweeps "
                      "alone measure usage")


def listener(conf, pending):
    """A listener of Nova's notifications feeding ``pending``; not started."""
    return oslo_messaging.get_notification_listener(
        oslo_messaging.get_notification_transport(conf),
        [oslo_messaging.Target(topic=topic)
         for topic in conf.edu_usage.notification_topics],
        [NovaEndpoint(pending)], executor='threading')


def start(conf=cfg.CONF):
    """Listen to Nova and measure, in threads; returns the listener.

    It connects in a thread of its own: with RabbitMQ down, oslo.messaging
    waits for it, and the sweeps must go on meanwhile.
    """
    pending = Pending(conf.edu_usage.settle_seconds)
    server = listener(conf, pending)
    threading.Thread(target=_listen, args=(server,), name='usage-listen',
                     daemon=True).start()
    threading.Thread(target=_measure_forever, args=(pending,),
                     name='usage-measure', daemon=True).start()
    return server
