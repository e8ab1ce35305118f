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
"""``edu-usage``: sweep what every managed project uses, once or in a loop.

    edu-usage --config-file /etc/cloudkitty/cloudkitty.conf [--loop 60]

One paged Nova listing of all servers per sweep, stored in the edu tables
so that pages show "in use" for a whole school in one query. Safe to run
in two processes at once.
"""

import sys

from edu_rating import cmd
from edu_rating.management.services import usage


def main(argv=None):
    cmd.setup('edu-usage', cmd.loop_opts, argv)
    return cmd.run('edu-usage', usage.sweep,
                   lambda count: 'projects: %d' % count)


if __name__ == '__main__':
    sys.exit(main())
