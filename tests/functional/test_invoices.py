"""Invoices on the live stack: settlements, the period job, who sees what.

A change of a school's or a teacher's own grant bills the time before it
at once; the period job run twice issues nothing new; payers read their
own invoices, issuers settle them.
"""

import csv
import io
import time

import pypdf
import pytest

from tests.functional import edu

RATES = {'vcpu': '360', 'ram_mb': '0.01', 'disk_gb': '0.001',
         'instances': '0.01'}


def plan(caller, issuer):
    body = edu.expect(caller.post('/plans', json={
        'issuer': issuer, 'name': edu.unique('plan'), 'currency': 'EUR',
        'rates': RATES}), 201)
    return body['plan']


@pytest.fixture(scope='module')
def world(secrets):
    platform = edu.platform_admin(secrets)
    school = edu.School(platform, 'invoices', edu.grant())
    edu.expect(platform.put('/plan_assignments', json={
        'issuer': 'platform', 'payer_id': school.id,
        'plan_id': plan(platform, 'platform')['id']}), 200)
    edu.expect(school.admin.put('/plan_assignments', json={
        'issuer': school.id, 'plan_id': plan(school.admin,
                                             school.id)['id']}), 200)
    edu.expect(platform.put('/allocations/school/%s' % school.id, json={
        'grant': edu.grant(vcpu=8)}), 200)
    teacher = school.add_teacher('t1', edu.grant(vcpu=2))
    student = school.enrol(school.add_class(teacher), 's1')
    other = edu.School(platform, 'invoices-other', edu.grant(vcpu=1))
    # Each payer's own grant changes: the time before is billed at once,
    # in whole seconds (the ledger's unit): let one pass at least.
    time.sleep(1.1)
    edu.expect(platform.put('/allocations/school/%s' % school.id, json={
        'grant': {'vcpu': 9}}), 200)
    edu.expect(school.admin.put('/allocations/teacher/%s' % teacher['id'],
                                json={'grant': {'vcpu': 3}}), 200)
    return platform, school, teacher, student, other


def invoices_of(caller, **params):
    return edu.expect(caller.get('/invoices', params=params), 200)[
        'invoices']


def test_a_grant_change_bills_the_time_before_it(world):
    platform, school, teacher, student, _ = world
    (to_school,) = invoices_of(platform, payer_id=school.id)
    assert (to_school['issuer'], to_school['kind'], to_school['status']) \
        == ('platform', 'settlement', 'issued')
    teachers = invoices_of(platform, payer_id=teacher['id'])
    history = edu.expect(platform.get(
        '/allocations/teacher/%s/history' % teacher['id']), 200)
    price = edu.expect(platform.get('/prices/teacher/%s' % teacher['id']),
                       200)
    assert len(teachers) == 1, (teachers, history, price)
    (to_teacher,) = teachers
    assert to_teacher['issuer'] == school.id
    assert to_teacher['number'].startswith('S-')
    # 2 vCPU at 360 an hour is 20 cents a second: the seconds before the
    # change cost something.
    assert float(to_teacher['total']) > 0
    shown = edu.expect(platform.get('/invoices/%s' % to_teacher['id']),
                       200)['invoice']
    assert [line['resource'] for line in shown['lines']] == ['vcpu']
    assert shown['lines'][0]['amount'] == 2
    # A student's grant changing bills nobody.
    edu.expect(teacher['persona'].put(
        '/allocations/enrolment/%s' % student['id'],
        json={'grant': {'vcpu': 1}}), 200)
    assert student['id'] not in {
        i['payer_id'] for i in invoices_of(platform, limit=1000)}


def test_the_period_job_twice_changes_nothing(world):
    platform = world[0]
    edu.expect(platform.post('/invoices/run'), 200)
    after = invoices_of(platform, limit=1000)
    again = edu.expect(platform.post('/invoices/run'), 200)
    assert again['issued'] == 0
    assert invoices_of(platform, limit=1000) == after


def test_payers_read_issuers_settle(world):
    platform, school, teacher, student, other = world
    mine = invoices_of(teacher['persona'])
    assert [i['payer_id'] for i in mine] == [teacher['id']]
    invoice_id = mine[0]['id']
    edu.expect(other.admin.get('/invoices/%s' % invoice_id), 403)
    edu.expect(student['persona'].get('/invoices'), 403)
    edu.expect(teacher['persona'].post('/invoices/%s/pay' % invoice_id),
               403)
    # The school admin sees both sides: billed by the platform, billing
    # its teachers.
    assert invoices_of(school.admin, payer_id=school.id)
    assert [i['id'] for i in invoices_of(school.admin)] == [invoice_id]
    paid = edu.expect(school.admin.post('/invoices/%s/pay' % invoice_id),
                      200)['invoice']
    assert paid['status'] == 'paid'
    body = edu.expect(school.admin.post(
        '/invoices/%s/void' % invoice_id, json={'reason': 'late'}), 409)
    assert 'paid already' in body['error']['message']
    # The school cannot settle what the platform billed it.
    (to_school,) = invoices_of(platform, payer_id=school.id)
    edu.expect(school.admin.post('/invoices/%s/pay' % to_school['id']),
               403)


def test_csv_download(world):
    teacher = world[2]
    invoice_id = invoices_of(teacher['persona'])[0]['id']
    status, text = teacher['persona'].get('/invoices/%s/csv' % invoice_id)
    assert status == 200, text
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [row['resource'] for row in rows] == ['vcpu']
    assert rows[0]['amount'] == '2'
    assert rows[0]['payer_name'] == teacher['name']


def pdf_text(content):
    reader = pypdf.PdfReader(io.BytesIO(content))
    return '\n'.join(page.extract_text() for page in reader.pages)


def test_pdf_download_in_the_language_asked(world):
    _platform, school, teacher, student, other = world
    invoice = invoices_of(teacher['persona'])[0]
    path = '/invoices/%s/pdf' % invoice['id']
    status, content, headers = teacher['persona'].download(
        path, headers={'Accept-Language': 'zh-CN,zh;q=0.9,en;q=0.5'})
    assert status == 200, content[:300]
    assert headers['Content-Type'] == 'application/pdf'
    text = pdf_text(content)
    for expected in ('发票', '开票方', school.name, teacher['name'],
                     invoice['number']):
        assert expected in text
    status, content, _ = school.admin.download(
        path, params={'language': 'en'})
    assert status == 200
    assert 'Invoice' in pdf_text(content) and '发票' not in pdf_text(content)
    status, content, _ = teacher['persona'].download(
        path, params={'language': 'tlh'})
    assert status == 400 and b'language must be one of' in content
    for stranger in (other.admin, student['persona']):
        assert stranger.download(path)[0] == 403
