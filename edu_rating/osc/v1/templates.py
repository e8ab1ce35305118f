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
"""``openstack edu template ...``"""

from osc_lib.command import command
from osc_lib import exceptions

from edu_rating.i18n import _
from edu_rating.osc.v1 import common

LIST_COLUMNS = ('id', 'name', 'class_id', 'image_name', 'flavor_name',
                'key_policy')
# What a machine's size is made of (a flavor's resources).
SIZE = ('vcpu', 'ram_mb', 'disk_gb')
KEY_POLICIES = ('none', 'student')


def image_id(app, name_or_id):
    """The id of the image of that name or id, as Glance lists it.

    Otherwise the text as given, for the API to judge: a community image
    is in no listing, only its id finds it.
    """
    image = app.client_manager.image.find_image(name_or_id,
                                                ignore_missing=True)
    return image.id if image is not None else name_or_id


class CreateTemplate(command.ShowOne):
    """Add a lab template (an image and a size) to a class.

    The size is a flavor, or the flavor of exactly --vcpu, --ram-mb and
    --disk-gb; one machine of it must fit the class's per-student grant.
    """

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument('name', metavar='<name>', help='Template name')
        parser.add_argument('--class', dest='klass', metavar='<class-id>',
                            type=int, required=True)
        parser.add_argument('--image', metavar='<image>', required=True,
                            help='Image (name or id): public or community')
        parser.add_argument('--flavor', metavar='<flavor>',
                            help='Flavor (name or id)')
        common.add_grant_options(parser, 'Size (instead of --flavor)', SIZE)
        parser.add_argument('--user-data', metavar='<file>',
                            help='Cloud-init user data each machine starts '
                                 'with')
        parser.add_argument('--key-policy', choices=KEY_POLICIES,
                            help='"student": each student may name their '
                                 'key pair at launch (default: none)')
        return parser

    def take_action(self, parsed_args):
        size = common.grant_of(parsed_args, SIZE) or None
        if (parsed_args.flavor is None) == (size is None):
            raise exceptions.CommandError(
                _('Give either --flavor or a size (--vcpu, --ram-mb, '
                  '--disk-gb).'))
        user_data = None
        if parsed_args.user_data is not None:
            with open(parsed_args.user_data, encoding='utf-8') as source:
                user_data = source.read()
        return common.show(common.client(self).templates.create(
            parsed_args.klass, parsed_args.name,
            image_id(self.app, parsed_args.image),
            flavor_id=parsed_args.flavor, size=size, user_data=user_data,
            key_policy=parsed_args.key_policy))


def add_class_or_student_options(parser, student_help):
    group = parser.add_mutually_exclusive_group()
    group.add_argument('--class', dest='klass', metavar='<class-id>',
                       type=int)
    group.add_argument('--student', metavar='<student-id>',
                       help=student_help)


class ListTemplate(command.Lister):
    """List the lab templates of a class (or of a student's class)."""

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        add_class_or_student_options(parser, 'Those of the student\'s class')
        return parser

    def take_action(self, parsed_args):
        templates = common.client(self).templates.list(
            class_id=parsed_args.klass, student_id=parsed_args.student)
        return common.listing(templates, LIST_COLUMNS)


class ShowTemplate(common.ShowResource):
    """Show a lab template."""

    manager = 'templates'
    metavar = '<template-id>'
    id_type = int


class DeleteTemplate(command.Command):
    """Delete lab templates (machines launched from them stay)."""

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument('templates', metavar='<template-id>', type=int,
                            nargs='+')
        return parser

    def take_action(self, parsed_args):
        for template in parsed_args.templates:
            common.client(self).templates.delete(template)
