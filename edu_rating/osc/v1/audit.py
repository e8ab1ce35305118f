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
"""``openstack edu audit list``."""

from osc_lib.command import command

from edu_rating.osc.v1 import common

LIST_COLUMNS = ('id', 'at', 'actor_name', 'action', 'target_type',
                'target_id', 'reason', 'request_id')


class ListAudit(command.Lister):
    """List the audit trail (by default: your school's, or everything)."""

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument('--school', metavar='<school-id>',
                            help='Events of this school')
        parser.add_argument('--actor', metavar='<user-id>',
                            help='Events of this user (or "reconciler")')
        parser.add_argument('--action', metavar='<prefix>',
                            help='Actions starting so, e.g. edu:teacher or '
                                 'reconcile')
        parser.add_argument('--target', metavar='<id>',
                            help='Events of this school, teacher, class or '
                                 'student')
        parser.add_argument('--since', metavar='<time>',
                            help='Events at or after this ISO 8601 time, '
                                 'with its zone')
        return parser

    def take_action(self, parsed_args):
        found = common.client(self).audit.list(
            school_id=parsed_args.school, actor_id=parsed_args.actor,
            action=parsed_args.action, target_id=parsed_args.target,
            since=parsed_args.since)
        return common.listing(found, LIST_COLUMNS)
