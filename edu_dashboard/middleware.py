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
"""Horizon's JavaScript catalogue in the language the user just chose.

Horizon serves ``/i18n/js/<packages>/`` with one Last-Modified for the
life of the process and nothing else to tell one language's catalogue
from another's, though its content follows the language cookie. A browser
that switches to 简体中文 then keeps the English catalogue (table footers,
"Displaying 7 items", stay English) until its cache is cleared.

Here the catalogue's validator names its language: the browser asks again
on every page (``no-cache``) and gets "not modified" while the language
is the same, the new catalogue when it changed.
"""

import hashlib

from django import http
from django.utils import cache
from django.utils import translation
from horizon import site_urls

CATALOGUE_PREFIX = '/i18n/js/'


def _etag(request):
    # The packages in the path name the catalogue; hashed, as a path may
    # hold what an ETag may not.
    packages = hashlib.sha256(request.path_info.encode()).hexdigest()[:16]
    return '"%s-%s-%d"' % (translation.get_language(), packages,
                           site_urls.last_modified_date.timestamp())


def catalogue_follows_language(get_response):
    def middleware(request):
        if not request.path_info.startswith(CATALOGUE_PREFIX):
            return get_response(request)
        etag = _etag(request)
        # A proxy may have weakened it or listed it with others.
        sent = [tag.replace('W/', '', 1).replace('-gzip"', '"') for tag in
                cache.parse_etags(request.META.get('HTTP_IF_NONE_MATCH',
                                                   ''))]
        if etag in sent or '*' in sent:
            response = http.HttpResponseNotModified()
        else:
            # Horizon's date alone would answer "not modified" for another
            # language's copy.
            request.META.pop('HTTP_IF_MODIFIED_SINCE', None)
            response = get_response(request)
        response['ETag'] = etag
        response['Cache-Control'] = 'no-cache'
        cache.patch_vary_headers(response, ('Cookie',))
        return response
    return middleware
