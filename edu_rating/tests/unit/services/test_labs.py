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
"""Lab templates, class-wide jobs and the end of a class (fake broker)."""

import datetime

import fixtures

from edu_rating import exceptions
from edu_rating.management.services import actor as actor_mod
from edu_rating.management.services import classes
from edu_rating.management.services import lab_jobs
from edu_rating.management.services import labs
from edu_rating.management.services import lifecycle
from edu_rating.management.services import term
from edu_rating.tests.unit.services import base

UTC = datetime.timezone.utc
TINY = {'vcpu': 1, 'ram_mb': 512, 'disk_gb': 1, 'instances': 1}


class LabTestCase(base.ServiceTestCase):

    def setUp(self):
        super().setUp()
        self.teacher = self.make_teacher(self.make_school(), grant={
            'vcpu': 8, 'ram_mb': 8192, 'disk_gb': 80, 'instances': 8})
        self.klass = self.make_class(self.teacher, default_grant=TINY)
        self.image = self.broker.add_image('someone', visibility='public')


class TemplateTest(LabTestCase):

    def test_a_template_by_size_finds_its_flavor(self):
        template = labs.create(base.TEACHER, self.klass['id'], 'Linux lab',
                               self.image, size={'vcpu': 1, 'ram_mb': 512})
        self.assertEqual('m1.tiny', template['flavor_name'])
        self.assertEqual(TINY, template['size'])

    def test_a_size_no_flavor_has_names_the_sizes(self):
        error = self.assertRaises(
            exceptions.Invalid, labs.create, base.TEACHER, self.klass['id'],
            'x', self.image, size={'vcpu': 3})
        self.assertEqual('template.size_unknown', error.error_code)
        self.assertIn('m1.tiny (1 vCPU, 512 MB, 1 GB)', error.message)

    def test_one_machine_must_fit_the_grant_per_student(self):
        classes.update(base.TEACHER, self.klass['id'], {
            'default_grant': {'ram_mb': 256}})
        error = self.assertRaises(
            exceptions.Conflict, labs.create, base.TEACHER, self.klass['id'],
            'x', self.image, flavor_id='m1.tiny')
        self.assertEqual('template.over_grant', error.error_code)
        self.assertEqual({'ram_mb': 512}, error.details['needs'])
        self.assertEqual({'ram_mb': 256}, error.details['grant'])

    def test_flavor_and_size_together_are_refused(self):
        error = self.assertRaises(
            exceptions.Invalid, labs.create, base.TEACHER, self.klass['id'],
            'x', self.image, flavor_id='m1.tiny', size={'vcpu': 1})
        self.assertEqual('template.flavor_or_size', error.error_code)

    def test_user_data_beyond_novas_limit_is_refused(self):
        error = self.assertRaises(
            exceptions.Invalid, labs.create, base.TEACHER, self.klass['id'],
            'x', self.image, flavor_id='m1.tiny', user_data='x' * 50000)
        self.assertEqual('template.user_data', error.error_code)

    def test_a_launch_needs_a_project_token(self):
        template = labs.create(base.TEACHER, self.klass['id'], 'lab',
                               self.image, flavor_id='m1.tiny')
        student = self.enrol(self.klass)
        error = self.assertRaises(exceptions.Forbidden, labs.launch,
                                  base.ADMIN, student['id'], template['id'])
        self.assertEqual('machine.needs_token', error.error_code)


class JobTest(LabTestCase):

    def setUp(self):
        super().setUp()
        # SQLite in memory is one connection: one Nova call at a time.
        self.conf.set_override('job_workers', 1, 'edu_labs')
        # The job's thread does nothing: the test runs its work itself.
        self.background = self.useFixture(fixtures.MockPatch(
            'edu_rating.management.services.lab_jobs._run_logged')).mock

    def test_a_launch_records_a_result_per_student(self):
        template = labs.create(base.TEACHER, self.klass['id'], 'lab',
                               self.image, flavor_id='m1.tiny')
        alice, bob = self.enrol(self.klass), self.enrol(self.klass, 'bob')
        launched = {}

        def launch_server(token, project_id, **kwargs):
            if project_id == bob['id']:
                raise exceptions.Conflict('Nova refused: class:VCPU',
                                          error_code='machine.refused')
            launched[project_id] = token
            return {'id': 'srv-' + project_id}
        self.broker.launch_server = launch_server
        teacher = actor_mod.Actor('t', project_id=self.teacher['id'],
                                  token='tok')
        job = lab_jobs.start(teacher, self.klass['id'], 'launch',
                             template['id'])
        self.assertEqual(2, job['counts']['pending'])
        lab_jobs.run(job['id'], 'tok')
        done = lab_jobs.get(teacher, job['id'])
        self.assertEqual('done', done['state'])
        by_student = {r['student_id']: r for r in done['results']}
        self.assertEqual('launched', by_student[alice['id']]['status'])
        self.assertEqual('refused', by_student[bob['id']]['status'])
        self.assertIn('class:VCPU', by_student[bob['id']]['message'])
        self.assertEqual({alice['id']: 'tok'}, launched)

    def test_a_silent_job_shows_as_interrupted(self):
        job = lab_jobs.start(base.TEACHER, self.klass['id'], 'stop')
        row = lab_jobs.lookup.job(job['id'])
        later = row.heartbeat_at + lab_jobs.HEARTBEAT_TIMEOUT * 2
        row.finished_at = None
        self.assertEqual('interrupted', lab_jobs.view(row, later)['state'])


class TermTest(LabTestCase):

    def term_at(self, end, now, **row):
        klass = classes.lookup.klass(self.klass['id'])
        klass.term_end = end
        for key, value in row.items():
            setattr(klass, key, value)
        return term.of(klass, now), lifecycle._due(klass, now)

    def test_phases_follow_the_end_date(self):
        end = datetime.date(2027, 1, 31)
        ends_at = datetime.datetime(2027, 2, 1, tzinfo=UTC)
        dates, due = self.term_at(end, ends_at - datetime.timedelta(days=8))
        self.assertEqual(('open', None), (dates['phase'], due))
        self.assertEqual(ends_at, dates['ends_at'])
        self.assertEqual(ends_at + datetime.timedelta(days=14),
                         dates['archive_at'])
        dates, due = self.term_at(end, ends_at - datetime.timedelta(days=6))
        # Warned by the dashboard; e-mail only with SMTP configured.
        self.assertEqual(('ending', None), (dates['phase'], due))
        self.conf.set_override('smtp_host', '127.0.0.1', 'edu_labs')
        self.assertEqual('warn', self.term_at(
            end, ends_at - datetime.timedelta(days=6))[1])
        self.assertEqual('end', self.term_at(end, ends_at)[1])
        dates, due = self.term_at(end, ends_at + datetime.timedelta(days=14),
                                  ended_at=ends_at)
        self.assertEqual(('ended', 'archive'), (dates['phase'], due))

    def test_hand_back_needs_an_archived_class(self):
        error = self.assertRaises(exceptions.Conflict, lifecycle.hand_back,
                                  base.TEACHER, self.klass['id'])
        self.assertEqual('class.not_archived', error.error_code)
