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
"""Every message in the catalogue, every refusal with a stable code.

Read from the sources: Babel extracts what ``_`` and ``_N`` mark, and the
AST names every service error the code raises.
"""

import ast
import gettext
import os
import pathlib
import re

from babel.messages import extract
from babel.messages import pofile
import testtools

import edu_rating
from edu_rating.db import api as db_api
from edu_rating import exceptions
from edu_rating import i18n

ROOT = pathlib.Path(edu_rating.__file__).parent
PO = os.path.join(i18n.LOCALE_DIR, 'zh_Hans', 'LC_MESSAGES', 'edu_rating.po')
ERRORS = ('Invalid', 'Forbidden', 'Conflict', 'BackendUnavailable')
PLACEHOLDER = re.compile(r'%\(\w+\)[sdr]|%[sdr]')
DOC = ROOT.parent / 'doc' / 'source' / 'education-api.rst'


def sources():
    for path in sorted(ROOT.rglob('*.py')):
        if 'tests' not in path.relative_to(ROOT).parts:
            yield path


def marked_messages():
    """``{msgid: where}`` of what the package marks for translation."""
    found = {}
    for path in sources():
        with open(path, 'rb') as source:
            for line, message, _c, _ctx in extract.extract(
                    'python', source, keywords={'_': None, '_N': None}):
                found.setdefault(message, '%s:%d' % (path, line))
    return found


def catalogue():
    with open(PO, 'rb') as po:
        return {m.id: m.string for m in pofile.read_po(po) if m.id}


def raised_errors():
    """``(where, error code or None)`` of each service error built."""
    for path in sources():
        for node in ast.walk(ast.parse(path.read_text())):
            if not (isinstance(node, ast.Call) and
                    isinstance(node.func, ast.Attribute) and
                    node.func.attr in ERRORS and
                    isinstance(node.func.value, ast.Name) and
                    node.func.value.id == 'exceptions'):
                continue
            code = [k.value for k in node.keywords if k.arg == 'error_code']
            if code and isinstance(code[0], ast.Constant):
                code = [code[0].value]
            yield ('%s:%d' % (path.relative_to(ROOT), node.lineno),
                   code[0] if code else None)


class CatalogueTest(testtools.TestCase):

    def test_every_message_is_translated(self):
        translated = catalogue()
        missing = sorted('%s (%s)' % (msgid, where) for msgid, where in
                         marked_messages().items()
                         if not translated.get(msgid))
        self.assertEqual([], missing)

    def test_translations_keep_the_placeholders(self):
        wrong = [msgid for msgid, string in catalogue().items()
                 if string and sorted(PLACEHOLDER.findall(msgid)) !=
                 sorted(PLACEHOLDER.findall(string))]
        self.assertEqual([], wrong)

    def test_the_compiled_catalogue_is_current(self):
        compiled = gettext.translation(
            'edu_rating', localedir=i18n.LOCALE_DIR, languages=['zh_Hans'])
        # After editing the .po:
        #   pybabel compile -d edu_rating/locale -D edu_rating
        messages = catalogue()
        self.assertEqual(messages, {key: compiled.gettext(key)
                                    for key in messages})


class SpeakingTest(testtools.TestCase):

    def test_accept_language(self):
        for header, language in [('zh-CN,zh;q=0.9', 'zh-hans'),
                                 ('zh-Hans-CN', 'zh-hans'),
                                 ('fr-FR, en;q=0.5', 'en'),
                                 ('de', 'en'), (None, 'en'),
                                 ('en-GB, zh', 'en')]:
            self.assertEqual(language, i18n.negotiate(header), header)

    def test_messages_follow_the_request(self):
        with i18n.speaking('zh-hans'):
            chinese = exceptions.NotFound('class', 7).message
        english = exceptions.NotFound('class', 7).message
        self.assertEqual('No class 7.', english)
        self.assertNotIn('class', chinese)
        self.assertIn('7', chinese)
        self.assertEqual(i18n.DEFAULT_LANGUAGE, i18n.current())


class ErrorCodeTest(testtools.TestCase):

    def test_every_raised_error_names_its_code(self):
        self.assertEqual([], [where for where, code in raised_errors()
                              if code is None])

    def test_codes_are_documented(self):
        codes = {code for _where, code in raised_errors()
                 if isinstance(code, str)}
        # Built from other names: the DB API's errors, and NotFound's.
        codes.update(error.error_code for error in vars(db_api).values()
                     if isinstance(error, type) and
                     issubclass(error, db_api.EduDBError))
        codes.update(error.error_code for error in vars(exceptions).values()
                     if isinstance(error, type) and
                     issubclass(error, exceptions.EduError))
        codes.update('%s.not_found' % kind.replace(' ', '_')
                     for kind in exceptions.KINDS)
        # A row like ``<kind>.not_found`` documents a family of codes.
        rows = re.findall(r'^``([a-z_.<>]+)``', DOC.read_text(), re.M)
        documented = re.compile('|'.join(
            re.sub(r'<\w+>', r'\\w+', re.escape(row).replace(
                r'\<', '<').replace(r'\>', '>')) for row in rows))
        self.assertEqual([], sorted(code for code in codes
                                    if not documented.fullmatch(code)))
