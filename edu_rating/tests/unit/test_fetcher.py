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
from edu_rating.rating import fetcher
from edu_rating.tests.unit import base


class FetcherTest(base.DBTestCase):

    def test_no_school_no_scope(self):
        self.assertEqual([], fetcher.EduFetcher().get_tenants())

    def test_schools_and_teacher_projects_are_rated(self):
        a = self.db.create_school('domain-a', 'A')
        b = self.db.create_school('domain-b', 'B', enabled=False)
        self.db.create_teacher(a.id, 'u1', 'proj-1', 'Ada')
        self.db.create_teacher(b.id, 'u2', 'proj-2', 'Bob', enabled=False)
        # Disabled payers stay: their ledger may hold unrated segments.
        self.assertEqual(['domain-a', 'domain-b', 'proj-1', 'proj-2'],
                         sorted(fetcher.EduFetcher().get_tenants()))
