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
from django.utils.translation import gettext_lazy as _

import horizon

from edu_dashboard import personas
from edu_dashboard import policy


class School(horizon.Panel):
    """Members of the school: for whom the API shows the school.

    Horizon checks allowed() both for the navigation and, through
    require_component_access, for every URL of the panel. The rule is the
    API's (edu:school:get, its school admins and the platform admins).
    """

    name = _("School members")
    slug = 'school'

    def allowed(self, context):
        request = context['request']
        return (super().allowed(context) and
                policy.allowed(request, 'edu:school:get',
                               {'domain_id': personas.school(request).id}))
