"""Real logins through Horizon's login form (CSRF included)."""

import datetime
import decimal
import re
import time

from tests.functional import conftest
from tests.functional import edu


def _login(dashboard, demo, persona, school='school-a'):
    login = conftest.demo_login(demo, persona, school)
    resp = dashboard.login(login['username'], demo['password'],
                           login['domain'])
    assert resp.status_code == 200, resp.text[:500]
    assert 'sessionid' in dashboard.http.cookies
    return resp


def test_school_admin_gets_the_education_dashboard(dashboard, demo):
    landed = _login(dashboard, demo, 'school admin')
    # A domain-scoped login lands on the Education overview.
    assert landed.url == dashboard.url('/edu/')
    page = dashboard.get('/edu/')
    assert page.status_code == 200
    assert page.url.endswith('/edu/')
    assert 'id="sidebar-accordion-edu"' in page.text
    assert 'data-persona="school_admin"' in page.text
    assert 'href="/edu/school/"' in page.text

    members = dashboard.get('/edu/school/')
    assert members.status_code == 200
    # The school's own people are listed, the other school's are not:
    # its administrator and teachers, then its students (their own tab).
    assert 'a-admin' in members.text
    assert 'a-teacher1' in members.text
    assert 'b-teacher1' not in members.text
    students = dashboard.get('/edu/school/?tab=members__students')
    assert 'a-student1' in students.text
    assert 'b-student3' not in students.text


def test_student_does_not_see_school_panels(dashboard, demo):
    landed = _login(dashboard, demo, 'student')
    assert landed.url == dashboard.url('/project/')
    page = dashboard.get('/edu/')
    assert page.status_code == 200
    assert 'id="sidebar-accordion-edu"' in page.text
    assert 'data-persona="student"' in page.text
    assert 'href="/edu/school/"' not in page.text

    direct = dashboard.get('/edu/school/')
    assert direct.status_code == 403
    assert 'a-teacher1' not in direct.text


def test_wrong_password_stays_on_the_login_form(dashboard, demo):
    login = conftest.demo_login(demo, 'student')
    resp = dashboard.login(login['username'], 'not-the-password',
                           login['domain'])
    assert resp.url.endswith('/auth/login/')
    assert 'Invalid credentials' in resp.text
    assert dashboard.get('/edu/').url.startswith(
        dashboard.url('/auth/login/'))


def test_styles_are_served(dashboard):
    page = dashboard.get('/auth/login/')
    css = re.findall(r'href="(/static/[^"]+\.css)"', page.text)
    assert css
    for path in css:
        resp = dashboard.get(path)
        assert resp.status_code == 200
        assert resp.headers['Content-Type'].startswith('text/css')


def _summary_total(admin_cloud, project_id, begin):
    resp = admin_cloud.session.get(
        '/v2/summary', endpoint_filter={'service_type': 'rating'},
        params={'filters': 'project_id:%s' % project_id,
                'begin': begin.isoformat()})
    assert resp.status_code == 200, resp.text
    body = resp.json()
    rates = [dict(zip(body['columns'], row))['rate']
             for row in body['results']]
    return decimal.Decimal(str(sum(rates)))


def test_a_teacher_sees_their_cost_in_cloudkittys_rating_panel(
        dashboard, demo, admin_cloud):
    # cloudkitty-dashboard's own panel: a teacher's project is a rated
    # scope, so it shows what CloudKitty rated for it this month.
    login = conftest.demo_login(demo, 'teacher')
    _login(dashboard, demo, 'teacher')
    project = admin_cloud.identity.find_project(
        login['project'], domain_id=admin_cloud.identity.find_domain(
            login['domain']).id)
    now = datetime.datetime.now(datetime.timezone.utc)
    month = now.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    deadline = time.monotonic() + 300
    while _summary_total(admin_cloud, project.id, month) < \
            decimal.Decimal('0.005') and time.monotonic() < deadline:
        time.sleep(10)
    before = _summary_total(admin_cloud, project.id, month)
    page = dashboard.get('/auth/switch/%s/?next=/project/rating/'
                         % project.id)
    after = _summary_total(admin_cloud, project.id, month)
    assert page.status_code == 200 and page.url.endswith('/project/rating/')
    assert 'context-project">%s<' % login['project'] in page.text
    shown = re.search(r'<p class="h2"[^>]*>\s*([0-9.]+)\s*</p>', page.text)
    assert shown, page.text[:2000]
    cents = decimal.Decimal('0.01')
    assert before.quantize(cents) <= decimal.Decimal(shown.group(1)) <= \
        after.quantize(cents), (before, shown.group(1), after)
    assert decimal.Decimal(shown.group(1)) > 0


def test_a_school_admin_works_with_invoices_in_horizon(dashboard, demo):
    _login(dashboard, demo, 'school admin')
    page = dashboard.get('/edu/invoices/?tab=invoices__issued')
    assert page.status_code == 200, page.text[:500]
    # The other tabs load when opened (Horizon's AJAX tabs, or their URL).
    received = dashboard.get('/edu/invoices/?tab=invoices__received')
    month = dashboard.get('/edu/invoices/?tab=invoices__month')
    assert received.status_code == month.status_code == 200
    # Received from the platform and issued to its first teacher, by the
    # demo's settlements.
    assert re.search(r'P-\d{4}-\d{6}', received.text)
    assert re.search(r'S-\d{4}-\d{6}', page.text)
    pdfs = sorted(set(re.findall(r'href="(/edu/invoices/\d+/pdf/)"',
                                 page.text + received.text)))
    assert len(pdfs) >= 2
    for path in pdfs:
        document = dashboard.get(path)
        assert document.status_code == 200
        assert document.headers['Content-Type'] == 'application/pdf'
        assert document.content.startswith(b'%PDF-')
    # The school's month to date, live, and its teachers'.
    assert re.search(r'class="edu-accrued">€[0-9,.]+<', page.text)
    assert 'a-teacher1' in month.text and 'Teachers this month' in page.text
    # It settles what the school issued, never what the platform did.
    assert 'issued__pay__' in page.text
    assert 'received__pay__' not in page.text


def test_a_student_has_no_invoices_panel(dashboard, demo):
    _login(dashboard, demo, 'student')
    assert 'href="/edu/invoices/"' not in dashboard.get('/edu/').text
    assert dashboard.get('/edu/invoices/').status_code == 403


def test_a_teacher_lands_in_their_own_project(dashboard, demo):
    # Their role is inherited to their students' projects; Horizon would
    # pick the first project Keystone lists, often a student's.
    login = conftest.demo_login(demo, 'teacher')
    landed = _login(dashboard, demo, 'teacher')
    assert 'context-project">%s<' % login['project'] in landed.text


def _post_form(dashboard, path, fields):
    form = dashboard.get(path)
    assert form.status_code == 200, form.text[:500]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"',
                      form.text).group(1)
    return dashboard.http.post(
        dashboard.url(path), timeout=30,
        headers={'Referer': dashboard.url(path)},
        data=dict(fields, csrfmiddlewaretoken=token))


def test_a_school_admin_adds_a_teacher_in_horizon(dashboard, secrets):
    platform = edu.platform_admin(secrets)
    school = edu.School(platform, 'horizon', edu.grant(
        vcpu=8, ram_mb=8192, disk_gb=50, instances=4))
    resp = dashboard.login(school.name + '-admin', school.PASSWORD,
                           school.name)
    assert resp.status_code == 200
    name = school.name + '-t1'
    grant = {'vcpu': 2, 'ram_mb': 2048, 'disk_gb': 10, 'instances': 1}
    added = _post_form(dashboard, '/edu/teachers/create/', dict(
        grant, name=name, password=school.PASSWORD, email='',
        project_name=''))
    assert added.url.endswith('/edu/teachers/'), added.text[:500]
    assert name in added.text
    (teacher,) = edu.expect(platform.get('/teachers', params={
        'school_id': school.id}), 200)['teachers']
    assert (teacher['name'], teacher['grant']) == (
        name, dict(edu.grant(), **grant))
    # More than the school has free: the API's own words, nothing made.
    refused = _post_form(dashboard, '/edu/teachers/create/', dict(
        grant, vcpu=100, name=name + 'x', password=school.PASSWORD))
    assert 'would need' in refused.text
    assert len(edu.expect(platform.get('/teachers', params={
        'school_id': school.id}), 200)['teachers']) == 1
    # And the grant changes from the row's modal form.
    changed = _post_form(dashboard, '/edu/teachers/%s/grant/'
                         % teacher['id'], dict(grant, vcpu=3, reason='lab'))
    assert changed.url.endswith('/edu/teachers/')
    assert edu.expect(platform.get('/allocations/teacher/%s'
                                   % teacher['id']), 200)['grant'][
        'vcpu'] == 3
    # Disabled from the table: no more logins for the teacher.
    disabled = _post_form(dashboard, '/edu/teachers/', {
        'action': 'teachers__disable__%s' % teacher['id']})
    assert disabled.status_code == 200
    assert edu.expect(platform.get('/teachers/%s' % teacher['id']),
                      200)['teacher']['enabled'] is False
