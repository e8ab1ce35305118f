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
"""Every backend call the dashboard makes, one module per service.

Views, tables and forms import this package and call named functions; they
never hold a client object (the manila-ui pattern), so tests mock here.
"""

from edu_dashboard.api import compute  # noqa: F401
from edu_dashboard.api import edu  # noqa: F401
from edu_dashboard.api import keystone  # noqa: F401
