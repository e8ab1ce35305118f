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
import time

from oslo_config import cfg
from oslo_log import log as logging

from edu_rating import cmd
from edu_rating.management.services import actor as actor_mod
from edu_rating.management.services import invoices

CONF = cfg.CONF
LOG = logging.getLogger(__name__)
ACTOR = actor_mod.Actor('edu-invoices', is_platform_admin=True)

cli_opts = [
    cfg.IntOpt('loop', min=0, default=0,
               help='Run every LOOP seconds until stopped; 0 runs once.'),
]


def main(argv=None):
    cmd.setup('edu-invoices', cli_opts, argv)
    while True:
        started = time.monotonic()
        issued = invoices.run_period_end(ACTOR)
        LOG.info("edu-invoices: %d invoice(s) issued in %.1f s", issued,
                 time.monotonic() - started)
        print('issued: %d' % issued, flush=True)
        if not CONF.loop:
            return 0
        time.sleep(CONF.loop)


if __name__ == '__main__':
    sys.exit(main())
