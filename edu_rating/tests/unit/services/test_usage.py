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
"""The usage sweep, measurements after notifications, and the lists."""

import datetime
from unittest import mock

from edu_rating.db import api as db_api
from edu_rating import exceptions
from edu_rating.management.services import allocations
from edu_rating.management.services import students
from edu_rating.management.services import teachers
from edu_rating.management.services import usage
from edu_rating.tests.unit.services.base import ADMIN
from edu_rating.tests.unit.services import test_students
from edu_rating import utc

ZERO = test_students.ZERO


class UsageTest(test_students.StudentsTestCase):

    def setUp(self):
        super().setUp()
        self.alice = self.enrol(self.klass, 'alice')
        self.bob = self.enrol(self.klass, 'bob')

    def test_lists_show_the_sweep(self):
        self.broker.usage = {
            self.alice['id']: dict(ZERO, vcpu=2, instances=1),
            self.teacher['id']: dict(ZERO, vcpu=1, instances=1),
            'someone-elses-project': dict(ZERO, vcpu=9)}
        self.assertEqual(3, usage.sweep())

        listed = {s['name']: s for s in students.list(
            ADMIN, class_id=self.klass['id'])[0]}
        self.assertEqual(dict(ZERO, vcpu=2, instances=1),
                         listed['alice']['in_use'])
        self.assertEqual(ZERO, listed['bob']['in_use'])
        self.assertIsNotNone(listed['bob']['usage_measured_at'])
        teacher = teachers.list(ADMIN, school_id=self.school['id'])[0][0]
        self.assertEqual(dict(ZERO, vcpu=1, instances=1), teacher['in_use'])
        # The school: its teacher's project and its students', not others'.
        school = allocations.get(ADMIN, 'school', self.school['id'])
        self.assertEqual(dict(ZERO, vcpu=3, instances=2), school['in_use'])

    def test_before_any_sweep(self):
        student = students.get(ADMIN, self.alice['id'])
        self.assertEqual(ZERO, student['in_use'])
        self.assertIsNone(student['usage_measured_at'])

    def test_a_sweep_replaces_the_last(self):
        self.broker.usage = {self.alice['id']: dict(ZERO, vcpu=2)}
        usage.sweep()
        self.broker.usage = {}
        usage.sweep()
        self.assertEqual(ZERO, students.get(ADMIN,
                                            self.alice['id'])['in_use'])

    def test_removed_students_are_not_swept(self):
        students.remove(ADMIN, self.bob['id'])
        self.assertEqual(2, usage.sweep())

    def test_nova_down_keeps_the_last_sweep(self):
        self.broker.usage = {self.alice['id']: dict(ZERO, vcpu=2)}
        usage.sweep()
        self.broker.fail_on['usage_by_project'] = 0
        self.assertRaises(exceptions.BackendUnavailable, usage.sweep)
        self.assertEqual(2, students.get(ADMIN,
                                         self.alice['id'])['in_use']['vcpu'])

    def test_measure_stores_the_managed_projects_named(self):
        self.broker.usage = {self.alice['id']: dict(ZERO, vcpu=2),
                             self.bob['id']: dict(ZERO, vcpu=1),
                             'someone-elses-project': dict(ZERO, vcpu=9)}
        with mock.patch.object(self.broker, 'project_usage',
                               wraps=self.broker.project_usage) as live:
            measured, at = usage.measure([self.alice['id'],
                                          'someone-elses-project'])
        # Only the managed project named is asked for and stored.
        self.assertEqual([self.alice['id']], measured)
        self.assertEqual(at, students.get(
            ADMIN, self.alice['id'])['usage_measured_at'])
        live.assert_called_once_with(self.alice['id'])
        self.assertEqual(dict(ZERO, vcpu=2), students.get(
            ADMIN, self.alice['id'])['in_use'])
        bob = students.get(ADMIN, self.bob['id'])
        self.assertEqual((ZERO, None),
                         (bob['in_use'], bob['usage_measured_at']))
        self.assertEqual([], usage.measure(['someone-elses-project'])[0])

    def test_a_measurement_never_replaces_a_later_one(self):
        db = db_api.get_instance()
        now = utc.now()
        earlier = now - datetime.timedelta(seconds=5)
        db.store_usage({self.alice['id']: dict(ZERO, vcpu=2)}, now)
        # A sweep that started before alice was measured again keeps her
        # later figures, and stores bob's; a late single store as well.
        db.replace_usage({self.alice['id']: ZERO,
                          self.bob['id']: dict(ZERO, vcpu=1)}, earlier)
        db.store_usage({self.alice['id']: ZERO}, earlier)
        found = db.usage_of([self.alice['id'], self.bob['id']])
        self.assertEqual((dict(ZERO, vcpu=2), now), found[self.alice['id']])
        self.assertEqual((dict(ZERO, vcpu=1), earlier), found[self.bob['id']])
        # A later sweep replaces both.
        db.replace_usage({self.alice['id']: ZERO, self.bob['id']: ZERO},
                         now + datetime.timedelta(seconds=1))
        found = db.usage_of([self.alice['id'], self.bob['id']])
        self.assertEqual([ZERO, ZERO],
                         [found[p][0] for p in (self.alice['id'],
                                                self.bob['id'])])

    def test_measure_with_nova_down_keeps_the_last_figures(self):
        self.broker.usage = {self.alice['id']: dict(ZERO, vcpu=2)}
        usage.measure([self.alice['id']])
        self.broker.fail_on['project_usage'] = 0
        self.assertRaises(exceptions.BackendUnavailable, usage.measure,
                          [self.alice['id']])
        self.assertEqual(2, students.get(ADMIN,
                                         self.alice['id'])['in_use']['vcpu'])
