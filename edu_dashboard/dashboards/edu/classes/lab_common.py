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
"""What the Lab page's tables share: its class, and dict rows."""

from django.utils.translation import gettext_lazy as _
from horizon import tables

from edu_dashboard.dashboards.edu.classes import targets

LAB = 'horizon:edu:classes:lab'
JOB = 'horizon:edu:classes:job'


def yes_no(value):
    return _("Yes") if value else _("No")


def lab_of(table):
    return table.kwargs['klass']


class OnLab(object):
    """An action of the Lab page, decided on its class."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # One button for the class, not "Stop Alls": Horizon's Action
        # makes a plural of the name unless given one.
        self.verbose_name_plural = self.verbose_name

    def get_policy_target(self, request, datum=None):
        return targets.of_class(lab_of(self.table))


class DictTable(tables.DataTable):
    """A table of the API's dicts."""

    def get_object_id(self, datum):
        return str(datum['id'])

    def get_object_display(self, datum):
        return datum.get('name')
