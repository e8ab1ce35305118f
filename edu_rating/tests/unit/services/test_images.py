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
"""Images for lab templates: registered, shared with classes, members kept
in step with the class's students, usable by templates while enabled."""

from edu_rating import exceptions
from edu_rating.management.services import classes
from edu_rating.management.services import images
from edu_rating.management.services import labs
from edu_rating.management.services import lifecycle
from edu_rating.management.services import students
from edu_rating.tests.unit.services import base
from edu_rating.tests.unit.services.base import ADMIN
from edu_rating.tests.unit.services.base import TEACHER

GRANT = {'vcpu': 2, 'ram_mb': 1024, 'disk_gb': 2, 'instances': 2}


class ImagesTestCase(base.ServiceTestCase):

    def setUp(self):
        super().setUp()
        self.school = self.make_school()
        self.teacher = self.make_teacher(self.school, grant=base.FULL)
        self.klass = self.make_class(self.teacher, default_grant=GRANT)
        self.alice = self.enrol(self.klass, 'alice')
        self.bob = self.enrol(self.klass, 'bob')
        self.image_id = self.broker.add_image(self.teacher['id'],
                                              name='ubuntu-lab')

    def register(self, image_id=None, teacher_id=None):
        return images.register(TEACHER, image_id or self.image_id,
                               teacher_id or self.teacher['id'])

    def share(self, image_id=None, klass=None):
        return images.share(TEACHER, image_id or self.image_id,
                            (klass or self.klass)['id'])

    def template(self, image_id=None, name='lab', klass=None):
        return labs.create(TEACHER, (klass or self.klass)['id'], name,
                           image_id or self.image_id, flavor_id='m1.tiny')

    def members(self, image_id=None):
        return self.broker.members(image_id or self.image_id)

    def assertRefused(self, error_type, code, function, *args, **kwargs):
        error = self.assertRaises(error_type, function, *args, **kwargs)
        self.assertEqual(code, error.error_code, error.message)
        return error


class RegisterTest(ImagesTestCase):

    def test_a_teacher_registers_what_their_project_owns(self):
        image = self.register()
        self.assertEqual({'id': self.image_id, 'name': 'ubuntu-lab',
                          'owner': 'teacher',
                          'teacher_id': self.teacher['id'],
                          'teacher_name': 'a-teacher1',
                          'school_id': self.school['id'], 'enabled': True,
                          'shared_with': []},
                         {k: v for k, v in image.items()
                          if k != 'created_at'})
        self.assertEqual(image, images.get(TEACHER, self.image_id))
        self.assertRefused(exceptions.Conflict, 'image.exists',
                           self.register)

    def test_another_projects_image_is_refused(self):
        other = self.broker.add_image('someone-else')
        self.assertRefused(exceptions.Forbidden, 'image.not_owned',
                           self.register, other)

    def test_unknown_image(self):
        self.assertRefused(exceptions.Invalid, 'image.unknown',
                           self.register, 'no-such-image')

    def test_the_platform_registers_public_images_only(self):
        public = self.broker.add_image('admin-project', visibility='public')
        image = images.register(ADMIN, public)
        self.assertEqual(('platform', None, None),
                         (image['owner'], image['teacher_id'],
                          image['school_id']))
        self.assertRefused(exceptions.Conflict, 'image.not_public',
                           images.register, ADMIN, self.image_id)

    def test_lists_with_the_platforms_images(self):
        public = self.broker.add_image('admin-project', visibility='public')
        images.register(ADMIN, public)
        self.register()
        other_teacher = self.make_teacher(self.school, 'a-teacher2')
        theirs = self.broker.add_image(other_teacher['id'])
        images.register(TEACHER, theirs, other_teacher['id'])

        def ids(**filters):
            return {i['id'] for i in images.list(TEACHER, **filters)[0]}
        self.assertEqual({self.image_id, public},
                         ids(teacher_id=self.teacher['id']))
        self.assertEqual({self.image_id, public, theirs},
                         ids(school_id=self.school['id']))
        self.assertEqual({self.image_id, public, theirs}, ids())
        # A student: the platform's, and what is shared with their class.
        self.assertEqual({public}, ids(student_id=self.alice['id']))
        self.share()
        self.assertEqual({self.image_id, public},
                         ids(student_id=self.alice['id']))
        self.assertEqual({self.image_id, public},
                         ids(class_id=self.klass['id']))

    def test_pages(self):
        more = [self.broker.add_image(self.teacher['id']) for _ in range(2)]
        for image_id in [self.image_id] + more:
            self.register(image_id)
        page, marker = images.list(TEACHER, teacher_id=self.teacher['id'],
                                   limit=2)
        self.assertEqual([self.image_id, more[0]], [i['id'] for i in page])
        page, marker = images.list(TEACHER, teacher_id=self.teacher['id'],
                                   limit=2, marker=marker)
        self.assertEqual(([more[1]], None), ([i['id'] for i in page], marker))


class ShareTest(ImagesTestCase):

    def test_the_students_become_accepted_members(self):
        self.register()
        image = self.share()
        self.assertEqual([{'class_id': self.klass['id'],
                           'class_name': 'Networks 101'}],
                         image['shared_with'])
        self.assertEqual({self.alice['id']: 'accepted',
                          self.bob['id']: 'accepted'}, self.members())
        self.assertRefused(exceptions.Conflict, 'image.shared_already',
                           self.share)

    def test_a_private_image_is_made_shared_first(self):
        private = self.broker.add_image(self.teacher['id'],
                                        visibility='private')
        self.register(private)
        self.share(private)
        self.assertEqual('shared', self.broker.images[private]['visibility'])
        self.assertEqual(2, len(self.members(private)))

    def test_a_community_image_needs_no_members(self):
        community = self.broker.add_image(self.teacher['id'],
                                          visibility='community')
        self.register(community)
        self.share(community)
        self.assertEqual({}, self.members(community))

    def test_nothing_is_left_when_glance_fails_half_way(self):
        private = self.broker.add_image(self.teacher['id'],
                                        visibility='private')
        self.register(private)
        self.broker.fail_on['add_image_member'] = 1
        self.assertRaises(exceptions.BackendUnavailable, self.share, private)
        self.assertEqual({}, self.members(private))
        self.assertEqual('private', self.broker.images[private]['visibility'])
        self.assertEqual([], images.get(TEACHER, private)['shared_with'])

    def test_the_platforms_images_are_every_class_s_already(self):
        public = self.broker.add_image('admin-project', visibility='public')
        images.register(ADMIN, public)
        self.assertRefused(exceptions.Conflict, 'image.platform',
                           self.share, public)

    def test_only_classes_of_the_teachers_school(self):
        self.register()
        other = self.make_school('hillside')
        other_teacher = self.make_teacher(other, 'h-teacher1')
        other_class = self.make_class(other_teacher)
        self.assertRefused(exceptions.Conflict, 'image.other_school',
                           self.share, klass=other_class)

    def test_unshare(self):
        self.register()
        self.share()
        images.unshare(TEACHER, self.image_id, self.klass['id'])
        self.assertEqual({}, self.members())
        self.assertRefused(exceptions.NotFound, 'image_share.not_found',
                           images.unshare, TEACHER, self.image_id,
                           self.klass['id'])


class MembersFollowTheClassTest(ImagesTestCase):

    def setUp(self):
        super().setUp()
        self.register()
        self.share()

    def test_a_student_enrolled_later_becomes_a_member(self):
        carol = self.enrol(self.klass, 'carol')
        self.assertEqual('accepted', self.members()[carol['id']])

    def test_a_failed_member_write_undoes_the_enrolment(self):
        self.broker.fail_on['add_image_member'] = 0
        self.assertRaises(exceptions.BackendUnavailable, self.enrol,
                          self.klass, 'carol')
        self.assertNotIn('carol', {u['name']
                                   for u in self.broker.users.values()})
        self.assertEqual({self.alice['id'], self.bob['id']},
                         set(self.members()))

    def test_a_removed_student_stops_being_one(self):
        students.remove(TEACHER, self.alice['id'])
        self.assertEqual({self.bob['id']}, set(self.members()))

    def test_a_failed_archive_gives_the_images_back(self):
        # The second student's removal fails: the first is a member again.
        self.broker.fail_on['remove_image_member'] = 1
        self.assertRaises(exceptions.BackendUnavailable, lifecycle.archive,
                          TEACHER, self.klass['id'])
        self.assertEqual({self.alice['id'], self.bob['id']},
                         set(self.members()))
        self.assertIsNone(classes.get(TEACHER, self.klass['id'])[
            'closed_at'])

    def test_archiving_the_class_removes_every_member_and_share(self):
        lifecycle.archive(TEACHER, self.klass['id'])
        self.assertEqual({}, self.members())
        self.assertEqual([], images.get(TEACHER, self.image_id)[
            'shared_with'])

    def test_closing_a_class_drops_its_shares(self):
        for student in (self.alice, self.bob):
            students.remove(TEACHER, student['id'])
        classes.close(TEACHER, self.klass['id'])
        self.assertEqual([], images.get(TEACHER, self.image_id)[
            'shared_with'])


class TemplatesTest(ImagesTestCase):

    def test_an_unshared_image_is_refused(self):
        self.assertRefused(exceptions.Conflict, 'template.image_not_shared',
                           self.template)
        self.register()
        self.assertRefused(exceptions.Conflict, 'template.image_not_shared',
                           self.template)
        self.share()
        self.assertEqual(self.image_id, self.template()['image_id'])

    def test_disabled_takes_no_new_templates_but_keeps_the_old(self):
        self.register()
        self.share()
        made = self.template()
        image = images.update(TEACHER, self.image_id, {'enabled': False})
        self.assertFalse(image['enabled'])
        self.assertRefused(exceptions.Conflict, 'template.image_disabled',
                           self.template, name='another')
        self.assertEqual(made, labs.get(TEACHER, made['id']))
        images.update(TEACHER, self.image_id, {'enabled': True})
        self.template(name='another')

    def test_public_images_need_no_registration_unless_disabled(self):
        public = self.broker.add_image('admin-project', visibility='public')
        self.template(public)
        images.register(ADMIN, public)
        images.update(ADMIN, public, {'enabled': False})
        self.assertRefused(exceptions.Conflict, 'template.image_disabled',
                           self.template, public, name='another')

    def test_only_enabled_changes(self):
        self.register()
        self.assertRefused(exceptions.Invalid, 'field.immutable',
                           images.update, TEACHER, self.image_id,
                           {'name': 'x'})


class DeleteTest(ImagesTestCase):

    def setUp(self):
        super().setUp()
        self.register()
        self.share()

    def test_refused_while_a_template_uses_it(self):
        made = self.template()
        error = self.assertRefused(exceptions.Conflict, 'image.in_use',
                                   images.delete, TEACHER, self.image_id)
        self.assertEqual([made['id']], error.details['templates'])
        self.assertRefused(exceptions.Conflict, 'image.in_use',
                           images.unshare, TEACHER, self.image_id,
                           self.klass['id'])
        labs.delete(TEACHER, made['id'])
        images.delete(TEACHER, self.image_id)
        self.assertNotIn(self.image_id, self.broker.images)
        self.assertRefused(exceptions.NotFound, 'image.not_found',
                           images.get, TEACHER, self.image_id)

    def test_the_platforms_image_stays_in_glance(self):
        public = self.broker.add_image('admin-project', visibility='public')
        images.register(ADMIN, public)
        images.delete(ADMIN, public)
        self.assertIn(public, self.broker.images)

    def test_a_failed_glance_delete_keeps_the_registration(self):
        self.broker.fail_on['delete_image'] = 0
        self.assertRaises(exceptions.BackendUnavailable, images.delete,
                          TEACHER, self.image_id)
        self.assertEqual(1, len(images.get(TEACHER, self.image_id)[
            'shared_with']))

    def test_an_image_gone_from_glance_is_forgotten(self):
        del self.broker.images[self.image_id]
        images.delete(TEACHER, self.image_id)
        self.assertEqual([], images.list(TEACHER)[0])
