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
import io
from unittest import mock

import fixtures
from osc_lib.cli import format_columns
from oslotest import base

from edu_rating.osc import plugin
from edu_rating.osc.v1 import allocations
from edu_rating.osc.v1 import classes
from edu_rating.osc.v1 import schools
from edu_rating.osc.v1 import students
from edu_rating.osc.v1 import teachers


class CommandTest(base.BaseTestCase):

    def setUp(self):
        super().setUp()
        self.app = mock.Mock()
        self.edu = self.app.client_manager.edu

    def run_command(self, command_class, argv):
        command = command_class(self.app, None)
        parsed = command.get_parser('openstack edu').parse_args(argv)
        return command.take_action(parsed)


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


class StudentCommandsTest(CommandTest):

    def test_import_reads_the_csv_file(self):
        path = self.create_tempfiles([('roster', '\ufeffname\nbob\n')],
                                     ext='.csv')[0]
        self.edu.students.enrol_roster.return_value = [
            {'student': {'id': 's', 'name': 'bob'}, 'password': 'pw'}]
        headers, rows = self.run_command(students.ImportStudent, [
            path, '--class', '1'])
        self.edu.students.enrol_roster.assert_called_once_with(
            1, 'name\nbob\n')
        self.assertEqual([('s', 'bob', 'pw')], rows)

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
            force=False)

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
