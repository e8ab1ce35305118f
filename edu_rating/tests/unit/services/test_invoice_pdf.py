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
"""The invoice PDF: rendered for real by WeasyPrint, read back by pypdf."""

import datetime
import io
import os

from babel.messages import pofile
import fixtures
from jinja2 import ext as jinja_ext
import pypdf
import testtools

from edu_rating import exceptions
from edu_rating import i18n
from edu_rating.management.services import allocations
from edu_rating.management.services import invoice_pdf
from edu_rating.management.services import invoices
from edu_rating.management.services import plans
from edu_rating import resources as catalogue
from edu_rating.tests.unit.services import base
from edu_rating import utc

UTC = datetime.timezone.utc
CREATED = datetime.datetime(2027, 3, 10, 12, tzinfo=UTC)
APRIL = datetime.datetime(2027, 4, 1, tzinfo=UTC)
PO = os.path.join(i18n.LOCALE_DIR, 'zh_Hans', 'LC_MESSAGES',
                  'edu_rating.po')


def text_and_fonts(content):
    reader = pypdf.PdfReader(io.BytesIO(content))
    text = '\n'.join(page.extract_text() for page in reader.pages)
    fonts = {str(font['/BaseFont'])
             for page in reader.pages
             for font in page['/Resources']['/Font'].values()}
    return text, fonts


class InvoicePdfTest(base.ServiceTestCase):

    def setUp(self):
        super().setUp()
        self.clock = self.useFixture(fixtures.MockPatchObject(
            utc, 'now', return_value=CREATED)).mock
        platform = plans.create(base.ADMIN, 'platform', 'P', 'EUR',
                                {'vcpu': '1.25', 'ram_mb': '0.5'})
        plans.assign(base.ADMIN, 'platform', None, platform['id'])
        self.school = self.make_school(name='实验中学',
                                       grant={'vcpu': 4, 'ram_mb': 8192})
        own = plans.create(base.ADMIN, self.school['id'], 'T', 'EUR',
                           {'vcpu': '2'})
        plans.assign(base.ADMIN, self.school['id'], None, own['id'])
        self.teacher = self.make_teacher(self.school, name='<b>王老师</b>',
                                         grant={'vcpu': 2})
        self.clock.return_value = APRIL + datetime.timedelta(minutes=1)
        invoices.run_period_end(base.ADMIN)
        self.school_invoice = self.only(self.school['id'])

    def only(self, payer_id):
        (row,) = invoices.list(base.ADMIN, payer_id=payer_id)[0]
        return invoices.get(base.ADMIN, row['id'])

    def test_chinese_pdf_prints_chinese_names_in_a_cjk_font(self):
        content = invoices.as_pdf(base.ADMIN, self.school_invoice['id'],
                                  'zh-hans')
        self.assertEqual(b'%PDF-', content[:5])
        text, fonts = text_and_fonts(content)
        for expected in ('发票', '实验中学', '月度发票', '合计',
                         self.school_invoice['number']):
            self.assertIn(expected, text)
        # Every font is the CJK one ("/ABCDEF+Noto-Sans-CJK-SC-Bold").
        self.assertEqual(set(), {font for font in fonts
                                 if 'Noto-Sans-CJK-SC' not in font})

    def test_english_pdf_states_issuer_lines_and_total(self):
        self.conf.set_override('platform_name', 'Example Cloud Ltd', 'edu')
        content = invoices.as_pdf(base.ADMIN, self.school_invoice['id'],
                                  None, 'en-GB,en;q=0.8')
        text, _fonts = text_and_fonts(content)
        # 4 vCPU at 1.25 and 8 GiB at 0.5, 516 hours (10 March 12:00 to
        # 1 April): 2,580.00 + 2,064.00.
        for expected in ('Invoice', 'Example Cloud Ltd', '实验中学',
                         'Monthly invoice', '4 vCPU', '8,192 MB of RAM',
                         '€2,580.00', '€2,064.00', '€4,644.00'):
            self.assertIn(expected, text)
        self.assertEqual('4644.00', self.school_invoice['total'])

    def test_a_teacher_invoice_names_the_teacher_and_escapes_html(self):
        teacher_invoice = self.only(self.teacher['id'])
        page = invoice_pdf.html(teacher_invoice, 'zh-hans')
        self.assertIn('&lt;b&gt;王老师&lt;/b&gt;', page)
        self.assertNotIn('<b>王老师', page)
        self.assertIn('实验中学', page)

    def test_void_invoices_say_so_with_their_reason(self):
        voided = invoices.void(base.ADMIN, self.school_invoice['id'],
                               'wrong plan')
        text, _fonts = text_and_fonts(invoice_pdf.pdf(voided, 'en'))
        self.assertIn('VOID', text)
        self.assertIn('wrong plan', text)

    def test_language(self):
        self.assertEqual('zh-hans', invoice_pdf.language(
            None, 'zh-CN,zh;q=0.9,en;q=0.8'))
        self.assertEqual('en', invoice_pdf.language(None, 'fr-FR, en'))
        self.assertEqual('en', invoice_pdf.language(None, None))
        self.assertEqual('zh-hans', invoice_pdf.language('zh-Hans', 'en'))
        error = self.assertRaises(exceptions.Invalid, invoice_pdf.language,
                                  'klingon')
        self.assertIn('en, zh-hans', error.message)

    def test_an_unknown_invoice_is_not_found(self):
        self.assertRaises(exceptions.NotFound, invoices.as_pdf, base.ADMIN,
                          '999', 'en')
        # A grant change after the invoice does not change its PDF's lines.
        allocations.set(base.ADMIN, 'school', self.school['id'],
                        {'vcpu': 3, 'ram_mb': 1024})
        text, _fonts = text_and_fonts(invoices.as_pdf(
            base.ADMIN, self.school_invoice['id'], 'en'))
        self.assertIn('€4,644.00', text)


class CatalogueTest(testtools.TestCase):
    """Every label of the PDF has its Chinese, compiled."""

    def msgids(self):
        found = set()
        path = os.path.join(invoice_pdf.TEMPLATES, 'invoice.html')
        with open(path, 'rb') as template:
            for _line, _func, message, _comments in jinja_ext.babel_extract(
                    template, ('_',), [], {}):
                # A call with keyword arguments comes as (message, None).
                found.add(message[0] if isinstance(message, tuple)
                          else message)
        with open(invoice_pdf.__file__) as module:
            source = module.read()
        for resource in catalogue.CATALOGUE:
            found.update((str(resource.label), str(resource.price_unit)))
        # The service's own t("...") calls.
        for chunk in source.split('t("')[1:]:
            found.add(chunk.split('")')[0])
        return found

    def test_every_label_is_translated(self):
        with open(PO, 'rb') as po:
            messages = {m.id: m.string for m in pofile.read_po(po) if m.id}
        missing = sorted(m for m in self.msgids() if not messages.get(m))
        self.assertEqual([], missing)
