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
"""Every change the API makes is recorded; the trail is read by admins."""

from edu_rating.tests.unit.api import base


class RecordedTest(base.ApiTestCase):

    def recorded(self):
        return self.services['audit.record']

    def test_a_change_is_recorded_with_its_rule_actor_and_reason(self):
        response = self.request(
            'PUT', '/allocations/teacher/p-a1',
            {'grant': {'vcpu': 4}, 'reason': 'new lab'},
            headers={'X-User-Name': 'Ms Smith'})
        self.assertEqual(200, response.status_int)
        (caller, action), kwargs = self.recorded().call_args
        self.assertEqual(('u-1', 'Ms Smith', 'req-1'),
                         (caller.user_id, caller.user_name,
                          caller.request_id))
        self.assertEqual('edu:allocation:teacher:set', action)
        self.assertEqual(('teacher', 'p-a1', 'dom-a', 'new lab'),
                         (kwargs['target_type'], kwargs['target_id'],
                          kwargs['school_id'], kwargs['reason']))
        self.assertEqual({'grant': {'vcpu': 4}, 'reason': 'new lab'},
                         kwargs['details']['request'])

    def test_a_created_object_is_the_target(self):
        self.services['teachers.create'].return_value = {
            'id': 'p-new', 'school_id': 'dom-a'}
        self.request('POST', '/teachers', {'school_id': 'dom-a',
                                           'name': 't', 'password': 'pw'})
        kwargs = self.recorded().call_args.kwargs
        self.assertEqual(('teacher', 'p-new', 'dom-a'),
                         (kwargs['target_type'], kwargs['target_id'],
                          kwargs['school_id']))

    def test_a_csv_roster_is_recorded_by_its_size(self):
        roster = 'name\nalice\n'
        self.request('POST', '/students/roster?class_id=1', roster,
                     persona='teacher_a1', content_type='text/csv')
        kwargs = self.recorded().call_args.kwargs
        self.assertEqual({'content_type': 'text/csv', 'bytes': len(roster)},
                         kwargs['details']['request'])
        self.assertEqual(('teacher', 'p-a1'),
                         (kwargs['target_type'], kwargs['target_id']))

    def test_a_json_roster_is_recorded_by_its_size_too(self):
        # Its lines may hold the students' passwords.
        body = '{"csv": "name,password\\nalice,S3cret-pw\\n"}'
        self.request('POST', '/students/roster?class_id=1', body,
                     persona='teacher_a1')
        kwargs = self.recorded().call_args.kwargs
        self.assertEqual({'content_type': 'application/json',
                          'bytes': len(body)}, kwargs['details']['request'])
        self.assertNotIn('S3cret', str(kwargs))

    def test_reads_and_refusals_are_not_recorded(self):
        self.request('GET', '/teachers/p-a1')
        response = self.request('PATCH', '/teachers/p-a1',
                                {'enabled': False}, persona='teacher_a2')
        self.assertEqual(403, response.status_int)
        self.assertFalse(self.recorded().called)


class ListTest(base.ApiTestCase):

    def test_a_school_admin_reads_their_school_by_default(self):
        response = self.request('GET', '/audit?action=edu:teacher',
                                persona='school_a')
        self.assertEqual(200, response.status_int)
        self.assertEqual({'events': [], 'next': None},
                         response.json_body_or_none)
        kwargs = self.services['audit.list'].call_args.kwargs
        self.assertEqual(('dom-a', 'edu:teacher'),
                         (kwargs['school_id'], kwargs['action']))

    def test_nobody_else_reads_it(self):
        for persona, query in (('school_a', '?school_id=dom-b'),
                               ('teacher_a1', ''), ('student_s1', '')):
            response = self.request('GET', '/audit' + query,
                                    persona=persona)
            self.assertEqual(403, response.status_int, persona)
        self.assertFalse(self.services['audit.list'].called)
