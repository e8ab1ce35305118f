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
"""Schools, teachers and students with their current grants.

The rendering is :mod:`~edu_rating.management.services.views`' (pure);
this reads the grants, with one ledger query per page, and for teachers
and students what they use (one usage query per page).
"""

from edu_rating.db import api as db_api
from edu_rating.management.services import term
from edu_rating.management.services import usage
from edu_rating.management.services import views
from edu_rating import utc


def _grants(scope_type, scope_ids):
    return {scope_id: views.full(grant) for scope_id, grant in
            db_api.get_instance().grants_of(scope_type, scope_ids).items()}


# Each kind with a grant: its scope type and how to render it.
_GRANTED = {
    'school': ('school', lambda row: row.domain_id, views.school),
    'teacher': ('teacher', lambda row: row.project_id, views.teacher),
    'student': ('enrolment', lambda row: row.project_id, views.student),
}


def one(kind, row):
    return many(kind, [row])[0]


def many(kind, rows):
    """The objects, each with its grant and what it used when last swept.

    Two queries whatever the number of rows.
    """
    scope_type, scope_id, render = _GRANTED[kind]
    ids = [scope_id(row) for row in rows]
    by_scope = _grants(scope_type, ids)
    used = usage.of(ids) if kind != 'school' else {}
    found = []
    now = utc.now()
    for row, ident in zip(rows, ids):
        item = render(row, by_scope[ident])
        if ident in used:
            item['in_use'], item['usage_measured_at'] = used[ident]
        if kind == 'student':
            # A student cannot read their class: their enrolment says when
            # it ends (the dashboard warns them).
            item['class_term'] = term.of(row.klass, now)
        found.append(item)
    return found
