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
"""``openstack edu class ...``"""

from osc_lib.command import command

from edu_rating.osc.v1 import common
from edu_rating.osc.v1 import jobs

LIST_COLUMNS = ('id', 'name', 'teacher_id', 'term_end', 'closed_at')


def _add_class_id(parser):
    parser.add_argument('klass', metavar='<class-id>', type=int)


def class_view(klass):
    """A class with its term's fields as its own: phase, ends_at...

    The term is where the class stands: ``phase`` (open, ending, ended,
    archived), ``ends_at``, ``warn_from``, ``archive_at``, ``ended_at``,
    ``archived_at``, ``freed`` and ``handed_back_at``.
    """
    view = dict(klass)
    view.update(view.pop('term', None) or {})
    return view


class CreateClass(command.ShowOne):
    """Create a class of a teacher."""

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument('name', metavar='<name>')
        parser.add_argument('--teacher', metavar='<teacher-id>',
                            required=True)
        parser.add_argument('--term-end', metavar='<YYYY-MM-DD>')
        common.add_grant_options(parser, 'Default grant of each student')
        return parser

    def take_action(self, parsed_args):
        return common.show(common.client(self).classes.create(
            parsed_args.teacher, parsed_args.name,
            term_end=parsed_args.term_end,
            default_grant=common.grant_of(parsed_args) or None))


class ListClass(command.Lister):
    """List the classes of a school or a teacher."""

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument('--teacher', metavar='<teacher-id>')
        parser.add_argument('--school', metavar='<school-id>')
        parser.add_argument('--include-closed', action='store_true',
                            default=None)
        return parser

    def take_action(self, parsed_args):
        classes = common.client(self).classes.list(
            teacher_id=parsed_args.teacher, school_id=parsed_args.school,
            include_closed=parsed_args.include_closed)
        return common.listing(classes, LIST_COLUMNS)


class ShowClass(common.ShowResource):
    """Show a class, and where it stands in its term."""

    manager = 'classes'
    metavar = '<class-id>'
    id_type = int
    view = staticmethod(class_view)


class SetClass(command.Command):
    """Rename a class, change its term end or default grant."""

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        _add_class_id(parser)
        parser.add_argument('--name', metavar='<name>')
        parser.add_argument('--term-end', metavar='<YYYY-MM-DD>')
        common.add_grant_options(parser, 'Default grant of each student')
        return parser

    def take_action(self, parsed_args):
        changes = common.changes_of(parsed_args, 'name', 'term_end')
        grant = common.grant_of(parsed_args)
        if grant:
            changes['default_grant'] = grant
        common.client(self).classes.update(parsed_args.klass, **changes)


class CloseClass(command.Command):
    """Close a class (refused while students are enrolled)."""

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        _add_class_id(parser)
        return parser

    def take_action(self, parsed_args):
        common.client(self).classes.close(parsed_args.klass)


class _ClassStep(command.ShowOne):
    """A step of the end of a class, run now."""

    step = None

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        _add_class_id(parser)
        parser.add_argument('--reason', metavar='<reason>',
                            help='Why, for the audit trail')
        return parser

    def take_action(self, parsed_args):
        return common.show(self.view(getattr(
            common.client(self).classes, self.step)(
                parsed_args.klass, reason=parsed_args.reason)))

    def view(self, result):
        return class_view(result)


class EndClass(_ClassStep):
    """End a class now: lock and shelve its lab machines.

    At the end of its term this happens by itself; extending the term
    (class set --term-end) unlocks them.
    """

    step = 'end'


class ArchiveClass(_ClassStep):
    """Archive a class now: delete its machines, release its grants.

    Its students' projects are disabled and their grants go back to the
    teacher; after the grace period this happens by itself.
    """

    step = 'archive'


class HandBackClass(_ClassStep):
    """Hand what an archived class freed back to the school.

    Lowers the teacher's grant (shown as teacher_grant); a settlement
    invoice follows.
    """

    step = 'hand_back'

    def view(self, result):
        return dict(class_view(result['class']),
                    teacher_grant=result['grant']['grant'])


class LaunchClass(jobs.StartJob):
    """Launch a lab machine of a template for every student of a class.

    Students who already have a machine of the template are skipped.
    """

    action = 'launch'

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument('--template', metavar='<template-id>', type=int,
                            required=True)
        return parser

    def template_of(self, parsed_args):
        return parsed_args.template


class StopClass(jobs.StartJob):
    """Stop the lab machines of every student of a class."""

    action = 'stop'


class ShelveClass(jobs.StartJob):
    """Shelve the lab machines of every student of a class."""

    action = 'shelve'


class DeleteClassMachines(jobs.StartJob):
    """Delete the lab machines of every student of a class."""

    action = 'delete'
