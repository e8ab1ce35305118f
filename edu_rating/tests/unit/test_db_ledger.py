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
import datetime
from unittest import mock

from oslo_db import exception as db_exc

from edu_rating.db import api as db_api
from edu_rating.db.sqlalchemy import models
from edu_rating.tests.unit import base
from edu_rating.tests.unit.base import utc

SCHOOL = db_api.Scope('school', 'domain-a')
T0 = utc(2025, 1, 1, 8, 0, 0)
T1 = utc(2025, 1, 15, 12, 30, 0)
T2 = utc(2025, 2, 1, 0, 0, 0)


class ScopeTest(base.TestCase):

    def test_unknown_type_refused(self):
        self.assertRaises(db_api.InvalidScope, db_api.Scope, 'class', 'x')

    def test_missing_id_refused(self):
        self.assertRaises(db_api.InvalidScope, db_api.Scope, 'school', '')


class SchoolsAndTeachersTest(base.DBTestCase):

    def test_create_and_get_school(self):
        created = self.db.create_school('domain-a', 'School A')
        school = self.db.get_school('domain-a')
        self.assertEqual(created.id, school.id)
        self.assertEqual('School A', school.name)
        self.assertTrue(school.enabled)
        self.assertEqual(datetime.timezone.utc, school.created_at.tzinfo)

    def test_a_domain_is_a_school_once(self):
        self.db.create_school('domain-a', 'School A')
        self.assertRaises(db_api.SchoolAlreadyExists,
                          self.db.create_school, 'domain-a', 'Again')

    def test_unknown_school(self):
        self.assertRaises(db_api.NoSuchSchool, self.db.get_school, 'nope')

    def test_a_project_belongs_to_one_teacher(self):
        school = self.db.create_school('domain-a', 'School A')
        self.db.create_teacher(school.id, 'u1', 'proj-1', 'Ada')
        self.assertRaises(db_api.TeacherAlreadyExists,
                          self.db.create_teacher, school.id, 'u2', 'proj-1',
                          'Bob')

    def test_list_teachers_of_one_school(self):
        a = self.db.create_school('domain-a', 'A')
        b = self.db.create_school('domain-b', 'B')
        self.db.create_teacher(a.id, 'u1', 'proj-1', 'Ada')
        self.db.create_teacher(b.id, 'u2', 'proj-2', 'Bob')
        self.assertEqual(['proj-1'],
                         [t.project_id for t in self.db.list_teachers(a.id)])
        self.assertEqual(2, len(self.db.list_teachers()))


class LedgerTest(base.DBTestCase):

    def test_first_grant_opens_a_row(self):
        row = self.db.set_grant(SCHOOL, 'vcpu', 100, 'admin-1',
                                effective_from=T0, request_id='req-1',
                                reason='contract 2025')
        current = self.db.current_grants(SCHOOL)
        self.assertEqual(['vcpu'], list(current))
        self.assertEqual(row.id, current['vcpu'].id)
        self.assertEqual(100, current['vcpu'].amount)
        self.assertEqual(T0, current['vcpu'].effective_from)
        self.assertIsNone(current['vcpu'].effective_to)
        self.assertEqual('admin-1', current['vcpu'].actor)
        self.assertEqual('req-1', current['vcpu'].request_id)

    def test_change_closes_the_open_row_and_opens_a_new_one(self):
        first = self.db.set_grant(SCHOOL, 'vcpu', 100, 'admin-1',
                                  effective_from=T0)
        second = self.db.set_grant(SCHOOL, 'vcpu', 150, 'admin-2',
                                   effective_from=T1)
        history = self.db.ledger_history(SCHOOL, 'vcpu')
        self.assertEqual([first.id, second.id], [r.id for r in history])
        self.assertEqual([(100, T0, T1, 'admin-1'),
                          (150, T1, None, 'admin-2')],
                         [(r.amount, r.effective_from, r.effective_to,
                           r.actor) for r in history])
        self.assertEqual(150, self.db.current_grants(SCHOOL)['vcpu'].amount)
        self.assertEqual({'vcpu': 150}, self.db.current_amounts(SCHOOL))

    def test_history_is_never_rewritten(self):
        self.db.set_grant(SCHOOL, 'vcpu', 100, 'a', effective_from=T0)
        self.db.set_grant(SCHOOL, 'vcpu', 150, 'a', effective_from=T1)
        before = [r.as_dict() for r in self.db.ledger_history(SCHOOL)]
        self.db.set_grant(SCHOOL, 'vcpu', 10, 'a', effective_from=T2)
        after = [r.as_dict() for r in self.db.ledger_history(SCHOOL)]
        # Only the open row got its end; every closed row is untouched.
        self.assertEqual(before[0], after[0])
        self.assertEqual(dict(before[1], effective_to=T2), after[1])
        self.assertEqual(3, len(after))

    def test_change_dated_before_the_open_row_is_refused(self):
        self.db.set_grant(SCHOOL, 'vcpu', 100, 'a', effective_from=T1)
        self.assertRaises(db_api.InvalidGrant, self.db.set_grant,
                          SCHOOL, 'vcpu', 5, 'a', effective_from=T0)
        history = self.db.ledger_history(SCHOOL)
        self.assertEqual([(100, None)],
                         [(r.amount, r.effective_to) for r in history])

    def test_negative_grant_refused(self):
        self.assertRaises(db_api.InvalidGrant, self.db.set_grant,
                          SCHOOL, 'vcpu', -1, 'a')
        self.assertEqual([], self.db.ledger_history(SCHOOL))

    def test_close_and_open_happen_in_one_transaction(self):
        self.db.set_grant(SCHOOL, 'vcpu', 100, 'a', effective_from=T0)
        # actor is NOT NULL: the insert of the new row fails after the
        # open row was closed in the same transaction.
        self.assertRaises(db_exc.DBError, self.db.set_grant,
                          SCHOOL, 'vcpu', 5, None, effective_from=T1)
        history = self.db.ledger_history(SCHOOL)
        self.assertEqual([(100, T0, None)],
                         [(r.amount, r.effective_from, r.effective_to)
                          for r in history])

    def test_the_open_row_is_locked_for_the_change(self):
        self.db.set_grant(SCHOOL, 'vcpu', 1, 'a', effective_from=T0)
        with mock.patch('sqlalchemy.orm.Query.with_for_update',
                        autospec=True,
                        side_effect=lambda q, **kw: q) as lock:
            self.db.set_grant(SCHOOL, 'vcpu', 2, 'a', effective_from=T1)
        lock.assert_called_once()

    def test_resources_and_scopes_are_independent(self):
        teacher = db_api.Scope('teacher', 'proj-1')
        self.db.set_grant(SCHOOL, 'vcpu', 100, 'a', effective_from=T0)
        self.db.set_grant(SCHOOL, 'ram_mb', 2048, 'a', effective_from=T0)
        self.db.set_grant(teacher, 'vcpu', 10, 'a', effective_from=T0)
        self.db.set_grant(SCHOOL, 'vcpu', 120, 'a', effective_from=T1)
        school_now = self.db.current_grants(SCHOOL)
        self.assertEqual({'vcpu': 120, 'ram_mb': 2048},
                         {k: v.amount for k, v in school_now.items()})
        self.assertEqual({'vcpu': 10},
                         {k: v.amount for k, v in
                          self.db.current_grants(teacher).items()})
        self.assertIsNone(school_now['ram_mb'].effective_to)

    def test_default_effective_from_is_now_in_utc(self):
        before = datetime.datetime.now(datetime.timezone.utc)
        row = self.db.set_grant(SCHOOL, 'vcpu', 1, 'a')
        stored = self.db.current_grants(SCHOOL)['vcpu'].effective_from
        self.assertEqual(row.effective_from, stored)
        self.assertEqual(datetime.timezone.utc, stored.tzinfo)
        self.assertLessEqual(before.replace(microsecond=0), stored)

    def test_times_round_trip_as_aware_utc_seconds(self):
        tokyo = datetime.timezone(datetime.timedelta(hours=9))
        local = datetime.datetime(2025, 1, 1, 9, 0, 0, 123456, tzinfo=tokyo)
        self.db.set_grant(SCHOOL, 'vcpu', 1, 'a', effective_from=local)
        stored = self.db.current_grants(SCHOOL)['vcpu'].effective_from
        self.assertEqual(utc(2025, 1, 1, 0, 0, 0), stored)
        self.assertEqual(datetime.timezone.utc, stored.tzinfo)
        self.assertEqual(0, stored.microsecond)

    def test_naive_datetimes_are_refused_by_the_column(self):
        column = models.UTCDateTime()
        self.assertRaises(ValueError, column.process_bind_param,
                          datetime.datetime(2025, 1, 1), None)

    def test_allocations_in_period(self):
        teacher = db_api.Scope('teacher', 'proj-1')
        enrolment = db_api.Scope('enrolment', 'domain-a')
        self.db.set_grant(SCHOOL, 'vcpu', 1, 'a', effective_from=T0)
        self.db.set_grant(SCHOOL, 'vcpu', 2, 'a', effective_from=T1)
        self.db.set_grant(teacher, 'vcpu', 3, 'a', effective_from=T0)
        # Same id as the school but another scope type: never mixed up.
        self.db.set_grant(enrolment, 'vcpu', 4, 'a', effective_from=T0)

        def amounts(start, end, resource='vcpu'):
            rows = self.db.allocations_in_period(
                ['domain-a'], ('school', 'teacher'), start, end, resource)
            return [r.amount for r in rows]

        self.assertEqual([1, 2], amounts(T0, T2))
        # Half-open: the row closed at T1 does not overlap [T1, T2).
        self.assertEqual([2], amounts(T1, T2))
        self.assertEqual([1], amounts(T0, T1))
        self.assertEqual([], amounts(T0 - datetime.timedelta(days=1), T0))
        self.assertEqual([], amounts(T0, T2, resource='ram_mb'))
