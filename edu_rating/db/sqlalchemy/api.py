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

import contextlib
import contextvars

from cloudkitty import db
from oslo_db import exception as db_exc
import sqlalchemy as sa

from edu_rating.db import api
from edu_rating.db.sqlalchemy import migration
from edu_rating.db.sqlalchemy import models
from edu_rating.i18n import _
from edu_rating import utc

# Under REPEATABLE READ (InnoDB's default) a transaction's plain SELECTs
# read the snapshot of its first read, which may predate the row lock it
# waited for: sums read after the lock could miss what the previous lock
# holder committed. READ COMMITTED reads the latest committed rows.
_ISOLATED_DIALECTS = ('mysql', 'mariadb')

# {(model, key): row} found by id during one request (see remembering()).
_REMEMBERED = contextvars.ContextVar('edu_db_remembered', default=None)


def get_backend():
    return EduSQLAlchemyAPI()


def _scope_filter(query, scope):
    return query.filter(models.Allocation.scope_type == scope.type,
                        models.Allocation.scope_id == scope.id)


def _open_rows(query, scope):
    """The scope's ledger rows in force (one per resource)."""
    return _scope_filter(query, scope).filter(
        models.Allocation.effective_to.is_(None))


def _page(query, model, key_column, limit, marker):
    """Order by primary key and start after the row whose key is marker."""
    if marker is not None:
        after = query.session.query(model.id).filter(
            key_column == marker).scalar()
        if after is None:
            raise api.InvalidMarker(marker)
        query = query.filter(model.id > after)
    query = query.order_by(model.id)
    if limit is not None:
        query = query.limit(limit)
    return query.all()


def _equal(query, *pairs):
    """Filter on ``column == value`` for each pair whose value is given."""
    for column, value in pairs:
        if value is not None:
            query = query.filter(column == value)
    return query


def _add(row, duplicate_error=None):
    try:
        with _writer() as session:
            session.add(row)
            session.flush()
    except db_exc.DBDuplicateEntry:
        if duplicate_error is None:
            raise
        raise duplicate_error
    return row


def _forget():
    remembered = _REMEMBERED.get()
    if remembered:
        remembered.clear()


def _writer():
    """A write session; what this request remembered is forgotten first.

    Rows read in the transaction it begins are read again, after the
    locks it takes, and what it writes is not hidden by an older copy.
    Inside a transaction too: a row found before a write may hold a
    collection the write made stale (an image's shares).
    """
    _forget()
    return db.session_for_write()


def _get(model, key_column, key, not_found):
    remembered = _REMEMBERED.get()
    if remembered is not None and (model, key) in remembered:
        return remembered[(model, key)]
    with db.session_for_read() as session:
        row = session.query(model).filter(key_column == key).one_or_none()
    if row is None:
        raise not_found(key)
    if remembered is not None:
        remembered[(model, key)] = row
    return row


def _update(model, key_column, key, not_found, changes):
    with _writer() as session:
        row = session.query(model).filter(key_column == key).one_or_none()
        if row is None:
            raise not_found(key)
        for name, value in changes.items():
            setattr(row, name, value)
        session.flush()
        return row


class EduSQLAlchemyAPI(api.EduDBAPI):

    def get_migration(self):
        return migration

    @contextlib.contextmanager
    def transaction(self):
        # Outermost only: the isolation level is set for this transaction
        # before its first statement. SET TRANSACTION is one statement; a
        # connection's own level would be set and reset, with a COMMIT
        # each (four round trips for every grant change).
        with _writer() as session:
            if session.get_bind().dialect.name in _ISOLATED_DIALECTS:
                session.execute(sa.text(
                    'SET TRANSACTION ISOLATION LEVEL READ COMMITTED'))
            try:
                yield session
            except Exception:
                # Its rows were rolled back (expired, soon detached).
                _forget()
                raise

    @contextlib.contextmanager
    def remembering(self):
        remembered = _REMEMBERED.set({})
        try:
            yield
        finally:
            _REMEMBERED.reset(remembered)

    @contextlib.contextmanager
    def reading(self):
        with db.session_for_read() as session:
            yield session

    def lock_rows(self, school_pk=None, teacher_pk=None):
        with _writer() as session:
            # The id alone, not the ORM row: its eager joins would lock the
            # joined rows too, in an order of the database's choosing.
            for model, pk in ((models.School, school_pk),
                              (models.Teacher, teacher_pk)):
                if pk is not None:
                    session.execute(sa.select(model.id).where(
                        model.id == pk).with_for_update())

    # Schools, teachers, classes, enrolments.

    def create_school(self, domain_id, name, enabled=True, description=None):
        return _add(models.School(domain_id=domain_id, name=name,
                                  enabled=enabled, description=description),
                    api.SchoolAlreadyExists(domain_id))

    def get_school(self, domain_id):
        return _get(models.School, models.School.domain_id, domain_id,
                    api.NoSuchSchool)

    def list_schools(self, name=None, enabled=None, limit=None, marker=None,
                     domain_id=None):
        with db.session_for_read() as session:
            query = _equal(session.query(models.School),
                           (models.School.name, name),
                           (models.School.enabled, enabled),
                           (models.School.domain_id, domain_id))
            return _page(query, models.School, models.School.domain_id,
                         limit, marker)

    def update_school(self, domain_id, **changes):
        return _update(models.School, models.School.domain_id, domain_id,
                       api.NoSuchSchool, changes)

    def create_teacher(self, school_pk, user_id, project_id, name,
                       enabled=True, project_name=None):
        _add(models.Teacher(school_id=school_pk, user_id=user_id,
                            project_id=project_id, name=name,
                            enabled=enabled, project_name=project_name),
             api.TeacherAlreadyExists(project_id))
        # Read back so that the eager relationships are loaded.
        return self.get_teacher(project_id)

    def get_teacher(self, project_id):
        return _get(models.Teacher, models.Teacher.project_id, project_id,
                    api.NoSuchTeacher)

    def list_teachers(self, school_pk=None, enabled=None, limit=None,
                      marker=None):
        with db.session_for_read() as session:
            query = _equal(session.query(models.Teacher),
                           (models.Teacher.school_id, school_pk),
                           (models.Teacher.enabled, enabled))
            return _page(query, models.Teacher, models.Teacher.project_id,
                         limit, marker)

    def update_teacher(self, project_id, **changes):
        return _update(models.Teacher, models.Teacher.project_id, project_id,
                       api.NoSuchTeacher, changes)

    def create_class(self, teacher_pk, name, term_end=None,
                     default_grant=None):
        row = _add(models.EduClass(teacher_id=teacher_pk, name=name,
                                   term_end=term_end,
                                   default_grant=default_grant or {}))
        return self.get_class(row.id)

    def get_class(self, class_id):
        return _get(models.EduClass, models.EduClass.id, class_id,
                    api.NoSuchClass)

    def list_classes(self, teacher_pk=None, school_pk=None,
                     include_closed=False, limit=None, marker=None):
        with db.session_for_read() as session:
            query = _equal(session.query(models.EduClass),
                           (models.EduClass.teacher_id, teacher_pk))
            if school_pk is not None:
                query = query.join(models.EduClass.teacher).filter(
                    models.Teacher.school_id == school_pk)
            if not include_closed:
                query = query.filter(models.EduClass.closed_at.is_(None))
            return _page(query, models.EduClass, models.EduClass.id,
                         limit, marker)

    def update_class(self, class_id, **changes):
        return _update(models.EduClass, models.EduClass.id, class_id,
                       api.NoSuchClass, changes)

    def create_enrolment(self, class_id, user_id, project_id, name,
                         project_name=None):
        _add(models.Enrolment(class_id=class_id, user_id=user_id,
                              project_id=project_id, name=name,
                              project_name=project_name))
        return self.get_enrolment(project_id)

    def get_enrolment(self, project_id):
        return _get(models.Enrolment, models.Enrolment.project_id,
                    project_id, api.NoSuchEnrolment)

    def list_enrolments(self, class_id=None, teacher_pk=None, school_pk=None,
                        include_removed=False, name=None, limit=None,
                        marker=None):
        with db.session_for_read() as session:
            query = session.query(models.Enrolment)
            if teacher_pk is not None or school_pk is not None:
                query = query.join(models.Enrolment.klass)
            if school_pk is not None:
                query = query.join(models.EduClass.teacher)
            query = _equal(query, (models.Enrolment.class_id, class_id),
                           (models.EduClass.teacher_id, teacher_pk),
                           (models.Teacher.school_id, school_pk),
                           (models.Enrolment.name, name))
            if not include_removed:
                query = query.filter(models.Enrolment.removed_at.is_(None))
            return _page(query, models.Enrolment,
                         models.Enrolment.project_id, limit, marker)

    def update_enrolment(self, project_id, **changes):
        return _update(models.Enrolment, models.Enrolment.project_id,
                       project_id, api.NoSuchEnrolment, changes)

    # Usage of managed projects.

    def roles_of_user(self, user_id):
        with db.session_for_read() as session:
            teachers = {pid for (pid,) in session.query(
                models.Teacher.project_id).filter(
                models.Teacher.user_id == user_id)}
            taught_by = {pid for (pid,) in session.query(
                models.Teacher.project_id).join(models.EduClass).join(
                models.Enrolment).filter(
                models.Enrolment.user_id == user_id,
                models.Enrolment.removed_at.is_(None))}
        return teachers, taught_by

    def managed_projects(self, among=None):
        with db.session_for_read() as session:
            teachers = session.query(models.Teacher.project_id)
            students = session.query(models.Enrolment.project_id).filter(
                models.Enrolment.removed_at.is_(None))
            if among is not None:
                teachers = teachers.filter(
                    models.Teacher.project_id.in_(list(among)))
                students = students.filter(
                    models.Enrolment.project_id.in_(list(among)))
            return [pid for (pid,) in teachers.union_all(students)]

    def replace_usage(self, usage, measured_at):
        self._store_usage(usage, measured_at, whole=True)

    def store_usage(self, usage, measured_at):
        self._store_usage(usage, measured_at, whole=False)

    def _store_usage(self, usage, measured_at, whole):
        """Replace the rows measured before ``measured_at``.

        A row measured later (a project measured again after a Nova
        notification while a sweep was listing) is newer than this
        measurement and stays.
        """
        table = models.Usage
        # A sweep replaces every older row; a measurement, its projects'.
        scope = [] if whole else [table.project_id.in_(list(usage))]
        with self.transaction() as session:
            session.execute(sa.delete(table).where(
                table.measured_at <= measured_at, *scope))
            # What is left in scope was measured later.
            newer = {pid for (pid,) in session.query(
                table.project_id).filter(*scope).distinct()}
            rows = [{'project_id': project_id, 'resource': resource,
                     'amount': amount, 'measured_at': measured_at}
                    for project_id, amounts in usage.items()
                    if project_id not in newer
                    for resource, amount in amounts.items()]
            if rows:
                session.execute(sa.insert(table), rows)

    def usage_of(self, project_ids):
        found = {project_id: ({}, None) for project_id in project_ids}
        if not found:
            return found
        usage = models.Usage
        with db.session_for_read() as session:
            rows = session.query(
                usage.project_id, usage.resource, usage.amount,
                usage.measured_at).filter(usage.project_id.in_(list(found)))
            for project_id, resource, amount, measured_at in rows:
                amounts, _at = found[project_id]
                amounts[resource] = amount
                found[project_id] = (amounts, measured_at)
        return found

    def usage_sum(self, school_pk=None, teacher_pk=None):
        usage = models.Usage
        with db.session_for_read() as session:
            teachers = session.query(models.Teacher.project_id)
            students = session.query(models.Enrolment.project_id).join(
                models.Enrolment.klass).join(models.EduClass.teacher).filter(
                models.Enrolment.removed_at.is_(None))
            teachers = _equal(teachers, (models.Teacher.school_id, school_pk),
                              (models.Teacher.id, teacher_pk))
            students = _equal(students, (models.Teacher.school_id, school_pk),
                              (models.Teacher.id, teacher_pk))
            projects = teachers.union_all(students).subquery()
            rows = session.query(
                usage.resource, sa.func.sum(usage.amount),
                sa.func.min(usage.measured_at),
            ).filter(usage.project_id.in_(sa.select(projects))).group_by(
                usage.resource)
            amounts, oldest = {}, None
            for resource, amount, measured_at in rows:
                amounts[resource] = int(amount)
                if measured_at is not None and (
                        oldest is None or measured_at < oldest):
                    oldest = measured_at
        return amounts, oldest

    # Sums and bulk reads of the ledger.

    def grants_of(self, scope_type, scope_ids):
        grants = {scope_id: {} for scope_id in scope_ids}
        if not grants:
            return grants
        with db.session_for_read() as session:
            rows = session.query(
                models.Allocation.scope_id, models.Allocation.resource,
                models.Allocation.amount,
            ).filter(models.Allocation.scope_type == scope_type,
                     models.Allocation.scope_id.in_(list(grants)),
                     models.Allocation.effective_to.is_(None))
            for scope_id, resource, amount in rows:
                grants[scope_id][resource] = amount
        return grants

    def grant_totals(self):
        alloc = models.Allocation
        with db.session_for_read() as session:
            rows = session.query(
                alloc.scope_type, alloc.resource, sa.func.sum(alloc.amount)
            ).filter(alloc.effective_to.is_(None)).group_by(
                alloc.scope_type, alloc.resource)
            totals = {}
            for scope_type, resource, amount in rows:
                totals.setdefault(scope_type, {})[resource] = int(amount)
            return totals

    def delegated(self, scope):
        alloc = models.Allocation
        if scope.type not in ('school', 'teacher'):
            return {}  # a student grants nothing on
        with db.session_for_read() as session:
            query = session.query(alloc.resource, sa.func.sum(alloc.amount))
            if scope.type == 'school':
                query = query.join(
                    models.Teacher,
                    models.Teacher.project_id == alloc.scope_id,
                ).join(models.School).filter(
                    alloc.scope_type == 'teacher',
                    models.School.domain_id == scope.id)
            elif scope.type == 'teacher':
                query = query.join(
                    models.Enrolment,
                    models.Enrolment.project_id == alloc.scope_id,
                ).join(models.EduClass).join(models.Teacher).filter(
                    alloc.scope_type == 'enrolment',
                    models.Enrolment.removed_at.is_(None),
                    models.Teacher.project_id == scope.id)
            query = query.filter(alloc.effective_to.is_(None)).group_by(
                alloc.resource)
            return {resource: int(total) for resource, total in query}

    # The allocation ledger.

    def current_grants(self, scope):
        with db.session_for_read() as session:
            rows = _open_rows(session.query(models.Allocation), scope)
            return {row.resource: row for row in rows}

    def current_amounts(self, scope):
        # Two columns, not rows: read three times in a grant change.
        with db.session_for_read() as session:
            return dict(_open_rows(session.query(
                models.Allocation.resource, models.Allocation.amount), scope))

    def set_grant(self, scope, resource, amount, actor,
                  effective_from=None, request_id=None, reason=None):
        amount = int(amount)
        if amount < 0:
            raise api.InvalidGrant(
                _("A grant cannot be negative (%(resource)s: %(amount)d).")
                % {'resource': resource, 'amount': amount})
        effective_from = utc.normalize(effective_from or utc.now())
        with _writer() as session:
            # Lock the open row so two concurrent changes serialize instead
            # of both closing it and leaving two open rows.
            open_rows = _open_rows(session.query(models.Allocation), scope)
            open_rows = open_rows.filter(
                models.Allocation.resource == resource,
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
                actor=actor, request_id=request_id, reason=reason,
                recorded_at=utc.now())
            session.add(new_row)
            session.flush()
            return new_row

    def ledger_history(self, scope, resource=None, limit=None, marker=None):
        with db.session_for_read() as session:
            rows = _scope_filter(session.query(models.Allocation), scope)
            if resource is not None:
                rows = rows.filter(models.Allocation.resource == resource)
            # Rows are appended in time order, so the id orders them as
            # effective_from does, and serves as the page marker.
            return _page(rows, models.Allocation, models.Allocation.id,
                         limit, marker)

    def last_ledger_change(self, scope_ids):
        ledger = models.Allocation
        with db.session_for_read() as session:
            starts, ends = session.query(
                sa.func.max(ledger.effective_from),
                sa.func.max(ledger.effective_to)).filter(
                ledger.scope_id.in_(list(scope_ids))).one()
        found = [utc.normalize(moment) for moment in (starts, ends)
                 if moment is not None]
        return max(found) if found else None

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

    def grants_end(self, scope_types):
        row = models.Allocation
        with db.session_for_read() as session:
            found = session.query(
                row.scope_id, sa.func.max(row.effective_to),
                sa.func.sum(sa.case((row.effective_to.is_(None), 1),
                                    else_=0)),
            ).filter(row.scope_type.in_(list(scope_types)),
                     row.amount > 0).group_by(row.scope_id).all()
        return {scope_id: None if open_rows else end
                for scope_id, end, open_rows in found}

    # Price plans.

    def create_plan(self, issuer_id, name, currency, actor,
                    description=None):
        row = _add(models.Plan(issuer_id=issuer_id, name=name,
                               currency=currency, actor=actor,
                               description=description),
                   api.PlanAlreadyExists(name))
        return self.get_plan(row.id)

    def get_plan(self, plan_id):
        return _get(models.Plan, models.Plan.id, plan_id, api.NoSuchPlan)

    def plans_by_id(self, plan_ids):
        if not plan_ids:
            return []
        with db.session_for_read() as session:
            return session.query(models.Plan).filter(
                models.Plan.id.in_(list(plan_ids))).all()

    def list_plans(self, issuer_id=None, limit=None, marker=None):
        with db.session_for_read() as session:
            query = _equal(session.query(models.Plan),
                           (models.Plan.issuer_id, issuer_id))
            return _page(query, models.Plan, models.Plan.id, limit, marker)

    def _put_future(self, session, model, where, effective_from, now):
        """The row at ``effective_from`` if it may be replaced, else raise.

        ``where``'s rows are locked, so that two requests for the same
        moment serialize.
        """
        existing = session.query(model).filter(*where).filter(
            model.effective_from == effective_from).with_for_update(
        ).one_or_none()
        if existing is not None and effective_from <= now:
            raise api.VersionInForce(effective_from)
        return existing

    def put_plan_version(self, plan_id, effective_from, rates, actor,
                         now, request_id=None):
        effective_from = utc.normalize(effective_from)
        with _writer() as session:
            if session.get(models.Plan, plan_id) is None:
                raise api.NoSuchPlan(plan_id)
            version = self._put_future(
                session, models.PlanVersion,
                [models.PlanVersion.plan_id == plan_id], effective_from,
                utc.normalize(now))
            if version is None:
                version = models.PlanVersion(plan_id=plan_id,
                                             effective_from=effective_from)
                session.add(version)
            version.actor, version.request_id = actor, request_id
            version.rates = [models.PlanRate(resource=resource, rate=rate)
                             for resource, rate in sorted(rates.items())]
            session.flush()
            return version

    def plan_versions(self, plan_ids):
        result = {plan_id: [] for plan_id in plan_ids}
        if not result:
            return result
        with db.session_for_read() as session:
            rows = session.query(models.PlanVersion).filter(
                models.PlanVersion.plan_id.in_(list(result))).order_by(
                models.PlanVersion.effective_from)
            for row in rows:
                result[row.plan_id].append(
                    (row.effective_from, row.id, row.rate_map()))
        return result

    def version_rates(self, version_id):
        with db.session_for_read() as session:
            rows = session.query(models.PlanRate.resource,
                                 models.PlanRate.rate).filter(
                models.PlanRate.version_id == version_id)
            return {resource: rate for resource, rate in rows}

    def put_assignment(self, issuer_id, payer_id, plan_id, effective_from,
                       actor, now, request_id=None):
        effective_from = utc.normalize(effective_from)
        model = models.PlanAssignment
        with _writer() as session:
            row = self._put_future(
                session, model, [model.issuer_id == issuer_id,
                                 model.payer_id == payer_id],
                effective_from, utc.normalize(now))
            if row is None:
                row = model(issuer_id=issuer_id, payer_id=payer_id,
                            effective_from=effective_from)
                session.add(row)
            row.plan_id, row.actor, row.request_id = (plan_id, actor,
                                                      request_id)
            session.flush()
            return row

    def assignments(self, issuer_id, payer_ids):
        result = {payer_id: [] for payer_id in payer_ids}
        if not result:
            return result
        model = models.PlanAssignment
        with db.session_for_read() as session:
            rows = session.query(model).filter(
                model.issuer_id == issuer_id,
                model.payer_id.in_(list(result))).order_by(
                model.effective_from)
            for row in rows:
                result[row.payer_id].append((row.effective_from,
                                             row.plan_id))
        return result

    # Invoices.

    def names_of(self, ids):
        ids = list(set(ids))
        if not ids:
            return {}
        with db.session_for_read() as session:
            found = dict(session.query(
                models.School.domain_id, models.School.name).filter(
                models.School.domain_id.in_(ids)))
            found.update(session.query(
                models.Teacher.project_id, models.Teacher.name).filter(
                models.Teacher.project_id.in_(ids)))
        return found

    def billing_starts(self, payer_ids):
        payer_ids = list(payer_ids)
        result = dict.fromkeys(payer_ids)
        if not payer_ids:
            return result
        invoice, ledger = models.Invoice, models.Allocation
        with db.session_for_read() as session:
            for payer_id, first in session.query(
                    ledger.scope_id, sa.func.min(ledger.effective_from)
            ).filter(ledger.scope_id.in_(payer_ids),
                     ledger.scope_type.in_(api.PAYER_SCOPE_TYPES)).group_by(
                    ledger.scope_id):
                result[payer_id] = utc.normalize(first)
            # The last invoice's end wins over the first grant.
            for payer_id, last in session.query(
                    invoice.payer_id, sa.func.max(invoice.period_end)
            ).filter(invoice.payer_id.in_(payer_ids)).group_by(
                    invoice.payer_id):
                result[payer_id] = utc.normalize(last)
        return result

    def ensure_invoice_counter(self, issuer_id, year):
        try:
            _add(models.InvoiceCounter(issuer_id=issuer_id, year=year,
                                       last_number=0))
        except db_exc.DBDuplicateEntry:
            pass

    def issue_invoices(self, issuer_id, drafts, actor, now,
                       request_id=None):
        now = utc.normalize(now)
        if not drafts:
            return []
        with _writer() as session:
            counter = session.query(models.InvoiceCounter).filter_by(
                issuer_id=issuer_id, year=now.year).with_for_update().one()
            first = counter.last_number + 1
            counter.last_number += len(drafts)
            rows = [self._invoice_row(issuer_id, draft, now.year, first + i,
                                      actor, now, request_id)
                    for i, draft in enumerate(drafts)]
            # One flush: the ORM inserts each table's rows in batches.
            session.add_all(rows)
            session.flush()
            return rows

    @staticmethod
    def _invoice_row(issuer_id, draft, year, number, actor, now, request_id):
        return models.Invoice(
            issuer_id=issuer_id, payer_type=draft.payer_type,
            payer_id=draft.payer_id, year=year, number=number,
            kind=draft.kind, period_start=draft.start, period_end=draft.end,
            currency=draft.currency, total=draft.total, status='issued',
            issued_at=now, actor=actor, request_id=request_id,
            lines=[models.InvoiceLine(
                resource=line.resource, amount=line.amount, start=line.start,
                end=line.end, seconds=line.seconds,
                unit_hours=line.unit_hours, rate=line.rate, total=line.total,
                allocation_id=line.allocation_id,
                plan_version_id=line.version_id) for line in draft.lines])

    def get_invoice(self, invoice_id):
        return _get(models.Invoice, models.Invoice.id, invoice_id,
                    api.NoSuchInvoice)

    def list_invoices(self, issuer_id=None, payer_id=None, status=None,
                      start=None, end=None, limit=None, marker=None):
        model = models.Invoice
        with db.session_for_read() as session:
            query = _equal(session.query(model),
                           (model.issuer_id, issuer_id),
                           (model.payer_id, payer_id),
                           (model.status, status))
            if start is not None:
                query = query.filter(model.period_start >= start)
            if end is not None:
                query = query.filter(model.period_start < end)
            return _page(query, model, model.id, limit, marker)

    def set_invoice_status(self, invoice_id, status, now, reason=None):
        with _writer() as session:
            invoice = session.query(models.Invoice).filter_by(
                id=invoice_id).with_for_update().one_or_none()
            if invoice is None:
                raise api.NoSuchInvoice(invoice_id)
            if invoice.status != 'issued':
                raise api.InvoiceStateError(
                    _("Invoice %(number)s is %(status)s already; only an "
                      "issued invoice can be marked paid or void.")
                    % {'number': invoice.number, 'status': invoice.status})
            invoice.status = status
            if status == 'paid':
                invoice.paid_at = now
            else:
                invoice.voided_at, invoice.void_reason = now, reason
            session.flush()
            return invoice

    # What the reconciler compares with Keystone, in bulk.

    def managed_state(self, school_pk=None):
        alloc = models.Allocation
        with db.session_for_read() as session:
            schools = _equal(session.query(models.School),
                             (models.School.id, school_pk)).all()
            teachers = _equal(session.query(models.Teacher),
                              (models.Teacher.school_id, school_pk)).all()
            enrolments = session.query(models.Enrolment)
            if school_pk is not None:
                enrolments = enrolments.join(models.Enrolment.klass).join(
                    models.EduClass.teacher).filter(
                    models.Teacher.school_id == school_pk)
            enrolments = enrolments.all()
            scope_ids = ({row.domain_id for row in schools} |
                         {row.project_id for row in teachers} |
                         {row.project_id for row in enrolments})
            rows = session.query(
                alloc.scope_type, alloc.scope_id, alloc.resource,
                alloc.amount).filter(alloc.effective_to.is_(None))
            if school_pk is not None:
                # The whole ledger is smaller than an IN list of every
                # project of a big school; filter here instead.
                rows = [row for row in rows if row[1] in scope_ids]
            grants = {}
            for scope_type, scope_id, resource, amount in rows:
                grants.setdefault((scope_type, scope_id), {})[resource] = \
                    amount
        return schools, teachers, enrolments, grants

    # The audit trail.

    def record_audit(self, actor_id, action, actor_name=None,
                     request_id=None, target_type=None, target_id=None,
                     school_id=None, reason=None, details=None, at=None):
        return _add(models.AuditEvent(
            at=at or utc.now(), actor_id=actor_id, actor_name=actor_name,
            request_id=request_id, action=action, target_type=target_type,
            target_id=target_id, school_id=school_id,
            reason=reason and reason[:255], details=details or {}))

    def list_audit(self, school_id=None, actor_id=None, action=None,
                   target_id=None, since=None, limit=None, marker=None):
        model = models.AuditEvent
        with db.session_for_read() as session:
            query = _equal(session.query(model), (model.school_id, school_id),
                           (model.actor_id, actor_id),
                           (model.target_id, target_id))
            if action is not None:
                query = query.filter(model.action.startswith(action,
                                                             autoescape=True))
            if since is not None:
                query = query.filter(model.at >= since)
            return _page(query, model, model.id, limit, marker)

    # Labs.

    def create_template(self, class_id, name, image_id, flavor_id, size,
                        key_policy, actor, image_name=None,
                        flavor_name=None, user_data=None):
        row = _add(models.LabTemplate(
            class_id=class_id, name=name, image_id=image_id,
            image_name=image_name, flavor_id=flavor_id,
            flavor_name=flavor_name, size=size, user_data=user_data,
            key_policy=key_policy, actor=actor),
            api.TemplateAlreadyExists(name))
        return self.get_template(row.id)

    def get_template(self, template_id):
        return _get(models.LabTemplate, models.LabTemplate.id, template_id,
                    api.NoSuchTemplate)

    def list_templates(self, class_id=None, image_id=None, limit=None,
                       marker=None):
        model = models.LabTemplate
        with db.session_for_read() as session:
            query = _equal(session.query(model), (model.class_id, class_id),
                           (model.image_id, image_id))
            return _page(query, model, model.id, limit, marker)

    def delete_template(self, template_id):
        with _writer() as session:
            deleted = session.query(models.LabTemplate).filter(
                models.LabTemplate.id == template_id).delete()
        if not deleted:
            raise api.NoSuchTemplate(template_id)

    def create_job(self, class_id, action, students, actor, now,
                   template_id=None, request_id=None):
        with _writer() as session:
            job = models.LabJob(class_id=class_id, action=action,
                                template_id=template_id, created_at=now,
                                heartbeat_at=now, actor=actor,
                                request_id=request_id)
            session.add(job)
            session.flush()
            session.add_all(models.LabResult(
                job_id=job.id, project_id=project_id, name=name,
                status='pending', servers=[], updated_at=now)
                for project_id, name in students)
            job_id = job.id
        return self.get_job(job_id)

    def get_job(self, job_id):
        return _get(models.LabJob, models.LabJob.id, job_id, api.NoSuchJob)

    def list_jobs(self, class_id, limit=None, marker=None):
        model = models.LabJob
        with db.session_for_read() as session:
            query = session.query(model).filter(model.class_id == class_id)
            return _page(query, model, model.id, limit, marker)

    def record_result(self, job_id, project_id, status, now, servers=(),
                      message=None):
        with _writer() as session:
            session.query(models.LabResult).filter(
                models.LabResult.job_id == job_id,
                models.LabResult.project_id == project_id).update(
                {'status': status, 'servers': list(servers),
                 'message': message and message[:1024], 'updated_at': now})
            session.query(models.LabJob).filter(
                models.LabJob.id == job_id).update({'heartbeat_at': now})

    def finish_job(self, job_id, now):
        with _writer() as session:
            session.query(models.LabJob).filter(
                models.LabJob.id == job_id).update(
                {'heartbeat_at': now, 'finished_at': now})

    def classes_due(self, until):
        model = models.EduClass
        with db.session_for_read() as session:
            return session.query(model).filter(
                model.closed_at.is_(None),
                sa.or_(model.term_end < until,
                       model.ended_at.isnot(None))).order_by(model.id).all()

    # Images.

    def create_image(self, image_id, teacher_pk, name, actor):
        _add(models.Image(image_id=image_id, teacher_id=teacher_pk,
                          name=name, enabled=True, actor=actor),
             api.ImageAlreadyRegistered(image_id))
        return self.get_image(image_id)

    def get_image(self, image_id):
        return _get(models.Image, models.Image.image_id, image_id,
                    api.NoSuchImage)

    def lock_image(self, image_id):
        with _writer() as session:
            return session.execute(sa.select(models.Image.id).where(
                models.Image.image_id == image_id).with_for_update()
            ).scalar() is not None

    def list_images(self, teacher_pk=None, school_pk=None, class_id=None,
                    platform=False, limit=None, marker=None):
        model = models.Image
        wanted = []
        if teacher_pk is not None:
            wanted.append(model.teacher_id == teacher_pk)
        if school_pk is not None:
            wanted.append(model.teacher_id.in_(sa.select(
                models.Teacher.id).where(
                models.Teacher.school_id == school_pk)))
        if class_id is not None:
            wanted.append(model.id.in_(sa.select(
                models.ImageShare.image_pk).where(
                models.ImageShare.class_id == class_id)))
        with db.session_for_read() as session:
            query = session.query(model)
            if wanted:
                condition = sa.and_(*wanted)
                if platform:
                    condition = sa.or_(condition, model.teacher_id.is_(None))
                query = query.filter(condition)
            return _page(query, model, model.image_id, limit, marker)

    def update_image(self, image_id, **changes):
        _update(models.Image, models.Image.image_id, image_id,
                api.NoSuchImage, changes)
        return self.get_image(image_id)

    def delete_image(self, image_id):
        with _writer() as session:
            pk = session.query(models.Image.id).filter(
                models.Image.image_id == image_id).scalar()
            if pk is None:
                raise api.NoSuchImage(image_id)
            session.query(models.ImageShare).filter(
                models.ImageShare.image_pk == pk).delete()
            session.query(models.Image).filter(
                models.Image.id == pk).delete()

    def share_image(self, image_pk, class_id, actor):
        return _add(models.ImageShare(image_pk=image_pk, class_id=class_id,
                                      actor=actor),
                    api.ShareAlreadyExists(class_id))

    def unshare_image(self, image_pk, class_id):
        with _writer() as session:
            deleted = session.query(models.ImageShare).filter(
                models.ImageShare.image_pk == image_pk,
                models.ImageShare.class_id == class_id).delete()
        if not deleted:
            raise api.NoSuchShare(class_id)

    def unshare_class(self, class_id):
        with _writer() as session:
            return session.query(models.ImageShare).filter(
                models.ImageShare.class_id == class_id).delete()
