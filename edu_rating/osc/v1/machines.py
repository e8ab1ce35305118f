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
"""``openstack edu machine ...``"""

from osc_lib.command import command

from edu_rating.osc.v1 import common
from edu_rating.osc.v1 import templates

LIST_COLUMNS = ('id', 'name', 'student_name', 'status', 'task_state',
                'locked', 'flavor', 'template_id')


class LaunchMachine(command.ShowOne):
    """Launch a lab machine of a template in a student's project.

    It is launched with your own login: Nova counts it against the
    student's grant and records who made it.
    """

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument('--student', metavar='<student-id>',
                            required=True)
        parser.add_argument('--template', metavar='<template-id>', type=int,
                            required=True)
        parser.add_argument('--key-name', metavar='<key-pair>',
                            help='A key pair of the student (templates '
                                 'whose key policy is "student")')
        return parser

    def take_action(self, parsed_args):
        return common.show(common.client(self).machines.launch(
            parsed_args.student, parsed_args.template,
            key_name=parsed_args.key_name))


class ListMachine(command.Lister):
    """List the lab machines of a class or of a student."""

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        templates.add_class_or_student_options(parser,
                                               'Only the student\'s')
        return parser

    def take_action(self, parsed_args):
        machines = common.client(self).machines.list(
            class_id=parsed_args.klass, student_id=parsed_args.student)
        return common.listing(machines, LIST_COLUMNS)
