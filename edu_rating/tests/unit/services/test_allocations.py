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
from unittest import mock

from oslo_db import exception as db_exc

from edu_rating.db import api as db_api
from edu_rating import exceptions
from edu_rating.management.services import allocations
from edu_rating.management.services import usage
from edu_rating.tests.unit.services import base
from edu_rating.tests.unit.services.base import ADMIN
from edu_rating.tests.unit.services.base import TEACHER

ZERO = {'vcpu': 0, 'ram_mb': 0, 'disk_gb': 0, 'instances': 0}


class AllocationTestCase(base.ServiceTestCase):

    def setUp(self):
        super().setUp()
        self.school = self.make_school(grant={'vcpu': 64, 'ram_mb': 1024,
                                              'disk_gb': 100,
                                              'instances': 10})
        self.teacher = self.make_teacher(self.school,
                                         grant={'vcpu': 16, 'instances': 4})
        self.klass = self.make_class(self.teacher)

    def set(self, scope_type, scope_id, actor=ADMIN, **kwargs):
        return allocations.set(actor, scope_type, scope_id, **kwargs)

    def ledger(self, scope_type, scope_id):
        return [(r.resource, r.amount, r.effective_to is None)
                for r in db_api.get_instance().ledger_history(
                    db_api.Scope(scope_type, scope_id))]


class InvariantsTest(AllocationTestCase):

    def test_teachers_cannot_exceed_the_school(self):
        other = self.make_teacher(self.school, 'b-teacher',
                                  grant={'vcpu': 44})
        error = self.assertRaises(exceptions.Conflict, self.set, 'teacher',
                                  other['id'], grant={'vcpu': 52})
        self.assertEqual(
            "School riverside has 64 vCPU; its teachers already hold 60, "
            "so 4 are free; 8 more for b-teacher would need 68.",
            error.message)
        self.assertEqual('grant.exceeds_parent', error.error_code)
        self.assertEqual({'resource': 'vcpu', 'available': 64, 'held': 60,
                          'free': 4, 'asked': 8, 'needed': 68}, error.details)
        self.assertEqual(44, allocations.get(
            ADMIN, 'teacher', other['id'])['grant']['vcpu'])

    def test_teacher_may_take_exactly_what_is_free(self):
        summary = self.set('teacher', self.teacher['id'],
                           grant={'vcpu': 64})
        self.assertEqual(64, summary['grant']['vcpu'])
        school = allocations.get(ADMIN, 'school', self.school['id'])
        self.assertEqual(0, school['free']['vcpu'])
        self.assertEqual(64, school['delegated']['vcpu'])

    def test_enrolments_cannot_exceed_the_teacher(self):
        self.enrol(self.klass, 'alice', grant={'vcpu': 10})
        bob = self.enrol(self.klass, 'bob', grant={'vcpu': 4})
        error = self.assertRaises(exceptions.Conflict, self.set,
                                  'enrolment', bob['id'],
                                  grant={'vcpu': 8}, actor=TEACHER)
        self.assertIn("Teacher a-teacher1 has 16 vCPU; their students "
                      "already hold 14, so 2 are free; 4 more for bob would "
                      "need 18.", error.message)
        self.assertEqual(4, allocations.get(
            TEACHER, 'enrolment', bob['id'])['grant']['vcpu'])

    def test_school_cannot_shrink_below_its_teachers(self):
        error = self.assertRaises(exceptions.Conflict, self.set, 'school',
                                  self.school['id'], grant={'vcpu': 10})
        self.assertEqual({'resource': 'vcpu', 'asked': 10, 'minimum': 16},
                         error.details)
        self.assertIn('cannot go below 16 vCPU (asked: 10)', error.message)

    def test_teacher_cannot_shrink_below_their_students(self):
        self.enrol(self.klass, 'alice', grant={'vcpu': 6})
        error = self.assertRaises(exceptions.Conflict, self.set, 'teacher',
                                  self.teacher['id'], grant={'vcpu': 4})
        self.assertEqual(
            "Teacher a-teacher1 has granted 6 vCPU to their students; the "
            "grant cannot go below 6 vCPU (asked: 4).", error.message)

    def test_teacher_cannot_shrink_below_their_own_use(self):
        self.enrol(self.klass, 'alice', grant={'vcpu': 6})
        self.broker.usage[self.teacher['id']] = {'vcpu': 3}
        error = self.assertRaises(exceptions.Conflict, self.set, 'teacher',
                                  self.teacher['id'], grant={'vcpu': 8})
        self.assertEqual({'resource': 'vcpu', 'asked': 8, 'minimum': 9,
                          'in_use': 3}, error.details)
        self.assertIn('uses 3 vCPU', error.message)
        # Nine still fits: 6 for the student and the 3 in use.
        self.assertEqual(9, self.set('teacher', self.teacher['id'],
                                     grant={'vcpu': 9})['grant']['vcpu'])

    def test_enrolment_cannot_shrink_below_its_use(self):
        alice = self.enrol(self.klass, 'alice', grant={'vcpu': 4})
        self.broker.usage[alice['id']] = {'vcpu': 2}
        error = self.assertRaises(exceptions.Conflict, self.set,
                                  'enrolment', alice['id'],
                                  grant={'vcpu': 1}, actor=TEACHER)
        self.assertEqual(2, error.details['minimum'])

    def test_usage_is_read_only_when_shrinking(self):
        with mock.patch.object(self.broker, 'project_usage',
                               return_value=ZERO) as usage:
            self.set('teacher', self.teacher['id'], grant={'vcpu': 20})
        # Not for the checks, nor for the answer (as last swept).
        usage.assert_not_called()

    def test_a_shrink_reads_only_the_usage_it_checks(self):
        alice = self.enrol(self.klass, 'alice',
                           grant={'vcpu': 4, 'instances': 2})
        with mock.patch.object(self.broker, 'project_usage',
                               return_value=ZERO) as usage:
            self.set('enrolment', alice['id'], grant={'vcpu': 2})
            self.set('enrolment', alice['id'], grant={'instances': 1})
        # The checks', of what shrinks only; the answers are as swept.
        self.assertEqual([mock.call(alice['id'], ['vcpu']),
                          mock.call(alice['id'], ['instances'])],
                         usage.call_args_list)

    def test_force_skips_the_floors_for_those_allowed(self):
        self.enrol(self.klass, 'alice', grant={'vcpu': 6})
        summary = self.set('teacher', self.teacher['id'],
                           grant={'vcpu': 4}, force=True)
        self.assertEqual(4, summary['grant']['vcpu'])
        self.assertEqual(-2, summary['free']['vcpu'])
        # The teacher's own project gets nothing, never a negative limit.
        self.assertEqual(0, self.limits(self.teacher['id'])['vcpu'])

    def test_force_is_refused_to_others(self):
        self.assertRaises(exceptions.Forbidden, self.set, 'teacher',
                          self.teacher['id'], grant={'vcpu': 1},
                          force=True, actor=TEACHER)
        self.assertEqual(16, allocations.get(
            ADMIN, 'teacher', self.teacher['id'])['grant']['vcpu'])

    def test_force_never_oversubscribes_the_parent(self):
        self.assertRaises(exceptions.Conflict, self.set, 'teacher',
                          self.teacher['id'], grant={'vcpu': 65},
                          force=True)

    def test_bad_amounts_are_refused(self):
        for grant in ({'vcpu': -1}, {'vcpu': 10 ** 12}, {'vcpu': '4'},
                      {'vcpu': True}, {'gpu': 1}, [4]):
            self.assertRaises(exceptions.Invalid, self.set, 'teacher',
                              self.teacher['id'], grant=grant)
        self.assertEqual(2, len(self.ledger('teacher', self.teacher['id'])))

    def test_unknown_scopes(self):
        self.assertRaises(exceptions.NotFound, self.set, 'teacher', 'nope',
                          grant={'vcpu': 1})
        self.assertRaises(exceptions.Invalid, allocations.get, ADMIN,
                          'class', '1')


class LedgerAndLimitsTest(AllocationTestCase):

    def test_change_closes_and_opens_only_changed_resources(self):
        self.set('teacher', self.teacher['id'],
                 grant={'vcpu': 20, 'instances': 4}, reason='lab 3')
        self.assertEqual([('instances', 4, True), ('vcpu', 16, False),
                          ('vcpu', 20, True)],
                         sorted(self.ledger('teacher', self.teacher['id'])))
        history, next_marker = allocations.history(
            ADMIN, 'teacher', self.teacher['id'], resource='vcpu')
        self.assertIsNone(next_marker)
        self.assertEqual([16, 20], [row['amount'] for row in history])
        self.assertEqual('lab 3', history[1]['reason'])
        self.assertEqual('admin-user', history[1]['actor'])
        self.assertEqual('req-admin', history[1]['request_id'])
        self.assertEqual(history[0]['effective_to'],
                         history[1]['effective_from'])

    def test_no_op_writes_nothing(self):
        before = self.ledger('teacher', self.teacher['id'])
        writes = len(self.broker.limit_writes)
        self.set('teacher', self.teacher['id'], grant={'vcpu': 16})
        self.set('teacher', self.teacher['id'], grant={})
        self.assertEqual(before, self.ledger('teacher', self.teacher['id']))
        self.assertEqual(writes, len(self.broker.limit_writes))

    def test_effective_limits(self):
        alice = self.enrol(self.klass, 'alice',
                           grant={'vcpu': 2, 'instances': 1})
        self.enrol(self.klass, 'bob', grant={'vcpu': 3, 'instances': 1})
        self.assertEqual(dict(ZERO, vcpu=2, instances=1),
                         self.limits(alice['id']))
        self.assertEqual(dict(ZERO, vcpu=11, instances=2),
                         self.limits(self.teacher['id']))
        self.set('enrolment', alice['id'], grant={'vcpu': 4})
        self.assertEqual(4, self.limits(alice['id'])['vcpu'])
        self.assertEqual(9, self.limits(self.teacher['id'])['vcpu'])
        self.set('teacher', self.teacher['id'], grant={'vcpu': 30})
        self.assertEqual(23, self.limits(self.teacher['id'])['vcpu'])

    def test_effective_limits_after_separate_grants(self):
        # Students enrolled with nothing, then granted one by one: the
        # teacher project keeps the grant minus every student's.
        alice = self.enrol(self.klass, 'alice')
        bob = self.enrol(self.klass, 'bob')
        self.assertEqual(16, self.limits(self.teacher['id'])['vcpu'])
        self.set('enrolment', alice['id'], grant={'vcpu': 1})
        self.assertEqual(15, self.limits(self.teacher['id'])['vcpu'])
        self.set('enrolment', bob['id'], grant={'vcpu': 1})
        self.assertEqual(14, self.limits(self.teacher['id'])['vcpu'])
        self.assertEqual(dict(ZERO, vcpu=1), self.limits(bob['id']))

    def test_writes_say_what_the_ledger_believes_the_project_has(self):
        # The broker writes on this belief without reading Keystone first:
        # it must be exactly what the project has, through every kind of
        # change (students up, down, to zero and back, class-wide; the
        # teacher up and down).
        alice = self.enrol(self.klass, 'alice', grant={'vcpu': 2})
        bob = self.enrol(self.klass, 'bob', grant={'vcpu': 1})
        self.set('enrolment', alice['id'], grant={'vcpu': 4, 'instances': 1})
        self.set('enrolment', bob['id'], grant={'vcpu': 0})
        self.set('enrolment', bob['id'], grant={'vcpu': 3})
        self.set('teacher', self.teacher['id'], grant={'vcpu': 20})
        self.set('teacher', self.teacher['id'], grant={'vcpu': 8})
        allocations.set_class(ADMIN, self.klass['id'], {'vcpu': 1})
        self.assertGreaterEqual(len(self.broker.believed), 12)
        for project_id, had, believed in self.broker.believed:
            self.assertEqual(had, believed, project_id)

    def test_summary(self):
        alice = self.enrol(self.klass, 'alice', grant={'vcpu': 2})
        self.broker.usage[self.teacher['id']] = {'vcpu': 5}
        usage.measure([self.teacher['id']])
        summary = allocations.get(TEACHER, 'teacher', self.teacher['id'])
        self.assertIsNotNone(summary.pop('usage_measured_at'))
        self.assertEqual({'scope_type': 'teacher',
                          'scope_id': self.teacher['id'],
                          'grant': dict(ZERO, vcpu=16, instances=4),
                          'delegated': dict(ZERO, vcpu=2),
                          'free': dict(ZERO, vcpu=14, instances=4),
                          'in_use': dict(ZERO, vcpu=5)}, summary)
        self.assertEqual(ZERO, allocations.get(
            ADMIN, 'enrolment', alice['id'])['delegated'])
        self.assertEqual(dict(ZERO, vcpu=5), allocations.get(
            ADMIN, 'school', self.school['id'])['in_use'])

    def test_reads_and_answers_show_the_last_measurement(self):
        alice = self.enrol(self.klass, 'alice', grant={'vcpu': 2})
        self.broker.usage[alice['id']] = {'vcpu': 1}
        with mock.patch.object(self.broker, 'project_usage') as live:
            # Never measured: nothing in use yet, and no time.
            answer = self.set('enrolment', alice['id'], grant={'vcpu': 3})
            read = allocations.get(TEACHER, 'enrolment', alice['id'])
        live.assert_not_called()
        for view in (answer, read):
            self.assertEqual((ZERO, None),
                             (view['in_use'], view['usage_measured_at']))
        usage.sweep()
        self.broker.usage[alice['id']] = {'vcpu': 2}
        answer = self.set('enrolment', alice['id'], grant={'vcpu': 4})
        self.assertEqual(dict(ZERO, vcpu=1), answer['in_use'])
        self.assertIsNotNone(answer['usage_measured_at'])
        usage.measure([alice['id']])
        self.assertEqual(dict(ZERO, vcpu=2), allocations.get(
            TEACHER, 'enrolment', alice['id'])['in_use'])


class CompensationTest(AllocationTestCase):

    def test_broker_failure_changes_nothing(self):
        alice = self.enrol(self.klass, 'alice', grant={'vcpu': 2})
        before = self.ledger('enrolment', alice['id'])
        limits_before = {p: dict(l) for p, l in self.broker.limits.items()}
        # The enrolment project's limits are written, the teacher
        # project's write fails.
        self.broker.fail_on['set_project_limits'] = 1
        self.assertRaises(exceptions.BackendUnavailable, self.set,
                          'enrolment', alice['id'], grant={'vcpu': 5})
        self.assertEqual(before, self.ledger('enrolment', alice['id']))
        self.assertEqual(limits_before, self.broker.limits)

    def _outage(self, failures):
        """set_project_limits: the 1st write works, then ``failures`` fail."""
        real = self.broker.set_project_limits
        calls = []

        def flaky(project_id, limits, believed=None):
            calls.append(project_id)
            if 2 <= len(calls) <= 1 + failures:
                raise exceptions.BackendUnavailable('Keystone is down')
            return real(project_id, limits, believed)
        return mock.patch.object(self.broker, 'set_project_limits', flaky)

    def test_an_undo_rides_out_a_short_outage(self):
        alice = self.enrol(self.klass, 'alice', grant={'vcpu': 2})
        limits_before = {p: dict(l) for p, l in self.broker.limits.items()}
        # The teacher project's write fails, and so do two undos of the
        # enrolment's; the third undo works.
        with self._outage(3), mock.patch('time.sleep') as sleep:
            self.assertRaises(exceptions.BackendUnavailable, self.set,
                              'enrolment', alice['id'], grant={'vcpu': 5})
        self.assertEqual(limits_before, self.broker.limits)
        # Other sleeps (the DB retry's) are 0 s.
        self.assertEqual([0.5, 1.0], [call.args[0] for call in
                                      sleep.call_args_list if call.args[0]])

    def test_an_undo_gives_up_when_its_patience_ends(self):
        self.conf.set_override('undo_patience', 0, group='edu')
        alice = self.enrol(self.klass, 'alice', grant={'vcpu': 2})
        with self._outage(3), mock.patch('time.sleep') as sleep:
            self.assertRaises(exceptions.BackendUnavailable, self.set,
                              'enrolment', alice['id'], grant={'vcpu': 5})
        # Left to the reconciler: Keystone has the new grant.
        self.assertEqual(5, self.limits(alice['id'])['vcpu'])
        self.assertEqual([], [call for call in sleep.call_args_list
                              if call.args[0]])

    def test_commit_failure_restores_the_limits(self):
        limits_before = dict(self.limits(self.teacher['id']))
        db = db_api.get_instance()
        with mock.patch.object(db, 'set_grant',
                               side_effect=db_exc.DBError('disk full')):
            self.assertRaises(db_exc.DBError, self.set, 'teacher',
                              self.teacher['id'], grant={'vcpu': 20})
        self.assertEqual(limits_before, self.limits(self.teacher['id']))
        self.assertEqual(16, allocations.get(
            ADMIN, 'teacher', self.teacher['id'])['grant']['vcpu'])

    def test_deadlock_is_retried_from_fresh_state(self):
        db = db_api.get_instance()
        real = db.set_grant
        calls = []

        def deadlock_once(*args, **kwargs):
            calls.append(args)
            if len(calls) == 1:
                raise db_exc.DBDeadlock()
            return real(*args, **kwargs)

        with mock.patch.object(db, 'set_grant', side_effect=deadlock_once):
            summary = self.set('teacher', self.teacher['id'],
                               grant={'vcpu': 20})
        self.assertEqual(20, summary['grant']['vcpu'])
        self.assertEqual([('vcpu', 16, False), ('vcpu', 20, True)],
                         [r for r in self.ledger('teacher',
                                                 self.teacher['id'])
                          if r[0] == 'vcpu'])
        # Written, undone after the deadlock, written again.
        self.assertEqual([20, 16, 20],
                         [limits['vcpu'] for project, limits
                          in self.broker.limit_writes[-3:]])


class HistoryTest(AllocationTestCase):

    def test_pages(self):
        for amount in range(1, 6):
            self.set('school', self.school['id'],
                     grant={'vcpu': 64 + amount})
        rows, marker = allocations.history(ADMIN, 'school',
                                           self.school['id'],
                                           resource='vcpu', limit=4)
        self.assertEqual([64, 65, 66, 67], [r['amount'] for r in rows])
        self.assertEqual(rows[-1]['id'], marker)
        rows, marker = allocations.history(ADMIN, 'school',
                                           self.school['id'],
                                           resource='vcpu', limit=4,
                                           marker=marker)
        self.assertEqual([68, 69], [r['amount'] for r in rows])
        self.assertIsNone(marker)

    def test_bad_page_arguments(self):
        for kwargs in ({'limit': 0}, {'limit': 1001}, {'marker': 'x'},
                       {'marker': 999999}, {'resource': 'gpu'}):
            self.assertRaises(exceptions.Invalid, allocations.history,
                              ADMIN, 'school', self.school['id'], **kwargs)
