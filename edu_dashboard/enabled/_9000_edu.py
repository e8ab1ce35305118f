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
# The Education dashboard. Copy the edu_dashboard/enabled/_9*.py files into
# openstack_dashboard/local/enabled/ to turn it on.
from edu_rating.client import exceptions as edu_exceptions

DASHBOARD = 'edu'

# edu_dashboard brings the templates and the translation catalogue, the
# dashboard package registers the dashboard itself.
ADD_INSTALLED_APPS = [
    'edu_dashboard',
    'edu_dashboard.dashboards.edu',
]

DISABLED = False

# School admins, whose token is scoped to the school's domain, land on the
# Education dashboard instead of an empty Project overview.
UPDATE_HORIZON_CONFIG = {'user_home': 'edu_dashboard.home.user_home'}

# The Education API's refusals are the user's to read (their message says
# what to change), not errors of the page; Forbidden too, which for
# Horizon's "unauthorized" would log the user out.
ADD_EXCEPTIONS = {
    'recoverable': (edu_exceptions.BadRequest, edu_exceptions.Forbidden,
                    edu_exceptions.Conflict,
                    edu_exceptions.ServiceUnavailable),
    'not_found': (edu_exceptions.NotFound,),
}
