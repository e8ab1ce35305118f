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
"""Schemas of the request bodies, one function per route.

Functions rather than constants: the grant's resources are a
configuration option that cloudkitty-api may reload.
"""

from edu_rating.management.schemas import types


def school_create():
    return types.document({
        'name': types.KEYSTONE_NAME,
        'description': types.DESCRIPTION,
        'admin': types.document({
            'name': types.KEYSTONE_NAME,
            'password': types.PASSWORD,
            'email': types.EMAIL,
        }, required=['name', 'password']),
        'grant': types.grant(),
        'effective_from': types.MOMENT_OR_NULL,
        'reason': types.REASON,
    }, required=['name', 'admin'])


def school_update():
    return types.document({
        'description': types.DESCRIPTION,
        'enabled': types.BOOLEAN,
    }, at_least_one=True)


def teacher_create():
    return types.document({
        'school_id': types.KEYSTONE_ID,
        'name': types.KEYSTONE_NAME,
        'password': types.PASSWORD,
        'email': types.EMAIL,
        'project_name': types.KEYSTONE_NAME,
        'grant': types.grant(),
        'effective_from': types.MOMENT_OR_NULL,
        'reason': types.REASON,
    }, required=['school_id', 'name', 'password'])


def teacher_update():
    return types.document({
        'enabled': types.BOOLEAN,
        'email': dict(types.EMAIL, type=['string', 'null']),
        'password': types.PASSWORD,
    }, at_least_one=True)


def class_create():
    return types.document({
        'teacher_id': types.KEYSTONE_ID,
        'name': types.NAME,
        'term_end': types.DATE_OR_NULL,
        'default_grant': types.grant(),
    }, required=['teacher_id', 'name'])


def class_update():
    return types.document({
        'name': types.NAME,
        'term_end': types.DATE_OR_NULL,
        'default_grant': types.grant(),
    }, at_least_one=True)


def student_create():
    return types.document({
        'class_id': types.CLASS_ID,
        'name': types.KEYSTONE_NAME,
        'email': types.EMAIL,
        'password': types.PASSWORD,
        'grant': types.grant(),
    }, required=['class_id', 'name'])


def student_update():
    return types.document({
        'password': types.PASSWORD,
    }, required=['password'])


def roster():
    """The JSON form of a roster: the CSV text in a ``csv`` field."""
    return types.document({'csv': {'type': 'string'}}, required=['csv'])


def allocation_set():
    return types.document({
        'grant': types.grant(at_least_one=True),
        'reason': types.REASON,
        'force': types.BOOLEAN,
        'effective_from': types.MOMENT_OR_NULL,
    }, required=['grant'])


def class_grant():
    return types.document({
        'grant': types.grant(at_least_one=True),
        'reason': types.REASON,
        'force': types.BOOLEAN,
    }, required=['grant'])


def plan_create():
    return types.document({
        'issuer': types.STRING,
        'name': types.NAME,
        'description': types.DESCRIPTION,
        'currency': types.STRING,
        'rates': types.RATES,
        'effective_from': types.MOMENT_OR_NULL,
    }, required=['issuer', 'name', 'currency', 'rates'])


def plan_version_create():
    return types.document({
        'rates': types.RATES,
        'effective_from': types.MOMENT_OR_NULL,
    }, required=['rates'])


def plan_assignment_set():
    return types.document({
        'issuer': types.STRING,
        'payer_id': {'type': ['string', 'null']},
        'plan_id': {'type': ['integer', 'null']},
        'effective_from': types.MOMENT_OR_NULL,
    }, required=['issuer', 'plan_id'])


def invoice_void():
    return types.document({'reason': types.STRING}, required=['reason'])


def template_create():
    return types.document({
        'class_id': types.CLASS_ID,
        'name': types.NAME,
        'image_id': types.KEYSTONE_ID,
        'flavor_id': types.STRING,
        'size': types.grant(at_least_one=True),
        'user_data': {'type': ['string', 'null']},
        'key_policy': {'type': 'string', 'enum': ['none', 'student']},
    }, required=['class_id', 'name', 'image_id'])


def machine_create():
    return types.document({
        'student_id': types.KEYSTONE_ID,
        'template_id': types.ROW_ID,
        'key_name': types.STRING,
    }, required=['student_id', 'template_id'])


def job_create():
    return types.document({
        'class_id': types.CLASS_ID,
        'action': {'type': 'string',
                   'enum': ['launch', 'stop', 'shelve', 'delete']},
        'template_id': types.ROW_ID,
    }, required=['class_id', 'action'])


def image_create():
    return types.document({
        'teacher_id': dict(types.KEYSTONE_ID, type=['string', 'null']),
        'image_id': types.KEYSTONE_ID,
    }, required=['image_id'])


def image_update():
    return types.document({'enabled': types.BOOLEAN}, at_least_one=True)


def image_share():
    return types.document({'class_id': types.CLASS_ID},
                          required=['class_id'])


def class_step():
    """The body of a lifecycle step run early: an optional reason."""
    return types.document({'reason': types.REASON})
