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
"""``/allocations/{scope_type}/{scope_id}``: grants and their ledger."""

from pecan import rest

from edu_rating.management.controllers import base
from edu_rating.management import schemas
from edu_rating.management.schemas import bodies
from edu_rating.management.schemas import query
from edu_rating.management.services import allocations


def _scope(scope_type, scope_id, rule):
    """Check the scope type, then ``rule`` on the scope."""
    schemas.validate({'enum': list(allocations.SCOPE_TYPES)}, scope_type,
                     where='scope_type')
    base.authorize_on(rule % {'scope_type': scope_type}, scope_type,
                      scope_id)


class AllocationsController(rest.RestController):

    _custom_actions = {
        'history': ['GET'],
    }

    @base.expose()
    def get_one(self, scope_type, scope_id):
        _scope(scope_type, scope_id, 'edu:allocation:get')
        return allocations.get(base.actor(), scope_type, scope_id)

    @base.expose(body=bodies.allocation_set)
    def put(self, scope_type, scope_id):
        body = base.json_body()
        _scope(scope_type, scope_id, 'edu:allocation:%(scope_type)s:set')
        # "force" is refused (403) by the service unless the actor's
        # may_force, the verdict of edu:allocation:force, allows it.
        return allocations.set(base.actor(), scope_type, scope_id, **body)

    @base.expose(query=query.history)
    def history(self, scope_type, scope_id):
        params = base.query()
        _scope(scope_type, scope_id, 'edu:allocation:history')
        return base.page('allocations', allocations.history(
            base.actor(), scope_type, scope_id, **params))
