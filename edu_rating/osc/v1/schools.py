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
"""``openstack edu school ...``"""

from osc_lib.command import command

from edu_rating.osc.v1 import common

LIST_COLUMNS = ('id', 'name', 'enabled', 'description')


class CreateSchool(command.ShowOne):
    """Create a school: its domain, first administrator and grant."""

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument('name', metavar='<name>', help='School name')
        parser.add_argument('--description', metavar='<description>')
        parser.add_argument('--admin-name', metavar='<name>', required=True,
                            help='User name of the school administrator')
        parser.add_argument('--admin-password', metavar='<password>',
                            required=True)
        parser.add_argument('--admin-email', metavar='<email>')
        common.add_grant_options(parser)
        return parser

    def take_action(self, parsed_args):
        admin = {'name': parsed_args.admin_name,
                 'password': parsed_args.admin_password}
        if parsed_args.admin_email:
            admin['email'] = parsed_args.admin_email
        result = common.client(self).schools.create(
            parsed_args.name, admin, description=parsed_args.description,
            grant=common.grant_of(parsed_args))
        school = dict(result['school'], admin_id=result['admin']['id'],
                      admin_name=result['admin']['name'])
        return common.show(school)


class ListSchool(command.Lister):
    """List schools."""

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument('--name', metavar='<name>')
        common.add_enable_options(parser)
        return parser

    def take_action(self, parsed_args):
        schools = common.client(self).schools.list(
            name=parsed_args.name, enabled=parsed_args.enabled)
        return common.listing(schools, LIST_COLUMNS)


class ShowSchool(common.ShowResource):
    """Show a school."""

    manager = 'schools'
    metavar = '<school-id>'


class SetSchool(command.Command):
    """Change a school's description, or enable/disable it."""

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument('school', metavar='<school-id>')
        parser.add_argument('--description', metavar='<description>')
        common.add_enable_options(parser)
        return parser

    def take_action(self, parsed_args):
        common.client(self).schools.update(
            parsed_args.school,
            **common.changes_of(parsed_args, 'description', 'enabled'))


class DisableSchool(command.Command):
    """Disable a school: every login of the school stops working."""

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument('school', metavar='<school-id>')
        return parser

    def take_action(self, parsed_args):
        common.client(self).schools.update(parsed_args.school, enabled=False)
