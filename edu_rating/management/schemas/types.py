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
"""Building blocks of the request schemas."""

from edu_rating.management.services import validation

# The service layer checks the same bounds (it has callers other than the
# API); its constants keep both layers' messages in agreement.
#
# Names are otherwise free text (unicode, even markup): they are stored
# verbatim and escaped by whoever displays them.
KEYSTONE_NAME = {'type': 'string', 'minLength': 1,
                 'maxLength': validation.KEYSTONE_NAME_LENGTH}
NAME = {'type': 'string', 'minLength': 1,
        'maxLength': validation.NAME_LENGTH}
DESCRIPTION = {'type': 'string', 'maxLength': validation.NAME_LENGTH}
PASSWORD = {'type': 'string', 'minLength': 1,
            'maxLength': validation.NAME_LENGTH}
EMAIL = {'type': 'string', 'format': 'email',
         'maxLength': validation.NAME_LENGTH}
# Keystone's ids are at most 64 characters.
KEYSTONE_ID = {'type': 'string', 'minLength': 1, 'maxLength': 64}
# Our own integer primary keys: class ids, ledger row ids.
ROW_ID = {'type': 'integer', 'minimum': 1, 'maximum': 2 ** 63 - 1}
CLASS_ID = ROW_ID
DATE_OR_NULL = {'type': ['string', 'null'], 'format': 'date'}
BOOLEAN = {'type': 'boolean'}
REASON = {'type': ['string', 'null'], 'maxLength': validation.NAME_LENGTH}
AMOUNT = {'type': 'integer', 'minimum': 0,
          'maximum': validation.MAX_AMOUNT}
LIMIT = {'type': 'integer', 'minimum': 1, 'maximum': validation.MAX_PAGE,
         'default': 100}


def grant(at_least_one=False):
    """A grant: amounts of the configured resources, all optional."""
    schema = {
        'type': 'object',
        # Read by the error messages: "unknown resource gpu".
        'x-item': 'resource',
        'properties': {name: AMOUNT for name in validation.resources()},
        'additionalProperties': False,
    }
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
