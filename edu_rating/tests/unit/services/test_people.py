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
"""Schools, teachers and classes: creation, compensation, lists."""

import contextlib
from unittest import mock

from oslo_db import exception as db_exc

from edu_rating.db import api as db_api
from edu_rating import exceptions
from edu_rating.management.controllers import targets
from edu_rating.management.services import classes
from edu_rating.management.services import schools
from edu_rating.management.services import teachers
from edu_rating.tests.unit.services import base
from edu_rating.tests.unit.services.base import ADMIN

ZERO = {'vcpu': 0, 'ram_mb': 0, 'disk_gb': 0, 'instances': 0}


class SchoolsTest(base.ServiceTestCase):

    def test_create(self):
        school, admin = schools.create(
            ADMIN, '<b>Écola</b> 学校', 'desc',
            {'name': 'head', 'password': 'pw', 'email': 'h@example.org'},
            {'vcpu': 8})
        self.assertEqual('<b>Écola</b> 学校', school['name'])
        self.assertEqual(dict(ZERO, vcpu=8), school['grant'])
        self.assertEqual('head', admin['name'])
        self.assertIn(('manager', admin['id'], school['id'], False),
                      self.broker.roles)
        self.assertEqual(school, schools.get(ADMIN, school['id']))

    def test_failure_after_the_domain_deletes_it(self):
        self.broker.fail_on['create_user'] = 0
        self.assertRaises(exceptions.BackendUnavailable, self.make_school)
        self.assertEqual({}, self.broker.domains)
        self.assertEqual(([], None), schools.list(ADMIN))

    def test_duplicate_name_is_a_conflict(self):
        self.make_school('riverside')
        self.assertRaises(exceptions.Conflict, self.make_school, 'riverside')
        self.assertEqual(1, len(self.broker.domains))

    def test_bad_input(self):
        for name in ('', ' x', 'a' * 65, 'tab\there', None):
            self.assertRaises(exceptions.Invalid, schools.create, ADMIN,
                              name, None, {'name': 'a', 'password': 'p'},
                              {})
        self.assertRaises(exceptions.Invalid, schools.create, ADMIN, 'ok',
                          None, {'name': 'a'}, {})
        self.assertEqual({}, self.broker.domains)

    def test_list_pages_and_filters(self):
        ids = [self.make_school('s%d' % i)['id'] for i in range(5)]
        page, marker = schools.list(ADMIN, limit=2)
        self.assertEqual(ids[:2], [s['id'] for s in page])
        self.assertEqual(ids[1], marker)
        page, marker = schools.list(ADMIN, limit=2, marker=marker)
        self.assertEqual(ids[2:4], [s['id'] for s in page])
        page, marker = schools.list(ADMIN, limit=2, marker=marker)
        self.assertEqual((ids[4:], None), ([s['id'] for s in page], marker))
        self.assertEqual([ids[3]], [s['id'] for s in
                                    schools.list(ADMIN, name='s3')[0]])
        self.assertRaises(exceptions.Invalid, schools.list, ADMIN,
                          marker='nope')

    def test_disable(self):
        school = self.make_school()
        updated = schools.update(ADMIN, school['id'], {'enabled': False})
        self.assertFalse(updated['enabled'])
        self.assertFalse(self.broker.domains[school['id']]['enabled'])
        self.assertEqual([], schools.list(ADMIN, enabled=True)[0])
        self.assertRaises(exceptions.Invalid, schools.update, ADMIN,
                          school['id'], {'name': 'x'})

    def test_failed_keystone_update_leaves_the_db_alone(self):
        school = self.make_school()
        self.broker.fail_on['update_domain'] = 0
        self.assertRaises(exceptions.BackendUnavailable, schools.update,
                          ADMIN, school['id'], {'description': 'new'})
        self.assertEqual('Riverside High',
                         schools.get(ADMIN, school['id'])['description'])


class TeachersTest(base.ServiceTestCase):

    def setUp(self):
        super().setUp()
        self.school = self.make_school()

    def test_create(self):
        teacher = self.make_teacher(self.school, grant={'vcpu': 4})
        self.assertEqual(self.school['id'], teacher['school_id'])
        self.assertEqual('a-teacher1', teacher['project_name'])
        self.assertEqual(dict(ZERO, vcpu=4), teacher['grant'])
        self.assertEqual(dict(ZERO, vcpu=4), self.limits(teacher['id']))
        self.assertIn(('manager', teacher['user_id'], teacher['id'], True),
                      self.broker.roles)
        # Zeros first, then the grant.
        self.assertEqual(
            [(teacher['id'], ZERO), (teacher['id'], dict(ZERO, vcpu=4))],
            self.broker.limit_writes)

    def test_grant_over_the_school_creates_nothing(self):
        with mock.patch.object(self.broker, 'create_user',
                               wraps=self.broker.create_user) as create:
            error = self.assertRaises(exceptions.Conflict, self.make_teacher,
                                      self.school, grant={'vcpu': 65})
        # Refused before any Keystone work, with the numbers.
        self.assertFalse(create.called)
        self.assertEqual(('grant.exceeds_parent', 64, 0, 65),
                         (error.error_code, error.details['available'],
                          error.details['held'], error.details['asked']))
        self.assertEqual(['riverside-admin'],
                         [u['name'] for u in self.broker.users.values()])
        self.assertEqual({}, self.broker.projects)
        self.assertEqual([], teachers.list(ADMIN)[0])

    def test_keystone_failure_is_compensated(self):
        self.broker.fail_on['grant_project_role'] = 0
        self.assertRaises(exceptions.BackendUnavailable, self.make_teacher,
                          self.school)
        self.assertEqual({}, self.broker.projects)
        self.assertEqual(1, len(self.broker.users))

    def test_unknown_school(self):
        self.assertRaises(exceptions.NotFound, teachers.create, ADMIN,
                          'nope', 'x', 'pw')

    def test_list_by_school_and_update(self):
        other = self.make_school('other')
        mine = self.make_teacher(self.school)
        self.make_teacher(other, 'b')
        self.assertEqual([mine['id']], [t['id'] for t in teachers.list(
            ADMIN, school_id=self.school['id'])[0]])
        updated = teachers.update(ADMIN, mine['id'], {'enabled': False})
        self.assertFalse(updated['enabled'])
        self.assertFalse(self.broker.users[mine['user_id']]['enabled'])

    def test_reset_password(self):
        teacher = self.make_teacher(self.school)
        shown = teachers.update(ADMIN, teacher['id'],
                                {'password': 'n3w secret'})
        self.assertEqual('n3w secret',
                         self.broker.users[teacher['user_id']]['password'])
        self.assertNotIn('n3w secret', repr(shown))
        for bad in ('', None, 'tab\there'):
            error = self.assertRaises(exceptions.Invalid, teachers.update,
                                      ADMIN, teacher['id'], {'password': bad})
            self.assertEqual('password', error.details['field'])
        self.assertEqual('n3w secret',
                         self.broker.users[teacher['user_id']]['password'])

    def test_failed_commit_restores_the_keystone_user(self):
        teacher = self.make_teacher(self.school)
        user = self.broker.users[teacher['user_id']]
        user.update(email='old@example.org', enabled=True)
        db = db_api.get_instance()
        real_transaction = db.transaction

        @contextlib.contextmanager
        def failing_commit():
            # Keystone has been changed by then; the DB rolls back.
            with real_transaction():
                yield
                raise db_exc.DBError('commit failed')

        with mock.patch.object(db, 'transaction', failing_commit):
            self.assertRaises(db_exc.DBError, teachers.update, ADMIN,
                              teacher['id'], {'enabled': False,
                                              'email': 'new@example.org'})
        self.assertEqual('old@example.org', user['email'])
        self.assertTrue(user['enabled'])
        self.assertTrue(teachers.get(ADMIN, teacher['id'])['enabled'])

    def test_targets(self):
        teacher = self.make_teacher(self.school)
        klass = self.make_class(teacher)
        expected = {'domain_id': self.school['id'],
                    'teacher_project_id': teacher['id']}
        self.assertEqual(expected, targets.resolve('teacher', teacher['id']))
        self.assertEqual(expected, targets.resolve('class', klass['id']))
        self.assertEqual({'domain_id': self.school['id']},
                         targets.resolve('school', self.school['id']))
        self.assertRaises(exceptions.NotFound, targets.resolve, 'class',
                          'abc')
        self.assertRaises(exceptions.NotFound, targets.resolve, 'student',
                          'nope')


class ClassesTest(base.ServiceTestCase):

    def setUp(self):
        super().setUp()
        self.teacher = self.make_teacher(self.make_school(),
                                         grant={'vcpu': 8, 'instances': 4})

    def test_create_update_close(self):
        klass = classes.create(ADMIN, self.teacher['id'], 'Networks 101',
                               term_end='2027-01-31',
                               default_grant={'vcpu': 2})
        self.assertEqual(dict(ZERO, vcpu=2), klass['default_grant'])
        self.assertEqual('2027-01-31', klass['term_end'].isoformat())
        klass = classes.update(ADMIN, klass['id'],
                               {'default_grant': {'instances': 1}})
        self.assertEqual(dict(ZERO, vcpu=2, instances=1),
                         klass['default_grant'])
        student = self.enrol(klass)
        self.assertRaises(exceptions.Conflict, classes.close, ADMIN,
                          klass['id'])
        base.students.remove(ADMIN, student['id'])
        closed = classes.close(ADMIN, klass['id'])
        self.assertIsNotNone(closed['closed_at'])
        self.assertEqual([], classes.list(ADMIN)[0])
        self.assertEqual([klass['id']], [c['id'] for c in classes.list(
            ADMIN, include_closed=True)[0]])
        self.assertRaises(exceptions.Conflict, self.enrol, closed, 'bob')

    def test_bad_input(self):
        self.assertRaises(exceptions.Invalid, classes.create, ADMIN,
                          self.teacher['id'], 'x', term_end='31/01/2027')
        self.assertRaises(exceptions.Invalid, classes.create, ADMIN,
                          self.teacher['id'], 'x',
                          default_grant={'vcpu': -2})
        self.assertRaises(exceptions.NotFound, classes.get, ADMIN, 42)
