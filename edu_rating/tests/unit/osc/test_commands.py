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
from edu_rating.osc.v1 import invoices
from edu_rating.osc.v1 import plans
from edu_rating.osc.v1 import platform
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

    def parse_error(self, command_class, argv):
        """What argparse says of argv on stderr (it exits)."""
        parser = command_class(self.app, None).get_parser('openstack edu')
        stderr = self.useFixture(fixtures.MonkeyPatch(
            'sys.stderr', io.StringIO())).new_value
        self.assertRaises(SystemExit, parser.parse_args, argv)
        return stderr.getvalue()

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

    parse_error = PlanCommandsTest.parse_error

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
