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
"""Building blocks of the request schemas.

The schemas check a request's shape only: which fields, their JSON types,
which are required. Values and their bounds (lengths, ranges, known
resources, e-mail and date formats) are the service layer's
(:mod:`edu_rating.management.services.validation`): it has callers other
than the API (a CSV roster), and one layer means one message per mistake.
Names are free text (unicode, even markup): stored verbatim and escaped by
whoever displays them.
"""

STRING = {'type': 'string'}
KEYSTONE_NAME = NAME = DESCRIPTION = PASSWORD = EMAIL = STRING
# Keystone's ids are at most 64 characters; longer is no id (a 404 would
# do as well, but this keeps a megabyte "id" out of the logs).
KEYSTONE_ID = {'type': 'string', 'minLength': 1, 'maxLength': 64}
# Our own integer primary keys: class ids, ledger row ids.
ROW_ID = {'type': 'integer', 'minimum': 1, 'maximum': 2 ** 63 - 1}
CLASS_ID = ROW_ID
DATE_OR_NULL = {'type': ['string', 'null']}
BOOLEAN = {'type': 'boolean'}
REASON = {'type': ['string', 'null']}
AMOUNT = {'type': 'integer'}
LIMIT = {'type': 'integer', 'default': 100}
# Prices: decimal strings ("0.045") or JSON numbers, by resource.
RATES = {'type': 'object',
         'additionalProperties': {'type': ['string', 'number']}}
MOMENT_OR_NULL = {'type': ['string', 'null']}


def grant(at_least_one=False):
    """A grant: whole amounts by resource (which ones: the service's)."""
    schema = {'type': 'object', 'additionalProperties': AMOUNT}
    if at_least_one:
        schema['minProperties'] = 1
    return schema


def document(properties, required=(), at_least_one=False):
    """A request body: an object of exactly these fields."""
    schema = {
        'type': 'object',
        'properties': properties,
        'required': list(required),
        'additionalProperties': False,
    }
    if at_least_one:
        # A PATCH that changes nothing is a mistake worth telling.
        schema['minProperties'] = 1
    return schema
