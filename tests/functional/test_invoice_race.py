"""The period-end job in two processes at once, on the stack's MariaDB.

A database of its own (the stack's user may create ``<prefix>*``
databases), seeded with a month of grants for a few schools and their
teachers; two processes run the job for that month's end at the same
moment, then a third runs it again. Every payer gets its month billed
exactly once and every issuer's numbers run 1..N without a gap: the
row locks (school first) and the counters do their work on a real
InnoDB, not SQLite.
"""

import configparser
import datetime
import subprocess
import sys
import time

import pytest
import sqlalchemy as sa

from tests.functional import conftest

SCHOOLS = 6
TEACHERS = 8
START = datetime.datetime(2026, 11, 1, tzinfo=datetime.timezone.utc)
END = datetime.datetime(2026, 12, 1, tzinfo=datetime.timezone.utc)

# Run by each process: configure oslo.db on the race database, then (seed)
# make the month, or (run) wait for the common start and run the job.
WORKER = r'''
import datetime, sys, time
from oslo_config import cfg
from oslo_db import options
url, mode, start_at = sys.argv[1], sys.argv[2], float(sys.argv[3])
options.set_defaults(cfg.CONF, connection=url)
cfg.CONF(args=[], project='cloudkitty', default_config_files=[],
         default_config_dirs=[])
from cloudkitty import db  # noqa: registers [database]
cfg.CONF.set_override('connection', url, group='database')
from edu_rating.db import api as db_api
from edu_rating.management.services import actor, invoices
UTC = datetime.timezone.utc
START = datetime.datetime(2026, 11, 1, tzinfo=UTC)
END = datetime.datetime(2026, 12, 1, tzinfo=UTC)
edu = db_api.get_instance()
if mode == 'seed':
    from edu_rating.db.sqlalchemy import models
    models.Base.metadata.create_all(
        db._create_facade_lazily().writer.get_engine())
    plan = edu.create_plan(db_api.PLATFORM, 'p', 'EUR', 'race')
    edu.put_plan_version(plan.id, START, {'vcpu': 1}, 'race', now=START)
    edu.put_assignment(db_api.PLATFORM, '*', plan.id, START, 'race',
                       now=START)
    for s in range(%(schools)d):
        school = edu.create_school('dom-%%d' %% s, 'school %%d' %% s)
        own = edu.create_plan(school.domain_id, 't', 'EUR', 'race')
        edu.put_plan_version(own.id, START, {'vcpu': 2}, 'race', now=START)
        edu.put_assignment(school.domain_id, '*', own.id, START, 'race',
                           now=START)
        scopes = [db_api.Scope('school', school.domain_id)]
        for t in range(%(teachers)d):
            edu.create_teacher(school.id, 'u-%%d-%%d' %% (s, t),
                               'p-%%d-%%d' %% (s, t), 't')
            scopes.append(db_api.Scope('teacher', 'p-%%d-%%d' %% (s, t)))
        for scope in scopes:
            for day, vcpu in ((0, 4), (9, 6), (19, 2)):
                edu.set_grant(scope, 'vcpu', vcpu, 'race',
                              effective_from=START + datetime.timedelta(
                                  days=day, hours=s))
    sys.exit(0)
time.sleep(max(0, start_at - time.time()))
issued = invoices.run_period_end(actor.Actor('race', is_platform_admin=True),
                                 now=END + datetime.timedelta(minutes=1))
print(issued)
''' % {'schools': SCHOOLS, 'teachers': TEACHERS}


@pytest.fixture
def race_db():
    conf = configparser.ConfigParser(interpolation=None)
    conf.read(conftest.STACK / 'etc' / 'cloudkitty' / 'cloudkitty.conf')
    url = sa.engine.make_url(conf['database']['connection'])
    name = url.database.replace('_cloudkitty', '_invoicerace')
    server = sa.create_engine(url.set(database=None))
    with server.connect() as conn:
        conn.execute(sa.text('DROP DATABASE IF EXISTS `%s`' % name))
        conn.execute(sa.text('CREATE DATABASE `%s`' % name))
    try:
        yield url.set(database=name)
    finally:
        with server.connect() as conn:
            conn.execute(sa.text('DROP DATABASE IF EXISTS `%s`' % name))
        server.dispose()


def worker(url, mode, start_at=0.0):
    return subprocess.Popen(
        [sys.executable, '-c', WORKER,
         url.render_as_string(hide_password=False), mode, str(start_at)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish(process):
    out, err = process.communicate(timeout=300)
    assert process.returncode == 0, err[-3000:]
    return out


def test_two_period_jobs_at_once_bill_each_month_once(race_db):
    finish(worker(race_db, 'seed'))
    start_at = time.time() + 3
    racing = [worker(race_db, 'run', start_at) for _ in range(2)]
    issued = [int(finish(p).split()[-1]) for p in racing]
    again = int(finish(worker(race_db, 'run')).split()[-1])
    payers = SCHOOLS * (1 + TEACHERS)
    assert (sum(issued), again) == (payers, 0), issued

    engine = sa.create_engine(race_db)
    with engine.connect() as conn:
        rows = conn.execute(sa.text(
            'SELECT issuer_id, payer_id, number, period_start, period_end '
            'FROM edu_invoices')).all()
    engine.dispose()
    assert len(rows) == payers
    assert len({row.payer_id for row in rows}) == payers
    assert {(row.period_start, row.period_end) for row in rows} == {
        (START.replace(tzinfo=None) + datetime.timedelta(hours=s),
         END.replace(tzinfo=None)) for s in range(SCHOOLS)}
    numbers = {}
    for row in rows:
        numbers.setdefault(row.issuer_id, []).append(row.number)
    assert sorted(numbers['platform']) == list(range(1, SCHOOLS + 1))
    for issuer, issued_numbers in numbers.items():
        if issuer != 'platform':
            assert sorted(issued_numbers) == list(range(1, TEACHERS + 1))
