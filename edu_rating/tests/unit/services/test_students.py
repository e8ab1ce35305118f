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
"""Enrolments one by one and by roster, and removing students."""

from edu_rating import exceptions
from edu_rating.management.services import actor as actor_mod
from edu_rating.management.services import allocations
from edu_rating.management.services import students
from edu_rating.tests.unit.services import base
from edu_rating.tests.unit.services.base import TEACHER

ZERO = {'vcpu': 0, 'ram_mb': 0, 'disk_gb': 0, 'instances': 0}


class StudentsTestCase(base.ServiceTestCase):

    def setUp(self):
        super().setUp()
        self.school = self.make_school()
        self.teacher = self.make_teacher(self.school,
                                         grant={'vcpu': 8, 'instances': 4})
        self.klass = self.make_class(self.teacher,
                                     default_grant={'vcpu': 2,
                                                    'instances': 1})

    def student_users(self):
        return sorted(u['name'] for u in self.broker.users.values()
                      if u['name'] not in ('riverside-admin', 'a-teacher1'))


class EnrolTest(StudentsTestCase):

    def test_enrol_with_the_default_grant(self):
        student, password = students.enrol(TEACHER, self.klass['id'],
                                           'alice')
        self.assertEqual(dict(ZERO, vcpu=2, instances=1), student['grant'])
        self.assertEqual(self.teacher['id'],
                         self.broker.projects[student['id']]['parent_id'])
        self.assertEqual(password,
                         self.broker.users[student['user_id']]['password'])
        self.assertGreaterEqual(len(password), 12)
        self.assertIn(('member', student['user_id'], student['id'], False),
                      self.broker.roles)
        self.assertEqual(dict(ZERO, vcpu=6, instances=3),
                         self.limits(self.teacher['id']))
        self.assertEqual(student, students.get(TEACHER, student['id']))

    def test_given_password_is_not_returned(self):
        _student, password = students.enrol(TEACHER, self.klass['id'], 'al',
                                            password='s3cret!')
        self.assertIsNone(password)

    def test_a_student_of_two_classes_is_one_user(self):
        other = self.make_class(self.teacher, default_grant={'vcpu': 1})
        first = self.enrol(self.klass, 'alice')
        second, password = students.enrol(TEACHER, other['id'], 'alice')
        self.assertEqual(first['user_id'], second['user_id'])
        self.assertNotEqual(first['id'], second['id'])
        self.assertIsNone(password)

    def test_twice_in_one_class_is_a_conflict(self):
        self.enrol(self.klass, 'alice')
        self.assertRaises(exceptions.Conflict, self.enrol, self.klass,
                          'alice')
        self.assertEqual(1, len(students.list(TEACHER)[0]))

    def test_over_the_teacher_creates_nothing(self):
        self.assertRaises(exceptions.Conflict, self.enrol, self.klass,
                          'alice', {'vcpu': 9})
        self.assertEqual([], self.student_users())

    def test_keystone_failure_deletes_what_was_created(self):
        self.broker.fail_on['set_project_limits'] = 2
        self.assertRaises(exceptions.BackendUnavailable, self.enrol,
                          self.klass, 'alice')
        self.assertEqual([], self.student_users())
        self.assertEqual([self.teacher['id']], list(self.broker.projects))
        self.assertEqual(dict(ZERO, vcpu=8, instances=4),
                         self.limits(self.teacher['id']))
        self.assertEqual([], students.list(TEACHER)[0])

    def test_html_and_unicode_names_are_kept_verbatim(self):
        name = '<script>x</script>Zoë-李'
        student = self.enrol(self.klass, name)
        self.assertEqual(name, student['name'])
        self.assertTrue(student['project_name'].startswith(name))

    def test_bad_input(self):
        for name in ('', 'x' * 65, 'bell\x07'):
            self.assertRaises(exceptions.Invalid, self.enrol, self.klass,
                              name)
        self.assertRaises(exceptions.Invalid, students.enrol, TEACHER,
                          self.klass['id'], 'bob', email='not-an-email')
        self.assertRaises(exceptions.NotFound, self.enrol, {'id': 99}, 'b')
        self.assertEqual([], self.student_users())

    def test_list_filters_and_pages(self):
        ids = [self.enrol(self.klass, 's%d' % i)['id'] for i in range(3)]
        page, marker = students.list(TEACHER, class_id=self.klass['id'],
                                     limit=2)
        self.assertEqual((ids[:2], ids[1]), ([s['id'] for s in page],
                                             marker))
        page, marker = students.list(TEACHER, school_id=self.school['id'],
                                     limit=2, marker=marker)
        self.assertEqual((ids[2:], None), ([s['id'] for s in page], marker))
        self.assertEqual(3, len(students.list(
            TEACHER, teacher_id=self.teacher['id'])[0]))


class RosterTest(StudentsTestCase):

    def roster(self, text):
        return students.enrol_roster(TEACHER, self.klass['id'], text)

    def test_roster(self):
        result = self.roster(
            '\ufeffname,email\r\nalice,alice@example.org\r\n\r\nbob,\r\n')
        self.assertEqual(['alice', 'bob'],
                         [student['name'] for student, _pw in result])
        self.assertTrue(all(password for _s, password in result))
        self.assertEqual('alice@example.org',
                         self.broker.users[result[0][0]['user_id']]['email'])
        self.assertEqual(dict(ZERO, vcpu=4, instances=2),
                         self.limits(self.teacher['id']))

    def assertBadLine(self, text, line, fragment):
        error = self.assertRaises(exceptions.Invalid, self.roster, text)
        self.assertTrue(error.message.startswith('line %d: ' % line),
                        error.message)
        self.assertIn(fragment, error.message)
        self.assertEqual([], self.student_users())

    def test_one_bad_line_rejects_the_roster(self):
        self.assertBadLine('name\nalice\n\nbo\tb\n', 4, 'control')
        self.assertBadLine('name\nalice\nbob\nalice\n', 4,
                           'already on line 2')
        self.assertBadLine('name,email\nalice,a@x.org,extra\n', 2,
                           '3 values for 2 columns')
        self.assertBadLine('nom\nalice\n', 1, 'name column')
        self.assertBadLine('name,age\nalice,3\n', 1, 'columns must be')
        self.assertBadLine('name,email\nalice,nope\n', 2, 'e-mail')
        self.assertBadLine('name\n"alice\n', 2, 'unexpected end of data')

    def test_names_already_enrolled(self):
        self.enrol(self.klass, 'bob')
        error = self.assertRaises(exceptions.Invalid, self.roster,
                                  'name\nalice\nbob\n')
        self.assertEqual('line 3: bob is already enrolled in this class.',
                         error.message)

    def test_empty_rosters(self):
        for text in ('', 'name\n', 'name\n\n'):
            self.assertRaises(exceptions.Invalid, self.roster, text)

    def test_roster_over_the_teacher_creates_nothing(self):
        text = 'name\n' + ''.join('s%d\n' % i for i in range(5))
        error = self.assertRaises(exceptions.Conflict, self.roster, text)
        self.assertIn('5 students', error.message)
        self.assertEqual([], self.student_users())

    def test_failure_half_way_undoes_every_line(self):
        self.broker.fail_on['create_project'] = 2
        self.assertRaises(exceptions.BackendUnavailable, self.roster,
                          'name\na\nb\nc\n')
        self.assertEqual([], self.student_users())
        self.assertEqual([self.teacher['id']], list(self.broker.projects))
        self.assertEqual([], students.list(TEACHER)[0])


class RosterPreviewTest(StudentsTestCase):

    def preview(self, text, skip_enrolled=False):
        return students.preview_roster(TEACHER, self.klass['id'], text,
                                       skip_enrolled)

    def test_every_bad_line_is_named_and_nothing_is_created(self):
        self.enrol(self.klass, 'carol')
        report = self.preview('name,email\nalice,a@x.org\nbo\tb,\n\n'
                              'dave,nope\nalice,\ncarol,\n')
        self.assertEqual(
            [(2, 'new'), (3, 'invalid'), (5, 'invalid'), (6, 'invalid'),
             (7, 'invalid')],
            [(line['line'], line['status']) for line in report['lines']])
        messages = [line['message'] for line in report['lines']]
        self.assertIsNone(messages[0])
        self.assertIn('line 5', messages[2])
        self.assertIn('already on line 2', messages[3])
        self.assertIn('already enrolled', messages[4])
        self.assertEqual({'new': 1, 'enrolled': 0, 'invalid': 4},
                         report['counts'])
        self.assertEqual(['carol'], self.student_users())

    def test_skip_enrolled_and_the_total(self):
        self.enrol(self.klass, 'carol')
        report = self.preview('name\ncarol\nalice\nbob\n',
                              skip_enrolled=True)
        self.assertEqual(['enrolled', 'new', 'new'],
                         [line['status'] for line in report['lines']])
        self.assertEqual(dict(ZERO, vcpu=2, instances=1),
                         report['grant_each'])
        self.assertEqual(dict(ZERO, vcpu=4, instances=2),
                         report['grant_total'])
        self.assertIsNone(report['problem'])

    def test_a_roster_over_the_teacher_is_a_problem(self):
        text = 'name\n' + ''.join('s%d\n' % i for i in range(5))
        report = self.preview(text)
        self.assertEqual(5, report['counts']['new'])
        self.assertIn('5 students', report['problem'])
        self.assertIn('The roster lists no students.',
                      self.preview('name\n\n')['problem'])

    def test_an_unreadable_header_is_refused(self):
        self.assertRaises(exceptions.Invalid, self.preview, 'nom\nalice\n')

    def test_import_again_skips_those_enrolled(self):
        self.enrol(self.klass, 'alice')
        result = students.enrol_roster(TEACHER, self.klass['id'],
                                       'name\nalice\nbob\n',
                                       skip_enrolled=True)
        self.assertEqual(['bob'], [student['name'] for student, _p in result])
        self.assertEqual([], students.enrol_roster(
            TEACHER, self.klass['id'], 'name\nalice\nbob\n',
            skip_enrolled=True))

    def test_every_bad_line_in_the_refusal(self):
        error = self.assertRaises(exceptions.Invalid, students.enrol_roster,
                                  TEACHER, self.klass['id'],
                                  'name,email\na,x\nb,\nc,y\n')
        self.assertEqual([2, 4], [line['line']
                                  for line in error.details['lines']])
        self.assertEqual([], self.student_users())


class ClassGrantTest(StudentsTestCase):

    def test_the_whole_class_at_once(self):
        ids = [self.enrol(self.klass, name)['id'] for name in ('a', 'b')]
        result = allocations.set_class(TEACHER, self.klass['id'],
                                       {'vcpu': 3}, reason='lab 2')
        self.assertEqual(2, result['students'])
        for ident in ids:
            self.assertEqual(dict(ZERO, vcpu=3, instances=1),
                             self.limits(ident))
        self.assertEqual(dict(ZERO, vcpu=2, instances=2),
                         self.limits(self.teacher['id']))

    def test_over_the_teacher_changes_no_student(self):
        ids = [self.enrol(self.klass, name)['id'] for name in ('a', 'b')]
        error = self.assertRaises(exceptions.Conflict, allocations.set_class,
                                  TEACHER, self.klass['id'], {'vcpu': 5})
        self.assertIn('would need 10', error.message)
        for ident in ids:
            self.assertEqual(dict(ZERO, vcpu=2, instances=1),
                             self.limits(ident))

    def test_bad_input(self):
        self.assertRaises(exceptions.Invalid, allocations.set_class,
                          TEACHER, self.klass['id'], {'vcpu': -1})
        self.assertRaises(exceptions.NotFound, allocations.set_class,
                          TEACHER, 999, {'vcpu': 1})
        self.assertRaises(exceptions.Forbidden, allocations.set_class,
                          TEACHER, self.klass['id'], {'vcpu': 1},
                          force=True)


class RemoveTest(StudentsTestCase):

    def test_remove_releases_the_grant(self):
        student = self.enrol(self.klass, 'alice')
        students.remove(TEACHER, student['id'])
        self.assertFalse(self.broker.projects[student['id']]['enabled'])
        self.assertEqual(ZERO, self.limits(student['id']))
        self.assertEqual(dict(ZERO, vcpu=8, instances=4),
                         self.limits(self.teacher['id']))
        removed = students.get(TEACHER, student['id'])
        self.assertIsNotNone(removed['removed_at'])
        self.assertEqual(ZERO, removed['grant'])
        self.assertEqual([], students.list(TEACHER)[0])
        self.assertEqual(1, len(students.list(TEACHER,
                                              include_removed=True)[0]))
        self.assertEqual(ZERO, allocations.get(
            TEACHER, 'teacher', self.teacher['id'])['delegated'])
        self.assertRaises(exceptions.Conflict, students.remove, TEACHER,
                          student['id'])

    def test_reset_password(self):
        student = self.enrol(self.klass, 'alice')
        shown = students.update(TEACHER, student['id'],
                                {'password': 'n3w secret'})
        self.assertEqual('alice', shown['name'])
        self.assertEqual('n3w secret',
                         self.broker.users[student['user_id']]['password'])
        self.assertNotIn('n3w secret', repr(shown))
        error = self.assertRaises(exceptions.Invalid, students.update,
                                  TEACHER, student['id'], {'password': ''})
        self.assertEqual('field.empty', error.error_code)
        self.assertRaises(exceptions.Invalid, students.update, TEACHER,
                          student['id'], {'email': 'a@example.org'})
        students.remove(TEACHER, student['id'])
        error = self.assertRaises(exceptions.Conflict, students.update,
                                  TEACHER, student['id'],
                                  {'password': 'again'})
        self.assertEqual('student.removed', error.error_code)

    def test_a_teachers_or_admins_password_is_never_reset_as_a_students(self):
        # A roster may name anyone of the school: the user is reused.
        for name in ('riverside-admin', 'a-teacher1'):
            impostor = self.enrol(self.klass, name, grant={'vcpu': 0})
            user = self.broker.users[impostor['user_id']]
            user['password'] = 'theirs'
            error = self.assertRaises(exceptions.Forbidden, students.update,
                                      TEACHER, impostor['id'],
                                      {'password': 'taken over'})
            self.assertEqual('student.not_only_student', error.error_code)
            self.assertEqual('theirs', user['password'])

    def test_a_student_of_two_teachers_is_reset_by_the_school(self):
        other = self.make_teacher(self.school, 'b-teacher',
                                  grant={'vcpu': 2, 'instances': 1})
        mine = self.enrol(self.klass, 'alice')
        students.enrol(TEACHER, self.make_class(other)['id'], 'alice')
        error = self.assertRaises(exceptions.Forbidden, students.update,
                                  TEACHER, mine['id'], {'password': 'new'})
        self.assertEqual('student.other_teachers', error.error_code)
        school_admin = actor_mod.Actor('sa', domain_id=self.school['id'])
        students.update(school_admin, mine['id'], {'password': 'n3w'})
        self.assertEqual('n3w', self.broker.users[mine['user_id']]['password'])

    def test_servers_are_never_deleted_silently(self):
        student = self.enrol(self.klass, 'alice')
        self.broker.servers[student['id']] = ['vm1', 'vm2']
        error = self.assertRaises(exceptions.Conflict, students.remove,
                                  TEACHER, student['id'])
        self.assertIn('2 server(s) (vm1, vm2)', error.message)
        self.assertIsNone(students.get(TEACHER, student['id'])['removed_at'])
        self.assertIn(student['id'], self.broker.servers)
        # Asked explicitly, the teacher may remove the student and servers.
        students.remove(TEACHER, student['id'], force=True)
        self.assertNotIn(student['id'], self.broker.servers)
        self.assertIsNotNone(
            students.get(TEACHER, student['id'])['removed_at'])

    def test_failure_keeps_the_student(self):
        student = self.enrol(self.klass, 'alice')
        self.broker.fail_on['update_project'] = 0
        self.assertRaises(exceptions.BackendUnavailable, students.remove,
                          TEACHER, student['id'])
        self.assertEqual(dict(ZERO, vcpu=2, instances=1),
                         self.limits(student['id']))
        self.assertEqual(dict(ZERO, vcpu=6, instances=3),
                         self.limits(self.teacher['id']))
        self.assertIsNone(students.get(TEACHER, student['id'])['removed_at'])
