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
"""The product's name in Horizon: the login page and every window title.

Horizon shows ``settings.SITE_BRANDING``; the local stack's and devstack's
local_settings set it to :data:`SITE_BRANDING`, translated per request.
"""

from django.utils.translation import gettext_lazy as _

SITE_BRANDING = _("Edu Cloud")
