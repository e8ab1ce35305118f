"""Price plans on the live stack, and CloudKitty rating by them.

Who may manage and read which plans over real tokens, bad rates refused,
and a new school rated by CloudKitty at its plan's rates within minutes,
to the cent of what the pricing function says.
"""

import datetime
import decimal
import time

import pytest

from edu_rating.rating import pricing
from tests.functional import edu

D = decimal.Decimal
RATES = {'vcpu': '0.02', 'ram_mb': '0.01', 'disk_gb': '0.0005',
         'instances': '0.001'}


@pytest.fixture(scope='module')
def world(secrets):
    platform = edu.platform_admin(secrets)
    school = edu.School(platform, 'plans', edu.grant(vcpu=8))
    teacher = school.add_teacher('t1', edu.grant(vcpu=2))
    klass = school.add_class(teacher)
    student = school.enrol(klass, 's1')
    other = edu.School(platform, 'plans-other', edu.grant(vcpu=1))
    return platform, school, teacher, student, other


def new_plan(caller, issuer, rates=RATES, status=201):
    return edu.expect(caller.post('/plans', json={
        'issuer': issuer, 'name': edu.unique('plan'), 'currency': 'EUR',
        'rates': rates}), status)


def test_who_manages_and_reads_plans(world):
    platform, school, teacher, student, other = world
    # The platform's plans are the platform admin's alone.
    new_plan(platform, 'platform')
    new_plan(school.admin, 'platform', status=403)
    # A school admin runs their own school's plans, not another's.
    plan = new_plan(school.admin, school.id)['plan']
    new_plan(other.admin, school.id, status=403)
    edu.expect(other.admin.get('/plans/%s' % plan['id']), 403)
    edu.expect(school.admin.put('/plan_assignments', json={
        'issuer': school.id, 'plan_id': plan['id']}), 200)
    listed = edu.expect(school.admin.get('/plans'), 200)['plans']
    assert [p['id'] for p in listed] == [plan['id']]
    # The teacher reads the plan they pay by; a student sees no money.
    price = edu.expect(teacher['persona'].get(
        '/prices/teacher/%s' % teacher['id']), 200)
    assert price['plan']['id'] == plan['id']
    assert price['plan']['versions'][-1]['rates']['vcpu'] == '0.02'
    edu.expect(student['persona'].get(
        '/prices/teacher/%s' % teacher['id']), 403)
    edu.expect(teacher['persona'].get('/plans/%s' % plan['id']), 403)


@pytest.mark.parametrize('rates,words', [
    ({'vcpu': '-0.01'}, 'from 0 to'),
    ({'vcpu': 'free'}, 'must be a number'),
    ({'vcpu': '0.0000001'}, 'more than 6 decimals'),
    ({'gpus': '1'}, 'Unknown resource gpus'),
])
def test_bad_rates_are_refused(world, rates, words):
    platform = world[0]
    body = new_plan(platform, 'platform', rates=rates, status=400)
    assert words in body['error']['message']


def test_unknown_currency_is_refused(world):
    body = edu.expect(world[0].post('/plans', json={
        'issuer': 'platform', 'name': edu.unique('plan'),
        'currency': 'XYZ', 'rates': RATES}), 400)
    assert 'ISO 4217' in body['error']['message']


def rating_summary(admin_cloud, scope_id, begin, end):
    resp = admin_cloud.session.get(
        '/v2/summary', endpoint_filter={'service_type': 'rating'},
        params={'filters': 'project_id:%s' % scope_id,
                'begin': begin.isoformat(), 'end': end.isoformat()})
    assert resp.status_code == 200, resp.text
    body = resp.json()
    columns = body['columns']
    rows = [dict(zip(columns, row)) for row in body['results']]
    return sum((D(str(row['rate'])) for row in rows), D(0))


def rated_until(admin_cloud, scope_id, period):
    resp = admin_cloud.session.get(
        '/v2/scope', endpoint_filter={'service_type': 'rating'},
        params={'scope_id': scope_id})
    assert resp.status_code == 200, resp.text
    results = resp.json()['results']
    if not results or not results[0]['last_processed_timestamp']:
        return None
    last = datetime.datetime.fromisoformat(
        results[0]['last_processed_timestamp']).replace(
        tzinfo=datetime.timezone.utc)
    return last + period


def test_a_new_school_is_rated_at_its_plan_within_minutes(
        world, admin_cloud):
    platform = world[0]
    school = edu.School(platform, 'rated', edu.grant())
    plan = new_plan(platform, 'platform')['plan']
    edu.expect(platform.put('/plan_assignments', json={
        'issuer': 'platform', 'payer_id': school.id,
        'plan_id': plan['id']}), 200)
    grant = edu.grant(vcpu=6, ram_mb=3072, disk_gb=50, instances=3)
    edu.expect(platform.put('/allocations/school/%s' % school.id,
                            json={'grant': grant}), 200)
    history = edu.expect(platform.get(
        '/allocations/school/%s/history' % school.id), 200)['allocations']
    segments = [pricing.Segment(
        row['resource'], row['amount'],
        datetime.datetime.fromisoformat(row['effective_from']),
        row['effective_to'] and datetime.datetime.fromisoformat(
            row['effective_to'])) for row in history]
    granted_at = max(s.start for s in segments)
    period = datetime.timedelta(seconds=60)

    # Within a few minutes CloudKitty has rated the period holding the
    # grant, and what it says equals the pricing function to the cent.
    deadline = time.monotonic() + 420
    until = None
    while time.monotonic() < deadline:
        until = rated_until(admin_cloud, school.id, period)
        # The period holding the grant: from it on, the school is charged
        # (tens of cents a minute at these rates).
        if until is not None and until > granted_at:
            break
        time.sleep(2)
    assert until is not None and until > granted_at, until
    begin = granted_at - datetime.timedelta(hours=1)
    rated = rating_summary(admin_cloud, school.id, begin, until)
    rates = {r: D(v) for r, v in RATES.items()}
    timeline = [pricing.Rates(begin, until, 'EUR', rates, plan['id'])]
    expected = sum((line.exact for line in pricing.lines(
        segments, timeline, begin, until)), D(0))
    assert expected > 0
    assert pricing.round_money(rated, 'EUR') == \
        pricing.round_money(expected, 'EUR'), (rated, expected)
