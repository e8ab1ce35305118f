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
"""``openstack edu plan ...`` and ``openstack edu price show``."""

import argparse
import datetime
import decimal

from osc_lib.cli import format_columns
from osc_lib.command import command
from osc_lib import exceptions

from edu_rating.i18n import _
from edu_rating.osc.v1 import common
from edu_rating import resources as catalogue

LIST_COLUMNS = ('id', 'issuer', 'name', 'currency', 'description')
ASSIGNMENT_COLUMNS = ('issuer', 'payer_id', 'effective_from', 'plan_id')
ISSUER_HELP = ('"platform" (what schools pay) or a school id (what its '
               'teachers pay)')


def rate(text):
    """``(resource, Decimal)`` of a ``--rate resource=price`` option."""
    resource, sep, price = (part.strip() for part in text.partition('='))
    if not sep or not resource or not price:
        raise argparse.ArgumentTypeError(
            _('%r is not <resource>=<price> (e.g. vcpu=0.02)') % text)
    if resource not in catalogue.NAMES:
        raise argparse.ArgumentTypeError(
            _('unknown resource %(resource)r in %(text)r; expected one of '
              '%(known)s') % {'resource': resource, 'text': text,
                              'known': ', '.join(catalogue.NAMES)})
    try:
        value = decimal.Decimal(price)
    except decimal.InvalidOperation:
        value = None
    if value is None or not value.is_finite() or value < 0:
        raise argparse.ArgumentTypeError(
            _('the price in %r must be a decimal number of at least 0 '
              '(e.g. vcpu=0.02)') % text)
    return resource, value


def add_rate_options(parser):
    parser.add_argument(
        '--rate', metavar='<resource>=<price>', dest='rates', type=rate,
        action='append', required=True,
        help='Price per hour of a price unit (repeatable): vcpu per '
             'vCPU-hour, ram_mb per GiB-hour, disk_gb per GB-hour, '
             'instances per instance-hour; a resource not named is free')


def rates_of(parsed_args):
    """``{resource: Decimal}`` of the ``--rate`` options."""
    rates = {}
    for resource, price in parsed_args.rates:
        if resource in rates:
            raise exceptions.CommandError(
                _('--rate %s is given more than once.') % resource)
        rates[resource] = price
    return rates


def add_effective_from_option(parser, what='Takes effect'):
    parser.add_argument('--effective-from', metavar='<ISO 8601 time>',
                        help='%s from (default: now)' % what)


def _since(version):
    since = datetime.datetime.fromisoformat(version['effective_from'])
    if since.tzinfo is None:
        since = since.replace(tzinfo=datetime.timezone.utc)
    return since


def in_force(versions, now=None):
    """The version in force at ``now``: the last one already begun."""
    now = now or datetime.datetime.now(datetime.timezone.utc)
    begun = [v for v in versions if _since(v) <= now]
    return max(begun, key=_since) if begun else None


def plan_view(plan):
    """A plan with the rates in force now and its versions, readable."""
    versions = plan.get('versions') or []
    current = in_force(versions)
    view = {key: value for key, value in plan.items() if key != 'versions'}
    view['version_in_force'] = current['id'] if current else None
    view['rates'] = format_columns.DictColumn(
        current['rates'] if current else {})
    view['versions'] = format_columns.ListDictColumn(
        sorted(versions, key=_since))
    return view


class CreatePlan(command.ShowOne):
    """Create a price plan and its first version."""

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument('name', metavar='<name>', help='Plan name')
        parser.add_argument('--issuer', metavar='<platform|school-id>',
                            required=True, help=ISSUER_HELP)
        parser.add_argument('--currency', metavar='<ISO 4217 code>',
                            required=True, help='E.g. EUR')
        add_rate_options(parser)
        parser.add_argument('--description', metavar='<description>')
        add_effective_from_option(parser, 'The first version applies')
        return parser

    def take_action(self, parsed_args):
        plan = common.client(self).plans.create(
            parsed_args.issuer, parsed_args.name, parsed_args.currency,
            rates_of(parsed_args), description=parsed_args.description,
            effective_from=parsed_args.effective_from)
        return common.show(plan_view(plan))


class ListPlan(command.Lister):
    """List price plans."""

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument(
            '--issuer', metavar='<platform|school-id>',
            help=ISSUER_HELP + ' (a school administrator: their school by '
                               'default)')
        return parser

    def take_action(self, parsed_args):
        plans = common.client(self).plans.list(issuer=parsed_args.issuer)
        return common.listing(plans, LIST_COLUMNS)


class ShowPlan(command.ShowOne):
    """Show a price plan: the rates in force now and every version."""

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument('plan', metavar='<plan-id>', type=int)
        return parser

    def take_action(self, parsed_args):
        return common.show(plan_view(common.client(self).plans.get(
            parsed_args.plan)))


class AddPlanVersion(command.ShowOne):
    """Add a version of a plan's rates, superseding the last from its date.

    A future version is replaced by adding one with the same
    --effective-from again; a version in force never changes.
    """

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument('plan', metavar='<plan-id>', type=int)
        add_rate_options(parser)
        add_effective_from_option(parser)
        return parser

    def take_action(self, parsed_args):
        plan = common.client(self).plans.add_version(
            parsed_args.plan, rates_of(parsed_args),
            effective_from=parsed_args.effective_from)
        return common.show(plan_view(plan))


def assignment_view(assignment):
    return dict(assignment, assignments=format_columns.ListDictColumn(
        assignment.get('assignments') or []))


class AssignPlan(command.ShowOne):
    """Make a payer pay by a plan (without --payer: the issuer's default).

    --no-plan hands a payer back to the issuer's default plan.
    """

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument('--issuer', metavar='<platform|school-id>',
                            required=True, help=ISSUER_HELP)
        parser.add_argument('--payer', metavar='<school-or-teacher-id>',
                            help='A school (issuer platform) or a teacher '
                                 '(issuer their school); default: every '
                                 'payer without a plan of their own')
        group = parser.add_mutually_exclusive_group(required=True)
        group.add_argument('--plan', metavar='<plan-id>', type=int,
                           help='A plan of the issuer')
        group.add_argument('--no-plan', action='store_true',
                           help='Back to the issuer\'s default (needs '
                                '--payer)')
        add_effective_from_option(parser)
        return parser

    def take_action(self, parsed_args):
        if parsed_args.no_plan and parsed_args.payer is None:
            raise exceptions.CommandError(
                _('--no-plan needs --payer: the issuer\'s default is always '
                  'a plan.'))
        assignment = common.client(self).plans.assign(
            parsed_args.issuer, parsed_args.plan, payer_id=parsed_args.payer,
            effective_from=parsed_args.effective_from)
        return common.show(assignment_view(assignment))


class ListPlanAssignment(command.Lister):
    """List who pays by which plan, and from when."""

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument('--issuer', metavar='<platform|school-id>',
                            required=True, help=ISSUER_HELP)
        parser.add_argument('--payer', metavar='<school-or-teacher-id>',
                            help='Default: the issuer\'s default plan')
        return parser

    def take_action(self, parsed_args):
        found = common.client(self).plans.assignments(
            parsed_args.issuer, payer_id=parsed_args.payer)
        rows = [dict(step, issuer=payer['issuer'],
                     payer_id=payer['payer_id'])
                for payer in found for step in payer['assignments']]
        return common.listing(rows, ASSIGNMENT_COLUMNS)


class ShowPrice(command.ShowOne):
    """Show the plan a school or a teacher pays by now, and its rates."""

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument('scope_type', metavar='<school|teacher>',
                            choices=('school', 'teacher'))
        parser.add_argument('scope_id', metavar='<id>')
        return parser

    def take_action(self, parsed_args):
        price = common.client(self).plans.price(parsed_args.scope_type,
                                                parsed_args.scope_id)
        plan = price.get('plan') or {}
        version_id = price.get('version_id')
        version = {}
        for candidate in plan.get('versions') or []:
            if candidate['id'] == version_id:
                version = candidate
        return common.show({
            'scope_type': price['scope_type'],
            'scope_id': price['scope_id'],
            'plan_id': plan.get('id'),
            'plan_name': plan.get('name'),
            'issuer': plan.get('issuer'),
            'currency': plan.get('currency'),
            'version_id': version_id,
            'effective_from': version.get('effective_from'),
            'rates': format_columns.DictColumn(version.get('rates') or {}),
        })
