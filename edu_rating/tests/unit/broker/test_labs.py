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
"""The broker's lab machines: Nova as the caller, and admin actions."""

from unittest import mock

from novaclient import exceptions as nova_exc

from edu_rating import exceptions
from edu_rating.management.broker import labs
from edu_rating.tests.unit.broker import test_manager


class LaunchTest(test_manager.BrokerTestCase):

    def setUp(self):
        super().setUp()
        self.acting = mock.Mock()
        # The caller's Nova: the only far side of a launch.
        lab_nova = mock.patch.object(type(self.broker), '_lab_nova',
                                     return_value=self.acting)
        lab_nova.start()
        self.addCleanup(lab_nova.stop)
        rescope = mock.patch.object(type(self.broker), '_acting_session')
        self.session = rescope.start()
        self.addCleanup(rescope.stop)

    def test_a_launch_is_one_create_as_the_caller(self):
        server = mock.Mock(id='srv-1')
        server.to_dict.return_value = {'id': 'srv-1'}
        self.acting.servers.create.return_value = server
        machine = self.broker.launch_server(
            'token', 'p-s1', name='lab-alice', image_id='img',
            flavor_id='f1', template_id=3, tags=['edu-class-7'])
        self.assertEqual({'id': 'srv-1', 'name': 'lab-alice',
                          'project_id': 'p-s1', 'status': 'BUILD',
                          'template_id': '3'}, machine)
        self.session.assert_called_once_with('token', 'p-s1')
        self.acting.servers.create.assert_called_once_with(
            'lab-alice', 'img', 'f1', userdata=None, key_name=None,
            nics='none', tags=['edu-class-7'],
            meta={labs.TEMPLATE_KEY: '3'})
        # Nothing read back: the answer of the create is enough.
        self.assertEqual([], self.acting.servers.get.call_args_list)

    def test_novas_refusal_is_a_conflict_with_its_words(self):
        self.acting.servers.create.side_effect = nova_exc.Forbidden(
            403, 'Project is over a limit for class:VCPU')
        error = self.assertRaises(
            exceptions.Conflict, self.broker.launch_server, 'token', 'p-s1',
            name='x', image_id='img', flavor_id='f1', template_id=3)
        self.assertEqual('machine.refused', error.error_code)
        self.assertIn('class:VCPU', error.message)

    def test_actions_leave_machines_already_so_alone(self):
        shelved = {'id': 's', 'status': 'SHELVED_OFFLOADED', 'locked': True}
        self.assertFalse(self.broker.server_action(shelved, 'shelve'))
        self.assertFalse(self.broker.server_action(shelved, 'stop'))
        self.assertFalse(self.broker.server_action(shelved, 'lock'))
        self.assertTrue(self.broker.server_action(shelved, 'unlock'))
        self.acting.servers.unlock.assert_called_once_with('s')
        self.acting.servers.delete.side_effect = nova_exc.NotFound(404)
        self.assertFalse(self.broker.server_action(shelved, 'delete'))
