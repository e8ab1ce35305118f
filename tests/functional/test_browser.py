"""Each persona's main job in a real headless Chromium on the live stack.

Log in through Horizon's form, do the job end to end with the mouse and
keyboard, switch Horizon to Simplified Chinese and find no English left
on our pages, and check that a name written as HTML shows as text. Every
step leaves a screenshot in test-output/browser/.
"""

import pytest

from tests.functional import browser as browser_mod
from tests.functional import edu

XSS = '<img src=x onerror=alert(1)>'


@pytest.fixture(scope='module')
def platform(secrets):
    return edu.platform_admin(secrets)


@pytest.fixture
def browser(request):
    window = browser_mod.Browser(request.node.name)
    yield window
    window.quit()


def _rows(browser, table):
    return [row.text for row in browser.driver.find_elements(
        'css selector', '#%s tbody tr[data-object-id]' % table)]


def test_teacher_imports_a_roster_with_one_bad_line(platform, browser):
    school = edu.School(platform, 'browser-t', edu.grant(
        vcpu=8, ram_mb=8192, disk_gb=80, instances=8))
    teacher = school.add_teacher('t', edu.grant(vcpu=4, ram_mb=4096,
                                                disk_gb=40, instances=4))
    browser.login(teacher['name'], school.PASSWORD, school.name)

    browser.open('/edu/classes/')
    browser.shot('classes')
    browser.modal('#classes__action_create', {
        'name': 'Networks 101', 'vcpu': 1, 'ram_mb': 512, 'disk_gb': 5,
        'instances': 1})
    assert 'Networks 101' in browser.text()
    browser.shot('class-created')

    browser.submit('#classes td.anchor a')
    browser.submit('#students__action_roster')
    names = ['%s-s%d' % (school.name, i) for i in range(2)] + [XSS]
    bad = 'name,email\n%s,\n%s,not-an-address\n"%s",\n' % tuple(names)
    browser.fill({'csv_text': bad}, '#edu-roster-form')
    browser.submit('#edu-roster-form [type="submit"]')
    browser.shot('preview-with-error')
    page = browser.text()
    assert 'not-an-address is not an e-mail address' in page
    assert '1 line has an error' in page
    # Nothing can be imported until the line is fixed.
    assert not browser.driver.find_elements('css selector',
                                            '#edu-roster-start')

    good = bad.replace('not-an-address', '')
    browser.fill({'csv_text': good}, '#edu-roster-form')
    browser.submit('#edu-roster-form [type="submit"]')
    browser.shot('preview-good')
    browser.click('#edu-roster-start')
    browser.visible('.edu-roster-done')
    browser.shot('imported')
    passwords = [row.text for row in browser.driver.find_elements(
        'css selector', '.edu-roster-passwords tbody tr')]
    assert len(passwords) == 3
    assert browser.no_alert()

    browser.submit('.edu-roster-done a.btn-primary')
    students = _rows(browser, 'students')
    assert len(students) == 3
    # The HTML name is shown as text, and ran nothing.
    assert any(XSS in row for row in students)
    assert browser.no_alert()
    browser.shot('class-with-students')
    class_url = browser.driver.current_url

    browser.set_language('zh-hans')
    browser.driver.get(class_url)
    browser.ready()
    browser.shot('class-zh')
    class_id = class_url.rstrip('/').rsplit('/', 1)[1]
    projects = ['%s-class%s' % (name, class_id) for name in names]
    english = browser_mod.english_words(
        browser.text(), ['Networks 101', teacher['name']] + projects + names)
    assert english == []


def test_platform_admin_onboards_a_school(platform, secrets, browser):
    name = edu.unique('ft-onboard')
    browser.login('admin', secrets['ADMIN_PASSWORD'], 'Default')
    browser.open('/edu/schools/')
    browser.shot('schools')
    browser.modal('#schools__action_create', {
        'name': name, 'description': XSS, 'admin_name': name + '-admin',
        'admin_password': edu.School.PASSWORD, 'vcpu': 16, 'ram_mb': 32768,
        'disk_gb': 200, 'instances': 10})
    found = edu.expect(platform.get('/schools', params={'name': name}),
                       200)['schools']
    assert len(found) == 1
    edu.CLEANUP.add_school(platform, found[0]['id'])
    assert found[0]['grant']['vcpu'] == 16
    browser.shot('onboarded')
    assert '%s was onboarded' % name in browser.text('.messages')
    # Its row, on whichever page of the list it is.
    for _page in range(50):
        rows = _rows(browser, 'schools')
        if any(name in row for row in rows):
            break
        browser.submit('a[href*="marker="]:not([href*="prev_marker"])')
    row = [row for row in rows if name in row][0]
    assert XSS in row and '32,768' in row
    browser.shot('onboarded-row')
    assert browser.no_alert()

    # The platform's totals, as the API counts them.
    browser.open('/edu/')
    browser.shot('platform-overview')
    totals = edu.expect(platform.get('/platform'), 200)['platform']
    assert 'Granted: {:,} of {:,}'.format(
        totals['granted_to_schools']['vcpu'],
        totals['capacity']['vcpu']) in browser.text()
    assert '%d enabled of %d schools' % (totals['schools_enabled'],
                                         totals['schools']) in browser.text()

    browser.set_language('zh-hans')
    browser.open('/edu/schools/')
    browser.shot('schools-zh')
    assert '开通学校' in browser.text()
    browser.open('/edu/')
    browser.shot('platform-overview-zh')
    # Names: the admin's own and its domain's.
    assert browser_mod.english_words(browser.text(),
                                     ['admin', 'Default']) == []


def test_school_admin_adds_a_teacher_and_grants(platform, browser):
    school = edu.School(platform, 'browser-a', edu.grant(
        vcpu=16, ram_mb=16384, disk_gb=160, instances=16))
    browser.login(school.name + '-admin', school.PASSWORD, school.name)
    # The school's use is as last measured, and the overview says when.
    browser.open('/edu/')
    browser.shot('overview')
    measured = browser.visible('.edu-measured').text
    assert 'when a machine starts or stops' in measured, measured
    browser.open('/edu/teachers/')
    browser.shot('teachers')
    teacher = school.name + '-ms-wang'
    browser.modal('#teachers__action_create', {
        'name': teacher, 'password': school.PASSWORD, 'vcpu': 4,
        'ram_mb': 4096, 'disk_gb': 40, 'instances': 4})
    rows = _rows(browser, 'teachers')
    assert len(rows) == 1 and teacher in rows[0], rows
    listed = edu.expect(school.admin.get(
        '/teachers', params={'school_id': school.id}), 200)['teachers']
    browser.modal('#teachers__row_%s__action_grant' % listed[0]['id'], {
        'vcpu': 6})
    browser.shot('granted')
    assert edu.expect(school.admin.get(
        '/allocations/teacher/%s' % listed[0]['id']),
        200)['grant']['vcpu'] == 6
    assert ' 6 ' in ' %s ' % _rows(browser, 'teachers')[0]

    # The school's price for its teachers: a plan, made the default. Until
    # then the page says that the teachers are not charged.
    browser.open('/edu/plans/')
    browser.shot('no-plan')
    warning = browser.visible('.edu-no-default').text
    assert 'a teacher without a plan of their own is not charged' in warning
    assert 'Create a plan, then make it the default.' in warning
    browser.modal('#plans__action_create', {
        'name': 'Standard', 'currency': 'EUR', 'vcpu': '0.02',
        'ram_mb': '0.005', 'disk_gb': '0.0001', 'instances': '0'})
    plans = edu.expect(school.admin.get('/plans', params={
        'issuer': school.id}), 200)['plans']
    assert [plan['name'] for plan in plans] == ['Standard']
    assert 'Make one of the plans below the default.' in browser.visible(
        '.edu-no-default').text
    browser.row_action('plans', plans[0]['id'], 'default')
    browser.shot('plan-default')
    assert 'not charged' not in browser.text()
    defaults = edu.expect(school.admin.get('/plan_assignments', params={
        'issuer': school.id}), 200)['assignments']
    assert defaults[0]['assignments'][-1]['plan_id'] == plans[0]['id']

    browser.set_language('zh-hans')
    browser.open('/edu/teachers/')
    browser.shot('teachers-zh')
    assert browser_mod.english_words(browser.text(), [
        teacher, teacher + '-lab', teacher]) == []
    browser.open('/edu/plans/')
    browser.shot('plans-zh')
    assert browser_mod.english_words(browser.text(), [
        'Standard', 'EUR']) == []


def test_student_sees_the_grant_and_opens_instances(platform, browser):
    school = edu.School(platform, 'browser-s', edu.grant(
        vcpu=8, ram_mb=8192, disk_gb=80, instances=8))
    teacher = school.add_teacher('t', edu.grant(vcpu=4, ram_mb=4096,
                                                disk_gb=40, instances=4))
    klass = school.add_class(teacher, edu.grant(vcpu=2, ram_mb=2048,
                                                disk_gb=20, instances=2))
    student = school.enrol(klass, 'zoë')
    browser.login(student['name'], school.PASSWORD, school.name)
    browser.open('/edu/')
    browser.shot('overview')
    page = browser.text()
    assert klass['name'] in page and teacher['name'] in page
    # The grant's pies: 2 vCPUs, none used yet.
    assert len(browser.driver.find_elements(
        'css selector', '.pie-chart-usage')) == 4
    assert 'Used: 0 of 2' in page
    # Their own use as last measured (by a sweep, or never yet), and
    # when it is measured again.
    measured = browser.visible('.edu-measured').text
    assert 'when a machine starts or stops' in measured, measured

    browser.submit('.edu-instances a')
    assert browser.driver.current_url.endswith('/project/instances/')
    browser.shot('instances')
    assert 'Instances' in browser.text()

    browser.set_language('zh-hans')
    browser.open('/edu/')
    browser.shot('overview-zh')
    # Our name, in the window title too.
    assert browser.driver.title == '概况 - 教学云', browser.driver.title
    assert browser_mod.english_words(browser.text(), [
        student['name'], student['project_name'], klass['name'],
        teacher['name'], school.name]) == []

    # Horizon's own pages too, navigation included (cloudkitty-dashboard's
    # "Rating" from our catalogue of it).
    names = [student['name'], student['project_name'], school.name]
    browser.submit('.edu-instances a')
    browser.shot('instances-zh')
    assert browser.driver.title == '实例 - 教学云', browser.driver.title
    page = browser.text('body')
    assert '计费' in page and '实例' in page
    assert browser_mod.english_words(page, names) == []

    browser.logout()
    browser.shot('login-zh')
    assert browser.driver.title == '登录 - 教学云', browser.driver.title
    assert browser_mod.english_words(browser.text('body')) == []


def test_teacher_launches_a_template_for_the_class_and_a_student_in_one_click(
        platform, browser):
    school = edu.School(platform, 'browser-lab', edu.grant(
        vcpu=8, ram_mb=8192, disk_gb=80, instances=8))
    teacher = school.add_teacher('t', edu.grant(vcpu=4, ram_mb=4096,
                                                disk_gb=40, instances=4))
    klass = school.add_class(teacher, edu.grant(vcpu=2, ram_mb=1024,
                                                disk_gb=2, instances=2))
    student = school.enrol(klass, 's1')
    school.enrol(klass, 's2')
    browser.login(teacher['name'], school.PASSWORD, school.name)
    browser.open('/edu/classes/%d/' % klass['id'])
    browser.submit('#students__action_lab')
    browser.shot('lab')
    # The form's first image and smallest flavor: lab-image, m1.tiny.
    browser.modal('#templates__action_create_template',
                  {'name': 'Linux lab'})
    browser.shot('template-created')
    assert 'Template Linux lab was created.' in browser.text('body')
    (template,) = edu.expect(teacher['persona'].get('/templates', params={
        'class_id': klass['id']}), 200)['templates']
    assert template['flavor_name'] == 'm1.tiny'

    browser.row_action('templates', template['id'], 'launch')
    assert '/jobs/' in browser.driver.current_url
    browser.shot('job-running')
    edu.wait_until('the job page to say it finished', lambda: (
        'Finished: 2 of 2 students.' in browser.driver.page_source))
    browser.ready()
    browser.shot('job-done')
    assert browser.text('.edu-job-counts').startswith('Launched: 2')
    browser.logout()

    browser.login(student['name'], school.PASSWORD, school.name)
    browser.open('/edu/')
    browser.shot('student-overview')
    assert 'Linux lab' in browser.text()
    browser.submit('.edu-launch[data-template="%d"]' % template['id'])
    assert '/project/instances/' in browser.driver.current_url
    browser.shot('instance')
    assert 'Linux lab-%s' % student['name'] in browser.text('body')
    machines = edu.expect(teacher['persona'].get('/machines', params={
        'student_id': student['id']}), 200)['machines']
    assert len(machines) == 2
