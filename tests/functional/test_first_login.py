"""Keystone's first-use password change and lockout, as users meet them.

The stack's Keystone runs with ``[security_compliance]
change_password_upon_first_use`` and a lockout after failed logins: a
password a teacher (or a roster, or a reset) set is the student's to
change at their first login, on Horizon's own page; failed logins lock an
account for ``lockout_duration``. The platform admin and the service users
are exempt, so that the stack itself never locks or expires.
"""

import configparser
import re
import time
import uuid

from tests.functional import conftest
from tests.functional import edu


def _security_compliance():
    conf = configparser.ConfigParser(interpolation=None)
    conf.read(conftest.STACK / 'etc' / 'keystone' / 'keystone.conf')
    return conf['security_compliance']


def _form_fields(page):
    return dict(re.findall(r'name="(csrfmiddlewaretoken|region)"'
                           r'[^>]*value="([^"]*)"', page.text))


def test_a_new_student_chooses_their_password_in_horizon(dashboard):
    platform = edu.platform_admin(conftest._secrets())
    school = edu.School(platform, 'first', edu.grant(vcpu=2, instances=1))
    teacher = school.add_teacher('t1', edu.grant(vcpu=2, instances=1))
    klass = school.add_class(teacher, edu.grant(vcpu=1, instances=1))
    given = 'Given-' + uuid.uuid4().hex[:8]
    chosen = 'Chosen-' + uuid.uuid4().hex[:8]
    name = school.name + '-new'
    student = edu.expect(teacher['persona'].post('/students', json={
        'class_id': klass['id'], 'name': name, 'password': given}),
        201)['student']

    # Keystone gives no token for the teacher's password...
    assert 'password is expired' in edu.login_refusal(name, given, school.name)
    # ...and Horizon's login form leads to its own password page.
    page = dashboard.login(name, given, school.name)
    assert page.status_code == 200
    assert page.url == dashboard.url(
        '/auth/password/%s/' % student['user_id'])
    assert 'name="original_password"' in page.text
    done = dashboard.http.post(page.url, timeout=conftest.TIMEOUT,
                               headers={'Referer': page.url},
                               data=dict(_form_fields(page),
                                         original_password=given,
                                         password=chosen,
                                         confirm_password=chosen))
    assert done.url.startswith(dashboard.url('/auth/login/')), done.url

    # Keystone revokes the tokens issued up to the second of the change.
    time.sleep(1.1)
    landed = dashboard.login(name, chosen, school.name)
    assert landed.status_code == 200
    assert landed.url == dashboard.url('/project/')
    assert 'data-persona="student"' in dashboard.get('/edu/').text
    assert edu.login_refusal(name, given, school.name) is not None


def test_failed_logins_lock_an_account_for_a_while(secrets):
    platform = edu.platform_admin(secrets)
    school = edu.School(platform, 'lockout', edu.grant(vcpu=1))
    name = school.name + '-admin'
    policy = _security_compliance()
    attempts = int(policy['lockout_failure_attempts'])
    duration = int(policy['lockout_duration'])

    for _ in range(attempts):
        assert edu.login_refusal(name, 'not-the-password',
                                 school.name) is not None
    locked_at = time.time()
    # Now even the right password is refused, until the lock ends (with
    # Keystone's usual 401, which tells a guesser nothing).
    assert edu.login_refusal(name, school.PASSWORD, school.name) is not None

    # The platform admin and the services never lock: a wrong password
    # typed in a configuration file must not stop the cloud.
    for user, password in (('admin', secrets['ADMIN_PASSWORD']),
                           ('edu', secrets['SERVICE_PASSWORD']),
                           ('nova', secrets['SERVICE_PASSWORD'])):
        for _ in range(attempts + 1):
            assert edu.login_refusal(user, 'not-the-password',
                                     'Default') is not None
        assert edu.login_refusal(user, password, 'Default') is None, user

    time.sleep(max(0, locked_at + duration + 1 - time.time()))
    assert edu.login_refusal(name, school.PASSWORD, school.name) is None
