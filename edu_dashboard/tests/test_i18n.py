# Licensed under the Apache License, Version 2.0 (the "License"); you may
# not use this file except in compliance with the License. You may obtain
# a copy of the License at
#
#      http://www.apache.org/licenses/LICENSE-2.0
#
# Unless required by applicable law or agreed to in writing, software
# distributed under the License is distributed on an "AS IS" BASIS, WITHOUT
# WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied. See the
# License for the specific language governing permissions and limitations
# under the License.
import io
import os

from babel.messages import extract
from babel.messages import mofile
from babel.messages import pofile
from django.test.utils import override_settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import template as django_template
import horizon
import openstack_dashboard

import cloudkittydashboard

from edu_dashboard import branding
from edu_dashboard.dashboards.edu import dashboard
from edu_dashboard.tests import helpers

CATALOGUE = os.path.join(os.path.dirname(os.path.dirname(__file__)),
                         'locale', 'zh_Hans', 'LC_MESSAGES')


PACKAGE = os.path.dirname(os.path.dirname(__file__))
# Django's and gettext's marker names, as makemessages knows them.
KEYWORDS = dict(extract.DEFAULT_KEYWORDS, gettext_lazy=None,
                ngettext_lazy=(1, 2), pgettext_lazy=((1, 'c'), 2))


def source_messages(package=PACKAGE):
    """Every translatable string of a package's code and templates.

    Templates go through Django's own templatize, as makemessages does;
    tests are left out.
    """
    found = set()
    for folder, dirs, files in os.walk(package):
        dirs[:] = [d for d in dirs if d != 'tests']
        for name in files:
            path = os.path.join(folder, name)
            with open(path, encoding='utf-8') as source:
                if name.endswith('.py'):
                    code = source.read()
                elif name.endswith('.html'):
                    # Its filler keeps the template's indentation, which
                    # Python's tokenizer may refuse; the strings are whole
                    # reprs on one line each.
                    code = '\n'.join(line.lstrip() for line in
                                     django_template.templatize(
                                         source.read(), path).split('\n'))
                else:
                    continue
            for _line, _func, message, _comments in extract.extract_python(
                    io.BytesIO(code.encode('utf-8')), KEYWORDS, (), {}):
                # A plural is (singular, plural, None for the count).
                message = _key(message)[0]
                if message:
                    found.add(message)
    return found


def translated_ids(path):
    with open(path, 'rb') as po:
        return {_key(m.id)[0] for m in pofile.read_po(po)
                if m.id and all(_key(m.string)) and not m.fuzzy}


def _key(value):
    return tuple(value) if isinstance(value, (list, tuple)) else (value,)


class ChineseTests(helpers.TestCase):

    def test_dashboard_name_is_translated(self):
        with translation.override('zh-hans'):
            self.assertEqual('教育', str(dashboard.Edu.name))

    @override_settings(LANGUAGE_CODE='zh-hans')
    def test_horizon_shows_the_chinese_dashboard(self):
        self.login_school_admin()
        res = self.client.get(reverse('horizon:edu:overview:index'))
        self.assertEqual(200, res.status_code)
        self.assertContains(res, '教育')
        self.assertContains(res, '学校成员')
        self.assertContains(res, '学校管理员')
        self.assertNotContains(res, 'School administrator')

    @override_settings(LANGUAGE_CODE='zh-hans',
                       SITE_BRANDING=branding.SITE_BRANDING)
    def test_the_window_title_carries_our_name_in_chinese(self):
        self.login_school_admin()
        res = self.client.get(reverse('horizon:edu:overview:index'))
        self.assertContains(res, '<title>概况 - 教学云</title>', html=False)
        self.assertNotContains(res, 'OpenStack Dashboard')

    def test_catalogue_is_complete_and_compiled(self):
        with open(os.path.join(CATALOGUE, 'django.po'), 'rb') as po:
            source = pofile.read_po(po)
        with open(os.path.join(CATALOGUE, 'django.mo'), 'rb') as mo:
            compiled = mofile.read_mo(mo)

        def entries(catalog):
            # Plural messages have tuples of ids and strings.
            return {_key(m.id): _key(m.string) for m in catalog if m.id}

        translated = entries(source)
        self.assertTrue(translated)
        self.assertEqual([], [m.id for m in source if m.id and (
            not all(_key(m.string)) or m.fuzzy)])
        # Every string of the code is in the catalogue (add new ones with
        # makemessages -l zh_Hans, translate them, compile).
        ids = {_key(m.id)[0] for m in source if m.id}
        self.assertEqual(set(), source_messages() - ids)
        # django.mo must be rebuilt whenever django.po changes:
        #   pybabel compile -d edu_dashboard/locale -D django
        self.assertEqual(translated, entries(compiled))


CLOUDKITTY_CATALOGUE = os.path.join(PACKAGE, 'cloudkitty_locale', 'zh_Hans',
                                    'LC_MESSAGES')


class CloudKittyDashboardChineseTests(helpers.TestCase):
    """cloudkitty-dashboard ships no Chinese: our catalogue of its strings."""

    def test_the_compiled_catalogue_is_current(self):
        # After editing the .po:
        #   pybabel compile -d edu_dashboard/cloudkitty_locale -D django
        with open(os.path.join(CLOUDKITTY_CATALOGUE, 'django.po'),
                  'rb') as po:
            source = {_key(m.id): _key(m.string)
                      for m in pofile.read_po(po) if m.id}
        with open(os.path.join(CLOUDKITTY_CATALOGUE, 'django.mo'),
                  'rb') as mo:
            compiled = {_key(m.id): _key(m.string)
                        for m in mofile.read_mo(mo) if m.id}
        self.assertTrue(source)
        self.assertEqual(source, compiled)

    def test_every_string_is_translated_by_us_or_by_horizon(self):
        translated = translated_ids(os.path.join(CLOUDKITTY_CATALOGUE,
                                                 'django.po'))
        for app in (horizon, openstack_dashboard):
            translated |= translated_ids(os.path.join(
                os.path.dirname(app.__file__), 'locale', 'zh_Hans',
                'LC_MESSAGES', 'django.po'))
        strings = source_messages(
            os.path.dirname(cloudkittydashboard.__file__))
        self.assertIn('Rating', strings)
        self.assertEqual(set(), strings - translated)
