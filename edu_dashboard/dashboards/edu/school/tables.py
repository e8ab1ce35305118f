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
import urllib.parse

from django.template import defaultfilters as filters
from django.utils.translation import gettext_lazy as _

from horizon import tables


class MembersTable(tables.DataTable):
    name = tables.Column('name', verbose_name=_("User name"))
    email = tables.Column(lambda user: getattr(user, 'email', None),
                          verbose_name=_("Email"), empty_value='-')
    enabled = tables.Column('enabled', verbose_name=_("Enabled"),
                            filters=(filters.yesno, filters.capfirst))

    def get_object_id(self, datum):
        return datum.id

    def get_pagination_string(self):
        # The marker is the last user's name: the page is sorted by it.
        last = self.data[-1].name if self.data else ''
        return '%s=%s' % (self._meta.pagination_param,
                          urllib.parse.quote(last))

    class Meta(object):
        name = 'members'
        verbose_name = _("School members")
