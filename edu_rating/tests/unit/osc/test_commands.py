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
import argparse
import decimal
import io
from unittest import mock

import fixtures
from osc_lib.cli import format_columns
from osc_lib import exceptions
from oslotest import base

from edu_rating.osc import plugin
from edu_rating.osc.v1 import allocations
from edu_rating.osc.v1 import audit
from edu_rating.osc.v1 import classes
from edu_rating.osc.v1 import images
from edu_rating.osc.v1 import invoices
from edu_rating.osc.v1 import jobs
from edu_rating.osc.v1 import machines
from edu_rating.osc.v1 import plans
from edu_rating.osc.v1 import platform
from edu_rating.osc.v1 import schools
from edu_rating.osc.v1 import students
from edu_rating.osc.v1 import teachers
from edu_rating.osc.v1 import templates


class CommandTest(base.BaseTestCase):

    def setUp(self):
        super().setUp()
        self.app = mock.Mock()
        self.edu = self.app.client_manager.edu

    def run_command(self, command_class, argv):
        command = command_class(self.app, None)
        parsed = command.get_parser('openstack edu').parse_args(argv)
        return command.take_action(parsed)

    def parse_error(self, command_class, argv):
        """What argparse says of argv on stderr (it exits)."""
        parser = command_class(self.app, None).get_parser('openstack edu')
        stderr = self.useFixture(fixtures.MonkeyPatch(
            'sys.stderr', io.StringIO())).new_value
        self.assertRaises(SystemExit, parser.parse_args, argv)
        return stderr.getvalue()


class SchoolCommandsTest(CommandTest):

    def test_create(self):
        self.edu.schools.create.return_value = {
            'school': {'id': 'd', 'name': 'riverside', 'grant': {'vcpu': 8}},
            'admin': {'id': 'u', 'name': 'ra'}}
        columns, values = self.run_command(schools.CreateSchool, [
            'riverside', '--admin-name', 'ra', '--admin-password', 'pw',
            '--vcpu', '8', '--ram-mb', '16384'])
        self.edu.schools.create.assert_called_once_with(
            'riverside', {'name': 'ra', 'password': 'pw'},
            description=None, grant={'vcpu': 8, 'ram_mb': 16384})
        shown = dict(zip(columns, values))
        self.assertEqual('u', shown['admin_id'])
        self.assertIsInstance(shown['grant'], format_columns.DictColumn)

    def test_list_and_disable(self):
        self.edu.schools.list.return_value = [
            {'id': 'd', 'name': 'r', 'enabled': True, 'description': ''}]
        headers, rows = self.run_command(schools.ListSchool, ['--disable'])
        self.edu.schools.list.assert_called_once_with(name=None,
                                                      enabled=False)
        self.assertEqual(('ID', 'Name', 'Enabled', 'Description'), headers)
        self.assertEqual([('d', 'r', True, '')], rows)
        self.run_command(schools.DisableSchool, ['d'])
        self.edu.schools.update.assert_called_once_with('d', enabled=False)


class TeacherAndClassCommandsTest(CommandTest):

    def test_teacher_create(self):
        self.edu.teachers.create.return_value = {'id': 'p'}
        self.run_command(teachers.CreateTeacher, [
            't1', '--school', 'd', '--password', 'pw'])
        self.edu.teachers.create.assert_called_once_with(
            'd', 't1', 'pw', email=None, project_name=None, grant=None)

    def test_show_class_by_number(self):
        self.edu.classes.get.return_value = {'id': 3, 'name': 'n',
                                             'default_grant': {'vcpu': 2}}
        columns, values = self.run_command(classes.ShowClass, ['3'])
        self.edu.classes.get.assert_called_once_with(3)
        self.assertEqual(('default_grant', 'id', 'name'), columns)
        self.assertEqual('vcpu=\'2\'', values[0].human_readable())

    def test_class_set_and_close(self):
        self.run_command(classes.SetClass, ['3', '--vcpu', '2'])
        self.edu.classes.update.assert_called_once_with(
            3, default_grant={'vcpu': 2})
        self.run_command(classes.CloseClass, ['3'])
        self.edu.classes.close.assert_called_once_with(3)


TERM = {'phase': 'ending', 'ends_at': '2027-07-01T00:00:00+00:00',
        'warn_from': '2027-06-24T00:00:00+00:00',
        'archive_at': '2027-07-15T00:00:00+00:00', 'ended_at': None,
        'archived_at': None, 'freed': None, 'handed_back_at': None}
CLASS = {'id': 3, 'name': 'n', 'term_end': '2027-06-30', 'term': TERM}


class ClassTermCommandsTest(CommandTest):

    def test_show_the_term(self):
        self.edu.classes.get.return_value = CLASS
        columns, values = self.run_command(classes.ShowClass, ['3'])
        shown = dict(zip(columns, values))
        self.assertNotIn('term', shown)
        self.assertEqual('ending', shown['phase'])
        self.assertEqual('2027-07-01T00:00:00+00:00', shown['ends_at'])
        self.assertEqual('2027-06-30', shown['term_end'])
        self.assertEqual(tuple(sorted(columns)), columns)

    def test_end_and_archive_with_a_reason(self):
        self.edu.classes.end.return_value = dict(CLASS, term=dict(
            TERM, phase='ended', ended_at='2027-06-20T00:00:00+00:00'))
        columns, values = self.run_command(classes.EndClass, [
            '3', '--reason', 'early exam'])
        self.edu.classes.end.assert_called_once_with(3, reason='early exam')
        self.assertEqual('ended', dict(zip(columns, values))['phase'])
        self.edu.classes.archive.return_value = dict(CLASS, term=dict(
            TERM, phase='archived', freed={'vcpu': 4}))
        columns, values = self.run_command(classes.ArchiveClass, ['3'])
        self.edu.classes.archive.assert_called_once_with(3, reason=None)
        shown = dict(zip(columns, values))
        self.assertEqual("vcpu='4'", shown['freed'].human_readable())

    def test_hand_back_shows_the_teachers_new_grant(self):
        self.edu.classes.hand_back.return_value = {
            'class': dict(CLASS, term=dict(
                TERM, phase='archived',
                handed_back_at='2027-07-16T00:00:00+00:00')),
            'grant': {'scope_type': 'teacher', 'grant': {'vcpu': 4}}}
        columns, values = self.run_command(classes.HandBackClass, [
            '3', '--reason', 'term over'])
        self.edu.classes.hand_back.assert_called_once_with(
            3, reason='term over')
        shown = dict(zip(columns, values))
        self.assertEqual("vcpu='4'", shown['teacher_grant'].human_readable())
        self.assertEqual('2027-07-16T00:00:00+00:00',
                         shown['handed_back_at'])


RESULTS = [{'student_id': 's1', 'student_name': 'amy', 'status': 'launched',
            'servers': ['srv-1'], 'message': None},
           {'student_id': 's2', 'student_name': 'bob', 'status': 'refused',
            'servers': [], 'message': 'Quota exceeded'}]
COUNTS = {'pending': 0, 'launched': 1, 'skipped': 0, 'done': 0,
          'refused': 1, 'failed': 0}
JOB = {'id': 9, 'class_id': 3, 'action': 'launch', 'template_id': 5,
       'state': 'done', 'created_at': '2027-03-01T09:00:00+00:00',
       'finished_at': '2027-03-01T09:01:00+00:00', 'counts': COUNTS,
       'results': RESULTS}
STARTED = dict(JOB, state='running', finished_at=None,
               counts=dict(COUNTS, launched=0, refused=0, pending=2),
               results=[dict(r, status='pending', servers=[], message=None)
                        for r in RESULTS])


class JobCommandsTest(CommandTest):

    def shown(self, command_class, argv):
        return dict(zip(*self.run_command(command_class, argv)))

    def test_launch_starts_a_job(self):
        self.edu.jobs.start.return_value = STARTED
        shown = self.shown(classes.LaunchClass, ['3', '--template', '5'])
        self.edu.jobs.start.assert_called_once_with(3, 'launch',
                                                    template_id=5)
        self.assertFalse(self.edu.jobs.wait.called)
        self.assertEqual('running', shown['state'])
        self.assertEqual('amy: pending\nbob: pending',
                         shown['results'].human_readable())

    def test_launch_needs_a_template(self):
        self.assertIn('the following arguments are required: --template',
                      self.parse_error(classes.LaunchClass, ['3']))

    def test_stop_shelve_and_delete_take_no_template(self):
        self.edu.jobs.start.return_value = STARTED
        for command_class, action in ((classes.StopClass, 'stop'),
                                      (classes.ShelveClass, 'shelve'),
                                      (classes.DeleteClassMachines,
                                       'delete')):
            self.run_command(command_class, ['3'])
            self.edu.jobs.start.assert_called_with(3, action,
                                                   template_id=None)
        self.assertIn('unrecognized arguments: --template', self.parse_error(
            classes.StopClass, ['3', '--template', '5']))

    def test_wait_shows_a_result_per_student(self):
        self.edu.jobs.start.return_value = STARTED
        running = dict(STARTED, counts=dict(STARTED['counts'], pending=1,
                                            launched=1))

        def wait(job_id, interval, callback):
            for job in (STARTED, running, running):
                callback(job)
            return JOB
        self.edu.jobs.wait.side_effect = wait
        command = classes.StopClass(self.app, None)
        shown = dict(zip(*command.take_action(command.get_parser(
            'openstack edu').parse_args(['3', '--wait']))))
        self.assertEqual(9, self.edu.jobs.wait.call_args[0][0])
        self.assertEqual(['amy: launched srv-1',
                          'bob: refused (Quota exceeded)'],
                         shown['results'].human_readable().splitlines())
        self.assertEqual(RESULTS, shown['results'].machine_readable())
        # Progress: a line each time it changes.
        self.assertEqual(
            [mock.call('Job 9: 0 of 2 students done.\n'),
             mock.call('Job 9: 1 of 2 students done.\n')],
            self.app.stderr.write.call_args_list)
        self.assertIn('did not succeed for 1 students', command.problem)

    def run_to_the_end(self, command_class, argv):
        """What ``openstack edu`` prints, as the CLI runs the command."""
        self.app.stdout = io.StringIO()
        command = command_class(self.app, None)
        return command, command.get_parser('openstack edu').parse_args(argv)

    def test_an_interrupted_job_fails_after_its_results(self):
        self.edu.jobs.start.return_value = STARTED
        self.edu.jobs.wait.return_value = dict(
            STARTED, state='interrupted',
            counts=dict(STARTED['counts'], pending=1, launched=1),
            results=[RESULTS[0], STARTED['results'][1]])
        command, parsed = self.run_to_the_end(classes.ShelveClass,
                                              ['3', '--wait'])
        error = self.assertRaises(exceptions.CommandError, command.run,
                                  parsed)
        self.assertIn('Job 9 was interrupted', str(error))
        self.assertIn('amy: launched srv-1', self.app.stdout.getvalue())
        self.assertIn('bob: pending', self.app.stdout.getvalue())

    def test_a_job_done_for_everyone_succeeds(self):
        self.edu.jobs.start.return_value = STARTED
        self.edu.jobs.wait.return_value = dict(
            JOB, counts=dict(COUNTS, refused=0, skipped=1),
            results=[RESULTS[0], dict(RESULTS[1], status='skipped')])
        command, parsed = self.run_to_the_end(classes.LaunchClass, [
            '3', '--template', '5', '--wait'])
        self.assertEqual(0, command.run(parsed))
        self.assertIn('bob: skipped', self.app.stdout.getvalue())

    def test_without_wait_a_job_does_not_fail(self):
        self.edu.jobs.start.return_value = STARTED
        command, parsed = self.run_to_the_end(classes.DeleteClassMachines,
                                              ['3'])
        self.assertEqual(0, command.run(parsed))

    def test_show(self):
        self.edu.jobs.get.return_value = JOB
        shown = self.shown(jobs.ShowJob, ['9'])
        self.edu.jobs.get.assert_called_once_with(9)
        self.assertEqual("done='0', failed='0', launched='1', pending='0', "
                         "refused='1', skipped='0'",
                         shown['counts'].human_readable())
        self.assertIn('bob: refused (Quota exceeded)',
                      shown['results'].human_readable())

    def test_list(self):
        self.edu.jobs.list.return_value = [JOB]
        headers, rows = self.run_command(jobs.ListJob, ['--class', '3'])
        self.edu.jobs.list.assert_called_once_with(3)
        self.assertEqual(('ID', 'Action', 'Template ID', 'State', 'Counts',
                          'Created At', 'Finished At'), headers)
        self.assertEqual((9, 'launch', 5, 'done'), rows[0][:4])
        self.assertIsInstance(rows[0][4], format_columns.DictColumn)
        self.assertIn('the following arguments are required: --class',
                      self.parse_error(jobs.ListJob, []))


TEMPLATE = {'id': 5, 'class_id': 3, 'name': 'web', 'image_id': 'img-1',
            'image_name': 'lab-image', 'flavor_id': 'f-1',
            'flavor_name': 'm1.tiny', 'size': {'vcpu': 1, 'ram_mb': 512},
            'user_data': None, 'key_policy': 'none'}


class TemplateCommandsTest(CommandTest):

    def setUp(self):
        super().setUp()
        self.images = self.app.client_manager.image
        self.images.find_image.return_value = mock.Mock(id='img-1')
        self.edu.templates.create.return_value = TEMPLATE

    def test_create_of_a_flavor_by_image_name(self):
        path = self.create_tempfiles([('user-data', '#cloud-config\n')],
                                     ext='.yaml')[0]
        columns, values = self.run_command(templates.CreateTemplate, [
            'web', '--class', '3', '--image', 'lab-image', '--flavor',
            'm1.tiny', '--user-data', path, '--key-policy', 'student'])
        self.images.find_image.assert_called_once_with('lab-image',
                                                       ignore_missing=True)
        self.edu.templates.create.assert_called_once_with(
            3, 'web', 'img-1', flavor_id='m1.tiny', size=None,
            user_data='#cloud-config\n', key_policy='student')
        shown = dict(zip(columns, values))
        self.assertIsInstance(shown['size'], format_columns.DictColumn)

    def test_create_of_a_size(self):
        self.run_command(templates.CreateTemplate, [
            'web', '--class', '3', '--image', 'img-1', '--vcpu', '1',
            '--ram-mb', '512'])
        self.edu.templates.create.assert_called_once_with(
            3, 'web', 'img-1', flavor_id=None,
            size={'vcpu': 1, 'ram_mb': 512}, user_data=None,
            key_policy=None)

    def test_an_image_glance_does_not_list_is_sent_as_given(self):
        # A community image is in no listing: the API judges the id.
        self.images.find_image.return_value = None
        self.run_command(templates.CreateTemplate, [
            'web', '--class', '3', '--image', 'community-id', '--flavor',
            'm1.tiny'])
        self.assertEqual('community-id',
                         self.edu.templates.create.call_args[0][2])

    def test_a_flavor_or_a_size(self):
        for argv in ([], ['--flavor', 'm1.tiny', '--vcpu', '1']):
            error = self.assertRaises(
                exceptions.CommandError, self.run_command,
                templates.CreateTemplate,
                ['web', '--class', '3', '--image', 'img-1'] + argv)
            self.assertIn('Give either --flavor or a size', str(error))
        self.assertFalse(self.edu.templates.create.called)
        self.assertIn('unrecognized arguments: --instances', self.parse_error(
            templates.CreateTemplate, ['web', '--class', '3', '--image',
                                       'img-1', '--instances', '1']))
        self.assertIn("invalid choice: 'all'", self.parse_error(
            templates.CreateTemplate, ['web', '--class', '3', '--image',
                                       'img-1', '--key-policy', 'all']))

    def test_list_show_and_delete(self):
        self.edu.templates.list.return_value = [TEMPLATE]
        headers, rows = self.run_command(templates.ListTemplate,
                                         ['--student', 's1'])
        self.edu.templates.list.assert_called_once_with(class_id=None,
                                                        student_id='s1')
        self.assertEqual([(5, 'web', 3, 'lab-image', 'm1.tiny', 'none')],
                         rows)
        self.assertIn('not allowed with argument', self.parse_error(
            templates.ListTemplate, ['--class', '3', '--student', 's1']))
        self.edu.templates.get.return_value = TEMPLATE
        self.run_command(templates.ShowTemplate, ['5'])
        self.edu.templates.get.assert_called_once_with(5)
        self.run_command(templates.DeleteTemplate, ['5', '6'])
        self.assertEqual([mock.call(5), mock.call(6)],
                         self.edu.templates.delete.call_args_list)


class MachineCommandsTest(CommandTest):

    MACHINE = {'id': 'srv-1', 'name': 'web-amy', 'project_id': 's1',
               'status': 'ACTIVE', 'task_state': None, 'locked': False,
               'template_id': '5', 'flavor': 'm1.tiny',
               'student_id': 's1', 'student_name': 'amy'}

    def test_launch(self):
        self.edu.machines.launch.return_value = self.MACHINE
        columns, values = self.run_command(machines.LaunchMachine, [
            '--student', 's1', '--template', '5', '--key-name', 'mine'])
        self.edu.machines.launch.assert_called_once_with('s1', 5,
                                                         key_name='mine')
        self.assertEqual('ACTIVE', dict(zip(columns, values))['status'])

    def test_list_of_a_class(self):
        self.edu.machines.list.return_value = [self.MACHINE]
        headers, rows = self.run_command(machines.ListMachine,
                                         ['--class', '3'])
        self.edu.machines.list.assert_called_once_with(class_id=3,
                                                       student_id=None)
        self.assertEqual(('ID', 'Name', 'Student Name', 'Status',
                          'Task State', 'Locked', 'Flavor', 'Template ID'),
                         headers)
        self.assertEqual([('srv-1', 'web-amy', 'amy', 'ACTIVE', None, False,
                           'm1.tiny', '5')], rows)


class StudentCommandsTest(CommandTest):

    def test_import_reads_the_csv_file(self):
        path = self.create_tempfiles([('roster', '\ufeffname\nbob\n')],
                                     ext='.csv')[0]
        self.edu.students.enrol_roster.return_value = [
            {'student': {'id': 's', 'name': 'bob'}, 'password': 'pw'}]
        headers, rows = self.run_command(students.ImportStudent, [
            path, '--class', '1'])
        self.edu.students.enrol_roster.assert_called_once_with(
            1, 'name\nbob\n', False)
        self.assertEqual([('s', 'bob', 'pw')], rows)

    def test_import_dry_run_lists_every_line(self):
        path = self.create_tempfiles([('roster', 'name\nbob\nb\tx\n')],
                                     ext='.csv')[0]
        self.edu.students.preview_roster.return_value = {
            'lines': [{'line': 2, 'name': 'bob', 'status': 'new',
                       'message': None},
                      {'line': 3, 'name': 'b\tx', 'status': 'invalid',
                       'message': 'line 3: control'}],
            'problem': None}
        headers, rows = self.run_command(students.ImportStudent, [
            path, '--class', '1', '--dry-run', '--skip-enrolled'])
        self.edu.students.preview_roster.assert_called_once_with(
            1, 'name\nbob\nb\tx\n', True)
        self.edu.students.enrol_roster.assert_not_called()
        rows = list(rows)
        self.assertEqual([2, 3], [row[0] for row in rows])
        self.assertEqual('invalid', rows[1][2])

    def test_password_reset(self):
        self.run_command(students.SetStudent, ['s1', '--password', 'n3w'])
        self.edu.students.update.assert_called_once_with('s1', password='n3w')
        self.run_command(teachers.SetTeacher, ['t1', '--password', 'n3w'])
        self.edu.teachers.update.assert_called_once_with('t1', password='n3w')

    def test_delete_with_force(self):
        self.run_command(students.DeleteStudent, ['s1', 's2', '--force'])
        self.assertEqual([mock.call('s1', force=True),
                          mock.call('s2', force=True)],
                         self.edu.students.remove.call_args_list)


class AllocationCommandsTest(CommandTest):

    def test_set_a_students_grant(self):
        self.edu.allocations.set.return_value = {'grant': {'vcpu': 2}}
        self.run_command(allocations.SetAllocation, [
            '--student', 'p-s1', '--vcpu', '2', '--reason', 'lab'])
        self.edu.allocations.set.assert_called_once_with(
            'enrolment', 'p-s1', grant={'vcpu': 2}, reason='lab',
            force=False, effective_from=None)

    def test_a_back_dated_correction(self):
        self.edu.allocations.set.return_value = {'grant': {'vcpu': 8}}
        self.run_command(allocations.SetAllocation, [
            '--school', 'dom-a', '--vcpu', '8', '--reason', 'contract',
            '--effective-from', '2027-03-02T00:00:00+00:00'])
        self.edu.allocations.set.assert_called_once_with(
            'school', 'dom-a', grant={'vcpu': 8}, reason='contract',
            force=False, effective_from='2027-03-02T00:00:00+00:00')

    def test_scope_is_required(self):
        command = allocations.ShowAllocation(self.app, None)
        parser = command.get_parser('openstack edu')
        self.useFixture(fixtures.MonkeyPatch('sys.stderr', io.StringIO()))
        with mock.patch.object(argparse.ArgumentParser, 'exit',
                               side_effect=SystemExit):
            self.assertRaises(SystemExit, parser.parse_args, ['--vcpu', '1'])

    def test_history(self):
        self.edu.allocations.history.return_value = [
            {'id': 1, 'resource': 'vcpu', 'amount': 4}]
        headers, rows = self.run_command(allocations.HistoryAllocation, [
            '--school', 'd'])
        self.edu.allocations.history.assert_called_once_with(
            'school', 'd', resource=None)
        self.assertEqual((1, 'vcpu', 4, None, None, None, None), rows[0])


PAST = {'id': 1, 'effective_from': '2020-01-01T00:00:00+00:00',
        'rates': {'vcpu': '0.02'}, 'actor': 'u'}
FUTURE = {'id': 2, 'effective_from': '2999-01-01T00:00:00+00:00',
          'rates': {'vcpu': '0.03', 'ram_mb': '0.005'}, 'actor': 'u'}
PLAN = {'id': 7, 'issuer': 'platform', 'name': 'Standard',
        'currency': 'EUR', 'description': None,
        'created_at': '2020-01-01T00:00:00+00:00',
        'versions': [FUTURE, PAST]}


class PlanCommandsTest(CommandTest):

    def test_create(self):
        self.edu.plans.create.return_value = PLAN
        columns, values = self.run_command(plans.CreatePlan, [
            'Standard', '--issuer', 'platform', '--currency', 'EUR',
            '--rate', 'vcpu=0.02', '--rate', 'ram_mb = 0.005',
            '--effective-from', '2027-01-01T00:00:00+00:00'])
        self.edu.plans.create.assert_called_once_with(
            'platform', 'Standard', 'EUR',
            {'vcpu': decimal.Decimal('0.02'),
             'ram_mb': decimal.Decimal('0.005')},
            description=None, effective_from='2027-01-01T00:00:00+00:00')
        self.assertIn('versions', columns)

    def test_a_malformed_rate_is_refused(self):
        base_argv = ['Standard', '--issuer', 'platform', '--currency', 'EUR']
        for bad, said in (('vcpu', "'vcpu' is not <resource>=<price>"),
                          ('vcpu=', "'vcpu=' is not <resource>=<price>"),
                          ('gpu=1', "unknown resource 'gpu'"),
                          ('vcpu=cheap', "the price in 'vcpu=cheap'"),
                          ('vcpu=-1', "the price in 'vcpu=-1'")):
            message = self.parse_error(plans.CreatePlan,
                                       base_argv + ['--rate', bad])
            self.assertIn('argument --rate', message)
            self.assertIn(said, message)
        self.assertIn('--rate', self.parse_error(plans.CreatePlan,
                                                 base_argv))
        self.assertFalse(self.edu.plans.create.called)

    def test_a_rate_given_twice_is_refused(self):
        error = self.assertRaises(
            exceptions.CommandError, self.run_command,
            plans.AddPlanVersion, ['7', '--rate', 'vcpu=1',
                                   '--rate', 'vcpu=2'])
        self.assertIn('--rate vcpu is given more than once', str(error))
        self.assertFalse(self.edu.plans.add_version.called)

    def test_show_the_rates_in_force_and_every_version(self):
        self.edu.plans.get.return_value = PLAN
        columns, values = self.run_command(plans.ShowPlan, ['7'])
        self.edu.plans.get.assert_called_once_with(7)
        self.assertEqual(('created_at', 'currency', 'description', 'id',
                          'issuer', 'name', 'rates', 'version_in_force',
                          'versions'), columns)
        shown = dict(zip(columns, values))
        self.assertEqual(1, shown['version_in_force'])
        self.assertEqual({'vcpu': '0.02'}, shown['rates'].machine_readable())
        self.assertIsInstance(shown['versions'],
                              format_columns.ListDictColumn)
        self.assertEqual([1, 2], [v['id'] for v in
                                  shown['versions'].machine_readable()])
        self.assertIn("rates.ram_mb='0.005'",
                      shown['versions'].human_readable().splitlines()[1])

    def test_no_version_in_force_yet(self):
        self.edu.plans.get.return_value = dict(PLAN, versions=[FUTURE])
        columns, values = self.run_command(plans.ShowPlan, ['7'])
        shown = dict(zip(columns, values))
        self.assertIsNone(shown['version_in_force'])
        self.assertEqual({}, shown['rates'].machine_readable())

    def test_list(self):
        self.edu.plans.list.return_value = [PLAN]
        headers, rows = self.run_command(plans.ListPlan, [
            '--issuer', 'platform'])
        self.edu.plans.list.assert_called_once_with(issuer='platform')
        self.assertEqual(('ID', 'Issuer', 'Name', 'Currency',
                          'Description'), headers)
        self.assertEqual([(7, 'platform', 'Standard', 'EUR', None)], rows)

    def test_version_add(self):
        self.edu.plans.add_version.return_value = PLAN
        self.run_command(plans.AddPlanVersion, [
            '7', '--rate', 'disk_gb=0.0001'])
        self.edu.plans.add_version.assert_called_once_with(
            7, {'disk_gb': decimal.Decimal('0.0001')}, effective_from=None)

    def test_assign_a_payer(self):
        self.edu.plans.assign.return_value = {
            'issuer': 'd', 'payer_id': 't', 'assignments': [
                {'effective_from': '2027-01-01T00:00:00+00:00',
                 'plan_id': 7}]}
        columns, values = self.run_command(plans.AssignPlan, [
            '--issuer', 'd', '--payer', 't', '--plan', '7'])
        self.edu.plans.assign.assert_called_once_with(
            'd', 7, payer_id='t', effective_from=None)
        shown = dict(zip(columns, values))
        self.assertEqual(('assignments', 'issuer', 'payer_id'), columns)
        self.assertIn("plan_id='7'", shown['assignments'].human_readable())

    def test_assign_the_default_and_back_to_it(self):
        self.edu.plans.assign.return_value = {
            'issuer': 'd', 'payer_id': None, 'assignments': []}
        self.run_command(plans.AssignPlan, [
            '--issuer', 'd', '--plan', '7', '--effective-from', '2027'])
        self.run_command(plans.AssignPlan, [
            '--issuer', 'd', '--payer', 't', '--no-plan'])
        self.assertEqual(
            [mock.call('d', 7, payer_id=None, effective_from='2027'),
             mock.call('d', None, payer_id='t', effective_from=None)],
            self.edu.plans.assign.call_args_list)

    def test_the_default_always_has_a_plan(self):
        error = self.assertRaises(
            exceptions.CommandError, self.run_command, plans.AssignPlan,
            ['--issuer', 'd', '--no-plan'])
        self.assertIn('--no-plan needs --payer', str(error))
        self.assertFalse(self.edu.plans.assign.called)

    def test_assign_needs_a_plan_or_no_plan(self):
        self.assertIn('one of the arguments --plan --no-plan is required',
                      self.parse_error(plans.AssignPlan, ['--issuer', 'd']))
        self.assertIn('not allowed with argument', self.parse_error(
            plans.AssignPlan, ['--issuer', 'd', '--plan', '7',
                               '--no-plan']))

    def test_assignment_list(self):
        self.edu.plans.assignments.return_value = [
            {'issuer': 'd', 'payer_id': 't', 'assignments': [
                {'effective_from': '2027-01-01', 'plan_id': 7},
                {'effective_from': '2027-02-01', 'plan_id': None}]}]
        headers, rows = self.run_command(plans.ListPlanAssignment, [
            '--issuer', 'd', '--payer', 't'])
        self.edu.plans.assignments.assert_called_once_with('d',
                                                           payer_id='t')
        self.assertEqual(('Issuer', 'Payer ID', 'Effective From',
                          'Plan ID'), headers)
        self.assertEqual([('d', 't', '2027-01-01', 7),
                          ('d', 't', '2027-02-01', None)], rows)

    def test_price_show(self):
        self.edu.plans.price.return_value = {
            'scope_type': 'school', 'scope_id': 'd', 'plan': PLAN,
            'version_id': 1}
        columns, values = self.run_command(plans.ShowPrice, ['school', 'd'])
        self.edu.plans.price.assert_called_once_with('school', 'd')
        shown = dict(zip(columns, values))
        self.assertEqual(7, shown['plan_id'])
        self.assertEqual('EUR', shown['currency'])
        self.assertEqual('2020-01-01T00:00:00+00:00',
                         shown['effective_from'])
        self.assertEqual("vcpu='0.02'", shown['rates'].human_readable())

    def test_price_show_without_a_plan(self):
        self.edu.plans.price.return_value = {
            'scope_type': 'teacher', 'scope_id': 't', 'plan': None}
        columns, values = self.run_command(plans.ShowPrice,
                                           ['teacher', 't'])
        shown = dict(zip(columns, values))
        self.assertIsNone(shown['plan_id'])
        self.assertIsNone(shown['version_id'])
        self.assertEqual('', shown['rates'].human_readable())

    def test_price_show_is_for_schools_and_teachers(self):
        self.assertIn("invalid choice: 'student'", self.parse_error(
            plans.ShowPrice, ['student', 's']))


LINE = {'resource': 'vcpu', 'amount': 2, 'from': '2027-03-01T00:00:00',
        'to': '2027-04-01T00:00:00', 'hours': '744', 'rate': '0.02',
        'total': '29.76', 'plan_version_id': 1}
INVOICE = {'id': 4, 'number': 'S-2027-000001', 'sequence': 1, 'year': 2027,
           'issuer': 'd', 'payer_type': 'teacher', 'payer_id': 't',
           'kind': 'period', 'period_start': '2027-03-01T00:00:00',
           'period_end': '2027-04-01T00:00:00', 'currency': 'EUR',
           'total': '29.76', 'status': 'issued',
           'issued_at': '2027-04-01T00:05:00', 'paid_at': None,
           'voided_at': None, 'void_reason': None, 'lines': [LINE]}
CSV = 'number,resource\r\nS-2027-000001,vcpu\r\n'


class InvoiceCommandsTest(CommandTest):

    def test_list(self):
        listed = {key: value for key, value in INVOICE.items()
                  if key != 'lines'}
        self.edu.invoices.list.return_value = [listed]
        headers, rows = self.run_command(invoices.ListInvoice, [
            '--payer', 't', '--issuer', 'd', '--status', 'paid',
            '--period', '2027-03'])
        self.edu.invoices.list.assert_called_once_with(
            payer_id='t', issuer='d', status='paid', period='2027-03')
        self.assertEqual(('ID', 'Number', 'Issuer', 'Payer ID', 'Kind',
                          'Period Start', 'Period End', 'Currency', 'Total',
                          'Status'), headers)
        self.assertEqual([(4, 'S-2027-000001', 'd', 't', 'period',
                           '2027-03-01T00:00:00', '2027-04-01T00:00:00',
                           'EUR', '29.76', 'issued')], rows)

    def test_list_without_filters(self):
        self.edu.invoices.list.return_value = []
        self.run_command(invoices.ListInvoice, [])
        self.edu.invoices.list.assert_called_once_with(
            payer_id=None, issuer=None, status=None, period=None)

    def test_list_filters_are_checked(self):
        self.assertIn("invalid choice: 'open'", self.parse_error(
            invoices.ListInvoice, ['--status', 'open']))
        for bad in ('2027-3-1', '2027-13', 'March'):
            message = self.parse_error(invoices.ListInvoice,
                                       ['--period', bad])
            self.assertIn('argument --period', message)
            self.assertIn('%r is not a month like 2027-03' % bad, message)
        self.assertFalse(self.edu.invoices.list.called)

    def test_show_the_lines_readably(self):
        self.edu.invoices.get.return_value = INVOICE
        columns, values = self.run_command(invoices.ShowInvoice, ['4'])
        self.edu.invoices.get.assert_called_once_with(4)
        shown = dict(zip(columns, values))
        self.assertEqual('S-2027-000001', shown['number'])
        self.assertIsInstance(shown['lines'], format_columns.ListDictColumn)
        self.assertEqual([LINE], shown['lines'].machine_readable())
        self.assertIn("resource='vcpu'", shown['lines'].human_readable())
        self.assertIn("total='29.76'", shown['lines'].human_readable())

    def test_show_needs_a_number(self):
        self.assertIn("invalid int value: 'x'", self.parse_error(
            invoices.ShowInvoice, ['x']))

    def test_pay(self):
        self.edu.invoices.mark_paid.return_value = dict(
            INVOICE, status='paid', paid_at='2027-04-02T00:00:00')
        columns, values = self.run_command(invoices.PayInvoice, ['4'])
        self.edu.invoices.mark_paid.assert_called_once_with(4)
        shown = dict(zip(columns, values))
        self.assertEqual('paid', shown['status'])
        self.assertIsInstance(shown['lines'], format_columns.ListDictColumn)

    def test_void(self):
        self.edu.invoices.void.return_value = dict(
            INVOICE, status='void', void_reason='billed twice')
        columns, values = self.run_command(invoices.VoidInvoice, [
            '4', '--reason', 'billed twice'])
        self.edu.invoices.void.assert_called_once_with(4, 'billed twice')
        self.assertEqual('billed twice',
                         dict(zip(columns, values))['void_reason'])

    def test_void_needs_a_reason(self):
        self.assertIn('the following arguments are required: --reason',
                      self.parse_error(invoices.VoidInvoice, ['4']))
        self.assertFalse(self.edu.invoices.void.called)

    def test_download_to_a_file(self):
        self.edu.invoices.csv.return_value = CSV
        path = self.create_tempfiles([('invoice', 'old')], ext='.csv')[0]
        self.assertIsNone(self.run_command(invoices.DownloadInvoice, [
            '4', '--file', path]))
        self.edu.invoices.csv.assert_called_once_with(4)
        with open(path, 'rb') as written:
            self.assertEqual(CSV.encode('utf-8'), written.read())
        self.assertFalse(self.app.stdout.write.called)

    def test_download_to_stdout(self):
        self.edu.invoices.csv.return_value = CSV
        self.run_command(invoices.DownloadInvoice, ['4'])
        self.app.stdout.write.assert_called_once_with(CSV)

    def test_download_a_chinese_pdf(self):
        self.edu.invoices.pdf.return_value = b'%PDF-1.7 ...'
        path = self.create_tempfiles([('invoice', 'old')], ext='.pdf')[0]
        self.run_command(invoices.DownloadInvoice, [
            '4', '--format', 'pdf', '--language', 'zh-hans', '--file', path])
        self.edu.invoices.pdf.assert_called_once_with(4, 'zh-hans')
        with open(path, 'rb') as written:
            self.assertEqual(b'%PDF-1.7 ...', written.read())

    def test_a_pdf_is_not_written_to_a_terminal(self):
        self.assertRaises(exceptions.CommandError, self.run_command,
                          invoices.DownloadInvoice, ['4', '--format', 'pdf'])
        self.assertFalse(self.app.stdout.write.called)

    def test_run(self):
        self.edu.invoices.run.return_value = 3
        self.assertEqual((('issued',), (3,)),
                         self.run_command(invoices.RunInvoice, []))
        self.edu.invoices.run.assert_called_once_with()


class PluginTest(base.BaseTestCase):

    def test_make_client(self):
        instance = mock.Mock(_api_version={'edu': '1'}, session='s',
                             interface='internal', region_name='R1')
        with mock.patch('edu_rating.client.Client') as client_class:
            plugin.make_client(instance)
        client_class.assert_called_once_with(
            session='s', interface='internal', region_name='R1')

    def test_option(self):
        parser = plugin.build_option_parser(argparse.ArgumentParser())
        self.assertEqual('1', parser.parse_args([]).os_edu_api_version)


class CostCommandsTest(CommandTest):

    COST = {'scope_type': 'teacher', 'scope_id': 't', 'currency': 'EUR',
            'accrued': '12.00', 'forecast': '300.00'}

    def test_show(self):
        self.edu.costs.get.return_value = self.COST
        columns, values = self.run_command(invoices.ShowCost,
                                           ['teacher', 't'])
        self.edu.costs.get.assert_called_once_with('teacher', 't')
        self.assertEqual('300.00', dict(zip(columns, values))['forecast'])

    def test_teachers_of_a_school(self):
        school = dict(self.COST, scope_type='school', scope_id='d')
        self.edu.costs.of_teachers.return_value = {
            'school': school, 'teachers': [self.COST]}
        headers, rows = self.run_command(invoices.ListTeacherCost, ['d'])
        self.edu.costs.of_teachers.assert_called_once_with('d')
        self.assertEqual(['d', 't'], [row[1] for row in rows])
        self.assertIn('Forecast', headers)


class PlatformCommandsTest(CommandTest):

    def test_show(self):
        self.edu.platform.get.return_value = {
            'capacity': {'vcpu': 256, 'instances': None},
            'granted_to_schools': {'vcpu': 16}, 'schools': 2,
            'revenue': [{'currency': 'EUR', 'accrued': '16.00',
                         'forecast': '4176.00'}]}
        columns, values = self.run_command(platform.ShowPlatform, [])
        shown = dict(zip(columns, values))
        self.assertEqual(['EUR 16.00 (forecast 4176.00)'],
                         list(shown['revenue'].human_readable().split(', ')))
        self.assertIsInstance(shown['capacity'], format_columns.DictColumn)
        self.assertEqual(2, shown['schools'])


class AuditCommandsTest(CommandTest):

    def test_list_with_filters(self):
        self.edu.audit.list.return_value = [
            {'id': 7, 'at': '2027-01-04T09:00:00+00:00',
             'actor_name': 'reconciler', 'action': 'reconcile.limits',
             'target_type': 'teacher', 'target_id': 'p-1',
             'reason': 'drift', 'request_id': None}]
        headers, rows = self.run_command(
            audit.ListAudit, ['--school', 'dom-a', '--action', 'reconcile',
                              '--since', '2027-01-01T00:00:00+00:00'])
        self.edu.audit.list.assert_called_once_with(
            school_id='dom-a', actor_id=None, action='reconcile',
            target_id=None, since='2027-01-01T00:00:00+00:00')
        self.assertEqual('Actor Name', headers[2])
        self.assertEqual('reconcile.limits', rows[0][3])


IMAGE = {'id': 'img-1', 'name': 'lab-image', 'owner': 'teacher',
         'teacher_id': 'p-1', 'teacher_name': 't1', 'school_id': 'd',
         'enabled': True, 'created_at': '2027-01-04T09:00:00+00:00',
         'shared_with': [{'class_id': 3, 'class_name': 'web-101'},
                         {'class_id': 4, 'class_name': 'db-201'}]}


class ImageCommandsTest(CommandTest):

    def test_register(self):
        self.edu.images.register.return_value = IMAGE
        columns, values = self.run_command(images.RegisterImage, [
            'img-1', '--teacher', 'p-1'])
        self.edu.images.register.assert_called_once_with('img-1',
                                                         teacher_id='p-1')
        shown = dict(zip(columns, values))
        self.assertEqual(['db-201', 'web-101'],
                         shown['shared_with'].human_readable().split(', '))
        self.run_command(images.RegisterImage, ['img-2'])
        self.edu.images.register.assert_called_with('img-2',
                                                    teacher_id=None)

    def test_list_shows_the_classes_by_name(self):
        self.edu.images.list.return_value = [
            IMAGE, dict(IMAGE, id='img-2', owner='platform',
                        teacher_name=None, shared_with=[])]
        headers, rows = self.run_command(images.ListImage,
                                         ['--school', 'd'])
        self.edu.images.list.assert_called_once_with(
            teacher_id=None, school_id='d', class_id=None, student_id=None)
        self.assertEqual(('ID', 'Name', 'Owner', 'Teacher Name', 'Enabled',
                          'Shared With'), headers)
        self.assertEqual(('img-1', 'lab-image', 'teacher', 't1', True),
                         rows[0][:5])
        self.assertEqual('db-201, web-101', rows[0][5].human_readable())
        self.assertEqual('', rows[1][5].human_readable())
        self.run_command(images.ListImage, ['--class', '3'])
        self.edu.images.list.assert_called_with(
            teacher_id=None, school_id=None, class_id=3, student_id=None)
        self.assertIn('not allowed with argument', self.parse_error(
            images.ListImage, ['--teacher', 'p-1', '--student', 's1']))

    def test_show(self):
        self.edu.images.get.return_value = IMAGE
        columns, values = self.run_command(images.ShowImage, ['img-1'])
        self.edu.images.get.assert_called_once_with('img-1')
        self.assertEqual(tuple(sorted(IMAGE)), columns)
        shown = dict(zip(columns, values))
        self.assertEqual('db-201, web-101',
                         shown['shared_with'].human_readable())

    def test_set_enable_or_disable(self):
        self.run_command(images.SetImage, ['img-1', '--disable'])
        self.edu.images.set_enabled.assert_called_once_with('img-1', False)
        self.run_command(images.SetImage, ['img-1', '--enable'])
        self.edu.images.set_enabled.assert_called_with('img-1', True)
        self.assertIn('one of the arguments --enable --disable is required',
                      self.parse_error(images.SetImage, ['img-1']))
        self.assertIn('not allowed with argument', self.parse_error(
            images.SetImage, ['img-1', '--enable', '--disable']))

    def test_delete(self):
        self.run_command(images.DeleteImage, ['img-1', 'img-2'])
        self.assertEqual([mock.call('img-1'), mock.call('img-2')],
                         self.edu.images.delete.call_args_list)

    def test_share_and_unshare(self):
        self.edu.images.share.return_value = IMAGE
        columns, values = self.run_command(images.ShareImage, [
            'img-1', '--class', '3'])
        self.edu.images.share.assert_called_once_with('img-1', 3)
        self.assertIn('web-101', dict(zip(columns, values))[
            'shared_with'].human_readable())
        self.run_command(images.UnshareImage, ['img-1', '--class', '3'])
        self.edu.images.unshare.assert_called_once_with('img-1', 3)
        for command_class in (images.ShareImage, images.UnshareImage):
            self.assertIn('the following arguments are required: --class',
                          self.parse_error(command_class, ['img-1']))
