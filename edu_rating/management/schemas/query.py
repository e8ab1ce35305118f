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
"""Schemas of query strings (filters and pagination of lists)."""

from edu_rating.management.schemas import types
from edu_rating.management.services import validation

BOOLEAN = {'type': 'boolean', 'default': False}


def parameters(properties, required=()):
    """A query string of exactly these parameters."""
    return {
        'type': 'object',
        'x-item': 'parameter',
        'properties': properties,
        'required': list(required),
        'additionalProperties': False,
    }


def listing(marker=types.KEYSTONE_ID, **filters):
    """A list's query: its filters plus ``limit`` and ``marker``."""
    return parameters(dict(filters, limit=types.LIMIT, marker=marker))


def schools():
    return listing(name=types.KEYSTONE_NAME, enabled=types.BOOLEAN)


def teachers():
    return listing(school_id=types.KEYSTONE_ID, enabled=types.BOOLEAN)


def classes():
    return listing(marker=types.CLASS_ID, teacher_id=types.KEYSTONE_ID,
                   school_id=types.KEYSTONE_ID, include_closed=BOOLEAN)


def students():
    return listing(class_id=types.CLASS_ID, teacher_id=types.KEYSTONE_ID,
                   school_id=types.KEYSTONE_ID, include_removed=BOOLEAN)


def roster():
    return parameters({'class_id': types.CLASS_ID, 'dry_run': BOOLEAN,
                       'skip_enrolled': BOOLEAN}, required=['class_id'])


def student_delete():
    return parameters({'force': BOOLEAN})


def history():
    return listing(marker=types.ROW_ID, resource={
        'type': 'string', 'enum': validation.resources()})


def plans():
    return listing(marker=types.ROW_ID, issuer=types.STRING)


def plan_assignments():
    return parameters({'issuer': types.STRING, 'payer_id': types.STRING})


def invoice_pdf():
    return parameters({'language': types.STRING})


def invoices():
    return listing(marker=types.ROW_ID, issuer=types.STRING,
                   payer_id=types.STRING, status=types.STRING,
                   period=types.STRING)


def audit():
    return listing(marker=types.ROW_ID, school_id=types.KEYSTONE_ID,
                   actor_id=types.KEYSTONE_ID, action=types.STRING,
                   target_id=types.STRING, since=types.STRING)


def templates():
    return listing(marker=types.ROW_ID, class_id=types.CLASS_ID,
                   student_id=types.KEYSTONE_ID)


def machines():
    return parameters({'class_id': types.CLASS_ID,
                       'student_id': types.KEYSTONE_ID})


def jobs():
    return parameters({'class_id': types.CLASS_ID, 'limit': types.LIMIT,
                       'marker': types.ROW_ID}, required=['class_id'])


def images():
    return listing(teacher_id=types.KEYSTONE_ID, school_id=types.KEYSTONE_ID,
                   class_id=types.CLASS_ID, student_id=types.KEYSTONE_ID)
