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

from oslo_config import cfg
from oslo_log import log as logging

from edu_rating import conf as edu_conf


def setup(name, cli_opts, argv=None):
    """CloudKitty's configuration and logging for command ``name``."""
    conf = cfg.CONF
    conf.register_cli_opts(cli_opts)
    logging.register_options(conf)
    conf(sys.argv[1:] if argv is None else argv, project='cloudkitty')
    logging.setup(conf, name)
    edu_conf.register_opts(conf)
    return conf
