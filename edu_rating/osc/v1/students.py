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
"""``openstack edu student ...``"""

from osc_lib.command import command

from edu_rating.osc.v1 import common

LIST_COLUMNS = ('id', 'name', 'class_id', 'project_name', 'removed_at')


class CreateStudent(command.ShowOne):
    """Enrol a student in a class."""

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument('name', metavar='<name>', help='User name')
        parser.add_argument('--class', dest='klass', metavar='<class-id>',
                            type=int, required=True)
        parser.add_argument('--email', metavar='<email>')
        parser.add_argument('--password', metavar='<password>',
                            help='Generated (and shown once) when omitted')
        common.add_grant_options(parser, 'Grant (default: the class\'s)')
        return parser

    def take_action(self, parsed_args):
        result = common.client(self).students.enrol(
            parsed_args.klass, parsed_args.name,
            password=parsed_args.password, email=parsed_args.email,
            grant=common.grant_of(parsed_args) or None)
        return common.show(dict(result['student'],
                                password=result['password']))


class SetStudent(command.Command):
    """Set a student's password (a reset by their teacher)."""

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument('student', metavar='<student-id>')
        parser.add_argument('--password', metavar='<password>',
                            required=True)
        return parser

    def take_action(self, parsed_args):
        common.client(self).students.update(parsed_args.student,
                                            password=parsed_args.password)


class ImportStudent(command.Lister):
    """Enrol a class's roster from a CSV file (name[,email][,password])."""

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument('csv_file', metavar='<csv-file>')
        parser.add_argument('--class', dest='klass', metavar='<class-id>',
                            type=int, required=True)
        parser.add_argument('--dry-run', action='store_true',
                            help='Only check the roster: a verdict per '
                                 'line, nothing created.')
        parser.add_argument('--skip-enrolled', action='store_true',
                            help='Pass over names already in the class '
                                 '(to finish an import cut short).')
        return parser

    def take_action(self, parsed_args):
        # utf-8-sig: spreadsheets often save a byte order mark.
        with open(parsed_args.csv_file, encoding='utf-8-sig') as csv_file:
            csv_text = csv_file.read()
        students = common.client(self).students
        if parsed_args.dry_run:
            preview = students.preview_roster(
                parsed_args.klass, csv_text, parsed_args.skip_enrolled)
            if preview['problem']:
                self.app.stderr.write(preview['problem'] + '\n')
            return common.listing(preview['lines'],
                                  ('line', 'name', 'status', 'message'))
        enrolled = students.enrol_roster(parsed_args.klass, csv_text,
                                         parsed_args.skip_enrolled)
        return common.listing(
            [dict(item['student'], password=item['password'])
             for item in enrolled], ('id', 'name', 'password'))


class ListStudent(command.Lister):
    """List the students of a school, a teacher or a class."""

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument('--class', dest='klass', metavar='<class-id>',
                            type=int)
        parser.add_argument('--teacher', metavar='<teacher-id>')
        parser.add_argument('--school', metavar='<school-id>')
        parser.add_argument('--include-removed', action='store_true',
                            default=None)
        return parser

    def take_action(self, parsed_args):
        students = common.client(self).students.list(
            class_id=parsed_args.klass, teacher_id=parsed_args.teacher,
            school_id=parsed_args.school,
            include_removed=parsed_args.include_removed)
        return common.listing(students, LIST_COLUMNS)


class ShowStudent(common.ShowResource):
    """Show an enrolment."""

    manager = 'students'
    metavar = '<student-id>'


class DeleteStudent(command.Command):
    """Remove students from their class (releases their grants)."""

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument('students', metavar='<student-id>', nargs='+')
        parser.add_argument('--force', action='store_true',
                            help='Delete their servers first')
        return parser

    def take_action(self, parsed_args):
        for student in parsed_args.students:
            common.client(self).students.remove(student,
                                                force=parsed_args.force)
