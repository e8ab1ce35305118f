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
"""Entry point of ``oslo-config-generator`` (namespace ``edu_rating``)."""

from edu_rating.conf import edu
from edu_rating.conf import edu_broker
from edu_rating.conf import edu_labs
from edu_rating.conf import edu_reconcile
from edu_rating.conf import edu_usage


def list_opts():
    groups = {}
    for module in (edu, edu_broker, edu_labs, edu_reconcile,
                   edu_usage):
        groups.update(module.list_opts())
    return [(group, opts) for group, opts in groups.items()]
