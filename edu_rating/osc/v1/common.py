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
"""Options and output shared by the ``openstack edu`` commands."""

from osc_lib.cli import format_columns
from osc_lib.command import command

from edu_rating.i18n import _
from edu_rating import resources as catalogue


# Columns holding grants (shown as key=value lists).
_DICT_FIELDS = ('grant', 'default_grant', 'delegated', 'free', 'in_use',
                'capacity', 'granted_to_schools', 'granted_to_teachers',
                'granted_to_students', 'teacher_grant', 'freed', 'size',
                'counts')


def client(command):
    return command.app.client_manager.edu


def add_grant_options(parser, what='Grant', names=catalogue.NAMES):
    """An option per resource (``names``: only those resources)."""
    for name in names:
        resource = catalogue.get(name)
        parser.add_argument(resource.option, metavar='<n>', type=int,
                            dest=resource.name,
                            help='%s: %s' % (what, _(resource.label)))


def grant_of(parsed_args, names=catalogue.NAMES):
    """The grant the options name (only those given: a partial grant)."""
    return {name: getattr(parsed_args, name) for name in names
            if getattr(parsed_args, name) is not None}


def add_enable_options(parser):
    group = parser.add_mutually_exclusive_group()
    group.add_argument('--enable', dest='enabled', action='store_true',
                       default=None, help='Enable')
    group.add_argument('--disable', dest='enabled', action='store_false',
                       help='Disable')


def _cell(item, column):
    value = item.get(column)
    if column in _DICT_FIELDS and isinstance(value, dict):
        return format_columns.DictColumn(value)
    return value


def show(item):
    """ShowOne's (columns, values) of an API object."""
    columns = tuple(sorted(item))
    return columns, tuple(_cell(item, c) for c in columns)


def listing(items, columns):
    """Lister's (headers, rows) of API objects."""
    headers = tuple(c.replace('_', ' ').title().replace('Id', 'ID')
                    for c in columns)
    return headers, [tuple(_cell(item, c) for c in columns)
                     for item in items]


def changes_of(parsed_args, *names):
    """The changes the options name (None: not given, no change)."""
    return {name: getattr(parsed_args, name) for name in names
            if getattr(parsed_args, name) is not None}


class ShowResource(command.ShowOne):
    """Show one object of a manager of the client, by id."""

    manager = None
    metavar = None
    id_type = str

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument('ident', metavar=self.metavar, type=self.id_type)
        return parser

    def view(self, item):
        """What is shown of the object: by default the object itself."""
        return item

    def take_action(self, parsed_args):
        return show(self.view(getattr(client(self), self.manager).get(
            parsed_args.ident)))
