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
"""Glance through the broker: members accepted for the student, errors."""

from unittest import mock

from keystoneauth1 import exceptions as ksa_exc

from edu_rating import exceptions
from edu_rating.management.broker import manager
from edu_rating.tests.unit import base


def _answer(status, body=None):
    resp = mock.Mock(status_code=status, url='http://glance/v2/x',
                     headers={}, text='')
    resp.json.return_value = body or {}
    return resp


class GlanceTest(base.TestCase):

    def setUp(self):
        super().setUp()
        self.broker = manager.Broker(self.conf, session=mock.Mock())
        # The far side: Glance's adapter.
        self.glance = mock.Mock()
        self.broker._glance = mock.Mock(return_value=self.glance)

    def test_an_image_or_none(self):
        self.glance.get.return_value = _answer(200, {
            'id': 'i1', 'name': 'lab', 'status': 'active',
            'visibility': 'shared', 'owner': 'p1', 'size': 4096})
        self.assertEqual({'id': 'i1', 'name': 'lab', 'status': 'active',
                          'visibility': 'shared', 'owner': 'p1',
                          'min_disk': None, 'min_ram': None,
                          'protected': None}, self.broker.image('i1'))
        self.glance.get.return_value = _answer(404)
        self.assertIsNone(self.broker.image('i1'))

    def test_glance_down_is_unavailable(self):
        self.glance.get.return_value = _answer(503)
        self.assertRaises(exceptions.BackendUnavailable, self.broker.image,
                          'i1')

    def test_a_member_is_added_and_accepted_for_the_student(self):
        self.glance.post.return_value = _answer(200)
        self.assertTrue(self.broker.add_image_member('i1', 'p-s1'))
        self.glance.post.assert_called_once_with(
            '/v2/images/i1/members', json={'member': 'p-s1'},
            raise_exc=False)
        self.glance.put.assert_called_once_with(
            '/v2/images/i1/members/p-s1', json={'status': 'accepted'})

    def test_a_member_already_is_accepted_and_not_new(self):
        self.glance.post.return_value = _answer(409)
        self.assertFalse(self.broker.add_image_member('i1', 'p-s1'))
        self.glance.put.assert_called_once_with(
            '/v2/images/i1/members/p-s1', json={'status': 'accepted'})

    def test_removing_a_member_that_is_none(self):
        self.glance.delete.return_value = _answer(204)
        self.assertTrue(self.broker.remove_image_member('i1', 'p-s1'))
        self.glance.delete.return_value = _answer(404)
        self.assertFalse(self.broker.remove_image_member('i1', 'p-s1'))

    def test_visibility_is_set_only_when_it_differs(self):
        self.glance.get.return_value = _answer(200, {'visibility': 'shared'})
        self.assertEqual('shared', self.broker.set_image_visibility(
            'i1', 'shared'))
        self.glance.patch.assert_not_called()
        self.glance.get.return_value = _answer(200,
                                               {'visibility': 'private'})
        self.assertEqual('private', self.broker.set_image_visibility(
            'i1', 'shared'))
        self.glance.patch.assert_called_once_with(
            '/v2/images/i1', json=[{'op': 'replace', 'path': '/visibility',
                                    'value': 'shared'}],
            headers={'Content-Type':
                     'application/openstack-images-v2.1-json-patch'})

    def test_delete(self):
        self.glance.delete.return_value = _answer(204)
        self.assertTrue(self.broker.delete_image('i1'))
        self.glance.delete.return_value = _answer(404)
        self.assertFalse(self.broker.delete_image('i1'))
        self.glance.delete.return_value = _answer(403)
        error = self.assertRaises(exceptions.Conflict,
                                  self.broker.delete_image, 'i1')
        self.assertEqual('image.protected', error.error_code)

    def test_a_failed_accept_is_unavailable(self):
        self.glance.post.return_value = _answer(200)
        self.glance.put.side_effect = ksa_exc.InternalServerError()
        self.assertRaises(exceptions.BackendUnavailable,
                          self.broker.add_image_member, 'i1', 'p-s1')
