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
import pathlib

from django import http
from django.test import RequestFactory
from django.test import SimpleTestCase
from django.utils import translation

from edu_dashboard import middleware

SNIPPET = (pathlib.Path(middleware.__file__).parent / 'local_settings.d' /
           '_90_edu.py')
SINCE = 'Fri, 04 Dec 2026 01:00:00 GMT'
CATALOGUE = '/i18n/js/horizon+openstack_dashboard/'


class CatalogueFollowsLanguageTests(SimpleTestCase):

    def answer(self, path, language='en', **headers):
        seen = {}

        def view(request):
            seen.update(request.META)
            response = http.HttpResponse('catalogue')
            response['Vary'] = 'Accept-Language'
            return response

        request = RequestFactory().get(path, **headers)
        with translation.override(language):
            response = middleware.catalogue_follows_language(view)(request)
        return response, seen

    def test_the_catalogue_is_validated_by_its_language(self):
        english, seen = self.answer(CATALOGUE, HTTP_IF_MODIFIED_SINCE=SINCE)
        # Horizon's fixed Last-Modified cannot answer for the language.
        self.assertNotIn('HTTP_IF_MODIFIED_SINCE', seen)
        self.assertEqual(200, english.status_code)
        self.assertEqual('no-cache', english['Cache-Control'])
        self.assertEqual('Accept-Language, Cookie', english['Vary'])

        same, seen = self.answer(CATALOGUE,
                                 HTTP_IF_NONE_MATCH=english['ETag'])
        self.assertEqual(304, same.status_code)
        self.assertEqual({}, seen)
        # Weakened by a proxy, or among others: still the same copy.
        for sent in ('W/' + english['ETag'], '"other", ' + english['ETag'],
                     english['ETag'][:-1] + '-gzip"'):
            same, _seen = self.answer(CATALOGUE, HTTP_IF_NONE_MATCH=sent)
            self.assertEqual(304, same.status_code, sent)

        chinese, seen = self.answer(CATALOGUE, 'zh-hans',
                                    HTTP_IF_NONE_MATCH=english['ETag'])
        self.assertEqual(200, chinese.status_code)
        self.assertNotEqual(english['ETag'], chinese['ETag'])

    def test_other_pages_are_left_alone(self):
        response, seen = self.answer('/project/instances/',
                                     HTTP_IF_MODIFIED_SINCE=SINCE)
        self.assertEqual('Accept-Language', response['Vary'])
        self.assertNotIn('ETag', response)
        self.assertEqual(SINCE, seen['HTTP_IF_MODIFIED_SINCE'])

    def test_the_settings_snippet_extends_horizons_settings(self):
        settings = {'MIDDLEWARE': ['horizon.middleware.HorizonMiddleware']}
        exec(SNIPPET.read_text(), settings)
        self.assertEqual(('horizon.middleware.HorizonMiddleware',
                          'edu_dashboard.middleware.'
                          'catalogue_follows_language'),
                         settings['MIDDLEWARE'])
        [locale] = settings['LOCALE_PATHS']
        self.assertTrue((pathlib.Path(locale) / 'zh_Hans' / 'LC_MESSAGES' /
                         'django.mo').is_file())
