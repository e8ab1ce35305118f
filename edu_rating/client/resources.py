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
"""Managers of the API's resources, mirroring its routes."""

from edu_rating.client import base


class _CrudManager(base.Manager):
    """Create, list, get and update of a resource at ``/<path>``."""

    path = None
    key = None
    collection_key = None

    def _create(self, **fields):
        return self.request('POST', self.path, json=base.without_none(fields))

    def list(self, limit=None, **filters):
        """Every item matching ``filters`` (all pages)."""
        return list(self.pages(self.path, self.collection_key,
                               dict(filters, limit=limit)))

    def list_page(self, limit=None, marker=None, **filters):
        """One page: ``(items, next_marker)``."""
        page = self.request('GET', self.path, params=dict(
            filters, limit=limit, marker=marker))
        return page[self.collection_key], page['next']

    def get(self, ident):
        return self.request('GET', '%s/%s' % (self.path, ident))[self.key]

    def update(self, ident, **changes):
        return self.request('PATCH', '%s/%s' % (self.path, ident),
                            json=changes)[self.key]


class SchoolManager(_CrudManager):
    path, key, collection_key = '/schools', 'school', 'schools'

    def create(self, name, admin, description=None, grant=None):
        """``{"school": ..., "admin": {"id", "name"}}``."""
        return self._create(name=name, admin=admin, description=description,
                            grant=grant)

    def list(self, name=None, enabled=None, limit=None):
        return super().list(limit=limit, name=name, enabled=enabled)


class TeacherManager(_CrudManager):
    path, key, collection_key = '/teachers', 'teacher', 'teachers'

    def create(self, school_id, name, password, email=None,
               project_name=None, grant=None):
        return self._create(school_id=school_id, name=name,
                            password=password, email=email,
                            project_name=project_name, grant=grant)[self.key]

    def list(self, school_id=None, enabled=None, limit=None):
        return super().list(limit=limit, school_id=school_id,
                            enabled=enabled)


class ClassManager(_CrudManager):
    path, key, collection_key = '/classes', 'class', 'classes'

    def create(self, teacher_id, name, term_end=None, default_grant=None):
        return self._create(teacher_id=teacher_id, name=name,
                            term_end=term_end,
                            default_grant=default_grant)[self.key]

    def list(self, teacher_id=None, school_id=None, include_closed=None,
             limit=None):
        return super().list(limit=limit, teacher_id=teacher_id,
                            school_id=school_id,
                            include_closed=include_closed)

    def close(self, class_id):
        return self.request('POST', '/classes/%s/close' % class_id)[self.key]


class StudentManager(_CrudManager):
    path, key, collection_key = '/students', 'student', 'students'

    def enrol(self, class_id, name, password=None, email=None, grant=None):
        """``{"student": ..., "password": generated or None}``."""
        return self._create(class_id=class_id, name=name, password=password,
                            email=email, grant=grant)

    def enrol_roster(self, class_id, csv_text):
        """``[{"student": ..., "password": ...}, ...]`` of a CSV roster."""
        return self.request(
            'POST', '/students/roster', params={'class_id': class_id},
            data=csv_text.encode('utf-8'),
            headers={'Content-Type': 'text/csv; charset=utf-8'})['students']

    def list(self, class_id=None, teacher_id=None, school_id=None,
             include_removed=None, limit=None):
        return super().list(limit=limit, class_id=class_id,
                            teacher_id=teacher_id, school_id=school_id,
                            include_removed=include_removed)

    def remove(self, student_id, force=False):
        self.request('DELETE', '/students/%s' % student_id,
                     params={'force': force or None})


class AllocationManager(base.Manager):
    """Grants of scopes: ``school``, ``teacher`` or ``enrolment``."""

    def _path(self, scope_type, scope_id):
        return '/allocations/%s/%s' % (scope_type, scope_id)

    def get(self, scope_type, scope_id):
        return self.request('GET', self._path(scope_type, scope_id))

    def set(self, scope_type, scope_id, grant, reason=None, force=False):
        body = base.without_none({'grant': grant, 'reason': reason,
                                  'force': force or None})
        return self.request('PUT', self._path(scope_type, scope_id),
                            json=body)

    def history(self, scope_type, scope_id, resource=None, limit=None):
        """Every ledger row of the scope (all pages)."""
        return list(self.pages(
            self._path(scope_type, scope_id) + '/history', 'allocations',
            {'resource': resource, 'limit': limit}))
