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
"""``/images``: who registers, shares and deletes (services mocked)."""

from edu_rating.tests.unit.api import base


class ImagesTest(base.ApiTestCase):

    def test_a_teacher_registers_their_own(self):
        response = self.request('POST', '/images', {
            'teacher_id': 'p-a1', 'image_id': 'img-a1'},
            persona='teacher_a1')
        self.assertEqual(201, response.status_int, response.body)
        self.assertEqual(
            {'teacher_id': 'p-a1', 'image_id': 'img-a1'},
            self.services['images.register'].call_args.kwargs)
        response = self.request('POST', '/images', {
            'teacher_id': 'p-a1', 'image_id': 'img-a1'},
            persona='teacher_a2')
        self.assertError(403, response, 'edu:image:create')

    def test_only_the_platform_registers_for_everyone(self):
        for teacher_id in ({}, {'teacher_id': None}):
            body = dict(teacher_id, image_id='img-1')
            self.assertError(403, self.request('POST', '/images', body,
                                               persona='school_a'))
            self.assertEqual(201, self.request('POST', '/images',
                                               body).status_int)

    def test_a_platform_image_is_everyones_to_read_only(self):
        self.assertEqual(200, self.request('GET', '/images/img-platform',
                                           persona='student_s1').status_int)
        self.assertError(403, self.request('PATCH', '/images/img-platform',
                                           {'enabled': False},
                                           persona='school_a'))
        self.assertError(403, self.request('GET', '/images/img-platform',
                                           persona='nobody'))

    def test_only_the_owner_or_the_platform_deletes(self):
        for persona in ('school_a', 'teacher_a2', 'student_s1'):
            self.assertError(403, self.request('DELETE', '/images/img-a1',
                                               persona=persona))
        self.assertFalse(self.services['images.delete'].called)
        for persona in ('teacher_a1', 'platform'):
            self.assertEqual(204, self.request(
                'DELETE', '/images/img-a1', persona=persona).status_int)

    def test_sharing_needs_the_image_and_the_class(self):
        # Teacher A1's image with school B's class: refused on the class.
        response = self.request('POST', '/images/img-a1/shares',
                                {'class_id': 2}, persona='teacher_a1')
        self.assertError(403, response, 'edu:image:share:create')
        response = self.request('POST', '/images/img-a1/shares',
                                {'class_id': 1}, persona='teacher_a1')
        self.assertEqual(201, response.status_int)
        self.services['images.share'].assert_called_once()
        self.assertEqual(('img-a1', 1),
                         self.services['images.share'].call_args.args[1:])

    def test_unsharing_names_a_class(self):
        response = self.request('DELETE', '/images/img-a1/shares/1',
                                persona='teacher_a1')
        self.assertEqual(204, response.status_int)
        self.assertEqual(('img-a1', 1),
                         self.services['images.unshare'].call_args.args[1:])
        self.assertError(404, self.request('DELETE',
                                           '/images/img-a1/shares/x'))
        # The class is named in the path only.
        self.assertError(405, self.request(
            'DELETE', '/images/img-a1/shares', {'class_id': 1}))

    def test_a_student_lists_their_class_s(self):
        response = self.request('GET', '/images?student_id=p-s1',
                                persona='student_s1')
        self.assertEqual(200, response.status_int)
        self.assertEqual({'images': [], 'next': None},
                         response.json_body_or_none)
        self.assertError(403, self.request('GET', '/images',
                                           persona='student_s1'))
