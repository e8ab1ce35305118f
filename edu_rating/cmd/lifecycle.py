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
"""``edu-lifecycle``: ends and archives classes whose term is over.

    edu-lifecycle --config-file /etc/cloudkitty/cloudkitty.conf \\
        [--class CLASS_ID] [--loop 300]

Each due step (lock and shelve the machines at a class's end; delete
them, release the students and archive the class after the grace period)
runs under the teacher's row lock with the class re-read: copies running
at once do each step once. ``--now`` moves the clock for the functional
tests and works only with ``[edu] test_hooks``.
"""

import datetime
import json
import sys

from oslo_config import cfg

from edu_rating import cmd
from edu_rating.management.services import lifecycle
from edu_rating import utc

cli_opts = cmd.loop_opts + [
    cfg.IntOpt('class', metavar='CLASS_ID', dest='class_id',
               help='Only this class.'),
    cfg.StrOpt('now', metavar='ISO8601',
               help='Act as if it were this moment (a test hook: refused '
                    'unless [edu] test_hooks is set).'),
]


def _now(conf):
    if conf.now is None:
        return None
    if not conf.edu.test_hooks:
        sys.exit('edu-lifecycle: --now is a test hook; set [edu] test_hooks '
                 'to use it')
    moment = datetime.datetime.fromisoformat(conf.now)
    if moment.tzinfo is None:
        sys.exit('edu-lifecycle: --now needs a time zone (…+00:00)')
    return utc.normalize(moment)


def main(argv=None):
    conf = cmd.setup('edu-lifecycle', cli_opts, argv)
    now = _now(conf)
    results = []

    def job():
        results.append(lifecycle.run_pass(now, conf.class_id))
        return results[-1]

    # One JSON line per pass: {"end": [class ids], "archive": [...], ...}
    status = cmd.run('edu-lifecycle', job, json.dumps)
    if status or conf.loop or not results:
        return status
    return 1 if results[-1]['failed'] else 0


if __name__ == '__main__':
    sys.exit(main())
