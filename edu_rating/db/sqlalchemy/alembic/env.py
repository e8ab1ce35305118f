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
"""Alembic environment of the edu tables.

Runs on CloudKitty's database connection, with a version table of our own
so that CloudKitty's and other modules' migrations never see ours.
"""

from alembic import context
from cloudkitty import db

from edu_rating.db.sqlalchemy import models

VERSION_TABLE = 'edu_alembic'


def run_migrations_online():
    with db.session_for_write() as session:
        engine = session.get_bind()
        with engine.connect() as connection:
            context.configure(connection=connection,
                              target_metadata=models.Base.metadata,
                              version_table=VERSION_TABLE,
                              render_as_batch=True)
            with context.begin_transaction():
                context.run_migrations()


run_migrations_online()
