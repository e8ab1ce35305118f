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
"""Horizon's unit-test settings plus the Education dashboard.

Built the way Horizon builds its own: from openstack_dashboard.test.settings,
with the enabled files applied by update_dashboards, so the panels register
exactly as they do in a real Horizon (from enabled files only).
"""

from openstack_dashboard.test.settings import *  # noqa: F403,H303

from openstack_dashboard import enabled as horizon_enabled
from openstack_dashboard.utils import settings as settings_utils

from edu_dashboard import enabled as edu_enabled

# The base settings already applied Horizon's own enabled files; undo what
# they added so that applying them again together with ours does not
# register anything twice.
_horizon_apps = HORIZON_CONFIG.pop('plugins')  # noqa: F405
INSTALLED_APPS = [app for app in INSTALLED_APPS  # noqa: F405
                  if app not in _horizon_apps]
HORIZON_CONFIG.pop('dashboards')  # noqa: F405
HORIZON_CONFIG.pop('default_dashboard')  # noqa: F405
for _key in ('angular_modules', 'js_files', 'js_spec_files', 'scss_files',
             'xstatic_modules'):
    HORIZON_CONFIG[_key] = []  # noqa: F405
settings_utils.update_dashboards([horizon_enabled, edu_enabled],
                                 HORIZON_CONFIG,  # noqa: F405
                                 INSTALLED_APPS)

# openstack_auth keeps the domain-scoped token only in a server-side session
# (it does not fit in a signed cookie); test with the engine we deploy with.
POLICY_CHECK_FUNCTION = 'edu_dashboard.policy.check'
SESSION_ENGINE = 'django.contrib.sessions.backends.cache'
CACHES = {
    'default': {
        'BACKEND': 'django.core.cache.backends.locmem.LocMemCache',
    },
}
