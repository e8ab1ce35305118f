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
"""Invoices: the platform bills each school, each school its teachers.

A payer's time is billed once, in a chain without gaps: each invoice
starts where the payer's last one ended. At each period end (a calendar
month in ``[edu] billing_timezone``) the period job bills the month that
ended; when a payer's own grant changes, the time up to that second is
billed at once (a settlement), in the transaction of the ledger change.
Lines come from rating.plans.charges, so invoices bill exactly what
CloudKitty rates; totals are the sum of lines rounded by pricing's rule.

Both paths lock the payer's rows (school, then teacher) first, so a period
job and a grant change, or two period jobs, never bill the same time
twice, and numbers (per issuer and year) have no gaps.
"""

import csv
import datetime
import decimal
import io
import zoneinfo

from oslo_log import log as logging

from edu_rating import conf as edu_conf
from edu_rating.db import api as db_api
from edu_rating import exceptions
from edu_rating.i18n import _
from edu_rating.management.services import invoice_pdf
from edu_rating.management.services import lookup
from edu_rating.management.services import validation
from edu_rating.management.services import work as work_mod
from edu_rating.rating import plans as rating_plans
from edu_rating.rating import pricing
from edu_rating import utc

LOG = logging.getLogger(__name__)
STATUSES = ('issued', 'paid', 'void')


def _db():
    return db_api.get_instance()


def billing_zone():
    return zoneinfo.ZoneInfo(edu_conf.register_opts().edu.billing_timezone)


def month_starts(start, end, zone=None):
    """The billing months' starts in ``(start, end]``, as UTC."""
    zone = zone or billing_zone()
    local = utc.normalize(start).astimezone(zone)
    cursor = local.replace(day=1, hour=0, minute=0, second=0,
                           microsecond=0)
    result = []
    while True:
        year, month = divmod(cursor.month, 12)
        cursor = cursor.replace(year=cursor.year + year, month=month + 1)
        moment = utc.normalize(cursor.astimezone(datetime.timezone.utc))
        if moment > utc.normalize(end):
            return result
        result.append(moment)


def issuer_of(db, payer_type, payer_id):
    return rating_plans.issuer_of(db, db_api.Scope(payer_type, payer_id))[0]


def ensure_counters(db, issuer_id, now):
    # This year's and next year's: a transaction straddling New Year's
    # midnight finds its counter too.
    for year in (now.year, now.year + 1):
        db.ensure_invoice_counter(issuer_id, year)


def _drafts(payer_type, payer_id, kind, start, end, lines):
    """The invoices (one per currency) of a payer's ``lines``."""
    by_currency = {}
    for line in lines:
        by_currency.setdefault(line.currency, []).append(line)
    drafts = []
    for currency, currency_lines in sorted(by_currency.items()):
        currency_lines = pricing.apportion(currency_lines)
        drafts.append(db_api.InvoiceDraft(
            payer_type, payer_id, kind, start, end, currency,
            tuple(currency_lines), pricing.total(currency_lines)))
    return drafts


def _windows(start, until, settle):
    """``(kind, start, end)`` to bill from ``start`` up to ``until``.

    Whole billing months, then (``settle``) the rest as a settlement.
    """
    windows = []
    for month_end in month_starts(start, until):
        windows.append(('period', start, month_end))
        start = month_end
    if settle and start < until:
        windows.append(('settlement', start, until))
    return windows


def _bill_many(db, issuer_id, payer_type, payer_ids, until, actor, now,
               settle=False, cache=None):
    """Bill payers of one issuer up to ``until`` (the caller holds locks).

    A month with nothing to bill makes no invoice. A constant number of
    queries for any number of payers, then the inserts.
    """
    windows = {payer_id: _windows(start, until, settle)
               for payer_id, start in db.billing_starts(payer_ids).items()
               if start is not None and start < until}
    priced = rating_plans.charges_many(
        db, issuer_id, [(payer_id, start, end)
                        for payer_id, spans in windows.items()
                        for _, start, end in spans], cache)
    drafts = [draft for payer_id in payer_ids
              for kind, start, end in windows.get(payer_id, ())
              for draft in _drafts(payer_type, payer_id, kind, start, end,
                                   priced[payer_id, start, end])]
    return db.issue_invoices(issuer_id, drafts, actor.user_id, now,
                             request_id=actor.request_id)


def bill(db, payer_type, payer_id, until, actor, now, settle=False):
    """Bill a payer's time up to ``until`` (the caller holds its locks).

    Whole billing months first; with ``settle``, then the rest up to
    ``until`` as a settlement.
    """
    return _bill_many(db, issuer_of(db, payer_type, payer_id), payer_type,
                      [payer_id], until, actor, now, settle=settle)


def settle(work, scope):
    """The settlement of a payer whose own grant changes now.

    Called inside the grant change's transaction, under its locks, before
    the ledger rows change: what is billed is the old grant up to now.
    """
    if scope.type not in db_api.PAYER_SCOPE_TYPES:
        return []
    # Up to the change's moment (earlier than now when back-dated).
    return bill(work.db, scope.type, scope.id, work.at, work.actor,
                work.now, settle=True)


def prepare_settlement(scope):
    """What settle() needs made outside the transaction (counters)."""
    if scope.type in db_api.PAYER_SCOPE_TYPES:
        db = _db()
        ensure_counters(db, issuer_of(db, scope.type, scope.id), utc.now())


def run_period_end(actor, now=None):
    """Bill every payer's ended months: safe twice and in parallel.

    One transaction per school, under the school's lock (which every
    settlement in the school takes first): the school and all its
    teachers are billed together.

    :returns: the number of invoices issued.
    """
    db = _db()
    now = utc.normalize(now or utc.now())
    month_start = month_starts(now - datetime.timedelta(days=32), now)[-1]
    ensure_counters(db, db_api.PLATFORM, now)
    cache = {}
    issued = 0
    for school in db.list_schools():
        ensure_counters(db, school.domain_id, now)
        with db.transaction():
            db.lock_rows(school_pk=school.id)
            issued += len(_bill_many(
                db, db_api.PLATFORM, 'school', [school.domain_id],
                month_start, actor, now, cache=cache))
            teachers = db.list_teachers(school_pk=school.id)
            issued += len(_bill_many(
                db, school.domain_id, 'teacher',
                [teacher.project_id for teacher in teachers], month_start,
                actor, now, cache=cache))
    return issued


# The API's views.

def view(row, with_lines=True, names=None):
    """An invoice as the API shows it; ``names``: see names_of()."""
    names = names if names is not None else names_of([row])
    result = {
        'id': row.id, 'number': '%s-%d-%06d' % (
            'P' if row.issuer_id == db_api.PLATFORM else 'S', row.year,
            row.number),
        'sequence': row.number, 'year': row.year, 'issuer': row.issuer_id,
        'issuer_name': names.get(row.issuer_id),
        'payer_type': row.payer_type, 'payer_id': row.payer_id,
        'payer_name': names.get(row.payer_id),
        'kind': row.kind, 'period_start': row.period_start,
        'period_end': row.period_end, 'currency': row.currency,
        'total': str(pricing.round_money(row.total, row.currency)),
        'status': row.status, 'issued_at': row.issued_at,
        'paid_at': row.paid_at, 'voided_at': row.voided_at,
        'void_reason': row.void_reason}
    if with_lines:
        result['lines'] = [{
            'resource': line.resource, 'amount': line.amount,
            'from': line.start, 'to': line.end,
            'hours': str(pricing.hours(line.seconds)),
            'rate': '{:f}'.format(line.rate.normalize()),
            'total': str(pricing.round_money(line.total, row.currency)),
            'plan_version_id': line.plan_version_id}
            for line in row.lines]
    return result


def names_of(rows):
    """Issuers' and payers' names of invoice rows (the platform's too)."""
    found = _db().names_of([i for row in rows
                            for i in (row.issuer_id, row.payer_id)])
    found[db_api.PLATFORM] = edu_conf.register_opts().edu.platform_name
    return found


def invoice(invoice_id):
    try:
        invoice_id = int(invoice_id)
    except (TypeError, ValueError):
        raise exceptions.NotFound('invoice', invoice_id)
    try:
        return _db().get_invoice(invoice_id)
    except db_api.EduDBError as error:
        raise work_mod.translate_db_error(error)


def get(actor, invoice_id):
    return view(invoice(invoice_id))


def list(actor, issuer_id=None, payer_id=None, status=None, period=None,
         limit=100, marker=None):
    """Invoices; ``period`` (``2027-03``) selects by the month they start."""
    if status is not None and status not in STATUSES:
        raise exceptions.Invalid(
            _("status must be one of %s.") % ', '.join(STATUSES),
            error_code='field.not_allowed', field='status')
    start = end = None
    if period is not None:
        try:
            first = datetime.datetime.strptime(period, '%Y-%m').replace(
                tzinfo=billing_zone())
        except ValueError:
            raise exceptions.Invalid(
                _("period must be a month like 2027-03 (got %r).") % period,
                error_code='field.not_month', field='period')
        start = utc.normalize(first.astimezone(datetime.timezone.utc))
        end = month_starts(start, start + datetime.timedelta(days=32))[0]
    marker = lookup.row_id(marker, _("marker must be an invoice id."))
    rows, next_marker = lookup.page(
        _db().list_invoices, limit, marker, lambda row: row.id,
        issuer_id=issuer_id, payer_id=payer_id, status=status, start=start,
        end=end)
    names = names_of(rows)
    return ([view(row, with_lines=False, names=names) for row in rows],
            next_marker)


def _set_status(invoice_id, status, reason=None):
    row = invoice(invoice_id)
    try:
        _db().set_invoice_status(row.id, status, utc.now(), reason=reason)
    except db_api.EduDBError as error:
        raise exceptions.Conflict(str(error), error_code=error.error_code)
    return view(invoice(row.id))


def mark_paid(actor, invoice_id):
    return _set_status(invoice_id, 'paid')


def void(actor, invoice_id, reason):
    reason = validation.text(reason, 'reason')
    return _set_status(invoice_id, 'void', reason)


CSV_COLUMNS = ('number', 'issuer', 'issuer_name', 'payer_id', 'payer_name',
               'currency', 'resource', 'amount', 'from', 'to', 'hours',
               'rate', 'line_total', 'invoice_total')
# What a spreadsheet runs as a formula when a cell starts with it.
_FORMULA_STARTS = ('=', '+', '-', '@', '\t', '\r')


def spreadsheet_text(value):
    """A cell of text people typed (a name), never run as a formula.

    Quoted with a leading apostrophe, as OWASP advises: a school named
    "=HYPERLINK(...)" stays a name when the invoice is opened.
    """
    text = '' if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def as_csv(actor, invoice_id):
    """An invoice as CSV: a row per line, the invoice's fields on each."""
    data = get(actor, invoice_id)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for line in data['lines']:
        writer.writerow([
            data['number'], data['issuer'],
            spreadsheet_text(data['issuer_name']), data['payer_id'],
            spreadsheet_text(data['payer_name']),
            data['currency'], line['resource'], line['amount'],
            line['from'].isoformat(), line['to'].isoformat(), line['hours'],
            line['rate'], line['total'], data['total']])
    return out.getvalue()


def as_pdf(actor, invoice_id, language=None, accept_language=None):
    """An invoice as PDF bytes, in ``language`` or the header's."""
    lang = invoice_pdf.language(language, accept_language)
    return invoice_pdf.pdf(get(actor, invoice_id), lang)


def month_of(now):
    """``[start, end)`` of the billing month holding ``now``."""
    start = month_starts(now - datetime.timedelta(days=32), now)[-1]
    return start, month_starts(start, start + datetime.timedelta(days=32))[0]


def month_to_date(actor, payer_type, payer_id):
    """What a payer has accrued this month, and the forecast to its end.

    Live from the ledger and the plans: ``forecast`` adds the current
    grants, at the rates in force (future versions included), up to the
    month's end. Totals rounded once, by pricing's rule.
    """
    if payer_type not in db_api.PAYER_SCOPE_TYPES:
        raise exceptions.Invalid(
            _("Only schools and teachers pay; %s is neither.") % payer_type,
            error_code='scope.not_payer', field='scope_type')
    if payer_type == 'school':
        issuer_id = db_api.PLATFORM
        lookup.school(payer_id)
    else:
        issuer_id = lookup.teacher(payer_id).school.domain_id
    return _months_to_date(_db(), issuer_id, payer_type, [payer_id])[0]


def _months_to_date(db, issuer_id, payer_type, payer_ids, cache=None):
    """month_to_date() of payers of one issuer, in a few queries."""
    now = utc.now()
    start, end = month_of(now)
    priced = rating_plans.charges_many(
        db, issuer_id, [(payer_id, start, now) for payer_id in payer_ids] +
        [(payer_id, now, end) for payer_id in payer_ids], cache)
    names = db.names_of(payer_ids)
    return [dict(_cost(payer_type, payer_id, start, end, now,
                       priced[payer_id, start, now],
                       priced[payer_id, now, end]),
                 name=names.get(payer_id))
            for payer_id in payer_ids]


def _cost(payer_type, payer_id, start, end, now, accrued, coming):
    currencies = sorted({line.currency for line in accrued + coming})
    currency = currencies[0] if len(currencies) == 1 else None

    def amount(lines):
        exact = sum((line.exact for line in lines), pricing.ZERO)
        return str(pricing.round_money(exact, currency) if currency
                   else exact)

    return {'scope_type': payer_type, 'scope_id': payer_id,
            'period_start': start, 'period_end': end, 'as_of': now,
            'currency': currency, 'accrued': amount(accrued),
            'forecast': amount(accrued + coming)}


def platform_month_to_date(school_ids):
    """The platform's month to date: the schools', summed per currency.

    ``[{"currency", "accrued", "forecast"}]``, one item per currency the
    schools are billed in (a school billed in two this month counts under
    ``None``).
    """
    totals = {}
    for cost in _months_to_date(_db(), db_api.PLATFORM, 'school',
                                school_ids, cache={}):
        accrued = decimal.Decimal(cost['accrued'])
        forecast = decimal.Decimal(cost['forecast'])
        if cost['currency'] is None and not (accrued or forecast):
            continue
        total = totals.setdefault(cost['currency'], [pricing.ZERO] * 2)
        total[0] += accrued
        total[1] += forecast
    return [{'currency': currency, 'accrued': str(accrued),
             'forecast': str(forecast)}
            for currency, (accrued, forecast) in sorted(
                totals.items(), key=lambda item: item[0] or '')]


def school_month_to_date(actor, school_id):
    """The school's month to date, and each of its teachers'."""
    school = lookup.school(school_id)
    db = _db()
    cache = {}
    teachers = db.list_teachers(school_pk=school.id)
    return {'school': _months_to_date(db, db_api.PLATFORM, 'school',
                                      [school.domain_id], cache)[0],
            'teachers': _months_to_date(
                db, school.domain_id, 'teacher',
                [teacher.project_id for teacher in teachers], cache)}
