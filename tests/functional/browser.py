"""A real headless Chromium on the live Horizon (Debian's chromium and
chromedriver, driven by selenium), with a screenshot per step.

Screenshots go to test-output/browser/<test>/ in the checkout: look at
them after a run.
"""

import re

from selenium.common import exceptions as selenium_exceptions
from selenium import webdriver
from selenium.webdriver.chrome import service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support import ui

from tests.functional import conftest

CHROMIUM = '/usr/bin/chromium'
CHROMEDRIVER = '/usr/bin/chromedriver'
OUTPUT = conftest.TOP / 'test-output' / 'browser'
WAIT = 60
# Words that may stay English on a Chinese page: units, product and
# format names, acronyms Chinese keeps (ID, IP, API), and what users
# typed (added per test).
ENGLISH_ALLOWED = {'vcpu', 'vcpus', 'ram', 'mb', 'gb', 'gib', 'csv', 'utf',
                   'openstack', 'email', 'name', 'password', 'pdf', 'id',
                   'ip', 'api', 'utc'}


def _left(page):
    """A wait condition: the page ``page`` came from is gone.

    selenium's staleness_of catches only StaleElementReferenceException;
    while the old document is torn down Chromium may also answer "Node
    with given id does not belong to the document", which means the same.
    """
    def left(_driver):
        try:
            page.is_enabled()
        except (selenium_exceptions.StaleElementReferenceException,
                selenium_exceptions.WebDriverException):
            return True
        return False
    return left


class Browser(object):
    """One Chromium window, logged in as one user."""

    def __init__(self, test_name):
        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for argument in ('--headless=new', '--no-sandbox',
                         '--disable-dev-shm-usage', '--window-size=1400,1000',
                         '--lang=en-US'):
            options.add_argument(argument)
        self.driver = webdriver.Chrome(service=service.Service(CHROMEDRIVER),
                                       options=options)
        self.wait = ui.WebDriverWait(self.driver, WAIT)
        self.output = OUTPUT / re.sub(r'\W+', '_', test_name)
        self.output.mkdir(parents=True, exist_ok=True)
        for old in self.output.glob('*.png'):
            old.unlink()
        self.step = 0

    def quit(self):
        self.driver.quit()

    def shot(self, name):
        """A screenshot of this step, numbered in order."""
        self.step += 1
        path = self.output / ('%02d-%s.png' % (self.step, name))
        self.driver.save_screenshot(str(path))
        return path

    def open(self, path):
        self.driver.get(conftest.DASHBOARD_URL + path)
        self.ready()

    def ready(self):
        self.wait.until(lambda d: d.execute_script(
            'return document.readyState') == 'complete')

    def login(self, username, password, domain):
        self.open('/auth/login/')
        # Cleared first: after a logout the form may remember the domain.
        for field, value in (('#id_domain', domain),
                             ('#id_username', username),
                             ('#id_password', password)):
            self.find(field).clear()
            self.find(field).send_keys(value)
        self.shot('login')
        self.find('#loginBtn').click()
        self.wait.until(lambda d: '/auth/login' not in d.current_url)
        self.ready()

    def logout(self):
        """Sign out from the user menu; Horizon shows its login page."""
        self.click('.dropdown-toggle[data-toggle="dropdown"] .fa-user, '
                   '#profile_editor_switcher')
        self.submit('form[action$="/auth/logout/"] [type="submit"]')
        self.wait.until(lambda d: '/auth/login' in d.current_url)

    def find(self, css):
        return self.wait.until(expected_conditions.presence_of_element_located(
            (By.CSS_SELECTOR, css)))

    def visible(self, css):
        return self.wait.until(
            expected_conditions.visibility_of_element_located(
                (By.CSS_SELECTOR, css)))

    def click(self, css):
        self.wait.until(expected_conditions.element_to_be_clickable(
            (By.CSS_SELECTOR, css))).click()

    def row_action(self, table, row_id, action, danger=False):
        """Run a row's batch action and wait for the page it leads to.

        The row's menu is opened when the action is in it; Horizon asks to
        confirm a dangerous action in a modal first.
        """
        page = self.find('html')
        button = self.find('#%s__row_%s__action_%s' % (table, row_id, action))
        if not button.is_displayed():
            self.click('#%s__row__%s .dropdown-toggle' % (table, row_id))
            self.wait.until(lambda _d: button.is_displayed())
        button.click()
        if danger:
            self.visible('.modal.in .modal-footer')
            self.shot('confirm')
            self.click('.modal.in .modal-footer a.btn:not(.cancel)')
        self.wait.until(_left(page))
        self.ready()

    def fill(self, values, within=''):
        """Type into form fields by name, replacing what is there."""
        for name, value in values.items():
            field = self.find('%s [name="%s"]' % (within, name))
            field.clear()
            field.send_keys(str(value))

    def modal(self, opener_css, values):
        """Open a Horizon modal form, fill it and submit it."""
        self.click(opener_css)
        self.visible('.modal form')
        self.fill(values, '.modal form')
        self.shot('modal')
        self.submit('.modal form [type="submit"]')

    def submit(self, css):
        """Click a submit button and wait for the next page."""
        page = self.find('html')
        self.click(css)
        self.wait.until(_left(page))
        self.ready()

    def text(self, css='#content_body'):
        return self.find(css).text

    def no_alert(self):
        """No JavaScript alert ran: names with HTML stayed text."""
        try:
            alert = self.driver.switch_to.alert
        except selenium_exceptions.NoAlertPresentException:
            return True
        alert.dismiss()
        return False

    def set_language(self, code):
        """Horizon's own user settings: the language of the session.

        The browser's cache is left as it is: the JavaScript catalogue must
        follow the language by itself (edu_dashboard.middleware).
        """
        self.open('/settings/')
        ui.Select(self.find('#id_language')).select_by_value(code)
        self.submit('#user_settings_modal [type="submit"]')


def english_words(text, names=()):
    """The English words left in ``text`` (a Chinese page's content).

    :param names: what users typed (user, class and school names), which
        stays as it was written.
    """
    for name in sorted(names, key=len, reverse=True):
        text = text.replace(name, ' ')
    return sorted({word for word in re.findall(r'[A-Za-z]{2,}', text)
                   if word.lower() not in ENGLISH_ALLOWED})
