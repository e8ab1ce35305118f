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
"""``edu-rating-check``: do CloudKitty's reports agree with the invoices?

    edu-rating-check --config-file cloudkitty.conf [--month 2027-03]
        [--school DOMAIN_ID] [--begin ISO --end ISO]

For a closed billing month (default: the last one), or the span from
``--begin`` to ``--end`` (whole CloudKitty periods), per payer (of one
school with ``--school``): what
CloudKitty's storage rated (``openstack rating summary get`` for the
payer) against the sum of the payer's invoices for the month (void ones
left out). Each invoice is rounded once from its exact price, and
CloudKitty keeps unrounded floats, so they may differ by half a minor unit
per invoice; any payer beyond that is printed, and the command exits 1.
"""

import datetime
import decimal
import sys

from oslo_config import cfg

from edu_rating import cmd
from edu_rating.db import api as db_api
from edu_rating.management.services import invoices
from edu_rating.rating import pricing
from edu_rating import utc

CONF = cfg.CONF
cli_opts = [
    cfg.StrOpt('month', help='The billing month to check, YYYY-MM '
                             '(default: the last closed one).'),
    cfg.StrOpt('school', help='Only this school (domain id) and its '
                              'teachers.'),
    cfg.StrOpt('begin', help='Instead of a month: the start of the span, '
                             'ISO 8601 with a time zone.'),
    cfg.StrOpt('end', help='With --begin: the end of the span.'),
]


def month_bounds(month, zone):
    """``[start, end)`` in UTC of a month (``None``: the last closed)."""
    if month is None:
        now = utc.now()
        end = invoices.month_starts(now - datetime.timedelta(days=32),
                                    now, zone)[-1]
        start = invoices.month_starts(end - datetime.timedelta(days=40),
                                      end - datetime.timedelta(seconds=1),
                                      zone)[-1]
        return start, end
    first = datetime.datetime.strptime(month, '%Y-%m').replace(tzinfo=zone)
    start = utc.normalize(first.astimezone(datetime.timezone.utc))
    return start, invoices.month_starts(
        start, start + datetime.timedelta(days=32), zone)[0]


def span(begin, end):
    """``[begin, end)`` of --begin/--end, as UTC."""
    try:
        bounds = [datetime.datetime.fromisoformat(value)
                  for value in (begin, end)]
    except (TypeError, ValueError):
        bounds = []
    if len(bounds) != 2 or any(b.tzinfo is None for b in bounds):
        sys.exit('--begin and --end must both be ISO 8601 times with a '
                 'time zone')
    return tuple(utc.normalize(b) for b in bounds)


def payers(db, school_id=None):
    for school in db.list_schools(domain_id=school_id):
        yield 'school', school.domain_id
        for teacher in db.list_teachers(school_pk=school.id):
            yield 'teacher', teacher.project_id


def differences(db, storage, start, end, school_id=None):
    """``[(payer type, id, rated, invoiced, allowed)]`` that disagree."""
    found = []
    for payer_type, payer_id in payers(db, school_id):
        billed = [row for row in db.list_invoices(payer_id=payer_id,
                                                  start=start, end=end)
                  if row.status != 'void']
        invoiced = sum((row.total for row in billed), decimal.Decimal(0))
        result = storage.total(begin=start, end=end,
                               filters={'project_id': payer_id})
        rated = sum((decimal.Decimal(str(r['rate']))
                     for r in result['results']), decimal.Decimal(0))
        currency = billed[0].currency if billed else 'EUR'
        allowed = (decimal.Decimal(1).scaleb(-pricing.minor_unit(currency))
                   / 2 * max(len(billed), 1))
        if abs(rated - invoiced) > allowed:
            found.append((payer_type, payer_id, rated, invoiced, allowed))
    return found


def main(argv=None):
    from cloudkitty import storage
    cmd.setup('edu-rating-check', cli_opts, argv)
    if CONF.begin or CONF.end:
        start, end = span(CONF.begin, CONF.end)
    else:
        start, end = month_bounds(CONF.month, invoices.billing_zone())
    found = differences(db_api.get_instance(), storage.get_storage(),
                        start, end, CONF.school)
    for payer_type, payer_id, rated, invoiced, allowed in found:
        print('%s %s: CloudKitty rated %s, invoiced %s (allowed %s)'
              % (payer_type, payer_id, rated, invoiced, allowed))
    print('checked [%s, %s): %d payer(s) differ'
          % (start.isoformat(), end.isoformat(), len(found)))
    return 1 if found else 0


if __name__ == '__main__':
    sys.exit(main())
