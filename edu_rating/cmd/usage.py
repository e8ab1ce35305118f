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
              [--listen]

One paged Nova listing of all servers per sweep, stored in the edu tables
so that pages show "in use" for a whole school in one query. With
``--listen``, Nova's notifications name the projects whose servers
changed, and those are measured again within a second or two. Safe to run
in two processes at once.
"""

import sys

from oslo_config import cfg

from edu_rating import cmd
from edu_rating.management.services import usage

cli_opts = cmd.loop_opts + [
    cfg.BoolOpt('listen', default=False,
                help="Also measure a project again whenever Nova's "
                     "notifications say one of its servers changed "
                     "([edu_usage] options); runs until stopped."),
]


def main(argv=None):
    conf = cmd.setup('edu-usage', cli_opts, argv)
    if conf.listen:
        # Imported here: the sweep alone needs no message broker.
        from edu_rating.management import usage_listener
        usage_listener.start(conf)
    done = cmd.run('edu-usage', usage.sweep,
                   lambda count: 'projects: %d' % count)
    if conf.listen:
        cmd.wait_forever()
    return done


if __name__ == '__main__':
    sys.exit(main())
