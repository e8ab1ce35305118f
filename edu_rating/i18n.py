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
"""Messages in the language of whoever asked.

The Education API answers in the request's Accept-Language (the dashboard
sends its user's): :func:`speaking` sets it for the request, and ``_``
translates into it with our ``edu_rating`` catalogue. Outside a request
(the CLI, the daemons) ``_`` is oslo.i18n's and follows the process locale.

A message written at import time (a module's table of labels, a
decorator's argument) is marked with ``_N`` and translated where it is
used, with ``_``.
"""

import contextlib
import contextvars
import functools
import gettext
import os

import oslo_i18n

DOMAIN = 'edu_rating'
LOCALE_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                          'locale')
# Our language codes (Horizon's) -> gettext catalogue, Babel locale.
LANGUAGES = {'en': ('en', 'en'), 'zh-hans': ('zh_Hans', 'zh_Hans_CN')}
DEFAULT_LANGUAGE = 'en'
# Accept-Language tags that mean Simplified Chinese.
_SIMPLIFIED = ('zh', 'zh-cn', 'zh-sg', 'zh-hans')

_process = oslo_i18n.TranslatorFactory(domain=DOMAIN).primary
_speaking = contextvars.ContextVar('edu_rating_language', default=None)


@functools.lru_cache(maxsize=None)
def translations(language):
    """The gettext catalogue of one of :data:`LANGUAGES`."""
    return gettext.translation(DOMAIN, localedir=LOCALE_DIR,
                               languages=[LANGUAGES[language][0]],
                               fallback=True)


def _(message):
    language = _speaking.get()
    if language is None:
        return _process(message)
    return translations(language).gettext(message)


def _N(message):
    """Mark ``message`` for the catalogue; ``_`` translates it at use."""
    return message


def negotiate(accept_language):
    """The first of our languages an Accept-Language header asks for."""
    for item in (accept_language or '').split(','):
        tag = item.split(';')[0].strip().lower()
        if tag in _SIMPLIFIED or tag.startswith('zh-hans'):
            return 'zh-hans'
        if tag.startswith('en'):
            return 'en'
    return DEFAULT_LANGUAGE


def current():
    """The language being spoken, or the default outside a request."""
    return _speaking.get() or DEFAULT_LANGUAGE


@contextlib.contextmanager
def speaking(language):
    """Translate ``_`` into ``language`` (one of LANGUAGES) for a while."""
    token = _speaking.set(language)
    try:
        yield
    finally:
        _speaking.reset(token)
