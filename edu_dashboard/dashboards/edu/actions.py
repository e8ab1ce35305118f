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
"""Table actions that show why the Education API refused them."""

from horizon import messages
from horizon import tables

from edu_rating.client import exceptions as edu_exceptions


def explained(call):
    """Run ``call``; on a refusal, show the API's own words, then re-raise.

    Horizon's batch actions only say "Unable to ..."; the API's message
    says what to do (remove the students first, delete the servers).
    """
    def run(self, request, obj_id):
        try:
            return call(self, request, obj_id)
        except edu_exceptions.EduClientError as error:
            messages.error(request, error.message)
            raise
    return run


class SetEnabled(tables.BatchAction):
    """Enable or disable objects: offered where it changes something."""

    #: What the action sets ``enabled`` to.
    enabled = None

    def set_enabled(self, request, obj_id, enabled):
        """The API call."""
        raise NotImplementedError

    def allowed(self, request, datum=None):
        return datum is None or datum['enabled'] != self.enabled

    @explained
    def action(self, request, obj_id):
        self.set_enabled(request, obj_id, self.enabled)
