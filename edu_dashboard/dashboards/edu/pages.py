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
"""Horizon table views over the Education API's pages (marker, next)."""

from horizon import exceptions
from horizon import tables
from horizon.utils import functions


class PagedTableView(tables.DataTableView):
    """One page of a list call, with Horizon's "Next" link when more follow.

    A subclass gives :meth:`page` (the API call, taking ``marker``; it
    asks for :attr:`page_size` items, the user's Horizon setting) and
    :attr:`error_message`.
    """

    error_message = None

    @property
    def page_size(self):
        return functions.get_page_size(self.request)

    def page(self, marker):
        """``(items, next_marker)`` of the API."""
        raise NotImplementedError

    def has_more_data(self, table):
        return getattr(self, '_more', False)

    def get_data(self):
        self._more = False
        marker = self.request.GET.get(self.table_class._meta.pagination_param)
        try:
            items, following = self.page(marker)
        except Exception:
            exceptions.handle(self.request, self.error_message)
            return []
        self._more = following is not None
        return items
