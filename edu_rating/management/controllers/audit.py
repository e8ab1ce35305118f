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
"""``/audit``: the audit trail, all of it or a school's."""

from pecan import rest

from edu_rating.management.controllers import base
from edu_rating.management.schemas import query
from edu_rating.management.services import audit


class AuditController(rest.RestController):

    @base.expose(query=query.audit)
    def get_all(self):
        params = base.query()
        caller = base.actor()
        base.authorize('edu:audit:list', base.list_target(
            caller, params, [('school_id', 'school')]))
        return base.page('events', audit.list(caller, **params))
