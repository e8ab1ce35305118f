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
"""Root of the Education API: ``/v1/rating/module_config/edu/``.

Deliberately not a ``RatingRestControllerBase``: that base gates every
route with CloudKitty's admin-only ``rating:module_config`` rule, while
schools, teachers and students must reach the routes their own ``edu:*``
rules allow.
"""

from pecan import rest

from edu_rating.management.controllers import allocations as allocations_api
from edu_rating.management.controllers import argspec
from edu_rating.management.controllers import audit as audit_api
from edu_rating.management.controllers import base
from edu_rating.management.controllers import classes as classes_api
from edu_rating.management.controllers import images as images_api
from edu_rating.management.controllers import invoices as invoices_api
from edu_rating.management.controllers import labs as labs_api
from edu_rating.management.controllers import plans as plans_api
from edu_rating.management.controllers import platform as platform_api
from edu_rating.management.controllers import schools as schools_api
from edu_rating.management.controllers import students as students_api
from edu_rating.management.controllers import teachers as teachers_api
from edu_rating.management.services import module_info

# Pecan's routing inspects handlers on every request; see argspec.
argspec.install()


class EduRootController(rest.RestController):

    _custom_actions = {
        'info': ['GET'],
    }

    schools = schools_api.SchoolsController()
    teachers = teachers_api.TeachersController()
    classes = classes_api.ClassesController()
    students = students_api.StudentsController()
    templates = labs_api.TemplatesController()
    machines = labs_api.MachinesController()
    jobs = labs_api.JobsController()
    images = images_api.ImagesController()
    allocations = allocations_api.AllocationsController()
    plans = plans_api.PlansController()
    plan_assignments = plans_api.PlanAssignmentsController()
    prices = plans_api.PricesController()
    invoices = invoices_api.InvoicesController()
    costs = invoices_api.CostsController()
    platform = platform_api.PlatformController()
    audit = audit_api.AuditController()

    @base.expose()
    def get_all(self):
        """``GET /``: the module's info (same as ``GET /info``)."""
        return _info()

    @base.expose()
    def info(self):
        return _info()


def _info():
    base.authorize('edu:module:get')
    return module_info.get_module_info()
