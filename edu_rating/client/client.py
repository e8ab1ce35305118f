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
"""The client: ``Client(session).schools.list()``."""

from keystoneauth1 import adapter

from edu_rating.client import resources

SERVICE_TYPE = 'rating'


class Client(object):
    """Education API client on a keystoneauth session.

    The API is served by CloudKitty, hence the ``rating`` service type.
    """

    def __init__(self, session, interface='public', region_name=None,
                 endpoint_override=None, **kwargs):
        self.adapter = adapter.Adapter(
            session, service_type=SERVICE_TYPE, interface=interface,
            region_name=region_name, endpoint_override=endpoint_override,
            **kwargs)
        self.schools = resources.SchoolManager(self.adapter)
        self.teachers = resources.TeacherManager(self.adapter)
        self.classes = resources.ClassManager(self.adapter)
        self.students = resources.StudentManager(self.adapter)
        self.templates = resources.TemplateManager(self.adapter)
        self.images = resources.ImageManager(self.adapter)
        self.machines = resources.MachineManager(self.adapter)
        self.jobs = resources.JobManager(self.adapter)
        self.allocations = resources.AllocationManager(self.adapter)
        self.plans = resources.PlanManager(self.adapter)
        self.invoices = resources.InvoiceManager(self.adapter)
        self.costs = resources.CostManager(self.adapter)
        self.platform = resources.PlatformManager(self.adapter)
        self.audit = resources.AuditManager(self.adapter)
