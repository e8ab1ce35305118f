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
"""The ``[edu_broker]`` group: the broker's own service credentials.

Keystone's limit APIs are admin-only, so the broker acts with a service
user of its own; these are the standard keystoneauth auth and session
options, loaded with ``keystoneauth1.loading`` from this group.
"""

import copy

from keystoneauth1 import loading as ks_loading
from oslo_config import cfg

GROUP_NAME = 'edu_broker'

edu_broker_group = cfg.OptGroup(
    GROUP_NAME,
    title='Edu Cloud broker credentials',
    help='Service credentials used to write Keystone limits and Nova '
         'quotas on behalf of schools and teachers.')


# A hung Keystone or Nova must not hang an API worker: every call gives
# up after this many seconds (keystoneauth's own option, with our default)
# and the caller gets a 503 saying so.
DEFAULT_TIMEOUT = 15

edu_broker_opts = [
    cfg.IntOpt('connect_retries', default=2, min=0,
               help='How many times to retry a read (GET) from Keystone, '
                    'Nova or Placement that could not connect or timed '
                    'out. Writes are not retried: keystoneauth cannot tell '
                    'a write that never connected from one that timed out '
                    'after the service acted on it.'),
]


def register_opts(conf):
    conf.register_group(edu_broker_group)
    ks_loading.register_session_conf_options(conf, GROUP_NAME)
    conf.set_default('timeout', DEFAULT_TIMEOUT, group=GROUP_NAME)
    ks_loading.register_auth_conf_options(conf, GROUP_NAME)
    conf.register_opts(edu_broker_opts, group=GROUP_NAME)


def list_opts():
    # The sample shows the password plugin's options, the usual choice
    # for a service user; any keystoneauth plugin can be configured.
    opts = copy.deepcopy(ks_loading.get_session_conf_options() +
                         ks_loading.get_auth_common_conf_options() +
                         ks_loading.get_auth_plugin_conf_options('password'))
    for opt in opts:
        if opt.dest == 'timeout':
            opt.default = DEFAULT_TIMEOUT
    return {edu_broker_group: opts + copy.deepcopy(edu_broker_opts)}
