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
"""What every resource manager shares: requests, errors, pages."""

from edu_rating.client import exceptions

PATH_PREFIX = '/v1/rating/module_config/edu'


def _query_value(value):
    # The API reads booleans as true/false.
    if isinstance(value, bool):
        return 'true' if value else 'false'
    return value


def without_none(values):
    """Fields the caller gave: None means "not given" in every method."""
    return {key: value for key, value in values.items() if value is not None}


class Manager(object):
    """One resource of the API over a keystoneauth Adapter."""

    def __init__(self, adapter):
        self.adapter = adapter

    def _send(self, method, path, json=None, params=None, data=None,
              headers=None):
        """The answer of a request that did not fail, or EduClientError."""
        if params:
            params = {key: _query_value(value)
                      for key, value in without_none(params).items()}
        response = self.adapter.request(
            PATH_PREFIX + path, method, json=json, params=params, data=data,
            headers=headers, raise_exc=False)
        if response.status_code >= 400:
            raise exceptions.from_response(response)
        return response

    def request(self, method, path, json=None, params=None, data=None,
                headers=None):
        """The decoded JSON answer (None for 204), or EduClientError."""
        response = self._send(method, path, json=json, params=params,
                              data=data, headers=headers)
        if response.status_code == 204 or not response.content:
            return None
        return response.json()

    def request_text(self, method, path, params=None):
        """The text of an answer that is a file (a CSV...), or EduClientError.

        The API writes UTF-8: it is the charset when the answer names none
        (requests would guess ISO-8859-1 for a text/* answer).
        """
        response = self._send(method, path, params=params)
        content_type = response.headers.get('Content-Type') or ''
        if 'charset=' not in content_type.lower():
            response.encoding = 'utf-8'
        return response.text

    def pages(self, path, key, params):
        """Every item of a list, following ``next`` page after page."""
        params = dict(params)
        while True:
            page = self.request('GET', path, params=params)
            yield from page[key]
            if not page.get('next'):
                return
            params['marker'] = page['next']
