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
import types

from django.urls import reverse

from edu_dashboard import home
from edu_dashboard.tests import helpers


def _user(project_id, domain_id='d1', projects=()):
    return types.SimpleNamespace(
        is_authenticated=True, project_id=project_id, domain_id=domain_id,
        authorized_tenants=[types.SimpleNamespace(id=i, parent_id=parent)
                            for i, parent in projects])


class UserHomeTests(helpers.TestCase):

    def test_domain_scoped_login_lands_on_education(self):
        self.assertEqual(reverse('horizon:edu:overview:index'),
                         home.user_home(_user(project_id=None)))

    def test_project_login_keeps_horizons_home(self):
        url = home.user_home(_user(project_id='p1'))
        self.assertNotEqual(reverse('horizon:edu:overview:index'), url)
        self.assertTrue(url.startswith('/'))

    def test_a_teacher_in_a_students_project_goes_to_their_own(self):
        projects = [('lab', 'd1'), ('s1', 'lab'), ('s2', 'lab')]
        url = home.user_home(_user('s2', projects=projects))
        self.assertTrue(url.startswith(
            reverse('switch_project_id', args=['lab']) + '?next=/'), url)
        # In their own project, or a student in theirs, nothing moves.
        for current, held in (('lab', projects), ('s1', [('s1', 'lab')])):
            self.assertNotIn('switch', home.user_home(
                _user(current, projects=held)))
