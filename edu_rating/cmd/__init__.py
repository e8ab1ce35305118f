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
"""Command-line tools of the rating module."""

import sys
import threading
import time

from oslo_config import cfg
from oslo_log import log as logging

from edu_rating import conf as edu_conf

LOG = logging.getLogger(__name__)

loop_opts = [
    cfg.IntOpt('loop', min=0, default=0,
               help='Run every LOOP seconds until stopped; 0 runs once.'),
]


def setup(name, cli_opts, argv=None):
    """CloudKitty's configuration and logging for command ``name``."""
    conf = cfg.CONF
    conf.register_cli_opts(cli_opts)
    logging.register_options(conf)
    conf(sys.argv[1:] if argv is None else argv, project='cloudkitty')
    logging.setup(conf, name)
    edu_conf.register_opts(conf)
    return conf


def run(name, job, report):
    """``job()`` once, or every ``--loop`` seconds until stopped.

    :param report: formats the job's result for stdout and the log.
    """
    while True:
        started = time.monotonic()
        try:
            done = report(job())
        except Exception:
            if not cfg.CONF.loop:
                raise
            # A service loop outlives a backend that is down for a while.
            LOG.exception("%s failed; trying again in %d s", name,
                          cfg.CONF.loop)
        else:
            LOG.info("%s: %s in %.1f s", name, done,
                     time.monotonic() - started)
            print(done, flush=True)
        if not cfg.CONF.loop:
            return 0
        time.sleep(cfg.CONF.loop)


def wait_forever():
    """Keep a process whose work runs in threads until it is stopped."""
    threading.Event().wait()
