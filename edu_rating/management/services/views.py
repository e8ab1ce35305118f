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
"""The objects of the Education API as plain dicts (see education-api.rst).

Pure: rows and grants in, dicts out; reading the grants is
:mod:`~edu_rating.management.services.render`'s job.
"""

from edu_rating.management.services import validation


def full(grant):
    """Every configured resource, zero where the grant says nothing."""
    return {resource: grant.get(resource, 0)
            for resource in validation.resources()}


def school(row, grant):
    return {'id': row.domain_id, 'name': row.name,
            'description': row.description, 'enabled': row.enabled,
            'created_at': row.created_at, 'grant': grant}


def teacher(row, grant):
    return {'id': row.project_id, 'school_id': row.school.domain_id,
            'user_id': row.user_id, 'name': row.name,
            'project_name': row.project_name, 'enabled': row.enabled,
            'created_at': row.created_at, 'grant': grant}


def klass(row, term):
    """A class; ``term``: where it stands (services.term.of)."""
    return {'id': row.id, 'teacher_id': row.teacher.project_id,
            'school_id': row.teacher.school.domain_id, 'name': row.name,
            'term_end': row.term_end,
            'default_grant': full(row.default_grant or {}),
            'created_at': row.created_at, 'closed_at': row.closed_at,
            'term': term}


def student(row, grant):
    teacher_row = row.klass.teacher
    return {'id': row.project_id, 'class_id': row.class_id,
            'class_name': row.klass.name,
            'teacher_id': teacher_row.project_id,
            'teacher_name': teacher_row.name,
            'school_id': teacher_row.school.domain_id,
            'user_id': row.user_id, 'name': row.name,
            'project_name': row.project_name, 'created_at': row.created_at,
            'removed_at': row.removed_at, 'grant': grant}


def allocation(row):
    return {'id': row.id, 'resource': row.resource, 'amount': row.amount,
            'effective_from': row.effective_from,
            'effective_to': row.effective_to, 'actor': row.actor,
            'request_id': row.request_id, 'reason': row.reason,
            'recorded_at': row.recorded_at}
