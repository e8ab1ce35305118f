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
"""The dashboard decides edu:* rules as the Education API does."""

from unittest import mock

from django.test.utils import override_settings
from oslo_policy import _parser as policy_parser

from edu_dashboard import policy
from edu_dashboard.tests import helpers


class PolicyTests(helpers.TestCase):

    def setUp(self):
        super().setUp()
        policy.enforcer.cache_clear()
        self.addCleanup(policy.enforcer.cache_clear)

    def school(self, domain_id=None):
        return {'domain_id': domain_id or self.domain.id}

    def teacher(self, project_id=None):
        return dict(self.school(),
                    teacher_project_id=project_id or self.tenant.id)

    def test_a_school_admin_on_their_school_only(self):
        self.login_school_admin()
        self.assertTrue(policy.allowed(self.request, 'edu:teacher:list',
                                       self.school()))
        self.assertFalse(policy.allowed(self.request, 'edu:teacher:list',
                                        self.school('another-school')))
        # The platform's own things are the platform admin's.
        self.assertFalse(policy.allowed(self.request, 'edu:invoice:run'))

    def test_a_school_admin_who_teaches_keeps_the_school_rules(self):
        self.login_school_admin(also_teacher=True)
        self.assertTrue(policy.allowed(self.request, 'edu:invoice:pay',
                                       self.school()))

    def test_a_teacher_reads_their_own_invoices_but_does_not_settle(self):
        self.login_teacher()
        self.assertTrue(policy.allowed(self.request, 'edu:invoice:get',
                                       self.teacher()))
        self.assertFalse(policy.allowed(self.request, 'edu:invoice:get',
                                        self.teacher('other-project')))
        self.assertFalse(policy.allowed(self.request, 'edu:invoice:pay',
                                        self.teacher()))

    def test_a_student_sees_no_money(self):
        self.login_student()
        target = dict(self.teacher('teacher-project'),
                      project_id=self.tenant.id)
        self.assertTrue(policy.allowed(self.request,
                                       'edu:allocation:get', target))
        self.assertFalse(policy.allowed(self.request, 'edu:invoice:list',
                                        target))

    def test_the_platform_admin(self):
        self.login_platform_admin()
        for rule in ('edu:invoice:run', 'edu:allocation:backdate',
                     'edu:school:create'):
            self.assertTrue(policy.allowed(self.request, rule), rule)

    @override_settings(EDU_SCHOOL_ADMIN_ROLE='school-office')
    def test_roles_follow_the_settings(self):
        self.login_school_admin()
        self.assertFalse(policy.allowed(self.request, 'edu:teacher:list',
                                        self.school()))

    def test_check_is_horizons_and_of_every_action(self):
        self.login_school_admin()
        target = self.school()
        self.assertTrue(policy.check((('edu', 'edu:teacher:list'),),
                                     self.request, target))
        self.assertFalse(policy.check((('edu', 'edu:teacher:list'),
                                       ('edu', 'edu:invoice:run')),
                                      self.request, target))


class DecidedOncePerRequestTests(helpers.TestCase):

    def test_a_rule_and_target_are_enforced_once_per_request(self):
        policy.enforcer.cache_clear()
        self.login_school_admin()
        target = {'domain_id': self.domain.id}
        with mock.patch.object(policy.enforcer(), 'enforce',
                               wraps=policy.enforcer().enforce) as enforce:
            for _row in range(20):
                self.assertTrue(policy.allowed(self.request,
                                               'edu:teacher:list', target))
            self.assertFalse(policy.allowed(self.request,
                                            'edu:teacher:list',
                                            {'domain_id': 'another'}))
        # Once per credential set for each distinct target.
        calls = {c.args[1]['domain_id'] for c in enforce.call_args_list}
        self.assertEqual({self.domain.id, 'another'}, calls)
        self.assertLessEqual(enforce.call_count, 4)

    def test_rows_differing_in_what_a_rule_never_reads_share_a_verdict(self):
        policy.enforcer.cache_clear()
        self.login_teacher()
        # A teacher's rule on students reads the school and the teacher's
        # project; the student's own project is read by students' rules.
        read = policy.target_keys('edu:student:update')
        self.assertIn('teacher_project_id', read)
        self.assertNotIn('project_id', read)
        self.assertIn('project_id', policy.target_keys('edu:student:get'))
        self.assertIsNone(policy.target_keys('edu:no:such:rule'))
        # An operator's HttpCheck posts the whole target somewhere.
        rules = policy.enforcer().rules
        rules['edu:test:remote'] = policy_parser.parse_rule(
            'http://policy.example/%(domain_id)s or rule:edu:student:update')
        self.assertIsNone(policy.target_keys('edu:test:remote'))
        rows = [{'domain_id': self.domain.id,
                 'teacher_project_id': self.tenant.id,
                 'project_id': 'student-%d' % n} for n in range(25)]
        with mock.patch.object(policy.enforcer(), 'enforce',
                               wraps=policy.enforcer().enforce) as enforce:
            self.assertTrue(all(policy.allowed(
                self.request, 'edu:student:update', row) for row in rows))
            self.assertFalse(policy.allowed(
                self.request, 'edu:student:update',
                dict(rows[0], teacher_project_id='another-teacher')))
        self.assertLessEqual(enforce.call_count, 4)
