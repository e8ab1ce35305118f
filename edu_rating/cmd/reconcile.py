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
"""``edu-reconcile``: repair drift between the ledger and Keystone.

    edu-reconcile --config-file /etc/cloudkitty/cloudkitty.conf \\
        [--dry-run] [--school DOMAIN_ID] [--json] [--wait 60] [--loop 600]

One copy runs a pass at a time: a pass holds a tooz lock
(``[edu_reconcile] coordination_url``, CloudKitty's own coordination by
default); a copy that finds it taken skips its pass. Exits 1 when a
repair failed, or, with ``--dry-run``, when any drift was found.
"""

import json
import sys

from oslo_config import cfg
from oslo_log import log as logging
from tooz import coordination

from edu_rating import cmd
from edu_rating.management.services import reconcile

LOG = logging.getLogger(__name__)
LOCK = b'edu-reconcile'

cli_opts = cmd.loop_opts + [
    cfg.BoolOpt('dry-run', default=False,
                help='Only report the drift; repair nothing.'),
    cfg.StrOpt('school', metavar='DOMAIN_ID',
               help='Reconcile this school only.'),
    cfg.BoolOpt('json', default=False,
                help='Print the whole report as JSON.'),
    cfg.IntOpt('wait', default=0, min=0, metavar='SECONDS',
               help='Wait this long for another copy\'s pass to end; 0 '
                    'skips the pass at once (the other copy does the '
                    'work).'),
]


def _coordination_url(conf):
    if conf.edu_reconcile.coordination_url:
        return conf.edu_reconcile.coordination_url
    conf.import_opt('coordination_url', 'cloudkitty.orchestrator',
                    group='orchestrator')
    return conf.orchestrator.coordination_url


def start_coordinator(conf, member=b'edu-reconcile'):
    """A started tooz coordinator on which copies take ``LOCK`` in turn."""
    started = coordination.get_coordinator(_coordination_url(conf), member)
    started.start(start_heart=True)
    return started


def locked_pass(conf, coordinator):
    lock = coordinator.get_lock(LOCK)
    if not lock.acquire(blocking=conf.wait or False):
        LOG.info("edu-reconcile: another copy holds the lock; pass skipped")
        return None
    try:
        return reconcile.run(school_id=conf.school, dry_run=conf.dry_run)
    finally:
        lock.release()


def describe(report):
    if report is None:
        return 'skipped: another edu-reconcile holds the lock'
    lines = ['%(status)s %(kind)s %(target_type)s %(target_id)s (%(name)s): '
             'found %(found)s, wanted %(wanted)s' % drift
             for drift in report['drift']]
    lines.append('checked %(projects)d projects of %(schools)d schools'
                 % report['checked'] +
                 ': drift %d, repaired %d, failed %d, reported %d'
                 % (len(report['drift']), report['repaired'],
                    report['failed'], report['reported']))
    return '\n'.join(lines)


def main(argv=None):
    conf = cmd.setup('edu-reconcile', cli_opts, argv)
    coordinator = start_coordinator(conf)
    reports = []

    def job():
        reports.append(locked_pass(conf, coordinator))
        return reports[-1]

    try:
        status = cmd.run('edu-reconcile', job,
                         (lambda r: json.dumps(r, default=str))
                         if conf.json else describe)
    finally:
        coordinator.stop()
    report = reports[-1] if reports else None
    if status or report is None or conf.loop:
        return status
    if report['failed'] or (conf.dry_run and report['drift']):
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
