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
"""Whose price plans a page shows: the platform's or the school's."""

from edu_dashboard import personas
from edu_dashboard import policy

PLATFORM = 'platform'


def issuer(request):
    """``platform`` for a platform admin, else the user's school."""
    if personas.is_platform_admin(request) and not (
            request.session.get('domain_context')):
        return PLATFORM
    return personas.school(request).id


def target(request):
    """The policy target of the issuer's plans, as the API resolves it."""
    found = issuer(request)
    return {} if found == PLATFORM else {'domain_id': found}


def allowed(request, rule):
    return policy.allowed(request, rule, target(request))
