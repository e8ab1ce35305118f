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
"""``/templates``, ``/machines`` and ``/jobs``: a class's lab machines."""

from pecan import rest

from edu_rating.management.controllers import base
from edu_rating.management.schemas import bodies
from edu_rating.management.schemas import query
from edu_rating.management.services import lab_jobs
from edu_rating.management.services import labs


# A student names their enrolment, a teacher or school their class.
BY_CLASS_OR_STUDENT = [('student_id', 'student'), ('class_id', 'class')]


class TemplatesController(rest.RestController):

    @base.expose(201, body=bodies.template_create)
    def post(self):
        body = base.json_body()
        base.authorize_on('edu:template:create', 'class', body['class_id'])
        return {'template': labs.create(base.actor(), **body)}

    @base.expose(query=query.templates)
    def get_all(self):
        params = base.query()
        caller = base.actor()
        base.authorize('edu:template:list', base.list_target(
            caller, params, BY_CLASS_OR_STUDENT))
        return base.page('templates', labs.list(caller, **params))

    @base.expose()
    def get_one(self, ident):
        ident = base.row_id('template', ident)
        base.authorize_on('edu:template:get', 'template', ident)
        return {'template': labs.get(base.actor(), ident)}

    @base.expose(204)
    def delete(self, ident):
        ident = base.row_id('template', ident)
        base.authorize_on('edu:template:delete', 'template', ident)
        labs.delete(base.actor(), ident)


class MachinesController(rest.RestController):

    @base.expose(201, body=bodies.machine_create)
    def post(self):
        body = base.json_body()
        base.authorize_on('edu:machine:create', 'student', body['student_id'])
        return {'machine': labs.launch(base.actor(), **body)}

    @base.expose(query=query.machines)
    def get_all(self):
        params = base.query()
        caller = base.actor()
        base.authorize('edu:machine:list', base.list_target(
            caller, params, BY_CLASS_OR_STUDENT))
        return {'machines': labs.machines(caller, **params)}


class JobsController(rest.RestController):

    @base.expose(202, body=bodies.job_create)
    def post(self):
        body = base.json_body()
        base.authorize_on('edu:job:create', 'class', body['class_id'])
        return {'job': lab_jobs.start(base.actor(), **body)}

    @base.expose(query=query.jobs)
    def get_all(self):
        params = base.query()
        caller = base.actor()
        base.authorize('edu:job:list', base.list_target(
            caller, params, [('class_id', 'class')]))
        return base.page('jobs', lab_jobs.list(caller, **params))

    @base.expose()
    def get_one(self, ident):
        ident = base.row_id('job', ident)
        base.authorize_on('edu:job:get', 'job', ident)
        return {'job': lab_jobs.get(base.actor(), ident)}
