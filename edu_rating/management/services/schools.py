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
"""Schools: a Keystone domain, its first administrator and its grant."""

from edu_rating import conf as edu_conf
from edu_rating.db import api as db_api
from edu_rating import exceptions
from edu_rating.i18n import _
from edu_rating.management.services import backdating
from edu_rating.management.services import grants
from edu_rating.management.services import lookup
from edu_rating.management.services import render
from edu_rating.management.services import validation
from edu_rating.management.services import work as work_mod
from edu_rating.rating import state as rating_state


def _record(work, domain, description, grant, reason):
    school = work.db.create_school(domain['id'], domain['name'],
                                   description=description)
    grants.change_school(work, school, grant, reason=reason)
    return school


def create(actor, name, description, admin, grant, effective_from=None,
           reason=None):
    """Onboard a school: its domain, first admin and grant.

    ``effective_from``: a back-dated start (see backdating).
    """
    name = validation.keystone_name(name, 'name')
    description = validation.text(description, 'description',
                                  required=False)
    if not isinstance(admin, dict):
        raise exceptions.Invalid(
            _("admin must be an object with name, password and email."),
            error_code='school.admin_invalid', field='admin')
    admin_name = validation.keystone_name(admin.get('name'), 'admin name')
    password = validation.new_password(admin.get('password'),
                                       'admin password')
    email = validation.email(admin.get('email'), 'admin email')
    grant = validation.grant(grant)
    reason = validation.text(reason, 'reason', required=False)
    at = backdating.moment(actor, effective_from, reason)
    role = edu_conf.register_opts().edu.school_admin_role

    work = work_mod.Work(actor, at=at)
    with work.compensating():
        domain = work.created(
            work.broker.create_domain(name=name, description=description),
            work.broker.delete_domain)
        user = work.created(
            work.broker.create_user(domain_id=domain['id'], name=admin_name,
                                    password=password, email=email),
            work.broker.delete_user)
        work.broker.grant_domain_role(role, user['id'], domain['id'])
        # A new school: no one else can see its row yet, nothing to lock.
        school = work.transaction({}, _record, domain, description,
                                  grant, reason)
    rating_state.start_rating_at(school.domain_id, work.at)
    return render.one('school', school), user


def list(actor, name=None, enabled=None, limit=100, marker=None):
    # A school admin lists their own school only, whatever the policy says.
    domain_id = None if actor.is_platform_admin else actor.domain_id or ''
    rows, next_marker = lookup.page(
        db_api.get_instance().list_schools, limit, marker,
        lambda row: row.domain_id, name=name, enabled=enabled,
        domain_id=domain_id)
    return render.many('school', rows), next_marker


def get(actor, school_id):
    return render.one('school', lookup.school(school_id))


def _update(work, school_id, changes):
    school = lookup.school(school_id)
    previous = {field: getattr(school, field) for field in changes}
    work.db.update_school(school_id, **changes)
    # Keystone last: a refusal there needs nothing undone but the
    # transaction; a failed commit after it restores the domain.
    work.broker.update_domain(school_id, **changes)
    work.done(work.broker.update_domain, school_id, **previous)


def update(actor, school_id, changes):
    changes = validation.changes(changes, ('description', 'enabled'),
                                 _('school'))
    if 'description' in changes:
        changes['description'] = validation.text(
            changes['description'], 'description', required=False)
    if 'enabled' in changes:
        validation.flag(changes['enabled'], 'enabled')
    school = lookup.school(school_id)
    if changes:
        work_mod.Work(actor).transaction({'school_pk': school.id}, _update,
                                         school_id, changes)
    return get(actor, school_id)
