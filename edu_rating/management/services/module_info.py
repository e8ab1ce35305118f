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
"""Facts about this deployment of the module that clients need to render."""

from edu_rating import conf as edu_conf
from edu_rating import version


def get_module_info(conf=None):
    conf = edu_conf.register_opts(conf or edu_conf.CONF)
    return {
        'module': 'edu',
        'version': version.version_string(),
        'resources': list(conf.edu.resources),
        'enforcement_backend': conf.edu.enforcement_backend,
    }
