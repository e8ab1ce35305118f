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
"""Default rules of the Education API: who may do what, across schools."""

from edu_rating import policy
from edu_rating.tests.unit.api import fakes
from edu_rating.tests.unit import base

PLATFORM = {'platform', 'project_admin'}
SCHOOL_A = PLATFORM | {'school_a'}
TEACHER_A1 = SCHOOL_A | {'teacher_a1'}
STUDENT_S1 = TEACHER_A1 | {'student_s1'}

IMAGE_A1 = fakes.TARGETS['image']['img-a1']
PLATFORM_IMAGE = fakes.TARGETS['image']['img-platform']

# rule, target, the personas allowed (all others are refused).
MATRIX = [
    ('edu:school:create', {}, PLATFORM),
    ('edu:school:list', fakes.SCHOOL_A, SCHOOL_A),
    ('edu:school:get', fakes.SCHOOL_A, SCHOOL_A),
    ('edu:school:update', fakes.SCHOOL_A, PLATFORM),
    ('edu:teacher:create', fakes.SCHOOL_A, SCHOOL_A),
    ('edu:teacher:list', fakes.SCHOOL_A, SCHOOL_A),
    ('edu:teacher:get', fakes.TEACHER_A1, TEACHER_A1),
    ('edu:teacher:update', fakes.TEACHER_A1, SCHOOL_A),
    ('edu:class:create', fakes.TEACHER_A1, TEACHER_A1),
    ('edu:class:list', fakes.TEACHER_A1, TEACHER_A1),
    ('edu:class:list', fakes.SCHOOL_A, SCHOOL_A),
    ('edu:class:get', fakes.TEACHER_A1, TEACHER_A1),
    ('edu:class:end', fakes.TEACHER_A1, TEACHER_A1),
    ('edu:class:archive', fakes.TEACHER_A1, TEACHER_A1),
    ('edu:class:hand_back', fakes.TEACHER_A1, TEACHER_A1),
    # Labs: a student lists their class's templates and their machines;
    # only a teacher or the student launches one (with their own token).
    ('edu:template:create', fakes.TEACHER_A1, TEACHER_A1),
    ('edu:template:list', fakes.STUDENT_S1, STUDENT_S1),
    ('edu:template:get', fakes.TEACHER_A1, TEACHER_A1),
    ('edu:template:delete', fakes.TEACHER_A1, TEACHER_A1),
    ('edu:machine:create', fakes.STUDENT_S1, {'teacher_a1', 'student_s1'}),
    ('edu:machine:list', fakes.STUDENT_S1, STUDENT_S1),
    ('edu:job:create', fakes.TEACHER_A1, TEACHER_A1),
    ('edu:job:list', fakes.TEACHER_A1, TEACHER_A1),
    ('edu:job:get', fakes.TEACHER_A1, TEACHER_A1),
    # Images: a teacher's, managed by them and their school; only the
    # owner or the platform deletes one; the platform's are everyone's to
    # read and the platform admin's to manage.
    ('edu:image:create', fakes.TEACHER_A1, TEACHER_A1),
    ('edu:image:create', {}, PLATFORM),
    ('edu:image:list', fakes.STUDENT_S1, STUDENT_S1),
    ('edu:image:list', fakes.SCHOOL_A, SCHOOL_A),
    ('edu:image:get', IMAGE_A1, TEACHER_A1),
    ('edu:image:get', PLATFORM_IMAGE, set(fakes.PERSONAS) - {'nobody'}),
    ('edu:image:update', IMAGE_A1, TEACHER_A1),
    ('edu:image:update', PLATFORM_IMAGE, PLATFORM),
    ('edu:image:delete', IMAGE_A1, PLATFORM | {'teacher_a1'}),
    ('edu:image:delete', PLATFORM_IMAGE, PLATFORM),
    ('edu:image:share:create', IMAGE_A1, TEACHER_A1),
    ('edu:image:share:create', fakes.TEACHER_A1, TEACHER_A1),
    ('edu:image:share:delete', IMAGE_A1, TEACHER_A1),
    ('edu:class:update', fakes.TEACHER_A1, TEACHER_A1),
    ('edu:class:close', fakes.TEACHER_A1, TEACHER_A1),
    ('edu:class:grant', fakes.TEACHER_A1, TEACHER_A1),
    ('edu:student:create', fakes.TEACHER_A1, TEACHER_A1),
    ('edu:student:list', fakes.TEACHER_A1, TEACHER_A1),
    ('edu:student:get', fakes.STUDENT_S1, STUDENT_S1),
    ('edu:student:update', fakes.STUDENT_S1, TEACHER_A1),
    ('edu:student:delete', fakes.STUDENT_S1, TEACHER_A1),
    ('edu:allocation:get', fakes.SCHOOL_A, SCHOOL_A),
    ('edu:allocation:get', fakes.TEACHER_A1, TEACHER_A1),
    ('edu:allocation:get', fakes.STUDENT_S1, STUDENT_S1),
    ('edu:allocation:history', fakes.SCHOOL_A, SCHOOL_A),
    ('edu:allocation:history', fakes.STUDENT_S1, STUDENT_S1),
    ('edu:allocation:school:set', fakes.SCHOOL_A, PLATFORM),
    ('edu:allocation:teacher:set', fakes.TEACHER_A1, SCHOOL_A),
    ('edu:allocation:enrolment:set', fakes.STUDENT_S1, TEACHER_A1),
    ('edu:allocation:force', {}, PLATFORM),
    ('edu:allocation:backdate', {}, PLATFORM),
    # Money: the platform's plans ({} target) are the platform admin's; a
    # school's plans its admin's too; a teacher reads the plan they pay by;
    # students see no money.
    ('edu:plan:create', {}, PLATFORM),
    ('edu:plan:create', fakes.SCHOOL_A, SCHOOL_A),
    ('edu:plan:list', {}, PLATFORM),
    ('edu:plan:list', fakes.SCHOOL_A, SCHOOL_A),
    ('edu:plan:get', {}, PLATFORM),
    ('edu:plan:get', fakes.SCHOOL_A, SCHOOL_A),
    ('edu:plan:version:create', {}, PLATFORM),
    ('edu:plan:version:create', fakes.SCHOOL_A, SCHOOL_A),
    ('edu:plan:assignment:list', {}, PLATFORM),
    ('edu:plan:assignment:list', fakes.SCHOOL_A, SCHOOL_A),
    ('edu:plan:assignment:set', {}, PLATFORM),
    ('edu:plan:assignment:set', fakes.SCHOOL_A, SCHOOL_A),
    ('edu:price:get', fakes.SCHOOL_A, SCHOOL_A),
    ('edu:price:get', fakes.TEACHER_A1, TEACHER_A1),
    # Invoices: read by their payer (and its school), settled by their
    # issuer.
    ('edu:invoice:list', {}, PLATFORM),
    ('edu:invoice:list', fakes.SCHOOL_A, SCHOOL_A),
    ('edu:invoice:list', fakes.TEACHER_A1, TEACHER_A1),
    ('edu:invoice:get', fakes.SCHOOL_A, SCHOOL_A),
    ('edu:invoice:get', fakes.TEACHER_A1, TEACHER_A1),
    ('edu:invoice:download', fakes.TEACHER_A1, TEACHER_A1),
    ('edu:invoice:pay', {}, PLATFORM),
    ('edu:invoice:pay', fakes.SCHOOL_A, SCHOOL_A),
    ('edu:invoice:void', {}, PLATFORM),
    ('edu:invoice:void', fakes.SCHOOL_A, SCHOOL_A),
    ('edu:invoice:run', {}, PLATFORM),
    ('edu:cost:get', fakes.SCHOOL_A, SCHOOL_A),
    ('edu:cost:get', fakes.TEACHER_A1, TEACHER_A1),
    ('edu:cost:teachers', fakes.SCHOOL_A, SCHOOL_A),
    ('edu:platform:get', {}, PLATFORM),
    # The audit trail: the platform's all, a school admin their school's.
    ('edu:audit:list', {}, PLATFORM),
    ('edu:audit:list', fakes.SCHOOL_A, SCHOOL_A),
]


class DefaultRulesTest(base.TestCase):

    def allowed(self, rule, target):
        return {persona for persona in fakes.PERSONAS
                if policy.check(fakes.context(persona), rule, target)}

    def test_matrix(self):
        for rule, target, expected in MATRIX:
            self.assertEqual(expected, self.allowed(rule, target),
                             (rule, target))

    def test_every_api_rule_is_in_the_matrix(self):
        api_rules = {r.name for r in policy.init().registered_rules.values()
                     if r.name.startswith('edu:') and
                     not r.name.startswith(('edu:persona:', 'edu:module:'))}
        self.assertEqual(api_rules, {rule for rule, _t, _e in MATRIX})

    def test_nobody_crosses_schools(self):
        school_b_personas = {'school_b'}
        for rule, target, _expected in MATRIX:
            # The platform's objects ({}, its images) are no school's.
            if 'domain_id' in target:
                self.assertFalse(
                    school_b_personas & self.allowed(rule, target), rule)

    def test_teacher_helping_in_a_students_project(self):
        # The teacher's manager role is inherited by the enrolment
        # projects: scoped there, they still act as that project's teacher
        # only through the student rule's project match.
        helper = fakes.context('teacher_a1')
        helper.project_id = 'p-s1'
        self.assertTrue(policy.check(helper, 'edu:student:get',
                                     fakes.STUDENT_S1))
        self.assertFalse(policy.check(helper, 'edu:class:update',
                                      fakes.TEACHER_A1))

    def test_override_of_a_persona_changes_every_rule_using_it(self):
        policy_file = self.create_tempfiles([(
            'policy', '"edu:persona:teacher": '
                      '"role:instructor and project_id:'
                      '%(teacher_project_id)s"\n')], ext='.yaml')[0]
        self.conf.set_override('policy_file', policy_file, 'oslo_policy')
        policy.reset()
        self.assertNotIn('teacher_a1', self.allowed('edu:class:get',
                                                    fakes.TEACHER_A1))
