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
"""Shared test fixtures: configuration and an in-memory SQLite database."""

import datetime

from cloudkitty import db as ck_db
import fixtures
from oslo_config import cfg
from oslo_config import fixture as config_fixture
from oslo_db import options as db_options
from oslo_policy import opts as policy_opts
from oslotest import base
import sqlalchemy as sa

from edu_rating import conf as edu_conf
from edu_rating.db import api as db_api
from edu_rating.db.sqlalchemy import models
from edu_rating import policy

UTC = datetime.timezone.utc


def utc(*args):
    return datetime.datetime(*args, tzinfo=UTC)


def engine():
    # CloudKitty's enginefacade starts once per process; with 'sqlite://'
    # oslo.db shares one in-memory connection (StaticPool).
    with ck_db.session_for_write() as session:
        return session.get_bind()


def drop_all_tables():
    metadata = sa.MetaData()
    eng = engine()
    metadata.reflect(bind=eng)
    metadata.drop_all(bind=eng)


class DatabaseFixture(fixtures.Fixture):
    """Edu tables created from the models, dropped afterwards."""

    def _setUp(self):
        models.Base.metadata.create_all(bind=engine())
        self.addCleanup(drop_all_tables)


class TestCase(base.BaseTestCase):

    def setUp(self):
        super().setUp()
        db_options.set_defaults(cfg.CONF, connection='sqlite://')
        self.conf = self.useFixture(config_fixture.Config(cfg.CONF)).conf
        # Parse nothing: the host's /etc/cloudkitty must not leak in.
        self.conf([], project='edu-tests', default_config_files=[],
                  default_config_dirs=[])
        edu_conf.register_opts(self.conf)
        policy_opts.set_defaults(self.conf)
        self.addCleanup(policy.reset)


class DBTestCase(TestCase):

    def setUp(self):
        super().setUp()
        self.useFixture(DatabaseFixture())
        self.db = db_api.get_instance()
