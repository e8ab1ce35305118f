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
"""The end of a class: machines shelved, then the class archived.

``edu-lifecycle`` runs :func:`run_pass` periodically; a teacher may run
each step early (:func:`end`, :func:`archive`) and, once archived, hand
the capacity the students held back to the school (:func:`hand_back`).

1. At the class's end every machine in its students' projects is locked
   (an admin's lock: a student cannot unshelve it) and shelved; Nova then
   offloads it, so it no longer counts in Placement. Extending the term
   unlocks them (:func:`classes.reopen`).
2. After the grace period the machines are deleted, the students'
   projects disabled (and no longer members of the images shared with
   the class) and their grants released to the teacher in the ledger;
   the class is closed, read-only. ``freed`` keeps what they held.
3. Handing back lowers the teacher's grant by that much (never below what
   they still delegate), which ends what the teacher pays for it: a
   settlement invoice follows, as for any change of a payer's grant.

Every step is idempotent and runs under the teacher's row lock, the class
re-read after it: two copies of the job at once do each step once.
"""

from oslo_log import log as logging

from edu_rating.db import api as db_api
from edu_rating import exceptions
from edu_rating import i18n
from edu_rating.i18n import _
from edu_rating.management import broker
from edu_rating.management.services import actor as actor_mod
from edu_rating.management.services import allocations
from edu_rating.management.services import audit
from edu_rating.management.services import classes
from edu_rating.management.services import grants
from edu_rating.management.services import images
from edu_rating.management.services import lookup
from edu_rating.management.services import mail
from edu_rating.management.services import term
from edu_rating.management.services import views
from edu_rating.management.services import work as work_mod
from edu_rating import utc

LOG = logging.getLogger(__name__)

# Who the periodic job acts as, in the ledger and the audit trail.
JOB_ACTOR = actor_mod.Actor('edu-lifecycle', user_name='edu-lifecycle')


def record(actor, step, klass, reason, **details):
    audit.record(actor, 'edu:class:lifecycle:%s' % step,
                 target_type='class', target_id=str(klass.id),
                 school_id=klass.teacher.school.domain_id, reason=reason,
                 details=details)


def _warning(klass, dates):
    """The warning e-mail's subject and body, in English then Chinese."""
    values = {'name': klass.name, 'date': klass.term_end,
              'archive': dates['archive_at'].date()}
    texts = []
    for language in i18n.LANGUAGES:
        with i18n.speaking(language):
            texts.append((
                _("Class %(name)s ends on %(date)s") % values,
                _("Class %(name)s ends on %(date)s. Its lab machines will "
                  "then be shelved, and deleted on %(archive)s: save your "
                  "work before. If you need more time, ask your teacher to "
                  "extend the class.") % values))
    return (' / '.join(subject for subject, _body in texts),
            '\n\n'.join(body for _subject, body in texts))


def _warn(work, class_id, now):
    """E-mail the teacher and the students once, ``warn_days`` ahead."""
    klass = lookup.klass(class_id)
    if klass.warned_at is not None or klass.ended_at is not None:
        return
    users = [klass.teacher.user_id] + [
        e.user_id for e in work.db.list_enrolments(class_id=klass.id)]
    emails = broker.get_broker().user_emails(
        klass.teacher.school.domain_id)
    recipients = sorted({emails.get(user) for user in users} - {None})
    if recipients:
        mail.send(recipients, *_warning(klass, term.of(klass, now)))
    work.db.update_class(klass.id, warned_at=work.now)
    record(work.actor, 'warn', klass, _("the class ends soon"),
           recipients=len(recipients), users=len(users))


def warn(actor, class_id, now=None):
    klass = lookup.klass(class_id)
    work_mod.Work(actor).transaction({'teacher_pk': klass.teacher_id},
                                     _warn, klass.id, now or utc.now())


def _unarchived(class_id):
    """The class, read under the lock; archived, a 409 (done already)."""
    klass = lookup.klass(class_id)
    if klass.archived_at is not None:
        raise exceptions.Conflict(
            _("Class %s is archived.") % klass.name,
            error_code='class.archived')
    return klass


def _shelve(work, class_id, reason):
    klass = _unarchived(class_id)
    lab = broker.get_broker()
    servers = classes.machines_of(klass)
    # Lock first, so that no student unshelves what is being shelved.
    locked = [s['id'] for s in servers if lab.server_action(s, 'lock')]
    shelved = [s['id'] for s in servers if lab.server_action(s, 'shelve')]
    if klass.ended_at is None:
        work.db.update_class(klass.id, ended_at=work.now)
        record(work.actor, 'end', klass, reason, locked=locked,
               shelved=shelved)
    return {'locked': locked, 'shelved': shelved}


def end(actor, class_id, reason=None):
    """Lock and shelve the class's machines; no new ones (idempotent)."""
    klass = lookup.klass(class_id)
    reason = reason or _("the class ended")
    work_mod.Work(actor).transaction({'teacher_pk': klass.teacher_id},
                                     _shelve, klass.id, reason)
    return classes.get(actor, klass.id)


def _archive(work, class_id, reason):
    klass = _unarchived(class_id)
    enrolments = work.db.list_enrolments(class_id=klass.id)
    lab = broker.get_broker()
    machines = classes.machines_of(klass)
    deleted = [s['id'] for s in machines if lab.server_action(s, 'delete')]
    # What unshelving during an extension could not clean up.
    snapshots = lab.delete_shelve_snapshots([s['id'] for s in machines])
    freed = grants.total(grants.current(db_api.Scope('enrolment',
                                                     e.project_id))
                         for e in enrolments)
    grants.change_enrolments(work, klass.teacher,
                             [(e, views.full({})) for e in enrolments],
                             check_floors=False, reason=reason)
    for enrolment in enrolments:
        work.broker.update_project(enrolment.project_id, enabled=False)
        work.done(work.broker.update_project, enrolment.project_id,
                  enabled=True)
        work.db.update_enrolment(enrolment.project_id, removed_at=work.now)
    images.leave(work, klass.id, [e.project_id for e in enrolments])
    work.db.unshare_class(klass.id)
    work.db.update_class(klass.id, ended_at=klass.ended_at or work.now,
                         archived_at=work.now, closed_at=work.now,
                         freed=freed)
    record(work.actor, 'archive', klass, reason, deleted=deleted,
           snapshots=snapshots,
           students=[e.project_id for e in enrolments], freed=freed)


def archive(actor, class_id, reason=None):
    """Delete the machines, release the students, close the class."""
    klass = lookup.klass(class_id)
    reason = reason or _("the class was archived")
    Work = work_mod.Work
    Work(actor).transaction({'teacher_pk': klass.teacher_id}, _shelve,
                            klass.id, reason)
    Work(actor).transaction({'teacher_pk': klass.teacher_id}, _archive,
                            klass.id, reason)
    return classes.get(actor, klass.id)


def hand_back(actor, class_id, reason=None):
    """Lower the teacher's grant by what the archived class freed."""
    klass = lookup.klass(class_id)
    if klass.archived_at is None:
        raise exceptions.Conflict(
            _("Class %s is not archived yet: its students still hold their "
              "grants.") % klass.name, error_code='class.not_archived')
    if klass.handed_back_at is not None:
        raise exceptions.Conflict(
            _("What class %(name)s freed was handed back on %(date)s.")
            % {'name': klass.name, 'date': klass.handed_back_at.date()},
            error_code='class.handed_back')
    teacher = klass.teacher
    scope = db_api.Scope('teacher', teacher.project_id)
    current, held = grants.current(scope), grants.delegated(scope)
    freed = views.full(klass.freed or {})
    lowered = {resource: max(current[resource] - freed[resource],
                             held[resource]) for resource in current}
    reason = reason or (_("capacity of class %s handed back to the school")
                        % klass.name)
    grant = allocations.set(actor, 'teacher', teacher.project_id, lowered,
                            reason=reason)
    db_api.get_instance().update_class(klass.id, handed_back_at=utc.now())
    return {'class': classes.get(actor, klass.id), 'grant': grant}


def _due(klass, now):
    dates = term.of(klass, now)
    if klass.ended_at is None and dates['ends_at'] and \
            now >= dates['ends_at']:
        return 'end'
    if dates['phase'] == 'ending' and klass.warned_at is None and \
            mail.configured():
        return 'warn'
    if klass.ended_at is not None and dates['archive_at'] and \
            now >= dates['archive_at']:
        return 'archive'
    return None


def run_pass(now=None, class_id=None):
    """Every step that is due, for every class; ``now``: a test's clock.

    ``class_id``: that class only (an operator's or a test's run).

    ``{step: [class ids]}`` of what it did; a class whose step failed is
    logged and tried again on the next pass.
    """
    now = now or utc.now()
    done = {'warn': [], 'end': [], 'archive': [], 'failed': []}
    steps = {'end': end, 'archive': archive}
    warn_days, _grace = term.days()
    for klass in db_api.get_instance().classes_due((now + warn_days).date()):
        if class_id is not None and klass.id != class_id:
            continue
        step = _due(klass, now)
        if step is None:
            continue
        try:
            if step == 'warn':
                warn(JOB_ACTOR, klass.id, now)
            else:
                steps[step](JOB_ACTOR, klass.id,
                            reason=_("the class's term ended on %s")
                            % klass.term_end)
            done[step].append(klass.id)
        except exceptions.EduError as error:
            if error.error_code == 'class.archived':
                # Another copy archived it between the listing and the lock.
                continue
            LOG.warning("edu-lifecycle: %(step)s of class %(id)s failed: "
                        "%(error)s", {'step': step, 'id': klass.id,
                                      'error': error})
            done['failed'].append(klass.id)
    return done
