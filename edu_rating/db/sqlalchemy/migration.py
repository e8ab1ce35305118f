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
"""Alembic commands for ``cloudkitty-dbsync ... --module edu``.

cloudkitty-dbsync calls ``upgrade(revision)``, ``version()``,
``revision(message, autogenerate)`` and ``stamp(revision)`` on the module
returned by ``get_migration()``.
"""

import os

from alembic import command
from alembic import config as alembic_config

ALEMBIC_REPO = os.path.join(os.path.dirname(__file__), 'alembic')


def _config():
    # No ini file: logging is oslo.log's business, and the only setting
    # alembic needs is where our scripts are.
    config = alembic_config.Config()
    config.set_main_option('script_location', ALEMBIC_REPO)
    return config


def upgrade(revision):
    return command.upgrade(_config(), revision or 'head')


def version():
    return command.current(_config())


def revision(message, autogenerate):
    return command.revision(_config(), message=message,
                            autogenerate=autogenerate)


def stamp(revision):
    return command.stamp(_config(), revision or 'head')
