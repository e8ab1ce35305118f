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
"""``openstack edu image ...``"""

from osc_lib.cli import format_columns
from osc_lib.command import command

from edu_rating.osc.v1 import common

LIST_COLUMNS = ('id', 'name', 'owner', 'teacher_name', 'enabled',
                'shared_with')


def view(image):
    """An image with the classes it is shared with by name."""
    return dict(image, shared_with=format_columns.ListColumn(
        share['class_name'] for share in image.get('shared_with') or ()))


def add_class_option(parser):
    parser.add_argument('--class', dest='klass', metavar='<class-id>',
                        type=int, required=True)


class RegisterImage(command.ShowOne):
    """Register a Glance image for lab templates.

    With --teacher it is the teacher's (their project owns it), otherwise
    the platform's.
    """

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument('image', metavar='<image-id>',
                            help='Glance image id')
        parser.add_argument('--teacher', metavar='<teacher-id>')
        return parser

    def take_action(self, parsed_args):
        return common.show(view(common.client(self).images.register(
            parsed_args.image, teacher_id=parsed_args.teacher)))


class ListImage(command.Lister):
    """List the images of a teacher, a school, a class or a student.

    The platform's images are listed with them.
    """

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        group = parser.add_mutually_exclusive_group()
        group.add_argument('--teacher', metavar='<teacher-id>')
        group.add_argument('--school', metavar='<school-id>')
        group.add_argument('--class', dest='klass', metavar='<class-id>',
                           type=int)
        group.add_argument('--student', metavar='<student-id>')
        return parser

    def take_action(self, parsed_args):
        images = common.client(self).images.list(
            teacher_id=parsed_args.teacher, school_id=parsed_args.school,
            class_id=parsed_args.klass, student_id=parsed_args.student)
        return common.listing([view(image) for image in images],
                              LIST_COLUMNS)


class ShowImage(common.ShowResource):
    """Show a registered image."""

    manager = 'images'
    metavar = '<image-id>'

    def view(self, item):
        return view(item)


class SetImage(command.Command):
    """Enable or disable an image (a disabled one makes no new template)."""

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument('image', metavar='<image-id>')
        group = parser.add_mutually_exclusive_group(required=True)
        group.add_argument('--enable', dest='enabled', action='store_true',
                           default=None, help='Enable')
        group.add_argument('--disable', dest='enabled', action='store_false',
                           help='Disable')
        return parser

    def take_action(self, parsed_args):
        common.client(self).images.set_enabled(parsed_args.image,
                                               parsed_args.enabled)


class DeleteImage(command.Command):
    """Unregister images (a teacher's is deleted in Glance too)."""

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument('images', metavar='<image-id>', nargs='+')
        return parser

    def take_action(self, parsed_args):
        for image in parsed_args.images:
            common.client(self).images.delete(image)


class ShareImage(command.ShowOne):
    """Share an image with a class (every student's project)."""

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument('image', metavar='<image-id>')
        add_class_option(parser)
        return parser

    def take_action(self, parsed_args):
        return common.show(view(common.client(self).images.share(
            parsed_args.image, parsed_args.klass)))


class UnshareImage(command.Command):
    """Stop sharing an image with a class."""

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument('image', metavar='<image-id>')
        add_class_option(parser)
        return parser

    def take_action(self, parsed_args):
        common.client(self).images.unshare(parsed_args.image,
                                           parsed_args.klass)
