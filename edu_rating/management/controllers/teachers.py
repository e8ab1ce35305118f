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
"""``/teachers``: a school's teachers (identified by their project)."""

from pecan import rest

from edu_rating.management.controllers import base
from edu_rating.management.schemas import bodies
from edu_rating.management.schemas import query
from edu_rating.management.services import teachers


class TeachersController(rest.RestController):

    @base.expose(201, body=bodies.teacher_create)
    def post(self):
        body = base.json_body()
        base.authorize_on('edu:teacher:create', 'school', body['school_id'])
        return {'teacher': teachers.create(base.actor(), **body)}

    @base.expose(query=query.teachers)
    def get_all(self):
        params = base.query()
        caller = base.actor()
        base.authorize('edu:teacher:list', base.list_target(
            caller, params, [('school_id', 'school')]))
        return base.page('teachers', teachers.list(caller, **params))

    @base.expose()
    def get_one(self, teacher_id):
        base.authorize_on('edu:teacher:get', 'teacher', teacher_id)
        return {'teacher': teachers.get(base.actor(), teacher_id)}

    @base.expose(body=bodies.teacher_update)
    def patch(self, teacher_id):
        changes = base.json_body()
        base.authorize_on('edu:teacher:update', 'teacher', teacher_id)
        return {'teacher': teachers.update(base.actor(), teacher_id,
                                           changes)}
