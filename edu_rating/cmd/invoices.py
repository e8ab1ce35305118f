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
"""``edu-invoices``: the period-end job, once or as a service loop.

    edu-invoices --config-file /etc/cloudkitty/cloudkitty.conf [--loop 300]

Reads CloudKitty's configuration (the edu tables live in its database).
Safe to run twice and in two processes at once: each payer's time is
billed once, and numbers have no gaps (see services/invoices.py).
"""

import sys

from edu_rating import cmd
from edu_rating.management.services import actor as actor_mod
from edu_rating.management.services import invoices

ACTOR = actor_mod.Actor('edu-invoices', is_platform_admin=True)


def main(argv=None):
    cmd.setup('edu-invoices', cmd.loop_opts, argv)
    return cmd.run('edu-invoices', lambda: invoices.run_period_end(ACTOR),
                   lambda issued: 'issued: %d' % issued)


if __name__ == '__main__':
    sys.exit(main())
