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
"""The reconciler against a fake Keystone that someone edited by hand."""

import tempfile

from oslo_config import cfg
from tooz import coordination

from edu_rating.cmd import reconcile as reconcile_cmd
from edu_rating import conf as edu_conf
from edu_rating.db import api as db_api
from edu_rating.management.services import allocations
from edu_rating.management.services import reconcile
from edu_rating.management.services import students
from edu_rating.management.services import teachers
from edu_rating.tests.unit.services import base
from edu_rating.tests.unit.services.base import ADMIN
from edu_rating.tests.unit.services.base import TEACHER
from edu_rating.tests.unit.services import test_students

ZERO = test_students.ZERO


class ReconcileTest(test_students.StudentsTestCase):

    def setUp(self):
        super().setUp()
        self.alice = self.enrol(self.klass, 'alice')
        self.bob = self.enrol(self.klass, 'bob')

    def drift(self, report):
        return sorted((d['kind'], d['target_id'], d['status'])
                      for d in report['drift'])

    def audit(self):
        return db_api.get_instance().list_audit(actor_id='reconciler')

    def assert_clean(self):
        report = reconcile.run(dry_run=True)
        self.assertEqual([], report['drift'])
        return report

    def test_a_clean_pass_finds_nothing(self):
        report = self.assert_clean()
        self.assertEqual({'schools': 1, 'teachers': 1, 'enrolments': 2,
                          'projects': 3}, report['checked'])
        self.assertEqual([], self.audit())

    def test_a_limit_changed_by_hand_is_set_back_and_audited(self):
        self.broker.limits[self.alice['id']]['vcpu'] = 99
        self.broker.limits[self.teacher['id']]['instances'] = 0

        dry = reconcile.run(dry_run=True)
        self.assertEqual(sorted([('limits', self.alice['id'], 'found'),
                                 ('limits', self.teacher['id'], 'found')]),
                         self.drift(dry))
        self.assertEqual(99, self.broker.limits[self.alice['id']]['vcpu'])

        report = reconcile.run()
        self.assertEqual(2, report['repaired'])
        self.assertEqual(dict(ZERO, vcpu=2, instances=1),
                         self.limits(self.alice['id']))
        # The teacher's own project: 8 - 2 x 2 vCPU, 4 - 2 x 1 instances.
        self.assertEqual(dict(ZERO, vcpu=4, instances=2),
                         self.limits(self.teacher['id']))
        events = {e.target_id: e for e in self.audit()}
        alice = events[self.alice['id']]
        self.assertEqual(('reconcile.limits', 'enrolment', 'reconciler'),
                         (alice.action, alice.target_type, alice.actor_name))
        self.assertEqual(99, alice.details['found']['vcpu'])
        self.assertEqual(2, alice.details['set']['vcpu'])
        self.assertEqual(self.school['id'], alice.school_id)
        self.assert_clean()

    def test_a_deleted_limit_is_created_again(self):
        del self.broker.limits[self.bob['id']]['ram_mb']
        report = reconcile.run()
        self.assertEqual([('limits', self.bob['id'], 'repaired')],
                         self.drift(report))
        self.assertIsNone(report['drift'][0]['found']['ram_mb'])
        self.assertEqual(0, self.limits(self.bob['id'])['ram_mb'])
        self.assert_clean()

    def test_enabled_states_follow_the_ledger(self):
        self.broker.projects[self.alice['id']]['enabled'] = False
        self.broker.projects[self.teacher['id']]['enabled'] = False
        self.broker.domains[self.school['id']]['enabled'] = False
        teachers.update(ADMIN, self.teacher['id'], {'enabled': False})
        self.broker.users[self.teacher['user_id']]['enabled'] = True
        students.remove(TEACHER, self.bob['id'])
        self.broker.projects[self.bob['id']]['enabled'] = True

        report = reconcile.run()
        self.assertEqual(5, report['repaired'], report['drift'])
        self.assertTrue(self.broker.projects[self.alice['id']]['enabled'])
        self.assertTrue(
            self.broker.projects[self.teacher['id']]['enabled'])
        self.assertTrue(self.broker.domains[self.school['id']]['enabled'])
        self.assertFalse(self.broker.users[self.teacher['user_id']]['enabled'])
        self.assertFalse(self.broker.projects[self.bob['id']]['enabled'])
        self.assertEqual(5, len(self.audit()))
        self.assert_clean()

    def test_a_removed_role_assignment_is_made_again(self):
        self.broker.roles.remove(('member', self.alice['user_id'],
                                  self.alice['id'], False))
        self.broker.roles.remove(('manager', self.teacher['user_id'],
                                  self.teacher['id'], True))
        report = reconcile.run()
        self.assertEqual(sorted([('role', self.alice['id'], 'repaired'),
                                 ('role', self.teacher['id'], 'repaired')]),
                         self.drift(report))
        self.assertIn(('manager', self.teacher['user_id'], self.teacher['id'],
                       True), self.broker.roles)
        self.assert_clean()

    def test_what_cannot_be_repaired_is_reported(self):
        del self.broker.projects[self.alice['id']]
        orphan = self.broker.create_project(
            domain_id=self.school['id'], name='left-by-a-killed-import',
            parent_id=self.teacher['id'])
        # A teacher's project whose teacher was never recorded (a create
        # killed between Keystone and the commit) sits in the domain.
        stray = self.broker.create_project(
            domain_id=self.school['id'], name='left-by-a-killed-create')
        report = reconcile.run()
        self.assertEqual(sorted([('missing', self.alice['id'], 'found'),
                                 ('unmanaged', orphan['id'], 'found'),
                                 ('unmanaged', stray['id'], 'found')]),
                         self.drift(report))
        self.assertEqual((0, 3), (report['repaired'], report['reported']))
        found = {d['target_id']: d['found'] for d in report['drift']}
        self.assertIn('under teacher', found[orphan['id']])
        self.assertIn('in the domain of school', found[stray['id']])

    def test_projects_outside_the_schools_are_not_ours_to_report(self):
        self.broker.create_project(domain_id='default', name='service')
        report = reconcile.run()
        self.assertEqual([], report['drift'])

    def test_a_repair_reads_again_under_the_lock(self):
        # The pass saw drift; before its repair, an API request set the
        # same grant in both places. The repair must not write again.
        self.broker.limits[self.alice['id']]['vcpu'] = 3
        schools, teachers_, enrolments, ledger = (
            db_api.get_instance().managed_state())
        projects = reconcile._desired(teachers_, enrolments, ledger)
        drifts = reconcile._compare(self.broker, schools, projects, None)
        allocations.set(TEACHER, 'enrolment', self.alice['id'], {'vcpu': 3})
        writes = len(self.broker.limit_writes)

        reconcile._repair(drifts[0])
        self.assertEqual('settled', drifts[0].status)
        self.assertEqual(3, self.limits(self.alice['id'])['vcpu'])
        self.assertEqual(writes + 1, len(self.broker.limit_writes))
        self.assertEqual([], self.audit())

    def test_a_failed_repair_does_not_stop_the_pass(self):
        self.broker.limits[self.alice['id']]['vcpu'] = 5
        self.broker.projects[self.bob['id']]['enabled'] = False
        self.broker.fail_on['set_project_limits'] = 0
        report = reconcile.run()
        statuses = {d['kind']: d['status'] for d in report['drift']}
        self.assertEqual({'limits': 'failed', 'enabled': 'repaired'},
                         statuses)
        self.assertEqual(1, report['failed'])
        failed, = [d for d in report['drift'] if d['status'] == 'failed']
        self.assertIn('Keystone is down', failed['error'])

    def test_one_school_only(self):
        other = self.make_school('hillside')
        other_teacher = self.make_teacher(other, 'h-teacher',
                                          grant={'vcpu': 2})
        self.broker.limits[other_teacher['id']]['vcpu'] = 7
        self.broker.limits[self.alice['id']]['vcpu'] = 7
        report = reconcile.run(school_id=other['id'])
        self.assertEqual([('limits', other_teacher['id'], 'repaired')],
                         self.drift(report))
        self.assertEqual(7, self.limits(self.alice['id'])['vcpu'])

    def test_reads_in_bulk_whatever_the_number_of_projects(self):
        for index in range(3):
            self.enrol(self.klass, 'student%d' % index,
                       grant={'vcpu': 0, 'instances': 0})
        self.broker.calls.clear()
        report = reconcile.run()
        self.assertEqual(6, report['checked']['projects'])
        # One listing of limits and projects, one of each role's
        # assignments (teacher's manager, students' member).
        self.assertEqual(['limits_of', 'project_states', 'role_assignments',
                          'role_assignments'], sorted(self.broker.calls))


class LockTest(base.ServiceTestCase):
    """Two copies: the second finds the lock taken and skips its pass."""

    def test_second_copy_skips(self):
        conf = edu_conf.register_opts(cfg.ConfigOpts())
        conf.register_cli_opts(reconcile_cmd.cli_opts)
        conf([])
        url = 'file://' + tempfile.mkdtemp()
        first = coordination.get_coordinator(url, b'first')
        second = coordination.get_coordinator(url, b'second')
        first.start()
        second.start()
        self.addCleanup(first.stop)
        self.addCleanup(second.stop)
        held = first.get_lock(reconcile_cmd.LOCK)
        self.assertTrue(held.acquire(blocking=False))
        self.assertIsNone(reconcile_cmd.locked_pass(conf, second))
        held.release()
        report = reconcile_cmd.locked_pass(conf, second)
        self.assertEqual([], report['drift'])
