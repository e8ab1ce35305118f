"""Real logins through Horizon's login form (CSRF included)."""

import re

from tests.functional import conftest


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
    # The school's own people are listed, the other school's are not.
    assert 'a-teacher1' in members.text
    assert 'a-student1' in members.text
    assert 'b-teacher1' not in members.text


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
