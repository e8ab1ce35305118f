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
from django.template import defaultfilters
from django.urls import reverse
from django.utils import dateparse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from horizon import tables

from edu_dashboard import api
from edu_dashboard.dashboards.edu.invoices import targets
from edu_dashboard import money

KINDS = (('period', _("Monthly")), ('settlement', _("Settlement")))
STATUSES = (('issued', _("Issued")), ('paid', _("Paid")),
            ('void', _("Void")))


class _IssuerAction(object):
    """Settling an invoice is its issuer's (edu:invoice:pay/void)."""

    def get_policy_target(self, request, datum=None):
        return targets.of_issuer(datum['issuer']) if datum else {}

    def allowed(self, request, datum=None):
        return datum is None or datum['status'] == 'issued'


class MarkPaid(_IssuerAction, tables.BatchAction):
    name = 'pay'
    policy_rules = (('edu', 'edu:invoice:pay'),)

    @staticmethod
    def action_present(count):
        return ngettext_lazy("Mark Invoice Paid", "Mark Invoices Paid",
                             count)

    @staticmethod
    def action_past(count):
        return ngettext_lazy("Marked Invoice Paid", "Marked Invoices Paid",
                             count)

    def action(self, request, obj_id):
        api.edu.invoice_pay(request, obj_id)


class Void(_IssuerAction, tables.LinkAction):
    name = 'void'
    verbose_name = _("Void")
    classes = ('ajax-modal', 'btn-danger')
    policy_rules = (('edu', 'edu:invoice:void'),)

    def get_link_url(self, datum):
        return reverse('horizon:edu:invoices:void', args=[datum['id']])


class _Download(tables.LinkAction):
    policy_rules = (('edu', 'edu:invoice:download'),)

    def get_policy_target(self, request, datum=None):
        return targets.of_invoice(request, datum) if datum else {}

    def get_link_url(self, datum):
        return reverse('horizon:edu:invoices:%s' % self.name,
                       args=[datum['id']])


class DownloadPdf(_Download):
    name = 'pdf'
    verbose_name = _("Download PDF")
    icon = 'download'


class DownloadCsv(_Download):
    name = 'csv'
    verbose_name = _("Download CSV")
    icon = 'download'


def _period(invoice):
    # The API's times are ISO 8601 in UTC.
    return '%s – %s' % tuple(
        defaultfilters.date(dateparse.parse_datetime(invoice[key]),
                            'Y-m-d H:i')
        for key in ('period_start', 'period_end'))


class InvoicesTable(tables.DataTable):
    number = tables.Column('number', verbose_name=_("Number"))
    party = tables.Column(lambda i: i.get('payer_name') or i['payer_id'],
                          verbose_name=_("Billed to"))
    kind = tables.Column('kind', verbose_name=_("Kind"),
                         display_choices=KINDS)
    period = tables.Column(_period, verbose_name=_("Period (UTC)"))
    total = tables.Column(money.column('total'), verbose_name=_("Total"))
    status = tables.Column('status', verbose_name=_("Status"),
                           display_choices=STATUSES)

    def get_object_id(self, datum):
        return str(datum['id'])

    def get_object_display(self, datum):
        return datum['number']

    class Meta(object):
        name = 'invoices'
        verbose_name = _("Invoices")
        row_actions = (DownloadPdf, DownloadCsv, MarkPaid, Void)
        table_actions = (MarkPaid,)


class IssuedTable(InvoicesTable):
    class Meta(InvoicesTable.Meta):
        name = 'issued'
        verbose_name = _("Issued")


class ReceivedTable(InvoicesTable):
    party = tables.Column(lambda i: i.get('issuer_name') or i['issuer'],
                          verbose_name=_("Issued by"))

    class Meta(InvoicesTable.Meta):
        name = 'received'
        verbose_name = _("Received")
        row_actions = (DownloadPdf, DownloadCsv)
        table_actions = ()


class TeacherCostsTable(tables.DataTable):
    """Each teacher's month so far and forecast (the school's view)."""

    teacher = tables.Column(lambda c: c.get('name') or c['scope_id'],
                            verbose_name=_("Teacher"))
    accrued = tables.Column(money.column('accrued'),
                            verbose_name=_("This month so far"))
    forecast = tables.Column(money.column('forecast'),
                             verbose_name=_("Forecast to the month's end"))

    def get_object_id(self, datum):
        return datum['scope_id']

    class Meta(object):
        name = 'teacher_costs'
        verbose_name = _("Teachers this month")
