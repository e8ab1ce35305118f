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
"""DB API beyond the ledger: locks, sums, lists and pages."""

import contextlib
from unittest import mock

import sqlalchemy as sa

from edu_rating.db import api as db_api
from edu_rating.tests.unit import base
from edu_rating.tests.unit.base import utc

T0 = utc(2025, 1, 1)


class QueriesTestCase(base.DBTestCase):

    def setUp(self):
        super().setUp()
        self.school = self.db.create_school('dom-a', 'A', description='d')
        self.teacher = self.db.create_teacher(self.school.id, 'u1', 'tp1',
                                              'Ada', project_name='ada-lab')
        self.klass = self.db.create_class(self.teacher.id, 'Net',
                                          default_grant={'vcpu': 1})

    def enrol(self, project_id, name, vcpu, klass=None):
        row = self.db.create_enrolment((klass or self.klass).id,
                                       'u-' + name, project_id, name)
        self.db.set_grant(db_api.Scope('enrolment', project_id), 'vcpu',
                          vcpu, 'a', effective_from=T0)
        return row


class LockTest(QueriesTestCase):

    def locking_statements(self, **locks):
        """The SELECT ... FOR UPDATE statements lock_rows executes."""
        statements = []
        original = sa.sql.Select.with_for_update

        def record(stmt, **kwargs):
            statements.append(original(stmt, **kwargs))
            return statements[-1]

        with mock.patch.object(sa.sql.Select, 'with_for_update',
                               autospec=True, side_effect=record):
            with self.db.transaction():
                self.db.lock_rows(**locks)
        return statements

    def test_rows_are_locked_school_first(self):
        statements = self.locking_statements(teacher_pk=self.teacher.id,
                                             school_pk=self.school.id)
        self.assertEqual(
            ['edu_schools', 'edu_teachers'],
            [stmt.get_final_froms()[0].name for stmt in statements])

    def test_lock_selects_only_the_id(self):
        # Selecting the ORM row would join (and lock) its school too.
        (stmt,) = self.locking_statements(teacher_pk=self.teacher.id)
        sql = str(stmt.compile(dialect=sa.dialects.mysql.dialect()))
        self.assertTrue(sql.startswith('SELECT edu_teachers.id \nFROM '
                                       'edu_teachers'), sql)
        self.assertNotIn('edu_schools', sql)
        self.assertIn('FOR UPDATE', sql)

    def test_read_committed_on_mysql(self):
        session = mock.Mock()
        session.get_bind.return_value.dialect.name = 'mysql'

        @contextlib.contextmanager
        def fake_session():
            yield session

        with mock.patch('cloudkitty.db.session_for_write', fake_session):
            with self.db.transaction() as got:
                self.assertIs(session, got)
        # For this transaction only, before its first statement: the
        # connection goes back to the pool as it came.
        (statement,), _kwargs = session.execute.call_args_list[0]
        self.assertEqual('SET TRANSACTION ISOLATION LEVEL READ COMMITTED',
                         str(statement))
        session.connection.assert_not_called()

    def test_transaction_rolls_back_everything(self):
        scope = db_api.Scope('teacher', 'tp1')
        try:
            with self.db.transaction():
                self.db.set_grant(scope, 'vcpu', 5, 'a')
                self.db.update_teacher('tp1', enabled=False)
                raise RuntimeError('broker failed')
        except RuntimeError:
            pass
        self.assertEqual({}, self.db.current_grants(scope))
        self.assertTrue(self.db.get_teacher('tp1').enabled)


class SumsTest(QueriesTestCase):

    def test_delegated_by_a_teacher_skips_removed_and_others(self):
        other = self.db.create_teacher(self.school.id, 'u2', 'tp2', 'Bob')
        other_class = self.db.create_class(other.id, 'Bio')
        self.enrol('e1', 'x', 2)
        self.enrol('e2', 'y', 3)
        self.enrol('e3', 'z', 7, klass=other_class)
        removed = self.enrol('e4', 'w', 11)
        self.db.update_enrolment(removed.project_id, removed_at=T0)
        self.assertEqual({'vcpu': 5},
                         self.db.delegated(db_api.Scope('teacher', 'tp1')))
        self.assertEqual({}, self.db.delegated(db_api.Scope('enrolment',
                                                            'e1')))

    def test_delegated_by_a_school_counts_open_rows_only(self):
        self.db.create_teacher(self.school.id, 'u2', 'tp2', 'Bob')
        for project, amount, when in (('tp1', 4, T0), ('tp1', 6, None),
                                      ('tp2', 3, T0)):
            self.db.set_grant(db_api.Scope('teacher', project), 'vcpu',
                              amount, 'a', effective_from=when)
        self.assertEqual({'vcpu': 9},
                         self.db.delegated(db_api.Scope('school', 'dom-a')))

    def test_grants_of_many(self):
        self.enrol('e1', 'x', 2)
        self.assertEqual({'e1': {'vcpu': 2}, 'e9': {}},
                         self.db.grants_of('enrolment', ['e1', 'e9']))
        self.assertEqual({}, self.db.grants_of('enrolment', []))


class ListTest(QueriesTestCase):

    def test_pages_by_public_id(self):
        for i in range(3):
            self.db.create_school('dom-%d' % i, 'S%d' % i)
        self.assertEqual(
            ['dom-0', 'dom-1'],
            [s.domain_id for s in self.db.list_schools(limit=2,
                                                       marker='dom-a')])
        self.assertRaises(db_api.InvalidMarker, self.db.list_schools,
                          marker='nope')
        self.assertEqual(4, len(self.db.list_schools()))

    def test_classes_and_enrolments_filters(self):
        other_school = self.db.create_school('dom-b', 'B')
        other = self.db.create_teacher(other_school.id, 'u2', 'tp2', 'Bob')
        theirs = self.db.create_class(other.id, 'Bio')
        self.db.update_class(theirs.id, closed_at=T0)
        self.enrol('e1', 'x', 1)
        self.assertEqual([self.klass.id], [
            c.id for c in self.db.list_classes(school_pk=self.school.id)])
        self.assertEqual([], self.db.list_classes(school_pk=other_school.id))
        self.assertEqual([theirs.id], [c.id for c in self.db.list_classes(
            school_pk=other_school.id, include_closed=True)])
        self.assertEqual(['e1'], [e.project_id for e in
                                  self.db.list_enrolments(
                                      school_pk=self.school.id, name='x')])
        self.assertEqual([], self.db.list_enrolments(teacher_pk=other.id))

    def test_rows_carry_their_owners(self):
        enrolment = self.enrol('e1', 'x', 1)
        self.assertEqual('dom-a', enrolment.klass.teacher.school.domain_id)
        self.assertEqual('ada-lab', self.db.get_teacher('tp1').project_name)
        self.assertEqual('d', self.db.get_school('dom-a').description)
        self.assertRaises(db_api.NoSuchEnrolment, self.db.get_enrolment,
                          'nope')
        self.assertRaises(db_api.NoSuchClass, self.db.get_class, 999)


class RememberingTest(QueriesTestCase):
    """Within one request, an object found by id is loaded once."""

    def selects_of(self, call):
        engine = base.engine()
        statements = []

        def record(conn, cursor, statement, *args):
            if statement.lstrip().upper().startswith('SELECT'):
                statements.append(statement)
        sa.event.listen(engine, 'before_cursor_execute', record)
        try:
            call()
        finally:
            sa.event.remove(engine, 'before_cursor_execute', record)
        return len(statements)

    def test_found_once_inside_and_afresh_outside(self):
        def twice():
            self.db.get_class(self.klass.id)
            self.db.get_class(self.klass.id)
        self.assertEqual(2, self.selects_of(twice))
        with self.db.remembering():
            self.assertEqual(1, self.selects_of(twice))

    def test_a_write_forgets_what_was_found(self):
        with self.db.remembering():
            self.assertEqual('Net', self.db.get_class(self.klass.id).name)
            self.db.update_class(self.klass.id, name='Networks')
            self.assertEqual('Networks',
                             self.db.get_class(self.klass.id).name)
            # A transaction reads afresh, after its locks.
            self.db.get_class(self.klass.id)
            with self.db.transaction():
                self.assertEqual(1, self.selects_of(
                    lambda: self.db.get_class(self.klass.id)))

    def test_a_write_in_a_transaction_forgets_too(self):
        # A row found before the write holds a collection it made stale.
        self.db.create_image('img-1', self.teacher.id, 'disk', 'a')
        with self.db.remembering():
            with self.db.transaction():
                self.assertEqual([], self.db.get_image('img-1').shares)
                self.db.share_image(self.db.get_image('img-1').id,
                                    self.klass.id, 'a')
                self.assertEqual([self.klass.id], [
                    share.class_id
                    for share in self.db.get_image('img-1').shares])

    def test_a_failed_transaction_forgets_what_it_found(self):
        def fail():
            with self.db.transaction():
                self.db.get_class(self.klass.id)
                raise RuntimeError('refused')

        with self.db.remembering():
            self.assertRaises(RuntimeError, fail)
            self.assertEqual(1, self.selects_of(
                lambda: self.db.get_class(self.klass.id)))
            self.assertEqual('Net', self.db.get_class(self.klass.id).name)

    def test_unknown_ids_are_still_not_found(self):
        with self.db.remembering():
            self.assertRaises(db_api.NoSuchClass, self.db.get_class, 999)
            self.assertRaises(db_api.NoSuchClass, self.db.get_class, 999)
