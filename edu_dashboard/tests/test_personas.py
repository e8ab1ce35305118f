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
from django.test.utils import override_settings

from edu_dashboard import personas
from edu_dashboard.tests import helpers


class PersonaTests(helpers.TestCase):

    def test_student(self):
        self.login_student()
        persona = personas.persona(self.request)
        self.assertEqual(personas.STUDENT, persona.kind)
        self.assertEqual(self.domain.name, persona.school.name)
        self.assertEqual(self.tenant.name, persona.project_name)
        self.assertFalse(personas.is_school_admin(self.request))

    def test_teacher_is_not_taken_for_a_student(self):
        # Keystone's role implication puts "member" in a manager's token.
        self.login_teacher()
        self.assertEqual(personas.TEACHER,
                         personas.persona(self.request).kind)
        self.assertFalse(personas.is_school_admin(self.request))

    def test_school_admin_with_domain_token_only(self):
        self.login_school_admin()
        persona = personas.persona(self.request)
        self.assertEqual(personas.SCHOOL_ADMIN, persona.kind)
        self.assertEqual(personas.School(self.domain.id, self.domain.name),
                         persona.school)
        self.assertIsNone(persona.project_id)
        self.assertTrue(personas.is_school_admin(self.request))

    def test_school_admin_who_also_teaches(self):
        self.login_school_admin(also_teacher=True)
        self.assertEqual(personas.SCHOOL_ADMIN,
                         personas.persona(self.request).kind)
        self.assertEqual(self.tenant.id,
                         personas.persona(self.request).project_id)

    def test_domain_scoped_login_without_stored_domain_token(self):
        # Signed-cookie sessions drop the domain token, but a user with only
        # a domain role is still logged in with it as their scoped token.
        self.login_as(helpers.SCHOOL_ADMIN_ROLES, project=False)
        self.assertNotIn('domain_token', self.request.session)
        self.assertTrue(personas.is_school_admin(self.request))

    def test_manager_on_a_project_is_not_a_school_admin(self):
        self.login_teacher()
        self.assertFalse(personas.is_school_admin(self.request))
        self.assertEqual(set(), personas.domain_roles(self.request))

    def test_platform_admin(self):
        self.login_platform_admin()
        self.assertEqual(personas.PLATFORM_ADMIN,
                         personas.persona(self.request).kind)
        self.assertTrue(personas.is_platform_admin(self.request))

    def test_platform_admin_works_on_the_domain_context(self):
        self.set_session(domain_context='school-2',
                         domain_context_name='Second School')
        self.login_platform_admin()
        self.assertEqual(personas.School('school-2', 'Second School'),
                         personas.school(self.request))

    def test_domain_context_does_not_move_a_school_admin(self):
        self.set_session(domain_context='school-2',
                         domain_context_name='Second School')
        self.login_school_admin()
        self.assertEqual(self.domain.id, personas.school(self.request).id)

    @override_settings(EDU_STUDENT_ROLE='pupil', EDU_TEACHER_ROLE='Lecturer',
                       EDU_SCHOOL_ADMIN_ROLE='principal')
    def test_role_names_come_from_settings(self):
        self.login_as(['pupil'])
        self.assertEqual(personas.STUDENT,
                         personas.persona(self.request).kind)
        self.login_as(['lecturer', 'pupil'])
        self.assertEqual(personas.TEACHER,
                         personas.persona(self.request).kind)
        self.login_student()
        self.assertEqual(personas.GUEST, personas.persona(self.request).kind)
        self.set_session(domain_token=helpers.domain_access_info(
            self.domain.id, self.domain.name, ['principal']))
        self.assertTrue(personas.is_school_admin(self.request))
