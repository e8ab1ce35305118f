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
"""Nova's notifications name the projects to measure again."""

import datetime
import threading
import time
from unittest import mock

import oslo_messaging
from oslo_messaging import conffixture

from edu_rating.management.services import usage
from edu_rating.management import usage_listener
from edu_rating.tests.unit import base


def versioned(name, **data):
    return {'nova_object.name': name, 'nova_object.namespace': 'nova',
            'nova_object.version': '1.0', 'nova_object.data': data}


DELETE_END = versioned('InstanceActionPayload', tenant_id='p1',
                       uuid='server-1', state='deleted')
# A build that failed before any host: the project is in its request spec.
BUILD_ERROR = versioned('ComputeTaskPayload', instance_uuid='server-2',
                        request_spec=versioned('RequestSpecPayload',
                                               project_id='p2'))


class ProjectOfTest(base.TestCase):

    def test_the_payloads_nova_sends(self):
        self.assertEqual('p1', usage_listener.project_of(DELETE_END))
        self.assertEqual('p2', usage_listener.project_of(BUILD_ERROR))
        self.assertEqual('p3', usage_listener.project_of(
            versioned('Any', project_id='p3')))

    def test_payloads_naming_no_project(self):
        for payload in (None, {}, {'tenant_id': 'unversioned'},
                        versioned('ServicePayload', host='h')):
            self.assertIsNone(usage_listener.project_of(payload))


class EndpointTest(base.TestCase):

    def match(self, event_type):
        return usage_listener.NovaEndpoint.filter_rule.match(
            {}, 'nova-compute:host', event_type, {}, DELETE_END)

    def test_servers_events_only(self):
        for event_type in ('instance.create.end', 'instance.delete.end',
                           'instance.shelve_offload.end',
                           'compute_task.build_instances.error'):
            self.assertTrue(self.match(event_type), event_type)
        for event_type in ('service.update', 'aggregate.create.end',
                           'flavor.update', 'my_instance.create'):
            self.assertFalse(self.match(event_type), event_type)

    def test_every_priority_names_the_project(self):
        pending = usage_listener.Pending(0)
        endpoint = usage_listener.NovaEndpoint(pending)
        endpoint.info({}, 'nova-compute:h', 'instance.delete.end',
                      DELETE_END, {})
        endpoint.error({}, 'nova-conductor:h',
                       'compute_task.build_instances.error', BUILD_ERROR, {})
        endpoint.warn({}, 'nova-compute:h', 'instance.update',
                      versioned('X', tenant_id='p3'), {})
        endpoint.info({}, 'nova-api:h', 'instance.update', {}, {})
        self.assertEqual({'p1', 'p2', 'p3'}, pending.take())


class PendingTest(base.TestCase):

    def test_gathers_for_the_settle_time_then_empties(self):
        pending = usage_listener.Pending(0.5)
        pending.add('p1')

        def meanwhile(seconds):
            pending.add('p2')
            pending.add('p1')
        with mock.patch.object(usage_listener.time, 'sleep',
                               side_effect=meanwhile) as settle:
            self.assertEqual({'p1', 'p2'}, pending.take())
        settle.assert_called_once_with(0.5)
        self.assertEqual(set(), pending.take(timeout=0.01))

    def test_take_waits_for_a_project(self):
        pending = usage_listener.Pending(0)
        threading.Timer(0.1, pending.add, args=('p1',)).start()
        started = time.monotonic()
        self.assertEqual({'p1'}, pending.take(timeout=5))
        self.assertGreaterEqual(time.monotonic() - started, 0.05)


class MeasurePendingTest(base.TestCase):

    def test_measures_what_was_gathered(self):
        pending = usage_listener.Pending(0)
        pending.add('p1')
        at = datetime.datetime(2026, 12, 7, 12, 0, 1, 500,
                               tzinfo=datetime.timezone.utc)
        with mock.patch.object(usage, 'measure',
                               return_value=(['p1'], at)) as measure:
            with mock.patch.object(usage_listener.LOG, 'info') as logged:
                self.assertEqual(['p1'],
                                 usage_listener.measure_pending(pending))
        measure.assert_called_once_with({'p1'})
        self.assertEqual(('2026-12-07T12:00:01+00:00', 'p1'),
                         logged.call_args[0][1:])

    def test_a_failed_measurement_is_logged_and_dropped(self):
        pending = usage_listener.Pending(0)
        pending.add('p1')
        with mock.patch.object(usage, 'measure',
                               side_effect=RuntimeError('nova down')):
            with mock.patch.object(usage_listener.LOG,
                                   'exception') as logged:
                self.assertEqual([], usage_listener.measure_pending(pending))
        logged.assert_called_once()


class ListenerTest(base.TestCase):
    """The listener on oslo.messaging's in-process transport, as Nova sends."""

    def test_a_notification_names_its_project(self):
        # transport_url 'fake:/': in this process.
        self.useFixture(conffixture.ConfFixture(self.conf))
        pending = usage_listener.Pending(0)
        server = usage_listener.listener(self.conf, pending)
        server.start()
        self.addCleanup(server.wait)
        self.addCleanup(server.stop)
        notifier = oslo_messaging.Notifier(
            oslo_messaging.get_notification_transport(self.conf),
            publisher_id='nova-compute:host', driver='messagingv2',
            topics=['versioned_notifications'])
        notifier.info({}, 'flavor.update', versioned('Flavor',
                                                     project_id='px'))
        notifier.info({}, 'instance.delete.end', DELETE_END)
        # The flavor's event, sent first, was never taken for a server's.
        self.assertEqual({'p1'}, pending.take(timeout=30))
