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
"""An invoice as a PDF, in English or Simplified Chinese.

The HTML comes from ``templates/invoice.html`` (Jinja2, autoescaped, its
labels through gettext with our ``edu_rating`` catalogue); WeasyPrint
lays it out. Chinese needs a CJK font on the host: the stack installs
Debian's fonts-noto-cjk and the template asks for "Noto Sans CJK SC".
Dates and money are formatted for the language by Babel.
"""

import datetime
import functools
import os

from babel import dates as babel_dates
from babel import numbers as babel_numbers
import jinja2

from edu_rating import exceptions
from edu_rating import i18n
from edu_rating.i18n import _
from edu_rating import resources as catalogue

TEMPLATES = os.path.join(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))), 'templates')


def language(requested=None, accept=None):
    """The language to render in: ``requested``, else Accept-Language."""
    if requested is not None:
        code = requested.lower()
        if code not in i18n.LANGUAGES:
            raise exceptions.Invalid(
                _("language must be one of %s.") % ', '.join(i18n.LANGUAGES),
                error_code='invoice.language_unknown', field='language')
        return code
    return i18n.negotiate(accept)


@functools.lru_cache(maxsize=None)
def _environment(lang):
    translations = i18n.translations(lang)
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True, extensions=['jinja2.ext.i18n'])
    env.install_gettext_translations(translations, newstyle=True)
    return env, translations


def context(data, lang):
    """What the template shows of an invoice view (services.invoices)."""
    _env, translations = _environment(lang)
    t = translations.gettext
    locale = i18n.LANGUAGES[lang][1]
    currency = data['currency']

    def when(moment):
        return moment and babel_dates.format_datetime(
            moment, 'medium', tzinfo=datetime.timezone.utc, locale=locale)

    def money(value):
        return babel_numbers.format_currency(value, currency, locale=locale)

    def amount(line):
        resource = catalogue.get(line['resource'])
        return '%s %s' % (babel_numbers.format_decimal(
            line['amount'], locale=locale), t(str(resource.label)))

    def rate(line):
        resource = catalogue.get(line['resource'])
        return '%s / %s·h' % (
            babel_numbers.format_currency(
                line['rate'], currency, locale=locale,
                format_type='standard', currency_digits=False,
                decimal_quantization=False), t(str(resource.price_unit)))

    # The view names both sides (services.invoices.names_of); a teacher's
    # school is their invoice's issuer.
    issuer = data['issuer_name'] or data['issuer']
    payer = data['payer_name'] or data['payer_id']
    school = issuer if data['payer_type'] == 'teacher' else None
    kinds = {'period': t("Monthly invoice"),
             'settlement': t("Settlement on a grant change")}
    statuses = {'issued': t("Issued"), 'paid': t("Paid"), 'void': t("Void")}
    return {
        'lang': lang, 'invoice': data, 'issuer_name': issuer,
        'payer_name': payer, 'payer_school': school,
        'issued_at': when(data['issued_at']),
        'paid_at': when(data['paid_at']),
        'period_start': when(data['period_start']),
        'period_end': when(data['period_end']),
        'kind': kinds[data['kind']], 'status': statuses[data['status']],
        'zone': 'UTC', 'total': money(data['total']),
        'lines': [{'amount': amount(line), 'start': when(line['from']),
                   'end': when(line['to']),
                   'hours': babel_numbers.format_decimal(
                       line['hours'], locale=locale,
                       decimal_quantization=False),
                   'rate': rate(line), 'total': money(line['total'])}
                  for line in data['lines']]}


def html(data, lang):
    env, _translations = _environment(lang)
    return env.get_template('invoice.html').render(context(data, lang))


def pdf(data, lang):
    """The invoice view ``data`` as PDF bytes."""
    # Imported here: WeasyPrint loads Pango at import, which only the
    # API process (never the rating processor) needs.
    import weasyprint
    return weasyprint.HTML(string=html(data, lang),
                           base_url=TEMPLATES).write_pdf()
