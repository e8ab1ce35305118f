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
"""SQLAlchemy implementation of the rating module's DB API.

Sessions come from CloudKitty's enginefacade (``cloudkitty.db``): the edu
tables live in CloudKitty's database, and nested calls join the caller's
transaction.
"""

from cloudkitty import db
from oslo_db import exception as db_exc
import sqlalchemy as sa

from edu_rating.db import api
from edu_rating.db.sqlalchemy import migration
from edu_rating.db.sqlalchemy import models
from edu_rating.i18n import _
from edu_rating import utc


def get_backend():
    return EduSQLAlchemyAPI()


def _scope_filter(query, scope):
    return query.filter(models.Allocation.scope_type == scope.type,
                        models.Allocation.scope_id == scope.id)


class EduSQLAlchemyAPI(api.EduDBAPI):

    def get_migration(self):
        return migration

    # Schools and teachers: just enough for the fetcher and the tests;
    # their management API comes with later issues.

    def create_school(self, domain_id, name, enabled=True):
        school = models.School(domain_id=domain_id, name=name,
                               enabled=enabled)
        try:
            with db.session_for_write() as session:
                session.add(school)
                session.flush()
        except db_exc.DBDuplicateEntry:
            raise api.SchoolAlreadyExists(domain_id)
        return school

    def get_school(self, domain_id):
        with db.session_for_read() as session:
            school = session.query(models.School).filter_by(
                domain_id=domain_id).one_or_none()
        if school is None:
            raise api.NoSuchSchool(domain_id)
        return school

    def list_schools(self):
        with db.session_for_read() as session:
            return session.query(models.School).order_by(
                models.School.id).all()

    def create_teacher(self, school_id, user_id, project_id, name,
                       enabled=True):
        teacher = models.Teacher(school_id=school_id, user_id=user_id,
                                 project_id=project_id, name=name,
                                 enabled=enabled)
        try:
            with db.session_for_write() as session:
                session.add(teacher)
                session.flush()
        except db_exc.DBDuplicateEntry:
            raise api.TeacherAlreadyExists(project_id)
        return teacher

    def list_teachers(self, school_id=None):
        with db.session_for_read() as session:
            query = session.query(models.Teacher)
            if school_id is not None:
                query = query.filter_by(school_id=school_id)
            return query.order_by(models.Teacher.id).all()

    # The allocation ledger.

    def current_grants(self, scope):
        with db.session_for_read() as session:
            rows = _scope_filter(session.query(models.Allocation), scope)
            rows = rows.filter(models.Allocation.effective_to.is_(None))
            return {row.resource: row for row in rows}

    def set_grant(self, scope, resource, amount, actor,
                  effective_from=None, request_id=None, reason=None):
        amount = int(amount)
        if amount < 0:
            raise api.InvalidGrant(
                _("A grant cannot be negative (%(resource)s: %(amount)d).")
                % {'resource': resource, 'amount': amount})
        effective_from = utc.normalize(effective_from or utc.now())
        with db.session_for_write() as session:
            # Lock the open row so two concurrent changes serialize instead
            # of both closing it and leaving two open rows.
            open_rows = _scope_filter(session.query(models.Allocation), scope)
            open_rows = open_rows.filter(
                models.Allocation.resource == resource,
                models.Allocation.effective_to.is_(None),
            ).with_for_update().all()
            for row in open_rows:
                if effective_from < row.effective_from:
                    raise api.InvalidGrant(
                        _("The change would start on %(new)s, before the "
                          "grant in force since %(old)s: history cannot "
                          "be rewritten.")
                        % {'new': effective_from.isoformat(),
                           'old': row.effective_from.isoformat()})
                row.effective_to = effective_from
            new_row = models.Allocation(
                scope_type=scope.type, scope_id=scope.id, resource=resource,
                amount=amount, effective_from=effective_from,
                actor=actor, request_id=request_id, reason=reason)
            session.add(new_row)
            session.flush()
            return new_row

    def ledger_history(self, scope, resource=None):
        with db.session_for_read() as session:
            rows = _scope_filter(session.query(models.Allocation), scope)
            if resource is not None:
                rows = rows.filter(models.Allocation.resource == resource)
            return rows.order_by(models.Allocation.effective_from,
                                 models.Allocation.id).all()

    def allocations_in_period(self, scope_ids, scope_types, start, end,
                              resource=None):
        start, end = utc.normalize(start), utc.normalize(end)
        with db.session_for_read() as session:
            rows = session.query(models.Allocation).filter(
                models.Allocation.scope_id.in_(list(scope_ids)),
                models.Allocation.scope_type.in_(list(scope_types)),
                models.Allocation.effective_from < end,
                sa.or_(models.Allocation.effective_to.is_(None),
                       models.Allocation.effective_to > start),
            )
            if resource is not None:
                rows = rows.filter(models.Allocation.resource == resource)
            return rows.order_by(models.Allocation.effective_from,
                                 models.Allocation.id).all()
