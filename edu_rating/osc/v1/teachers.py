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
"""``openstack edu teacher ...``"""

from osc_lib.command import command

from edu_rating.osc.v1 import common

LIST_COLUMNS = ('id', 'name', 'project_name', 'enabled', 'school_id')


class CreateTeacher(command.ShowOne):
    """Create a teacher (user and teacher project) in a school."""

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument('name', metavar='<name>', help='User name')
        parser.add_argument('--school', metavar='<school-id>', required=True)
        parser.add_argument('--password', metavar='<password>',
                            required=True)
        parser.add_argument('--email', metavar='<email>')
        parser.add_argument('--project-name', metavar='<name>',
                            help='Teacher project name')
        common.add_grant_options(parser)
        return parser

    def take_action(self, parsed_args):
        return common.show(common.client(self).teachers.create(
            parsed_args.school, parsed_args.name, parsed_args.password,
            email=parsed_args.email, project_name=parsed_args.project_name,
            grant=common.grant_of(parsed_args) or None))


class ListTeacher(command.Lister):
    """List the teachers of a school."""

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument('--school', metavar='<school-id>')
        common.add_enable_options(parser)
        return parser

    def take_action(self, parsed_args):
        teachers = common.client(self).teachers.list(
            school_id=parsed_args.school, enabled=parsed_args.enabled)
        return common.listing(teachers, LIST_COLUMNS)


class ShowTeacher(common.ShowResource):
    """Show a teacher."""

    manager = 'teachers'
    metavar = '<teacher-id>'


class SetTeacher(command.Command):
    """Enable or disable a teacher, change their email or password."""

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument('teacher', metavar='<teacher-id>')
        parser.add_argument('--email', metavar='<email>')
        parser.add_argument('--password', metavar='<password>',
                            help='Set a new password (a reset)')
        common.add_enable_options(parser)
        return parser

    def take_action(self, parsed_args):
        common.client(self).teachers.update(
            parsed_args.teacher,
            **common.changes_of(parsed_args, 'email', 'enabled', 'password'))
