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
from django.template import defaultfilters as filters
from django.utils.translation import gettext_lazy as _

from horizon import tables


class MembersTable(tables.DataTable):
    name = tables.Column('name', verbose_name=_("User name"))
    email = tables.Column(lambda user: getattr(user, 'email', None),
                          verbose_name=_("Email"), empty_value='-')
    enabled = tables.Column('enabled', verbose_name=_("Enabled"),
                            filters=(filters.yesno, filters.capfirst))

    class Meta(object):
        name = 'members'
        verbose_name = _("School members")
