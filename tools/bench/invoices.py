"""The period-end job for a month of 5,000 payers with three changes each.

Usage: tools/bench/invoices [PAYERS]   (default 5000)

In one process on a temporary SQLite database (the job's own queries, no
Keystone): 50 schools and their teachers, each payer granted on the 1st
and changed three times during the month, platform and school default
plans with a mid-month version. Times edu_rating's run_period_end at the
month's end, then a second run (which must issue nothing), then renders
invoices to PDF (WeasyPrint) in English and Chinese. Prints the figures;
the goal is at most 60 s for the first run.
"""

import datetime
import decimal
import sys
import time

import benchdb

D = decimal.Decimal
UTC = datetime.timezone.utc
MONTH = datetime.datetime(2026, 11, 1, tzinfo=UTC)
END = datetime.datetime(2026, 12, 1, tzinfo=UTC)
SCHOOLS = 50


def seed(db, payers):
    from edu_rating.db import api as db_api
    rates = {'vcpu': D('0.012'), 'ram_mb': D('0.004'),
             'disk_gb': D('0.00015'), 'instances': D('0.002')}
    mid = MONTH + datetime.timedelta(days=15)

    def default_plan(issuer):
        plan = db.create_plan(issuer, 'default', 'EUR', 'bench')
        db.put_plan_version(plan.id, MONTH, rates, 'bench', now=MONTH)
        db.put_plan_version(plan.id, mid, {k: v * 2 for k, v in
                                           rates.items()}, 'bench',
                            now=MONTH)
        db.put_assignment(issuer, db_api.DEFAULT_PAYER, plan.id, MONTH,
                          'bench', now=MONTH)

    default_plan(db_api.PLATFORM)
    teachers_per_school = max(payers // SCHOOLS - 1, 0)
    count = 0
    for s in range(SCHOOLS):
        # A school at a time, in one transaction (seeding is not timed).
        with db.transaction():
            school = db.create_school('dom-%d' % s, 'school %d' % s)
            default_plan(school.domain_id)
            scopes = [db_api.Scope('school', school.domain_id)]
            for t in range(teachers_per_school):
                db.create_teacher(school.id, 'u-%d-%d' % (s, t),
                                  'p-%d-%d' % (s, t), 'teacher %d' % t)
                scopes.append(db_api.Scope('teacher', 'p-%d-%d' % (s, t)))
            for scope in scopes:
                # Granted on the 1st, then three changes in the month.
                for day, vcpu in ((0, 4), (7, 8), (14, 6), (21, 10)):
                    at = MONTH + datetime.timedelta(days=day, hours=s % 24)
                    for resource, amount in (('vcpu', vcpu),
                                             ('ram_mb', vcpu * 2048)):
                        db.set_grant(scope, resource, amount, 'bench',
                                     effective_from=at)
                count += 1
    return count


def main():
    payers = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    with benchdb.temporary('edu-bench-invoices-') as engine:
        from edu_rating.db import api as db_api
        from edu_rating.db.sqlalchemy import models
        from edu_rating.management.services import actor
        from edu_rating.management.services import invoices
        models.Base.metadata.create_all(engine)
        db = db_api.get_instance()
        started = time.perf_counter()
        count = seed(db, payers)
        seeded = time.perf_counter() - started
        print('seeded %d payers in %.1f s' % (count, seeded))
        who = actor.Actor('bench', is_platform_admin=True)
        now = END + datetime.timedelta(minutes=1)
        started = time.perf_counter()
        issued = invoices.run_period_end(who, now=now)
        first = time.perf_counter() - started
        started = time.perf_counter()
        again = invoices.run_period_end(who, now=now)
        second = time.perf_counter() - started
        rows = db.list_invoices()
        lines = sum(len(row.lines) for row in rows[:100])
        print('period job: %d invoices for %d payers in %.1f s '
              '(%.1f ms per payer)' % (issued, count, first,
                                       1000 * first / count))
        print('second run: %d invoices in %.1f s' % (again, second))
        print('lines per invoice (first 100): %.1f' % (lines / 100))
        pdf_times(db, rows[:PDFS])
        print('goal <= 60 s: %s' % ('met' if first <= 60 else 'missed'))


PDFS = 20


def pdf_times(db, rows):
    from edu_rating.management.services import invoice_pdf
    from edu_rating.management.services import invoices
    for lang in ('en', 'zh-hans'):
        timings = []
        for row in rows:
            started = time.perf_counter()
            invoice_pdf.pdf(invoices.view(row), lang)
            timings.append(time.perf_counter() - started)
        rest = timings[1:] or timings
        print('PDF %s: first %.0f ms (fonts load), then %.0f ms per '
              'invoice (mean of %d)' % (lang, 1000 * timings[0],
                                        1000 * sum(rest) / len(rest),
                                        len(rest)))


if __name__ == '__main__':
    main()
