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
"""The Education API's routes, with the service layer mocked."""

import datetime
from unittest import mock

from edu_rating import exceptions
from edu_rating.management.services import actor
from edu_rating.tests.unit.api import base
from edu_rating.tests.unit.api import fakes

SCHOOL_BODY = {'name': 'riverside', 'description': 'Riverside High',
               'admin': {'name': 'riverside-admin', 'password': 'pw',
                         'email': 'admin@riverside.example'},
               'grant': {'vcpu': 64, 'ram_mb': 131072}}


class SchoolsTest(base.ApiTestCase):

    def test_create_answers_201_with_school_and_admin(self):
        self.services['schools.create'].return_value = (
            fakes.SCHOOL, {'id': 'u-admin', 'name': 'riverside-admin',
                           'password': 'never echoed'})
        response = self.request('POST', '/schools', SCHOOL_BODY)
        self.assertEqual(201, response.status_int)
        body = response.json_body_or_none
        self.assertEqual({'id': 'u-admin', 'name': 'riverside-admin'},
                         body['admin'])
        self.assertEqual('2026-09-01T08:00:00+00:00',
                         body['school']['created_at'])
        self.services['schools.create'].assert_called_once_with(
            actor.Actor(user_id='u-1', request_id='req-1',
                        is_platform_admin=True, may_force=True,
                        may_backdate=True),
            name='riverside', description='Riverside High',
            admin=SCHOOL_BODY['admin'], grant=SCHOOL_BODY['grant'])

    def test_create_without_optional_fields(self):
        self.request('POST', '/schools', {'name': 'x', 'admin': {
            'name': 'a', 'password': 'p'}})
        kwargs = self.services['schools.create'].call_args.kwargs
        self.assertIsNone(kwargs['description'])
        self.assertEqual({}, kwargs['grant'])

    def test_names_are_passed_verbatim(self):
        for name in ('École Sainte-Marie', '<b>北京四中</b>', "O'Brien & co"):
            body = dict(SCHOOL_BODY, name=name)
            response = self.request('POST', '/schools', body)
            self.assertEqual(201, response.status_int, name)
            self.assertEqual(
                name, self.services['schools.create'].call_args.kwargs[
                    'name'])

    def test_school_admin_may_not_create(self):
        response = self.request('POST', '/schools', SCHOOL_BODY,
                                persona='school_a')
        self.assertError(403, response, 'edu:school:create')
        self.assertFalse(self.services['schools.create'].called)

    def test_get_wraps_the_school(self):
        self.services['schools.get'].return_value = fakes.SCHOOL
        response = self.request('GET', '/schools/dom-a', persona='school_a')
        self.assertEqual(200, response.status_int)
        self.assertEqual('riverside',
                         response.json_body_or_none['school']['name'])

    def test_other_school_admin_is_refused(self):
        response = self.request('GET', '/schools/dom-a', persona='school_b')
        self.assertError(403, response)
        self.assertFalse(self.services['schools.get'].called)

    def test_unknown_school_is_404(self):
        response = self.request('GET', '/schools/dom-z')
        error = self.assertError(404, response, 'dom-z')
        self.assertEqual({'kind': 'school', 'id': 'dom-z'},
                         error['details'])

    def test_patch_passes_changes(self):
        response = self.request('PATCH', '/schools/dom-a',
                                {'enabled': False})
        self.assertEqual(200, response.status_int)
        self.services['schools.update'].assert_called_once_with(
            mock.ANY, 'dom-a', {'enabled': False})

    def test_empty_patch_is_400(self):
        self.assertError(400, self.request('PATCH', '/schools/dom-a', {}),
                         'at least one of')

    def test_list_for_a_school_admin_targets_their_domain(self):
        self.services['schools.list'].return_value = ([fakes.SCHOOL], 'dom-a')
        response = self.request('GET', '/schools?enabled=true',
                                persona='school_a')
        self.assertEqual(200, response.status_int)
        self.assertEqual('dom-a', response.json_body_or_none['next'])
        self.assertEqual(1, len(response.json_body_or_none['schools']))
        self.services['schools.list'].assert_called_once_with(
            mock.ANY, enabled=True, limit=100)

    def test_teacher_may_not_list_schools(self):
        self.assertError(403, self.request('GET', '/schools',
                                           persona='teacher_a1'))


class ActorTest(base.ApiTestCase):

    def actor_of(self, persona):
        self.request('GET', '/teachers/p-a1', persona=persona)
        return self.services['teachers.get'].call_args.args[0]

    def test_school_admin(self):
        self.assertEqual(
            actor.Actor(user_id='u-1', request_id='req-1',
                        domain_id='dom-a'),
            self.actor_of('school_a'))

    def test_teacher(self):
        self.assertEqual(
            actor.Actor(user_id='u-1', request_id='req-1',
                        project_id='p-a1'),
            self.actor_of('teacher_a1'))

    def test_project_admin_is_platform_admin(self):
        caller = self.actor_of('project_admin')
        self.assertTrue(caller.is_platform_admin)
        self.assertTrue(caller.may_force)


class ErrorsTest(base.ApiTestCase):

    def test_service_error_becomes_the_contract_body(self):
        error = exceptions.Conflict(
            'Teacher a-teacher1 has granted 6 vCPU to students.',
            resource='vcpu', asked=4, minimum=6)
        self.services['allocations.set'].side_effect = error
        response = self.request('PUT', '/allocations/teacher/p-a1',
                                {'grant': {'vcpu': 4}})
        self.assertEqual(409, response.status_int)
        self.assertEqual(error.to_dict(), response.json_body_or_none)

    def test_backend_failure_is_503(self):
        self.services['teachers.create'].side_effect = (
            exceptions.BackendUnavailable('Keystone did not answer.'))
        response = self.request('POST', '/teachers', {
            'school_id': 'dom-a', 'name': 't', 'password': 'p'})
        self.assertError(503, response, 'Keystone did not answer.')

    def test_invalid_json(self):
        self.assertError(400, self.request('POST', '/teachers', '{"name":'),
                         'not valid JSON')

    def test_empty_body(self):
        self.assertError(400, self.request('POST', '/teachers'), 'empty')

    def test_body_must_be_an_object(self):
        self.assertError(400, self.request('POST', '/teachers', [1]),
                         'the request body must be an object')


class SchemaTest(base.ApiTestCase):

    def put_grant(self, grant):
        return self.request('PUT', '/allocations/school/dom-a',
                            {'grant': grant})

    # The schemas check shape; values and bounds are the service layer's
    # (tests/unit/services/test_validation.py).

    def test_non_integer_amounts(self):
        for amount in (1.5, 2.0, '4', True, None):
            self.assertError(400, self.put_grant({'vcpu': amount}),
                             'grant.vcpu must be a whole number')
        self.assertFalse(self.services['allocations.set'].called)

    def test_empty_grant(self):
        self.assertError(400, self.put_grant({}), 'grant must name')

    def test_extra_field(self):
        self.assertError(400, self.request('POST', '/schools', dict(
            SCHOOL_BODY, colour='blue')), 'unknown field colour')

    def test_missing_nested_field(self):
        body = dict(SCHOOL_BODY, admin={'name': 'a'})
        self.assertError(400, self.request('POST', '/schools', body),
                         'admin.password is required')

    def test_date_of_the_wrong_type(self):
        response = self.request('POST', '/classes', {
            'teacher_id': 'p-a1', 'name': 'n', 'term_end': 20270131})
        self.assertError(400, response, 'term_end must be')
        self.assertFalse(self.services['classes.create'].called)


class PaginationTest(base.ApiTestCase):

    def list_call(self, path, name='teachers.list'):
        response = self.request('GET', path)
        self.assertEqual(200, response.status_int, response.body)
        return self.services[name].call_args.kwargs

    def test_default_and_explicit_limit_and_marker(self):
        self.assertEqual(100, self.list_call('/teachers')['limit'])
        kwargs = self.list_call('/teachers?limit=1000&marker=p-a1')
        self.assertEqual((1000, 'p-a1'), (kwargs['limit'], kwargs['marker']))

    def test_class_markers_are_integers(self):
        kwargs = self.list_call('/classes?marker=7&include_closed=yes',
                                'classes.list')
        self.assertEqual((7, True), (kwargs['marker'],
                                     kwargs['include_closed']))

    def test_bad_parameters(self):
        for query, message in (
                ('limit=ten', 'limit must be a whole number'),
                ('enabled=maybe', 'enabled must be true or false'),
                ('colour=blue', 'unknown parameter colour')):
            self.assertError(400, self.request('GET', '/teachers?' + query),
                             message)


class ListScopeTest(base.ApiTestCase):

    def test_school_admin_lists_their_teachers(self):
        response = self.request('GET', '/teachers', persona='school_a')
        self.assertEqual(200, response.status_int)
        self.assertEqual(
            'dom-a', self.services['teachers.list'].call_args.kwargs[
                'school_id'])

    def test_teacher_lists_their_classes(self):
        self.request('GET', '/classes', persona='teacher_a1')
        self.assertEqual(
            'p-a1', self.services['classes.list'].call_args.kwargs[
                'teacher_id'])

    def test_another_schools_filter_is_refused(self):
        response = self.request('GET', '/students?school_id=dom-a',
                                persona='school_b')
        self.assertError(403, response)
        response = self.request('GET', '/classes?teacher_id=p-a1',
                                persona='teacher_a2')
        self.assertError(403, response)
        self.assertFalse(self.services['students.list'].called)
        self.assertFalse(self.services['classes.list'].called)

    def test_without_a_filter_of_their_own(self):
        for persona, path in (('teacher_a1', '/teachers'),
                              ('student_s1', '/students')):
            self.assertError(403, self.request('GET', path, persona=persona),
                             'Say what to list')

    def test_unknown_explicit_filter_is_404(self):
        self.assertError(404, self.request('GET', '/students?class_id=99'))

    def test_platform_admin_lists_everything(self):
        self.request('GET', '/students')
        self.assertEqual(
            {'limit': 100, 'include_removed': False},
            self.services['students.list'].call_args.kwargs)


class ClassesTest(base.ApiTestCase):

    def test_create_and_dates(self):
        self.services['classes.create'].return_value = {
            'id': 3, 'term_end': datetime.date(2027, 1, 31)}
        response = self.request('POST', '/classes', {
            'teacher_id': 'p-a1', 'name': 'Networks 101',
            'term_end': '2027-01-31', 'default_grant': {'vcpu': 2}},
            persona='teacher_a1')
        self.assertEqual(201, response.status_int)
        self.assertEqual({'class': {'id': 3, 'term_end': '2027-01-31'}},
                         response.json_body_or_none)

    def test_close(self):
        response = self.request('POST', '/classes/1/close',
                                persona='teacher_a1')
        self.assertEqual(200, response.status_int)
        self.services['classes.close'].assert_called_once_with(
            mock.ANY, 1)

    def test_close_of_another_teacher_is_refused(self):
        self.assertError(403, self.request('POST', '/classes/1/close',
                                           persona='teacher_a2'))

    def test_non_numeric_class_is_404(self):
        self.assertError(404, self.request('GET', '/classes/abc'),
                         'No class abc')


class StudentsTest(base.ApiTestCase):

    def test_enrol_answers_the_generated_password(self):
        self.services['students.enrol'].return_value = (
            {'id': 'p-s3'}, 'Xy7-generated')
        response = self.request('POST', '/students', {
            'class_id': 1, 'name': 'alice'}, persona='teacher_a1')
        self.assertEqual(201, response.status_int)
        self.assertEqual({'student': {'id': 'p-s3'},
                          'password': 'Xy7-generated'},
                         response.json_body_or_none)

    def test_student_sees_their_enrolment_only(self):
        response = self.request('GET', '/students/p-s1',
                                persona='student_s1')
        self.assertEqual(200, response.status_int)
        self.assertError(403, self.request('GET', '/students/p-s2',
                                           persona='student_s1'))

    def test_roster_csv_passes_through(self):
        csv_text = 'name,email\nalice,alice@example.org\nbob,\n'
        self.services['students.enrol_roster'].return_value = [
            ({'id': 'p-s3'}, 'pw1'), ({'id': 'p-s4'}, None)]
        response = self.request('POST', '/students/roster?class_id=1',
                                '\ufeff' + csv_text, persona='teacher_a1',
                                content_type='text/csv')
        self.assertEqual(201, response.status_int)
        self.services['students.enrol_roster'].assert_called_once_with(
            mock.ANY, 1, csv_text, False)
        self.assertEqual(
            [{'student': {'id': 'p-s3'}, 'password': 'pw1'},
             {'student': {'id': 'p-s4'}, 'password': None}],
            response.json_body_or_none['students'])

    def test_roster_as_json(self):
        self.request('POST', '/students/roster?class_id=1',
                     {'csv': 'name\nbob\n'})
        self.assertEqual(
            'name\nbob\n',
            self.services['students.enrol_roster'].call_args.args[2])

    def test_roster_preview_creates_nothing(self):
        self.services['students.preview_roster'].return_value = {
            'lines': [{'line': 2, 'status': 'new'}]}
        response = self.request(
            'POST', '/students/roster?class_id=1&dry_run=true'
            '&skip_enrolled=1', 'name\nbob\n', persona='teacher_a1',
            content_type='text/csv')
        self.assertEqual(200, response.status_int)
        self.assertEqual({'lines': [{'line': 2, 'status': 'new'}]},
                         response.json_body_or_none['preview'])
        self.services['students.preview_roster'].assert_called_once_with(
            mock.ANY, 1, 'name\nbob\n', True)
        self.services['students.enrol_roster'].assert_not_called()

    def test_class_grant(self):
        self.services['allocations.set_class'].return_value = {
            'class': {'id': 1}, 'students': 2}
        response = self.request('PUT', '/classes/1/grant',
                                {'grant': {'vcpu': 2}, 'reason': 'lab'},
                                persona='teacher_a1')
        self.assertEqual(200, response.status_int)
        self.services['allocations.set_class'].assert_called_once_with(
            mock.ANY, 1, grant={'vcpu': 2}, reason='lab')
        self.assertError(400, self.request('PUT', '/classes/1/grant',
                                           {'grant': {}}), 'grant')
        self.assertError(404, self.request('PUT', '/classes/x/grant',
                                           {'grant': {'vcpu': 1}}), 'x')

    def test_roster_refusals(self):
        self.assertError(400, self.request(
            'POST', '/students/roster', 'name\n', content_type='text/csv'),
            'class_id is required')
        self.assertError(400, self.request(
            'POST', '/students/roster?class_id=1', 'name\n',
            content_type='application/vnd.ms-excel'), 'text/csv')
        self.assertError(400, self.request(
            'POST', '/students/roster?class_id=1', 'n\xe9'.encode('latin-1'),
            content_type='text/csv'), 'CSV UTF-8')
        self.services['students.enrol_roster'].side_effect = (
            exceptions.Invalid('line 3: name is empty.'))
        self.assertError(400, self.request(
            'POST', '/students/roster?class_id=1', 'name\na\n\n',
            content_type='text/csv'), 'line 3')

    def test_delete(self):
        response = self.request('DELETE', '/students/p-s1')
        self.assertEqual(204, response.status_int)
        self.assertEqual(b'', response.body)
        self.services['students.remove'].assert_called_once_with(
            mock.ANY, 'p-s1', force=False)

    def test_delete_with_force(self):
        self.request('DELETE', '/students/p-s1?force=true')
        self.assertTrue(
            self.services['students.remove'].call_args.kwargs['force'])


class AllocationsTest(base.ApiTestCase):

    def test_get_passes_the_service_answer(self):
        answer = {'scope_type': 'enrolment', 'scope_id': 'p-s1',
                  'grant': {'vcpu': 2}, 'delegated': {'vcpu': 0},
                  'free': {'vcpu': 2}, 'in_use': {'vcpu': 1}}
        self.services['allocations.get'].return_value = answer
        response = self.request('GET', '/allocations/enrolment/p-s1',
                                persona='student_s1')
        self.assertEqual(answer, response.json_body_or_none)

    def test_unknown_scope_type(self):
        self.assertError(400, self.request('GET', '/allocations/class/1'),
                         'scope_type must be one of school, teacher')

    def test_set_by_the_school_admin(self):
        response = self.request('PUT', '/allocations/teacher/p-a1', {
            'grant': {'vcpu': 4}, 'reason': 'lab 3'}, persona='school_a')
        self.assertEqual(200, response.status_int)
        self.services['allocations.set'].assert_called_once_with(
            mock.ANY, 'teacher', 'p-a1', grant={'vcpu': 4},
            reason='lab 3')

    def test_school_grant_is_the_platforms(self):
        self.assertError(403, self.request(
            'PUT', '/allocations/school/dom-a', {'grant': {'vcpu': 4}},
            persona='school_a'), 'edu:allocation:school:set')

    def test_force_is_decided_by_the_force_rule(self):
        body = {'grant': {'vcpu': 0}, 'force': True}
        for persona, may_force in (('school_a', False), ('platform', True)):
            self.request('PUT', '/allocations/teacher/p-a1', body,
                         persona=persona)
            call = self.services['allocations.set'].call_args
            self.assertTrue(call.kwargs['force'])
            self.assertEqual(may_force, call.args[0].may_force, persona)

    def test_refused_force_is_403(self):
        self.services['allocations.set'].side_effect = exceptions.Forbidden(
            'Only a platform administrator may force this change.')
        self.assertError(403, self.request(
            'PUT', '/allocations/teacher/p-a1',
            {'grant': {'vcpu': 0}, 'force': True}, persona='school_a'),
            'platform administrator')

    def test_history(self):
        self.services['allocations.history'].return_value = (
            [{'id': 9, 'resource': 'vcpu', 'amount': 4,
              'effective_from': datetime.datetime(
                  2026, 9, 1, tzinfo=fakes.UTC),
              'effective_to': None}], 9)
        response = self.request(
            'GET', '/allocations/teacher/p-a1/history?resource=vcpu&limit=1',
            persona='teacher_a1')
        self.assertEqual(200, response.status_int)
        body = response.json_body_or_none
        self.assertEqual(9, body['next'])
        self.assertEqual('2026-09-01T00:00:00+00:00',
                         body['allocations'][0]['effective_from'])
        self.services['allocations.history'].assert_called_once_with(
            mock.ANY, 'teacher', 'p-a1', resource='vcpu', limit=1)
        self.assertError(400, self.request(
            'GET', '/allocations/teacher/p-a1/history?resource=gpu'),
            'resource must be one of')


class InvoicesTest(base.ApiTestCase):

    def test_csv_download(self):
        response = self.request('GET', '/invoices/2/csv',
                                persona='teacher_a1')
        self.assertEqual(200, response.status_int, response.body)
        self.assertEqual('text/csv', response.content_type)
        self.assertIn('attachment; filename="invoice-2.csv"',
                      response.headers['Content-Disposition'])
        self.assertTrue(response.text.startswith('number,total'))

    def test_pdf_download_in_the_language_asked(self):
        response = self.request('GET', '/invoices/2/pdf?language=zh-hans',
                                persona='teacher_a1',
                                headers={'Accept-Language': 'en'})
        self.assertEqual(200, response.status_int, response.body)
        self.assertEqual('application/pdf', response.content_type)
        self.assertIn('filename="invoice-2.pdf"',
                      response.headers['Content-Disposition'])
        self.assertEqual(b'%PDF-1.7 not really', response.body)
        self.services['invoices.as_pdf'].assert_called_once_with(
            mock.ANY, '2', 'zh-hans', 'en')
        self.assertError(400, self.request(
            'GET', '/invoices/2/pdf?lang=zh', persona='teacher_a1'),
            'lang')

    def test_another_teacher_may_not_read_it(self):
        self.assertError(403, self.request('GET', '/invoices/2/pdf',
                                           persona='teacher_a2'))
        self.assertError(403, self.request('GET', '/invoices/2/csv',
                                           persona='teacher_a2'))
        self.assertError(403, self.request('GET', '/invoices/2',
                                           persona='teacher_a2'))

    def test_a_teacher_lists_their_own_by_default(self):
        response = self.request('GET', '/invoices', persona='teacher_a1')
        self.assertEqual(200, response.status_int, response.body)
        kwargs = self.services['invoices.list'].call_args.kwargs
        self.assertEqual('p-a1', kwargs['payer_id'])

    def test_the_school_admin_settles_teachers_invoices_only(self):
        self.assertEqual(200, self.request(
            'POST', '/invoices/2/pay', persona='school_a').status_int)
        self.assertError(403, self.request('POST', '/invoices/1/pay',
                                           persona='school_a'))


class DatabaseDownTest(base.ApiTestCase):

    def test_an_unreachable_database_is_a_503_with_a_message(self):
        from oslo_db import exception as db_exc
        self.services['teachers.get'].side_effect = db_exc.DBConnectionError(
            'Lost connection to MySQL server')
        response = self.request('GET', '/teachers/p-a1')
        self.assertEqual(503, response.status_int)
        error = response.json_body_or_none['error']
        self.assertEqual('database.unavailable', error['error_code'])
        self.assertIn('try again', error['message'])
        self.assertNotIn('MySQL', error['message'])


class WrongMethodTest(base.ApiTestCase):

    def test_a_collection_without_an_id_is_a_405(self):
        for method in ('PATCH', 'DELETE'):
            response = self.request(method, '/students', {'password': 'x'})
            self.assertEqual(405, response.status_int, method)
            self.assertEqual('method.not_allowed', response.json_body_or_none[
                'error']['error_code'])
