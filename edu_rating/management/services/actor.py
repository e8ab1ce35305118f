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
"""Who is asking: what the service layer needs to know of a request."""

import dataclasses


@dataclasses.dataclass(frozen=True)
class Actor:
    """The caller, as the API layer resolved it from the request context.

    ``may_force`` and ``may_backdate`` are the verdicts of the
    ``edu:allocation:force`` and ``edu:allocation:backdate`` rules: the
    service layer never evaluates policy itself.
    """

    user_id: str
    request_id: str = None
    user_name: str = None
    project_id: str = None
    domain_id: str = None
    is_platform_admin: bool = False
    may_force: bool = False
    may_backdate: bool = False
    # The caller's Keystone token, for what must be done as them (a lab
    # machine is created with their token, rescoped). Never shown.
    token: str = dataclasses.field(default=None, repr=False, compare=False)
