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
"""The audit trail: every change, who made it (id and name), and why.

The API records each change it made (see controllers/base.py), the
reconciler each repair. Events are appended, never changed. What a
request sent is kept without its secrets: any field whose name holds
``password``, ``secret`` or ``token`` is left out, at any depth.
"""

import builtins

from oslo_log import log as logging

from edu_rating.db import api as db_api
from edu_rating.management.services import lookup
from edu_rating.management.services import validation

LOG = logging.getLogger(__name__)

SECRET_WORDS = ('password', 'secret', 'token')
# Longest reason kept (the column's size).
REASON_LENGTH = 255


def without_secrets(value):
    """``value`` with every field named like a secret removed."""
    if isinstance(value, dict):
        return {key: without_secrets(item) for key, item in value.items()
                if not any(word in str(key).lower() for word in SECRET_WORDS)}
    if isinstance(value, (tuple, builtins.list)):
        return [without_secrets(item) for item in value]
    return value


def record(actor, action, target_type=None, target_id=None, school_id=None,
           reason=None, details=None):
    """Append an event; never raises (a change already made stands)."""
    try:
        return db_api.get_instance().record_audit(
            actor.user_id, action, actor_name=actor.user_name,
            request_id=actor.request_id, target_type=target_type,
            target_id=target_id, school_id=school_id,
            reason=reason[:REASON_LENGTH] if isinstance(reason, str)
            else None, details=without_secrets(details or {}))
    except Exception:
        LOG.exception("edu: could not record %(action)s by %(actor)s on "
                      "%(target)s in the audit trail",
                      {'action': action, 'actor': actor.user_id,
                       'target': target_id})
        return None


def view(row):
    return {'id': row.id, 'at': row.at, 'actor_id': row.actor_id,
            'actor_name': row.actor_name, 'request_id': row.request_id,
            'action': row.action, 'target_type': row.target_type,
            'target_id': row.target_id, 'school_id': row.school_id,
            'reason': row.reason, 'details': row.details}


def list(actor, school_id=None, actor_id=None, action=None, target_id=None,
         since=None, limit=100, marker=None):
    """Events oldest first; a school admin's are their school's only."""
    if school_id is not None:
        lookup.school(school_id)
    since = None if since is None else validation.moment(
        since, 'since', None, not_before=False)
    rows, next_marker = lookup.page(
        db_api.get_instance().list_audit, limit, marker, lambda row: row.id,
        school_id=school_id, actor_id=actor_id, action=action,
        target_id=target_id, since=since)
    return [view(row) for row in rows], next_marker
