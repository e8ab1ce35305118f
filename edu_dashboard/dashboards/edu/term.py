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
"""The banner of a class that ends soon, has ended or is archived."""

from django.utils.translation import gettext_lazy as _
from horizon import messages

# Phases of a class's term that the pages warn about.
WARNED = ('ending', 'ended', 'archived')


def warn(request, klass_term, name):
    """A banner when the class ends soon, has ended or is archived."""
    phase = klass_term['phase']
    if phase not in WARNED:
        return
    if phase == 'ending':
        message = _("Class %(name)s ends on %(date)s: its lab machines will "
                    "then be shelved. Save your work before.")
    elif phase == 'ended':
        message = _("Class %(name)s has ended: its lab machines are shelved "
                    "and will be deleted on %(archive)s unless the teacher "
                    "extends the term.")
    else:
        message = _("Class %(name)s is archived: its machines were deleted "
                    "and its students' grants released.")
    messages.warning(request, message % {
        'name': name, 'date': (klass_term['ends_at'] or '')[:10],
        'archive': (klass_term['archive_at'] or '')[:10]})
