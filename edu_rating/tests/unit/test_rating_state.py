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

from cloudkitty.db.sqlalchemy import models as ck_models
from cloudkitty import storage_state
from cloudkitty.storage_state import models as state_models

from edu_rating.rating import state
from edu_rating.tests.unit import base
from edu_rating.tests.unit.base import utc

KEYS = dict(fetcher='edu', collector='edu', scope_key='project_id')


class StartRatingTest(base.DBTestCase):

    def setUp(self):
        super().setUp()
        for models in (ck_models, state_models):
            models.Base.metadata.create_all(bind=base.engine())
        self.conf.set_override('period', 300, 'collect')
        self.conf.set_override('collector', 'edu', 'collect')
        self.conf.set_override('backend', 'edu', 'fetcher')
        self.manager = storage_state.StateManager()

    def last(self, scope_id):
        value = self.manager.get_last_processed_timestamp(scope_id, **KEYS)
        return value and utc(*value.timetuple()[:6])

    def test_on_the_period_grid_before_the_grant(self):
        self.assertEqual(utc(2026, 12, 2, 13, 5),
                         state.last_rated_before(utc(2026, 12, 2, 13, 14, 59),
                                                 300))
        self.assertIsNone(state.last_rated_before(utc(2026, 12, 1, 0, 4),
                                                  300))

    def test_a_new_payer_is_rated_from_its_first_period(self):
        state.start_rating_at('dom-new', utc(2026, 12, 2, 13, 14, 59))
        # CloudKitty rates [last + period, ...) next: 13:10, holding 13:14.
        self.assertEqual(utc(2026, 12, 2, 13, 5), self.last('dom-new'))

    def test_a_known_scope_is_left_alone(self):
        self.manager.set_last_processed_timestamp(
            'dom-old', utc(2026, 12, 1, 10), **KEYS)
        state.start_rating_at('dom-old', utc(2026, 12, 2, 13))
        self.assertEqual(utc(2026, 12, 1, 10), self.last('dom-old'))

    def test_a_payer_skips_to_the_period_holding_its_charges(self):
        self.manager.set_last_processed_timestamp(
            'dom-back', utc(2026, 12, 2, 9, 55), **KEYS)
        state.skip_to('dom-back', utc(2026, 12, 2, 10),
                      utc(2026, 12, 2, 13, 14, 59))
        self.assertEqual(utc(2026, 12, 2, 13, 5), self.last('dom-back'))

    def test_a_state_rated_meanwhile_never_moves_back(self):
        # Another processor rated on since the fetcher read 10:00.
        self.manager.set_last_processed_timestamp(
            'dom-busy', utc(2026, 12, 2, 13, 20), **KEYS)
        state.skip_to('dom-busy', utc(2026, 12, 2, 10),
                      utc(2026, 12, 2, 13, 14, 59))
        self.assertEqual(utc(2026, 12, 2, 13, 20), self.last('dom-busy'))

    def test_rated_until_is_the_end_of_the_last_period_rated(self):
        self.manager.set_last_processed_timestamp(
            'dom-a', utc(2026, 12, 2, 9, 55), **KEYS)
        self.manager.set_last_processed_timestamp(
            'other', utc(2026, 12, 2, 9, 55), fetcher='keystone',
            collector='gnocchi', scope_key='project_id')
        self.assertEqual({'dom-a': utc(2026, 12, 2, 10)},
                         state.rated_until())
