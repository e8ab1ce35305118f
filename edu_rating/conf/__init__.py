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
"""Configuration of the rating module, one module per option group.

Nothing is registered at import time: callers run :func:`register_opts`
when they first need an option, so importing ``edu_rating`` never changes
CloudKitty's global configuration behind its back.
"""

from oslo_config import cfg

from edu_rating.conf import edu
from edu_rating.conf import edu_broker
from edu_rating.conf import edu_labs
from edu_rating.conf import edu_reconcile
from edu_rating.conf import edu_usage

CONF = cfg.CONF

_GROUP_MODULES = (edu, edu_broker, edu_labs, edu_reconcile, edu_usage)


def register_opts(conf=CONF):
    """Register every option group of the rating module on ``conf``.

    Safe to call repeatedly, and cheap once done (hot paths ask for options
    per payer): oslo.config ignores identical re-registration, but
    keystoneauth's option lists are costly to build.
    """
    for module in _GROUP_MODULES:
        if module.GROUP_NAME not in conf:
            module.register_opts(conf)
    return conf
