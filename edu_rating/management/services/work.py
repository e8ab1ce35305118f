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
"""A unit of work: Keystone/Nova writes and the DB transaction they go with.

The ledger and the limits must never disagree, but Keystone and the
database cannot share a transaction. So every broker write is recorded
with its inverse, and the database commits last: if anything fails before
the commit returns, the recorded writes are undone (newest first) and the
caller gets the error. A deadlock or lock-wait timeout retries the whole
transaction, after undoing that attempt's broker writes, so the retry
recomputes from fresh state instead of re-applying stale numbers.
"""

import contextlib
import time

from oslo_db import api as oslo_db_api
from oslo_db import exception as db_exc
from oslo_log import log as logging

from edu_rating import conf as edu_conf
from edu_rating.db import api as db_api
from edu_rating import exceptions
from edu_rating.i18n import _
from edu_rating.management import broker
from edu_rating import testhooks
from edu_rating import utc

LOG = logging.getLogger(__name__)

# A transaction waits for its parent's row lock while the holder talks to
# Keystone; retries are for deadlocks and timeouts, not for queueing.
MAX_RETRIES = 5
# Pauses between attempts of an undo during an outage, in seconds.
UNDO_FIRST_PAUSE = 0.5
UNDO_MAX_PAUSE = 5


def translate_db_error(error):
    """Our DB API's deliberate errors as service exceptions."""
    if isinstance(error, db_api.NoSuchObject):
        return exceptions.NotFound(error.kind, error.ident)
    if isinstance(error, (db_api.SchoolAlreadyExists,
                          db_api.TeacherAlreadyExists,
                          db_api.TemplateAlreadyExists,
                          db_api.ImageAlreadyRegistered,
                          db_api.ShareAlreadyExists,
                          db_api.PlanAlreadyExists,
                          db_api.VersionInForce)):
        return exceptions.Conflict(str(error), error_code=error.error_code)
    return exceptions.Invalid(str(error), error_code=error.error_code)


class Work(object):

    def __init__(self, actor, at=None):
        """``at``: when the ledger changes, if earlier than now.

        A back-dated correction (validated by the caller); ``now`` stays
        when the work is done (invoices are issued now).
        """
        self.actor = actor
        self.db = db_api.get_instance()
        self.now = utc.now()
        self._at = at
        self.at = at or self.now
        self._undo = []

    @property
    def broker(self):
        # Looked up when used: DB-only work (closing a class) needs no
        # Keystone credentials.
        return broker.get_broker()

    def done(self, undo, *args, **kwargs):
        """Record how to undo a write that just succeeded."""
        self._undo.append((undo, args, kwargs))

    def created(self, ref, delete):
        """Record a Keystone object just created; returns it."""
        self.done(delete, ref['id'])
        return ref

    def set_limits(self, project_id, limits, believed=None):
        """Write a project's limits, to be undone if the work fails.

        ``believed``: the limits the ledger says the project has now.
        """
        previous = self.broker.set_project_limits(project_id, limits,
                                                  believed=believed)
        self.done(self.broker.set_project_limits, project_id, previous)

    @staticmethod
    def _undo_patiently(undo, args, kwargs):
        """Undo, riding out a Keystone or Nova outage for a while.

        The outage that failed the change often fails its undo too (a
        restarting Keystone, a database both share): waiting a little
        keeps the ledger and Keystone in step instead of leaving the
        reconciler a repair.
        """
        patience = edu_conf.register_opts().edu.undo_patience
        deadline = time.monotonic() + patience
        pause = UNDO_FIRST_PAUSE
        while True:
            try:
                return undo(*args, **kwargs)
            except exceptions.BackendUnavailable as error:
                if time.monotonic() + pause > deadline:
                    raise
                LOG.warning("edu: undo %(undo)s failed (%(error)s); "
                            "retrying in %(pause).1f s",
                            {'undo': getattr(undo, '__name__', undo),
                             'error': error, 'pause': pause})
                time.sleep(pause)
                pause = min(pause * 2, UNDO_MAX_PAUSE)

    def compensate(self, since=0):
        while len(self._undo) > since:
            undo, args, kwargs = self._undo.pop()
            try:
                self._undo_patiently(undo, args, kwargs)
            except Exception:
                # Nothing more can be done here; the reconciler reports the
                # drift between the ledger and Keystone.
                LOG.exception("edu: could not undo %(undo)s%(args)s; "
                              "Keystone may now disagree with the ledger",
                              {'undo': getattr(undo, '__name__', undo),
                               'args': args})

    @contextlib.contextmanager
    def compensating(self):
        """Undo every recorded write if the block fails."""
        try:
            yield self
        except Exception:
            self.compensate()
            raise

    def transaction(self, locks, function, *args):
        """``function(work, *args)`` in one retried DB transaction.

        :param locks: ``lock_rows`` arguments (``school_pk``,
            ``teacher_pk``): the rows locked first thing in the
            transaction, so that every object ``function`` loads is read
            after the lock, fresh.
        """

        @oslo_db_api.wrap_db_retry(max_retries=MAX_RETRIES,
                                   retry_interval=0.05,
                                   inc_retry_interval=True,
                                   max_retry_interval=1,
                                   retry_on_deadlock=True, jitter=True)
        def attempt():
            mark = len(self._undo)
            self.now = utc.now()
            self.at = self._at or self.now
            try:
                with self.db.transaction():
                    self.db.lock_rows(**locks)
                    try:
                        result = function(self, *args)
                        testhooks.reached(testhooks.BEFORE_COMMIT)
                        return result
                    except Exception:
                        # Undo while the rows are still locked: after the
                        # rollback another request may already have
                        # written newer limits that this undo would revert.
                        self.compensate(since=mark)
                        raise
            except Exception:
                # The commit itself failed: undo what is left (nothing when
                # the block above already did).
                self.compensate(since=mark)
                raise

        try:
            return attempt()
        except db_api.EduDBError as error:
            raise translate_db_error(error)
        except (db_exc.DBDeadlock, db_exc.DBConnectionError) as error:
            LOG.warning("edu: database busy or unreachable: %s", error)
            raise exceptions.BackendUnavailable(
                _("The database is busy; nothing was changed, please try "
                  "again."), error_code='database.busy')
