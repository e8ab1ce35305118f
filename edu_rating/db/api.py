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
"""Abstract database API of the rating module, and its errors.

Richer rules (who may grant what, sums under the parent's grant) belong to
the service layer; this API only keeps the ledger append-only and each
change atomic.
"""

import abc
import collections

from oslo_db import api as oslo_db_api

from edu_rating.i18n import _

_BACKEND_MAPPING = {'sqlalchemy': 'edu_rating.db.sqlalchemy.api'}

# The backend is fixed (CloudKitty only runs on SQLAlchemy) and imported on
# first use, so importing this module reads no configuration.
_IMPL = oslo_db_api.DBAPI('sqlalchemy',
                          backend_mapping=_BACKEND_MAPPING,
                          lazy=True)

SCOPE_TYPES = ('school', 'teacher', 'enrolment')
# Scopes that pay: a school pays the platform, a teacher pays the school.
# Students pay nothing.
PAYER_SCOPE_TYPES = ('school', 'teacher')


def get_instance():
    """Return the DB API (loads the SQLAlchemy backend on first call)."""
    return _IMPL


class Scope(collections.namedtuple('Scope', ('type', 'id'))):
    """Who holds a grant: ``(type, Keystone id)``, e.g. a school domain."""

    __slots__ = ()

    def __new__(cls, type, id):
        if type not in SCOPE_TYPES:
            raise InvalidScope(type)
        if not id:
            raise InvalidScope(type)
        return super().__new__(cls, type, id)


class EduDBError(Exception):
    """Base of the errors this API raises on purpose."""


class InvalidScope(EduDBError, ValueError):
    def __init__(self, scope_type):
        super().__init__(
            _("Unknown or incomplete scope %(type)s; expected one of "
              "%(types)s with an id.")
            % {'type': scope_type, 'types': ', '.join(SCOPE_TYPES)})


class SchoolAlreadyExists(EduDBError):
    def __init__(self, domain_id):
        self.domain_id = domain_id
        super().__init__(
            _("Domain %s is already a school.") % domain_id)


class NoSuchSchool(EduDBError):
    def __init__(self, domain_id):
        self.domain_id = domain_id
        super().__init__(_("No school for domain %s.") % domain_id)


class TeacherAlreadyExists(EduDBError):
    def __init__(self, project_id):
        self.project_id = project_id
        super().__init__(
            _("Project %s already belongs to a teacher.") % project_id)


class InvalidGrant(EduDBError, ValueError):
    """A grant change that would rewrite history or makes no sense."""


class EduDBAPI(object, metaclass=abc.ABCMeta):

    @abc.abstractmethod
    def get_migration(self):
        """Return the migration module (used by cloudkitty-dbsync)."""

    @abc.abstractmethod
    def create_school(self, domain_id, name, enabled=True):
        """Tag a Keystone domain as a school.

        :raises SchoolAlreadyExists:
        """

    @abc.abstractmethod
    def get_school(self, domain_id):
        """:raises NoSuchSchool:"""

    @abc.abstractmethod
    def list_schools(self):
        """Every school, enabled or not, ordered by id."""

    @abc.abstractmethod
    def create_teacher(self, school_id, user_id, project_id, name,
                       enabled=True):
        """Record a teacher and their teacher project.

        :raises TeacherAlreadyExists:
        """

    @abc.abstractmethod
    def list_teachers(self, school_id=None):
        """Every teacher (of one school if given), ordered by id."""

    @abc.abstractmethod
    def current_grants(self, scope):
        """Open ledger rows of a scope, as ``{resource: Allocation}``."""

    @abc.abstractmethod
    def set_grant(self, scope, resource, amount, actor,
                  effective_from=None, request_id=None, reason=None):
        """Close the scope's open row for ``resource`` and open a new one.

        Both happen in one transaction, with the open row locked.

        :param effective_from: aware datetime, defaults to now; it may not
            precede the open row's start (history is never rewritten).
        :returns: the new open Allocation.
        :raises InvalidGrant:
        """

    @abc.abstractmethod
    def ledger_history(self, scope, resource=None):
        """Every ledger row of a scope, oldest first."""

    @abc.abstractmethod
    def allocations_in_period(self, scope_ids, scope_types, start, end,
                              resource=None):
        """Ledger rows of the scopes that overlap ``[start, end)``."""
