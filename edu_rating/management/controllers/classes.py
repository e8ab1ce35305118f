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
"""``/classes``: a teacher's classes (ids are integers of ours)."""

from pecan import rest

from edu_rating.management.controllers import base
from edu_rating.management.schemas import bodies
from edu_rating.management.schemas import query
from edu_rating.management.services import allocations
from edu_rating.management.services import classes
from edu_rating.management.services import lifecycle


def class_id(ident):
    return base.row_id('class', ident)


class GrantController(rest.RestController):
    """``/classes/{id}/grant``: the same grant for every student."""

    @base.expose(body=bodies.class_grant)
    def put(self, ident):
        ident = class_id(ident)
        body = base.json_body()
        base.authorize_on('edu:class:grant', 'class', ident)
        return allocations.set_class(base.actor(), ident, **body)


class ClassesController(rest.RestController):

    grant = GrantController()

    _custom_actions = {
        'close': ['POST'],
        'end': ['POST'],
        'archive': ['POST'],
        'hand_back': ['POST'],
    }

    @base.expose(201, body=bodies.class_create)
    def post(self):
        body = base.json_body()
        base.authorize_on('edu:class:create', 'teacher', body['teacher_id'])
        return {'class': classes.create(base.actor(), **body)}

    @base.expose(query=query.classes)
    def get_all(self):
        params = base.query()
        caller = base.actor()
        base.authorize('edu:class:list', base.list_target(
            caller, params, [('teacher_id', 'teacher'),
                             ('school_id', 'school')]))
        return base.page('classes', classes.list(caller, **params))

    @base.expose()
    def get_one(self, ident):
        ident = class_id(ident)
        base.authorize_on('edu:class:get', 'class', ident)
        return {'class': classes.get(base.actor(), ident)}

    @base.expose(body=bodies.class_update)
    def patch(self, ident):
        ident = class_id(ident)
        changes = base.json_body()
        base.authorize_on('edu:class:update', 'class', ident)
        return {'class': classes.update(base.actor(), ident, changes)}

    @base.expose()
    def close(self, ident):
        ident = class_id(ident)
        base.authorize_on('edu:class:close', 'class', ident)
        return {'class': classes.close(base.actor(), ident)}

    def _step(self, ident, rule, step):
        ident = class_id(ident)
        reason = base.optional_json_body().get('reason')
        base.authorize_on(rule, 'class', ident)
        return step(base.actor(), ident, reason=reason)

    @base.expose(body=bodies.class_step)
    def end(self, ident):
        return {'class': self._step(ident, 'edu:class:end', lifecycle.end)}

    @base.expose(body=bodies.class_step)
    def archive(self, ident):
        return {'class': self._step(ident, 'edu:class:archive',
                                    lifecycle.archive)}

    @base.expose(body=bodies.class_step)
    def hand_back(self, ident):
        return self._step(ident, 'edu:class:hand_back', lifecycle.hand_back)
