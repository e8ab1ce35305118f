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
"""``openstack edu invoice ...``."""

import argparse
import datetime

from osc_lib.cli import format_columns
from osc_lib.command import command
from osc_lib import exceptions

from edu_rating.i18n import _
from edu_rating.osc.v1 import common

LIST_COLUMNS = ('id', 'number', 'issuer', 'payer_id', 'kind',
                'period_start', 'period_end', 'currency', 'total', 'status')
STATUSES = ('issued', 'paid', 'void')


def period(text):
    """A ``--period`` option: a month, ``YYYY-MM``."""
    try:
        datetime.datetime.strptime(text, '%Y-%m')
    except ValueError:
        raise argparse.ArgumentTypeError(
            _('%r is not a month like 2027-03') % text)
    return text


def invoice_view(invoice):
    """An invoice with its lines, readable."""
    return dict(invoice, lines=format_columns.ListDictColumn(
        invoice.get('lines') or []))


def add_invoice_argument(parser):
    parser.add_argument('invoice', metavar='<invoice-id>', type=int)


class ListInvoice(command.Lister):
    """List invoices (by default: those of your school or your project)."""

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument('--payer', metavar='<school-or-teacher-id>',
                            help='Invoices billed to this school or teacher')
        parser.add_argument('--issuer', metavar='<platform|school-id>',
                            help='Invoices issued by "platform" (to schools) '
                                 'or by a school (to its teachers)')
        parser.add_argument('--status', choices=STATUSES,
                            help='Only the invoices of this status')
        parser.add_argument('--period', metavar='<YYYY-MM>', type=period,
                            help='Only the invoices starting in this month')
        return parser

    def take_action(self, parsed_args):
        found = common.client(self).invoices.list(
            payer_id=parsed_args.payer, issuer=parsed_args.issuer,
            status=parsed_args.status, period=parsed_args.period)
        return common.listing(found, LIST_COLUMNS)


class ShowInvoice(command.ShowOne):
    """Show an invoice and its lines."""

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        add_invoice_argument(parser)
        return parser

    def take_action(self, parsed_args):
        return common.show(invoice_view(common.client(self).invoices.get(
            parsed_args.invoice)))


class PayInvoice(command.ShowOne):
    """Mark an invoice paid."""

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        add_invoice_argument(parser)
        return parser

    def take_action(self, parsed_args):
        return common.show(invoice_view(
            common.client(self).invoices.mark_paid(parsed_args.invoice)))


class VoidInvoice(command.ShowOne):
    """Void an invoice, saying why."""

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        add_invoice_argument(parser)
        parser.add_argument('--reason', metavar='<text>', required=True,
                            help='Why the invoice is void')
        return parser

    def take_action(self, parsed_args):
        return common.show(invoice_view(common.client(self).invoices.void(
            parsed_args.invoice, parsed_args.reason)))


class DownloadInvoice(command.Command):
    """Download an invoice as CSV (a row per line) or PDF."""

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        add_invoice_argument(parser)
        parser.add_argument('--format', dest='document', default='csv',
                            choices=('csv', 'pdf'),
                            help='CSV (default) or PDF')
        parser.add_argument('--language', choices=('en', 'zh-hans'),
                            help='Language of the PDF (default: English)')
        parser.add_argument('--file', metavar='<path>',
                            help='Write to this file (replaced if it '
                                 'exists; default: standard output)')
        return parser

    def take_action(self, parsed_args):
        invoices = common.client(self).invoices
        if parsed_args.document == 'pdf':
            self._write_pdf(invoices.pdf(parsed_args.invoice,
                                         parsed_args.language),
                            parsed_args.file)
            return
        text = invoices.csv(parsed_args.invoice)
        if parsed_args.file is None:
            self.app.stdout.write(text)
            return
        # The CSV's own line ends (\r\n) are written as they are.
        with open(parsed_args.file, 'w', encoding='utf-8',
                  newline='') as out:
            out.write(text)

    def _write_pdf(self, content, path):
        if path is None:
            raise exceptions.CommandError(
                _('A PDF is not for a terminal: give --file.'))
        with open(path, 'wb') as out:
            out.write(content)


class RunInvoice(command.ShowOne):
    """Issue the invoices of the billing periods that have ended."""

    def take_action(self, parsed_args):
        return common.show({'issued': common.client(self).invoices.run()})


COST_COLUMNS = ('scope_type', 'scope_id', 'currency', 'accrued',
                'forecast', 'period_start', 'period_end', 'as_of')


class ShowCost(command.ShowOne):
    """Show a school's or teacher's month to date and forecast."""

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument('scope_type', choices=('school', 'teacher'))
        parser.add_argument('scope_id', metavar='<id>')
        return parser

    def take_action(self, parsed_args):
        return common.show(common.client(self).costs.get(
            parsed_args.scope_type, parsed_args.scope_id))


class ListTeacherCost(command.Lister):
    """List a school's month to date and each of its teachers'."""

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument('school', metavar='<school-id>')
        return parser

    def take_action(self, parsed_args):
        costs = common.client(self).costs.of_teachers(parsed_args.school)
        return common.listing([costs['school']] + costs['teachers'],
                              COST_COLUMNS)
