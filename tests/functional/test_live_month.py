"""A month on the live stack, compressed by back-dating.

A platform admin onboards a school whose contract began hours ago
(back-dated within this billing month, with a reason), with its own
plan and a teacher on the school's plan from the same moment; then two
back-dated grant changes and a plan change that takes effect during the
test. CloudKitty's processor catches up on the back-dated hours, is
killed in the middle of it and started again. When the school leaves
(grants to zero), the invoices of both payers equal what CloudKitty
rated, to the cent, as ``edu-rating-check`` says; no period is stored
twice; the invoice job run twice changes nothing. When the school comes
back, CloudKitty goes on at its new grant without rating the periods it
held nothing in.
"""

import datetime
import decimal
import os
import signal
import subprocess
import time

import pytest

from edu_rating.rating import pricing
from tests.functional import conftest
from tests.functional import edu

D = decimal.Decimal
UTC = datetime.timezone.utc
PERIOD = datetime.timedelta(seconds=60)
RATES = {'vcpu': '1.5', 'ram_mb': '0.25', 'disk_gb': '0.01',
         'instances': '0.1'}
LATER_RATES = {'vcpu': '3', 'ram_mb': '0.5', 'disk_gb': '0.02',
               'instances': '0.2'}
REASON = 'live month: the contract began earlier'
PROCESSOR_LOG = conftest.STACK / 'logs' / 'cloudkitty-processor.log'


def seconds(moment):
    return moment.replace(microsecond=0)


def iso(moment):
    return moment.isoformat()


def ck(admin_cloud, path, **params):
    resp = admin_cloud.session.get(
        path, endpoint_filter={'service_type': 'rating'}, params=params)
    assert resp.status_code == 200, resp.text
    return resp.json()


def rated_until(admin_cloud, scope_id):
    results = ck(admin_cloud, '/v2/scope', scope_id=scope_id)['results']
    if not results or not results[0]['last_processed_timestamp']:
        return None
    return datetime.datetime.fromisoformat(
        results[0]['last_processed_timestamp']).replace(tzinfo=UTC) + PERIOD


def rated(admin_cloud, scope_id, begin, end):
    body = ck(admin_cloud, '/v2/summary', begin=iso(begin), end=iso(end),
              filters='project_id:%s' % scope_id)
    rows = [dict(zip(body['columns'], row)) for row in body['results']]
    return sum((D(str(row['rate'])) for row in rows), D(0))


def segments(admin_cloud, scope_id, begin, end):
    """``{resource: [(from, to)]}`` of every point CloudKitty stored."""
    found, offset = {}, 0
    while True:
        body = ck(admin_cloud, '/v2/dataframes', begin=iso(begin),
                  end=iso(end), filters='project_id:%s' % scope_id,
                  offset=offset, limit=1000)
        for frame in body['dataframes']:
            for kind, items in frame['usage'].items():
                for item in items:
                    found.setdefault(kind, []).append(
                        (item['metadata']['segment_start'],
                         item['metadata']['segment_end']))
        if len(body['dataframes']) < 1000:
            return found
        offset += 1000


def reprocessing(admin_cloud, scope_ids):
    body = ck(admin_cloud, '/v2/task/reprocesses',
              scope_ids=','.join(scope_ids))
    return [r for r in body.get('results', [])
            if r.get('current_reprocess_time') != r.get('end_reprocess_time')]


def kill_processor_mid_pass(admin_cloud, scope_id, start, deadline):
    """SIGKILL the processor's process group while it rates ``scope_id``.

    :returns: where CloudKitty had got to when it was killed.
    """
    pid_file = conftest.STACK / 'pids' / 'cloudkitty-processor.pid'
    while time.monotonic() < deadline:
        until = rated_until(admin_cloud, scope_id)
        if until is not None and until > start + 10 * PERIOD:
            os.killpg(int(pid_file.read_text()), signal.SIGKILL)
            subprocess.run([str(conftest.TOP / 'tools' / 'stack.sh'),
                            'restart', 'cloudkitty-processor'], check=True,
                           capture_output=True, timeout=120)
            return until
        time.sleep(0.2)
    pytest.fail('CloudKitty did not start rating %s' % scope_id)


def history(caller, scope_type, scope_id):
    return edu.expect(caller.get('/allocations/%s/%s/history'
                                 % (scope_type, scope_id)),
                      200)['allocations']


def last_change(caller, scope_type, scope_id):
    """When the scope's grant last changed (for a payer that left: its end)."""
    return max(datetime.datetime.fromisoformat(row['effective_from'])
               for row in history(caller, scope_type, scope_id))


def processor_log():
    """The stack's processor's whole log, across its restarts."""
    return PROCESSOR_LOG.read_text(errors='replace')


def invoices_of(caller, payer_id):
    return edu.expect(caller.get('/invoices', params={
        'payer_id': payer_id, 'limit': 1000}), 200)['invoices']


def edu_command(name, *args):
    return subprocess.run(
        [str(conftest.STACK / 'venv' / 'bin' / name), '--config-file',
         str(conftest.STACK / 'etc' / 'cloudkitty' / 'cloudkitty.conf')]
        + list(args), capture_output=True, text=True, timeout=300)


def back_dated(longest, least):
    """A start up to ``longest`` back, within this billing month.

    Early on the 1st, first waits for ``least`` of a month to back-date
    into.
    """
    now = datetime.datetime.now(UTC)
    month = now.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    if now - month < least:
        time.sleep((month + least - now).total_seconds())
        now = datetime.datetime.now(UTC)
    return seconds(now - min(longest,
                             now - month - datetime.timedelta(minutes=2)))


def test_a_month_back_dated_rated_killed_and_invoiced(secrets, admin_cloud):
    platform = edu.platform_admin(secrets)
    t0 = back_dated(datetime.timedelta(hours=2),
                    datetime.timedelta(minutes=20))
    span = datetime.datetime.now(UTC) - t0
    t1, t2 = seconds(t0 + span / 3), seconds(t0 + span / 2)

    # The school's own plan and its teacher's, both from t0.
    own = edu.expect(platform.post('/plans', json={
        'issuer': 'platform', 'name': edu.unique('live'),
        'currency': 'EUR', 'rates': RATES, 'effective_from': iso(t0)}),
        201)['plan']
    school = edu.School(platform, 'live', edu.grant(vcpu=8, ram_mb=8192,
                                                    disk_gb=100, instances=4),
                        effective_from=iso(t0), reason=REASON)
    edu.expect(platform.put('/plan_assignments', json={
        'issuer': 'platform', 'payer_id': school.id, 'plan_id': own['id'],
        'effective_from': iso(t0)}), 200)
    teachers_plan = edu.expect(platform.post('/plans', json={
        'issuer': school.id, 'name': edu.unique('live-t'),
        'currency': 'EUR', 'rates': RATES, 'effective_from': iso(t0)}),
        201)['plan']
    teacher = school.add_teacher('t1', edu.grant(vcpu=2, ram_mb=2048),
                                 effective_from=iso(t0), reason=REASON)
    edu.expect(platform.put('/plan_assignments', json={
        'issuer': school.id, 'payer_id': teacher['id'],
        'plan_id': teachers_plan['id'], 'effective_from': iso(t0)}), 200)
    # A school admin may not back-date; the platform admin must say why.
    edu.expect(school.admin.put('/allocations/school/%s' % school.id, json={
        'grant': {'vcpu': 9}, 'reason': 'no', 'effective_from': iso(t1)}),
        403)
    edu.expect(platform.put('/allocations/school/%s' % school.id, json={
        'grant': {'vcpu': 9}, 'effective_from': iso(t1)}), 400)

    # Two mid-month changes, back-dated, and a plan change ahead.
    edu.expect(platform.put('/allocations/school/%s' % school.id, json={
        'grant': {'vcpu': 12}, 'reason': REASON,
        'effective_from': iso(t1)}), 200)
    edu.expect(platform.put('/allocations/teacher/%s' % teacher['id'], json={
        'grant': {'vcpu': 4}, 'reason': REASON,
        'effective_from': iso(t2)}), 200)
    t3 = seconds(datetime.datetime.now(UTC) + datetime.timedelta(seconds=90))
    edu.expect(platform.post('/plans/%s/versions' % own['id'], json={
        'rates': LATER_RATES, 'effective_from': iso(t3)}), 201)
    rows = history(platform, 'school', school.id)
    assert {row['reason'] for row in rows} == {REASON}
    assert all(datetime.datetime.fromisoformat(row['recorded_at']) >
               datetime.datetime.fromisoformat(row['effective_from'])
               for row in rows)

    # CloudKitty catches up from t0; it is killed in the middle and
    # started again.
    killed_at = kill_processor_mid_pass(
        admin_cloud, school.id, t0, time.monotonic() + 300)
    assert killed_at < datetime.datetime.now(UTC) - 5 * PERIOD

    # The school leaves a minute after the new rates took effect.
    while datetime.datetime.now(UTC) < t3 + PERIOD:
        time.sleep(5)
    edu.expect(platform.put('/allocations/teacher/%s' % teacher['id'],
                            json={'grant': edu.grant()}), 200)
    edu.expect(platform.put('/allocations/school/%s' % school.id,
                            json={'grant': edu.grant()}), 200)
    left = last_change(platform, 'school', school.id)
    # Rated through the period the school left in: all that was charged.
    # Then the payers hold no grant and CloudKitty leaves them out.
    begin = t0 - PERIOD
    end = left + PERIOD
    deadline = time.monotonic() + 420
    scopes = [school.id, teacher['id']]
    while time.monotonic() < deadline:
        done = [rated_until(admin_cloud, s) for s in scopes]
        if all(d is not None and d >= left for d in done) and \
                not reprocessing(admin_cloud, scopes):
            break
        time.sleep(5)
    else:
        pytest.fail('CloudKitty has not rated up to %s: %s' % (left, done))
    passes = processor_log().count('edu fetcher: ')

    # Invoices: settlements at each change, to the cent of CloudKitty's.
    for payer in scopes:
        billed = [i for i in invoices_of(platform, payer)
                  if i['status'] != 'void']
        assert billed, payer
        total = sum((D(i['total']) for i in billed), D(0))
        assert total > 0
        assert abs(rated(admin_cloud, payer, begin, end) - total) <= \
            D('0.005') * len(billed), (payer, total)
    # The school's invoices cover t0 to its leaving without a gap, and
    # its own plan's later rates show after t3.
    chain = sorted(invoices_of(platform, school.id),
                   key=lambda i: i['period_start'])
    assert chain[0]['period_start'] == iso(t0)
    assert all(a['period_end'] == b['period_start']
               for a, b in zip(chain, chain[1:]))
    assert chain[-1]['period_end'] == iso(left)
    lines = [line for i in chain for line in edu.expect(platform.get(
        '/invoices/%s' % i['id']), 200)['invoice']['lines']]
    assert {line['rate'] for line in lines
            if line['resource'] == 'vcpu'} == {'1.5', '3'}
    expected = sum((D(line['total']) for line in lines), D(0))
    assert expected == sum((D(i['total']) for i in chain), D(0))
    assert pricing.round_money(expected, 'EUR') == expected

    # The operator's check says the same.
    checked = edu_command('edu-rating-check', '--school', school.id,
                          '--begin', iso(begin), '--end', iso(end))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert '0 payer(s) differ' in checked.stdout

    # No second was stored twice, for all the kill and the reprocessing:
    # per resource, the stored points' segments never overlap.
    for payer in scopes:
        stored = segments(admin_cloud, payer, begin, end)
        assert set(stored) >= {'vcpu', 'ram_mb'}, stored.keys()
        for resource, spans in stored.items():
            spans.sort()
            overlaps = [(a, b) for a, b in zip(spans, spans[1:])
                        if b[0] < a[1]]
            assert not overlaps, (payer, resource, overlaps[:3])

    # The invoice job, twice: nothing new (the month has not ended).
    before = invoices_of(platform, school.id) + invoices_of(
        platform, teacher['id'])
    for _ in range(2):
        ran = edu_command('edu-invoices')
        assert ran.returncode == 0, ran.stderr
    assert invoices_of(platform, school.id) + invoices_of(
        platform, teacher['id']) == before

    # The school comes back after a pass that left it out: CloudKitty goes
    # on at the period holding its new grant, without rating one by one
    # the periods it held nothing in (each one a "No usage data" warning).
    edu.wait_until('a pass without the school',
                   lambda: processor_log().count('edu fetcher: ') > passes)
    edu.expect(platform.put('/allocations/school/%s' % school.id,
                            json={'grant': edu.grant(vcpu=1)}), 200)
    back = last_change(platform, 'school', school.id)
    holding = back.replace(second=0)
    assert holding > rated_until(admin_cloud, school.id)
    edu.wait_until('CloudKitty at the new grant', lambda: rated_until(
        admin_cloud, school.id) >= holding, timeout=180)
    log = processor_log()
    assert 'edu: %s has no charges from' % school.id in log
    assert 'No usage data for storage scope [%s]' % school.id not in log
    edu.expect(platform.put('/allocations/school/%s' % school.id,
                            json={'grant': edu.grant()}), 200)
