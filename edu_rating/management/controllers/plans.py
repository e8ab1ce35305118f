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
"""``/plans``, ``/plan_assignments`` and ``/prices``.

What a granted hour costs, and who pays by which plan.
"""

from pecan import rest

from edu_rating import exceptions
from edu_rating.i18n import _
from edu_rating.management.controllers import base
from edu_rating.management import schemas
from edu_rating.management.schemas import bodies
from edu_rating.management.schemas import query
from edu_rating.management.services import plans


def _issuer(caller, issuer_id):
    """The issuer a list is about: a school admin's own by default."""
    if issuer_id is not None:
        return issuer_id
    if caller.is_platform_admin:
        return None
    if caller.domain_id:
        return caller.domain_id
    raise exceptions.Forbidden(_('Say whose plans: give issuer.'),
                               error_code='list.unscoped', filters=['issuer'])


class VersionsController(rest.RestController):

    @base.expose(201, body=bodies.plan_version_create)
    def post(self, plan_id):
        body = base.json_body()
        base.authorize_on('edu:plan:version:create', 'plan', plan_id)
        return {'plan': plans.add_version(base.actor(), plan_id, **body)}


class PlansController(rest.RestController):

    versions = VersionsController()

    @base.expose(201, body=bodies.plan_create)
    def post(self):
        body = base.json_body()
        base.authorize_on('edu:plan:create', 'issuer', body['issuer'])
        body['issuer_id'] = body.pop('issuer')
        return {'plan': plans.create(base.actor(), **body)}

    @base.expose(query=query.plans)
    def get_all(self):
        params = base.query()
        caller = base.actor()
        issuer_id = _issuer(caller, params.pop('issuer', None))
        if issuer_id is None:
            base.authorize('edu:plan:list', {})
        else:
            base.authorize_on('edu:plan:list', 'issuer', issuer_id)
        return base.page('plans', plans.list(caller, issuer_id=issuer_id,
                                             **params))

    @base.expose()
    def get_one(self, plan_id):
        base.authorize_on('edu:plan:get', 'plan', plan_id)
        return {'plan': plans.get(base.actor(), plan_id)}


class PlanAssignmentsController(rest.RestController):

    @base.expose(query=query.plan_assignments)
    def get_all(self):
        params = base.query()
        caller = base.actor()
        issuer_id = _issuer(caller, params.get('issuer'))
        if issuer_id is None:
            raise exceptions.Invalid(_('Say whose assignments: give '
                                       'issuer.'), error_code='list.unscoped',
                                     field='issuer')
        base.authorize_on('edu:plan:assignment:list', 'issuer', issuer_id)
        payer = params.get('payer_id')
        return {'assignments': plans.assignments(
            caller, issuer_id, [payer] if payer else None)}

    @base.expose(body=bodies.plan_assignment_set)
    def put(self):
        body = base.json_body()
        base.authorize_on('edu:plan:assignment:set', 'issuer',
                          body['issuer'])
        return {'assignment': plans.assign(
            base.actor(), body['issuer'], body.get('payer_id'),
            body['plan_id'], body.get('effective_from'))}


class PricesController(rest.RestController):

    @base.expose()
    def get_one(self, scope_type, scope_id):
        schemas.validate({'enum': ['school', 'teacher']}, scope_type,
                         where='scope_type')
        base.authorize_on('edu:price:get', scope_type, scope_id)
        return plans.applicable(base.actor(), scope_type, scope_id)
