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
"""``/schools``: the platform's customers (Keystone domains)."""

from pecan import rest

from edu_rating.management.controllers import base
from edu_rating.management.schemas import bodies
from edu_rating.management.schemas import query
from edu_rating.management.services import schools


class SchoolsController(rest.RestController):

    @base.expose(201, body=bodies.school_create)
    def post(self):
        body = dict({'description': None, 'grant': {}},
                    **base.json_body())
        base.authorize('edu:school:create')
        school, admin = schools.create(base.actor(), **body)
        # Only what identifies the admin: never echo anything else of a
        # user record (such as a password) back.
        return {'school': school,
                'admin': {'id': admin['id'], 'name': admin['name']}}

    @base.expose(query=query.schools)
    def get_all(self):
        params = base.query()
        caller = base.actor()
        # No school filter in the service: it lists the caller's schools;
        # the target is the school admin's own domain.
        base.authorize('edu:school:list', base.list_target(
            caller, {}, [('school_id', 'school')]))
        return base.page('schools', schools.list(caller, **params))

    @base.expose()
    def get_one(self, school_id):
        base.authorize_on('edu:school:get', 'school', school_id)
        return {'school': schools.get(base.actor(), school_id)}

    @base.expose(body=bodies.school_update)
    def patch(self, school_id):
        changes = base.json_body()
        base.authorize_on('edu:school:update', 'school', school_id)
        return {'school': schools.update(base.actor(), school_id, changes)}
