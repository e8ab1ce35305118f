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
"""``openstack edu platform show``."""

from osc_lib.cli import format_columns
from osc_lib.command import command

from edu_rating.osc.v1 import common


class ShowPlatform(command.ShowOne):
    """Show the platform's capacity, grants, usage and this month's revenue."""

    def take_action(self, parsed_args):
        summary = dict(common.client(self).platform.get())
        summary['revenue'] = format_columns.ListColumn(
            '%(currency)s %(accrued)s (forecast %(forecast)s)' % item
            for item in summary['revenue'])
        return common.show(summary)
