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

from cloudkitty.db.sqlalchemy import models as ck_models
from cloudkitty import storage_state
from cloudkitty.storage_state import models as state_models
import fixtures

from edu_rating.db import api as db_api
from edu_rating.rating import fetcher
from edu_rating.tests.unit import base
from edu_rating.tests.unit.base import utc

KEYS = dict(fetcher='edu', collector='edu', scope_key='project_id')
NOW = utc(2026, 12, 7, 12, 0, 30)
SCHOOL = db_api.Scope('school', 'domain-a')
TEACHER = db_api.Scope('teacher', 'proj-1')


def minutes(n):
    return datetime.timedelta(minutes=n)


class FetcherTest(base.DBTestCase):

    def setUp(self):
        super().setUp()
        for models in (ck_models, state_models):
            models.Base.metadata.create_all(bind=base.engine())
        self.conf.set_override('period', 60, 'collect')
        self.conf.set_override('wait_periods', 1, 'collect')
        self.conf.set_override('collector', 'edu', 'collect')
        self.conf.set_override('backend', 'edu', 'fetcher')
        self.useFixture(fixtures.MockPatch('edu_rating.utc.now',
                                           return_value=NOW))
        self.manager = storage_state.StateManager()
        school = self.db.create_school('domain-a', 'A')
        self.db.create_teacher(school.id, 'u1', 'proj-1', 'Ada')
        # One fetcher for the processor's life, as CloudKitty keeps it.
        self.fetcher = fetcher.EduFetcher()

    def grant(self, scope, amount, at, resource='vcpu'):
        self.db.set_grant(scope, resource, amount, 'admin', effective_from=at)

    def rated_through(self, scope_id, end):
        """CloudKitty rated ``scope_id`` up to ``end`` (a period start)."""
        self.manager.set_last_processed_timestamp(scope_id, end - minutes(1),
                                                  **KEYS)

    def last(self, scope_id):
        value = self.manager.get_last_processed_timestamp(scope_id, **KEYS)
        return value and utc(*value.timetuple()[:6])

    def tenants(self):
        return sorted(self.fetcher.get_tenants())

    def test_no_school_no_scope(self):
        self.assertEqual([], self.tenants())

    def test_payers_holding_a_grant_are_rated_enabled_or_not(self):
        b = self.db.create_school('domain-b', 'B', enabled=False)
        self.db.create_teacher(b.id, 'u2', 'proj-2', 'Bob', enabled=False)
        self.grant(db_api.Scope('school', 'domain-b'), 4, NOW - minutes(90))
        self.grant(db_api.Scope('teacher', 'proj-2'), 2, NOW - minutes(90))
        # A disabled payer's grants stay open: it is still charged.
        self.assertEqual(['domain-b', 'proj-2'], self.tenants())

    def test_a_grant_of_nothing_is_nothing_to_rate(self):
        self.grant(SCHOOL, 0, NOW - minutes(90))
        self.grant(TEACHER, 0, NOW - minutes(90), resource='ram_mb')
        self.assertEqual([], self.tenants())

    def test_a_released_grant_is_rated_through_its_end_then_left_out(self):
        self.grant(SCHOOL, 4, NOW - minutes(90))
        self.grant(SCHOOL, 0, NOW - minutes(30) + datetime.timedelta(
            seconds=10))
        # Released in the period [11:30, 11:31): rated until its end.
        self.rated_through('domain-a', utc(2026, 12, 7, 11, 30))
        self.assertEqual(['domain-a'], self.tenants())
        self.rated_through('domain-a', utc(2026, 12, 7, 11, 31))
        self.assertEqual([], self.tenants())

    def test_a_payer_never_rated_is_rated_for_what_it_held_this_month(self):
        self.grant(SCHOOL, 4, utc(2026, 11, 20))
        self.grant(SCHOOL, 0, utc(2026, 11, 30))
        self.grant(TEACHER, 1, utc(2026, 11, 20))
        self.grant(TEACHER, 0, utc(2026, 12, 1, 0, 0, 30))
        # CloudKitty starts a scope it has no state for at the month's start.
        self.assertEqual(['proj-1'], self.tenants())

    def test_a_returning_payer_skips_its_periods_without_charges(self):
        self.grant(SCHOOL, 4, utc(2026, 12, 2, 9))
        self.grant(SCHOOL, 0, utc(2026, 12, 2, 10))
        self.rated_through('domain-a', utc(2026, 12, 2, 10))
        self.assertEqual([], self.tenants())
        # Five days later, a grant again.
        self.grant(SCHOOL, 2, NOW - minutes(5) + datetime.timedelta(
            seconds=20))
        self.assertEqual(['domain-a'], self.tenants())
        # Rated next: the period holding the grant, 11:55.
        self.assertEqual(utc(2026, 12, 7, 11, 54), self.last('domain-a'))
        # It stays where the processor takes it from.
        self.assertEqual(['domain-a'], self.tenants())
        self.assertEqual(utc(2026, 12, 7, 11, 54), self.last('domain-a'))

    def test_a_payer_catching_up_on_charges_is_not_moved(self):
        self.grant(TEACHER, 2, utc(2026, 12, 2, 9))
        self.rated_through('proj-1', utc(2026, 12, 3))
        self.assertEqual(['proj-1'], self.tenants())
        self.assertEqual(utc(2026, 12, 2, 23, 59), self.last('proj-1'))

    def test_a_returning_payer_never_rated_starts_at_its_grant(self):
        self.grant(TEACHER, 3, NOW - minutes(3))
        self.assertEqual(['proj-1'], self.tenants())
        self.assertEqual(utc(2026, 12, 7, 11, 56), self.last('proj-1'))

    def test_what_was_charged_before_a_back_dated_grant_is_kept(self):
        # Rated up to 10:00; a grant back-dated to 09:30 is rated again by
        # CloudKitty's reprocessing (backdating.rerate_from); the periods
        # from 10:00 on hold its charges and are rated in turn.
        self.rated_through('domain-a', utc(2026, 12, 7, 10))
        self.grant(SCHOOL, 2, utc(2026, 12, 7, 9, 30))
        self.assertEqual(['domain-a'], self.tenants())
        self.assertEqual(utc(2026, 12, 7, 9, 59), self.last('domain-a'))
