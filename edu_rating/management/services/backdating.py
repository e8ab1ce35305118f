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
"""Back-dated corrections of the ledger: who, how far back, and why.

A platform admin may make a grant change, or a school's or teacher's
start, take effect earlier than now: a contract that began on the 1st,
onboarded on the 3rd. Only within the current billing month (billed
months are closed: a correction there is a new invoice), never in the
future, always with a reason; the ledger row keeps when it was written
(``recorded_at``). grants.check_history refuses a moment before the
school's last change. What CloudKitty already rated from that moment on
is rated again.
"""

from edu_rating.db import api as db_api
from edu_rating import exceptions
from edu_rating.i18n import _
from edu_rating.management.services import invoices
from edu_rating.management.services import validation
from edu_rating.rating import state as rating_state
from edu_rating import utc


def moment(actor, effective_from, reason, reason_required=True):
    """When a change takes effect: None for now, else the checked past."""
    if effective_from is None:
        return None
    if not actor.may_backdate:
        raise exceptions.Forbidden(
            _("Only a platform administrator may back-date a change "
              "(policy rule edu:allocation:backdate)."),
            error_code='policy.refused', rule='edu:allocation:backdate')
    now = utc.now()
    at = validation.moment(effective_from, 'effective_from', now,
                           not_before=False)
    if at > now:
        raise exceptions.Invalid(
            _("effective_from %s is in the future: a change takes effect "
              "when it is made, or earlier as a correction.")
            % effective_from, error_code='backdate.in_future',
            field='effective_from')
    month_start = invoices.month_of(now)[0]
    if at < month_start:
        raise exceptions.Invalid(
            _("effective_from %(at)s is before this billing month, which "
              "began %(start)s: billed months are closed.")
            % {'at': effective_from, 'start': month_start.isoformat()},
            error_code='backdate.month_closed', field='effective_from')
    if reason_required and validation.text(reason, 'reason',
                                           required=False) is None:
        raise exceptions.Invalid(
            _("A back-dated change needs a reason."),
            error_code='backdate.reason_missing', field='reason')
    return at


def _past(actor, effective_from):
    """The moment if it is in the past and the actor may go there."""
    now = utc.now()
    at = validation.moment(effective_from, 'effective_from', now,
                           not_before=not actor.may_backdate)
    if at >= now:
        return None
    return moment(actor, effective_from, None, reason_required=False)


def new_plan(actor, effective_from):
    """The back-dated start of a new plan's first version, or None."""
    return _past(actor, effective_from)


def payers_of(db, issuer_id):
    """``(payer type, [payer ids])`` an issuer bills."""
    if issuer_id == db_api.PLATFORM:
        return 'school', [s.domain_id for s in db.list_schools()]
    school = db.get_school(issuer_id)
    return 'teacher', [t.project_id for t in db.list_teachers(
        school_pk=school.id)]


def assignment(actor, issuer_id, payer_id, effective_from):
    """A plan assignment made back in time: ``(moment, payers)`` or None.

    ``payers`` are the scopes it reprices: the payer, or for a default
    every payer of the issuer. Not before any of their invoices' end, nor
    before the assignment it follows.
    """
    at = _past(actor, effective_from)
    if at is None:
        return None
    db = db_api.get_instance()
    payer_type, payers = payers_of(db, issuer_id)
    if payer_id != db_api.DEFAULT_PAYER:
        payers = [payer_id]
    billed = [(p, since) for p, since in db.billing_starts(payers).items()
              if since is not None]
    latest = [(payer_id, when) for when, _plan in db.assignments(
        issuer_id, [payer_id])[payer_id]]
    for who, since in billed + latest:
        if since > at:
            raise exceptions.Conflict(
                _("%(payer)s is billed or assigned up to %(since)s; a plan "
                  "cannot be assigned from %(at)s, before it.")
                % {'payer': who, 'since': since.isoformat(),
                   'at': at.isoformat()}, error_code='backdate.billed')
    return at, [db_api.Scope(payer_type, p) for p in payers]


def rerate(scope, at, reason):
    """After the commit: CloudKitty rates a payer again from ``at``."""
    if at is not None and scope.type in db_api.PAYER_SCOPE_TYPES:
        rating_state.rerate_from(scope.id, at, reason)
