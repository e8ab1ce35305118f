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
"""The audit trail: appended without secrets, read page by page."""

import datetime
from unittest import mock

from edu_rating import exceptions
from edu_rating.management.services import actor as actor_mod
from edu_rating.management.services import audit
from edu_rating.tests.unit.services import base

SMITH = actor_mod.Actor('u-smith', user_name='Ms Smith', request_id='req-7')


class AuditTest(base.ServiceTestCase):

    def test_an_event_keeps_who_what_and_why_but_no_secret(self):
        school = self.make_school()
        audit.record(SMITH, 'edu:teacher:create', 'teacher', 'p-1',
                     school['id'], 'new term',
                     {'request': {'name': 't', 'password': 'hunter2',
                                  'admin': {'Password': 'x', 'name': 'a'},
                                  'items': [{'token': 'abc', 'n': 1}]}})
        (event,), _next = audit.list(base.ADMIN, school_id=school['id'])
        self.assertEqual(
            ('u-smith', 'Ms Smith', 'req-7', 'edu:teacher:create',
             'teacher', 'p-1', 'new term'),
            (event['actor_id'], event['actor_name'], event['request_id'],
             event['action'], event['target_type'], event['target_id'],
             event['reason']))
        self.assertEqual({'request': {'name': 't', 'admin': {'name': 'a'},
                                      'items': [{'n': 1}]}},
                         event['details'])
        self.assertNotIn('hunter2', str(event))

    def test_filters_and_pages(self):
        school = self.make_school()
        for index in range(3):
            audit.record(SMITH, 'edu:class:update', 'class', str(index),
                         school['id'])
        audit.record(base.TEACHER, 'edu:student:remove', 'enrolment', 'p-9',
                     'another-school')
        first, marker = audit.list(base.ADMIN, action='edu:class', limit=2)
        self.assertEqual(['0', '1'], [e['target_id'] for e in first])
        rest, end = audit.list(base.ADMIN, action='edu:class', marker=marker)
        self.assertEqual((['2'], None), ([e['target_id'] for e in rest], end))
        self.assertEqual(['p-9'], [e['target_id'] for e in audit.list(
            base.ADMIN, actor_id='teacher-user')[0]])
        later = (datetime.datetime.now(datetime.timezone.utc) +
                 datetime.timedelta(hours=1)).isoformat()
        self.assertEqual([], audit.list(base.ADMIN, since=later)[0])

    def test_bad_filters_are_refused(self):
        self.assertRaises(exceptions.NotFound, audit.list, base.ADMIN,
                          school_id='no-such-school')
        error = self.assertRaises(exceptions.Invalid, audit.list, base.ADMIN,
                                  since='yesterday')
        self.assertEqual('field.not_moment', error.error_code)

    def test_a_failed_record_never_fails_the_change(self):
        with mock.patch('edu_rating.db.api.get_instance') as get_db:
            get_db.return_value.record_audit.side_effect = RuntimeError
            self.assertIsNone(audit.record(SMITH, 'edu:class:close'))
