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
import fixtures
from oslo_context import context as oslo_context
from oslo_policy import policy as oslo_policy

from edu_rating import policies
from edu_rating import policy
from edu_rating.tests.unit import base


def ctx(roles, **scope):
    return oslo_context.RequestContext(roles=roles, user_id='u', **scope)


SYSTEM_ADMIN = ctx(['admin', 'manager', 'member', 'reader'],
                   system_scope='all')
PROJECT_ADMIN = ctx(['admin', 'manager', 'member', 'reader'],
                    project_id='admin-project')
MEMBER = ctx(['member', 'reader'], project_id='p-student')
NO_DEFAULT_ROLE = ctx(['lab-observer'], project_id='p-x')
SCHOOL_A_ADMIN = ctx(['manager', 'member', 'reader'], domain_id='domain-a')
TEACHER = ctx(['manager', 'member', 'reader'], project_id='p-teacher')


class RulesTest(base.TestCase):

    def test_every_rule_is_registered_once(self):
        names = [rule.name for rule in policies.list_rules()]
        self.assertEqual(len(names), len(set(names)))
        self.assertIn('edu:module:get', names)
        self.assertIn('edu:persona:platform_admin', names)
        enforcer = policy.init()
        for name in names:
            self.assertIn(name, enforcer.registered_rules)

    def test_api_rules_are_documented_and_scoped(self):
        api_rules = [r for r in policies.list_rules()
                     if not r.name.startswith('edu:persona:')]
        self.assertNotEqual([], api_rules)
        for rule in api_rules:
            self.assertIsInstance(rule, oslo_policy.DocumentedRuleDefault)
            self.assertTrue(rule.scope_types, rule.name)
            self.assertTrue(rule.operations, rule.name)

    def test_rules_only_name_registered_rules(self):
        # A typo in 'rule:...' would silently deny everyone.
        names = {rule.name for rule in policies.list_rules()}
        for rule in policies.list_rules():
            for word in rule.check_str.replace('(', ' ').replace(
                    ')', ' ').split():
                if word.startswith('rule:'):
                    self.assertIn(word[len('rule:'):], names, rule.name)


class ModuleGetTest(base.TestCase):

    def test_system_admin_allowed(self):
        self.assertTrue(policy.authorize(SYSTEM_ADMIN, 'edu:module:get'))

    def test_project_admin_allowed_like_cloudkitty(self):
        self.assertTrue(policy.authorize(PROJECT_ADMIN, 'edu:module:get'))

    def test_any_member_of_a_project_allowed(self):
        self.assertTrue(policy.authorize(MEMBER, 'edu:module:get'))

    def test_user_without_a_default_role_denied(self):
        self.assertRaises(policy.PolicyNotAuthorized, policy.authorize,
                          NO_DEFAULT_ROLE, 'edu:module:get')

    def test_wrong_token_scope_is_a_plain_denial(self):
        # oslo.policy raises InvalidScope; the API must still answer 403.
        policy.init().register_default(oslo_policy.RuleDefault(
            'edu:test:system_only', 'role:reader', scope_types=['system']))
        self.assertRaises(policy.PolicyNotAuthorized, policy.authorize,
                          MEMBER, 'edu:test:system_only')
        self.assertTrue(policy.authorize(SYSTEM_ADMIN,
                                         'edu:test:system_only'))

    def test_a_request_carrying_a_context_is_accepted(self):
        class Request(object):
            context = MEMBER
        self.assertTrue(policy.authorize(Request(), 'edu:module:get'))

    def test_policy_file_override_wins(self):
        policy_file = self.create_tempfiles(
            [('policy', '"edu:module:get": "role:admin"\n')],
            ext='.yaml')[0]
        self.conf.set_override('policy_file', policy_file, 'oslo_policy')
        policy.reset()
        self.assertRaises(policy.PolicyNotAuthorized, policy.authorize,
                          MEMBER, 'edu:module:get')
        self.assertTrue(policy.authorize(SYSTEM_ADMIN, 'edu:module:get'))

    def test_noauth_skips_policy_like_cloudkitty(self):
        # cloudkitty-api's own option (as the API tests load it).
        self.conf.import_opt('auth_strategy', 'cloudkitty.api.app')
        self.conf.set_override('auth_strategy', 'noauth')
        self.assertTrue(policy.authorize(NO_DEFAULT_ROLE, 'edu:module:get'))


class PersonaTest(base.TestCase):

    def check(self, context, persona, target):
        try:
            return policy.authorize(context, 'edu:persona:' + persona,
                                    target)
        except policy.PolicyNotAuthorized:
            return False

    def test_platform_admin(self):
        self.assertTrue(self.check(SYSTEM_ADMIN, 'platform_admin', {}))
        self.assertTrue(self.check(PROJECT_ADMIN, 'platform_admin', {}))
        self.assertFalse(self.check(SCHOOL_A_ADMIN, 'platform_admin', {}))
        self.assertFalse(self.check(MEMBER, 'platform_admin', {}))

    def test_school_admin_only_of_their_own_school(self):
        self.assertTrue(self.check(SCHOOL_A_ADMIN, 'school_admin',
                                   {'domain_id': 'domain-a'}))
        self.assertFalse(self.check(SCHOOL_A_ADMIN, 'school_admin',
                                    {'domain_id': 'domain-b'}))
        self.assertFalse(self.check(
            ctx(['member', 'reader'], domain_id='domain-a'),
            'school_admin', {'domain_id': 'domain-a'}))

    def test_teacher_only_on_their_project(self):
        self.assertTrue(self.check(TEACHER, 'teacher',
                                   {'teacher_project_id': 'p-teacher'}))
        self.assertFalse(self.check(TEACHER, 'teacher',
                                    {'teacher_project_id': 'p-other'}))
        self.assertFalse(self.check(MEMBER, 'teacher',
                                    {'teacher_project_id': 'p-student'}))

    def test_student_only_on_their_enrolment(self):
        self.assertTrue(self.check(MEMBER, 'student',
                                   {'project_id': 'p-student'}))
        self.assertFalse(self.check(MEMBER, 'student',
                                    {'project_id': 'p-classmate'}))

    def test_renamed_roles_follow_the_options(self):
        # devstack's EDU_TEACHER_ROLE=lecturer lands in [edu] teacher_role;
        # the persona rules must follow it without a policy file.
        self.conf.set_override('teacher_role', 'lecturer', 'edu')
        self.conf.set_override('student_role', 'pupil', 'edu')
        self.conf.set_override('school_admin_role', 'secretary', 'edu')
        policy.reset()
        lecturer = ctx(['lecturer'], project_id='p-teacher')
        pupil = ctx(['pupil'], project_id='p-student')
        secretary = ctx(['secretary'], domain_id='domain-a')
        self.assertTrue(self.check(lecturer, 'teacher',
                                   {'teacher_project_id': 'p-teacher'}))
        self.assertFalse(self.check(TEACHER, 'teacher',
                                    {'teacher_project_id': 'p-teacher'}))
        self.assertTrue(self.check(pupil, 'student',
                                   {'project_id': 'p-student'}))
        self.assertFalse(self.check(MEMBER, 'student',
                                    {'project_id': 'p-student'}))
        self.assertTrue(self.check(secretary, 'school_admin',
                                   {'domain_id': 'domain-a'}))
        self.assertFalse(self.check(SCHOOL_A_ADMIN, 'school_admin',
                                    {'domain_id': 'domain-a'}))
        # ... and so do the API rules built on them.
        self.assertTrue(policy.check(lecturer, 'edu:class:create',
                                     {'domain_id': 'domain-a',
                                      'teacher_project_id': 'p-teacher'}))

    def test_sample_file_shows_the_option_defaults(self):
        rules = {rule.name: rule.check_str for rule in policies.list_rules()}
        self.assertEqual('role:manager and project_id:%(teacher_project_id)s',
                         rules['edu:persona:teacher'])


class GetEnforcerTest(base.TestCase):

    def test_strips_oslopolicy_options_before_parsing(self):
        self.useFixture(fixtures.MonkeyPatch(
            'sys.argv', ['oslopolicy-policy-generator', '--namespace',
                         'edu_rating', '--output-file', '/dev/null']))
        enforcer = policy.get_enforcer()
        self.assertIn('edu:module:get', enforcer.registered_rules)
