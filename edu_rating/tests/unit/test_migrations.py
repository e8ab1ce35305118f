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
import datetime

from alembic import autogenerate
from alembic import migration as alembic_migration
from alembic import script as alembic_script
from oslo_db import exception as db_exc
import sqlalchemy as sa
from stevedore import extension

from edu_rating.db.sqlalchemy import migration
from edu_rating.db.sqlalchemy import models
from edu_rating.tests.unit import base


class MigrationsTest(base.TestCase):

    def setUp(self):
        super().setUp()
        self.addCleanup(base.drop_all_tables)
        migration.upgrade('head')
        self.engine = base.engine()

    def test_upgrade_creates_every_table_with_our_version_table(self):
        tables = set(sa.inspect(self.engine).get_table_names())
        self.assertEqual(
            {'edu_schools', 'edu_teachers', 'edu_classes', 'edu_enrolments',
             'edu_allocations', 'edu_plans', 'edu_plan_versions',
             'edu_plan_rates', 'edu_plan_assignments', 'edu_invoices',
             'edu_invoice_lines', 'edu_invoice_counters', 'edu_usage',
             'edu_audit', 'edu_lab_templates', 'edu_lab_jobs',
             'edu_lab_results', 'edu_images', 'edu_image_shares',
             'edu_alembic'},
            tables)

    def test_ledger_has_its_lookup_index(self):
        indexes = sa.inspect(self.engine).get_indexes('edu_allocations')
        self.assertIn(
            ['scope_type', 'scope_id', 'resource', 'effective_to'],
            [index['column_names'] for index in indexes])

    def test_models_and_migrations_agree(self):
        def include_object(obj, name, type_, reflected, compare_to):
            # The version table is alembic's; the Enum's CHECK constraint
            # is emitted at CREATE time and absent from the metadata (it is
            # tested below).
            return not (name == 'edu_alembic' or
                        (type_ == 'check_constraint' and
                         name == 'edu_scope_type'))

        with self.engine.connect() as connection:
            context = alembic_migration.MigrationContext.configure(
                connection, opts={'compare_type': True,
                                  'include_object': include_object})
            diff = autogenerate.compare_metadata(context,
                                                 models.Base.metadata)
        self.assertEqual([], diff)

    def test_scope_type_is_constrained(self):
        insert = sa.text(
            "INSERT INTO edu_allocations (scope_type, scope_id, resource, "
            "amount, effective_from, actor) VALUES "
            "(:type, 'd', 'vcpu', 1, '2025-01-01 00:00:00', 'a')")
        with self.engine.begin() as connection:
            connection.execute(insert, {'type': 'school'})
        with self.engine.begin() as connection:
            self.assertRaises(db_exc.DBError, connection.execute,
                              insert, {'type': 'classroom'})

    def test_upgrade_is_idempotent(self):
        migration.upgrade('head')
        with self.engine.connect() as connection:
            current = alembic_migration.MigrationContext.configure(
                connection, opts={'version_table': 'edu_alembic'}
            ).get_current_revision()
        self.assertIsNotNone(current)


# Values for columns a CHECK constraint or the code reads by meaning.
_KNOWN_VALUES = {'scope_type': 'school', 'payer_type': 'school',
                 'status': 'issued', 'kind': 'period', 'resource': 'vcpu',
                 'currency': 'EUR'}


def _value(column):
    """A value of the column's type, for a row that only has to exist."""
    if column.name in _KNOWN_VALUES:
        return _KNOWN_VALUES[column.name]
    kind = column.type
    if isinstance(kind, sa.Boolean):
        return True
    if isinstance(kind, (sa.Integer, sa.Numeric)):
        return 1
    if isinstance(kind, (sa.DateTime, sa.Date)):
        return datetime.datetime(2027, 1, 1)
    if isinstance(kind, (sa.JSON,)):
        return {}
    return 'kept-%s' % column.name


class UpgradeKeepsRowsTest(base.TestCase):
    """Each revision in turn, a row in every table, all still there at head."""

    def setUp(self):
        super().setUp()
        self.addCleanup(base.drop_all_tables)
        self.engine = base.engine()

    def _fill_empty_tables(self):
        metadata = sa.MetaData()
        metadata.reflect(bind=self.engine)
        with self.engine.begin() as connection:
            for table in metadata.sorted_tables:
                if table.name == 'edu_alembic' or connection.execute(
                        sa.select(sa.func.count()).select_from(
                            table)).scalar():
                    continue
                connection.execute(table.insert().values({
                    column.name: _value(column) for column in table.columns
                    if not (column.autoincrement is True or (
                        column.primary_key and
                        isinstance(column.type, sa.Integer) and
                        len(table.primary_key.columns) == 1))}))

    def _counts(self):
        metadata = sa.MetaData()
        metadata.reflect(bind=self.engine)
        with self.engine.connect() as connection:
            return {table.name: connection.execute(
                sa.select(sa.func.count()).select_from(table)).scalar()
                for table in metadata.sorted_tables
                if table.name != 'edu_alembic'}

    def test_every_row_survives_every_revision(self):
        script = alembic_script.ScriptDirectory.from_config(
            migration._config())
        revisions = [rev.revision for rev in reversed(list(
            script.walk_revisions()))]
        self.assertGreaterEqual(len(revisions), 6)
        for revision in revisions:
            before = self._counts()
            migration.upgrade(revision)
            after = self._counts()
            for table, rows in before.items():
                self.assertEqual(rows, after.get(table),
                                 (revision, table))
            self._fill_empty_tables()
        counts = self._counts()
        self.assertEqual([], [name for name, rows in counts.items()
                              if rows != 1])
        self.assertIn('edu_usage', counts)


class DbsyncDiscoveryTest(base.TestCase):
    """cloudkitty-dbsync finds our migrations through the processor class."""

    def test_processor_class_exposes_the_migration(self):
        processors = extension.ExtensionManager(
            'cloudkitty.rating.processors')
        db_api = processors['edu'].plugin.db_api
        self.assertIs(migration, db_api.get_migration())
