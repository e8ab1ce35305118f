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
"""``openstack edu allocation ...``"""

from osc_lib.command import command

from edu_rating.osc.v1 import common

HISTORY_COLUMNS = ('id', 'resource', 'amount', 'effective_from',
                   'effective_to', 'actor', 'reason')


def add_scope_options(parser):
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument('--school', metavar='<school-id>')
    group.add_argument('--teacher', metavar='<teacher-id>')
    group.add_argument('--student', metavar='<student-id>',
                       help='An enrolment (student id)')


def scope_of(parsed_args):
    """(scope_type, scope_id) of the scope options."""
    for option, scope_type in (('school', 'school'), ('teacher', 'teacher'),
                               ('student', 'enrolment')):
        if getattr(parsed_args, option):
            return scope_type, getattr(parsed_args, option)


class ShowAllocation(command.ShowOne):
    """Show a grant, with what is delegated below it, free and in use."""

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        add_scope_options(parser)
        return parser

    def take_action(self, parsed_args):
        return common.show(common.client(self).allocations.get(
            *scope_of(parsed_args)))


class SetAllocation(command.ShowOne):
    """Set a grant (only the resources given change)."""

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        add_scope_options(parser)
        common.add_grant_options(parser)
        parser.add_argument('--reason', metavar='<reason>')
        parser.add_argument('--force', action='store_true',
                            help='Allow going below what is delegated or '
                                 'in use (platform administrators)')
        parser.add_argument('--effective-from', metavar='<ISO 8601 time>',
                            help='A correction: the change took effect '
                                 'earlier in this billing month (platform '
                                 'administrators; needs --reason)')
        return parser

    def take_action(self, parsed_args):
        return common.show(common.client(self).allocations.set(
            *scope_of(parsed_args), grant=common.grant_of(parsed_args),
            reason=parsed_args.reason, force=parsed_args.force,
            effective_from=parsed_args.effective_from))


class HistoryAllocation(command.Lister):
    """Show the allocation ledger of a scope."""

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        add_scope_options(parser)
        parser.add_argument('--resource', metavar='<resource>')
        return parser

    def take_action(self, parsed_args):
        rows = common.client(self).allocations.history(
            *scope_of(parsed_args), resource=parsed_args.resource)
        return common.listing(rows, HISTORY_COLUMNS)
