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
import json

from django.test.utils import override_settings
from django.urls import reverse

from openstack_dashboard.test import helpers as test

from edu_rating.client import exceptions as edu_exceptions

from edu_dashboard import api
from edu_dashboard.dashboards.edu.classes import views
from edu_dashboard import policy
from edu_dashboard.tests import helpers

INDEX_URL = reverse('horizon:edu:classes:index')
CREATE_URL = reverse('horizon:edu:classes:create')
GRANT = {'vcpu': 2, 'ram_mb': 2048, 'disk_gb': 20, 'instances': 1}


def url(name, *args):
    return reverse('horizon:edu:classes:' + name, args=args)


class ClassesTestCase(helpers.TestCase):

    def setUp(self):
        super().setUp()
        policy.enforcer.cache_clear()

    def klass(self, ident=7, name='Networks 101', teacher_id=None,
              school_id=None):
        return {'id': ident, 'name': name, 'term_end': '2027-01-31',
                'teacher_id': teacher_id or self.tenant.id,
                'school_id': school_id or self.domain.id,
                'default_grant': dict(GRANT), 'closed_at': None,
                'term': helpers.term(),
                'created_at': '2026-12-01T08:00:00+00:00'}

    def student(self, ident, name, class_id=7):
        return {'id': ident, 'name': name, 'class_id': class_id,
                'teacher_id': self.tenant.id, 'school_id': self.domain.id,
                'project_name': name + '-class7', 'grant': dict(GRANT),
                'in_use': dict(GRANT, vcpu=1, ram_mb=512),
                'created_at': '2026-12-02T08:00:00+00:00'}


class ClassesTests(ClassesTestCase):

    @test.create_mocks({api.edu: ('class_list',)})
    def test_a_teacher_lists_their_own_classes(self):
        self.mock_class_list.return_value = ([self.klass()], None)
        self.login_teacher()

        res = self.client.get(INDEX_URL)

        self.assertEqual(200, res.status_code)
        self.assertContains(res, 'Networks 101')
        self.assertContains(res, url('detail', 7))
        self.assertContains(res, CREATE_URL)
        self.mock_class_list.assert_called_once_with(
            test.IsHttpRequest(), marker=None, limit=20, include_closed=True,
            teacher_id=self.tenant.id)

    @test.create_mocks({api.edu: ('class_list',)})
    def test_a_school_admin_sees_the_schools_classes_without_create(self):
        self.mock_class_list.return_value = ([self.klass()], None)
        self.login_school_admin()

        res = self.client.get(INDEX_URL)

        self.assertContains(res, 'Networks 101')
        self.assertNotContains(res, CREATE_URL)
        self.mock_class_list.assert_called_once_with(
            test.IsHttpRequest(), marker=None, limit=20, include_closed=True,
            school_id=self.domain.id)

    def test_a_student_is_refused(self):
        self.login_student()
        self.assertEqual(403, self.client.get(INDEX_URL).status_code)

    @test.create_mocks({api.edu: ('class_create',)})
    def test_create_a_class(self):
        self.mock_class_create.return_value = self.klass()
        self.login_teacher()

        res = self.client.post(CREATE_URL, dict(
            GRANT, name='Networks 101', term_end='2027-01-31'))

        self.assertNoFormErrors(res)
        self.assertRedirectsNoFollow(res, INDEX_URL)
        self.mock_class_create.assert_called_once_with(
            test.IsHttpRequest(), self.tenant.id, 'Networks 101',
            term_end='2027-01-31', default_grant=GRANT)

    def test_bad_input_never_reaches_the_api(self):
        self.login_teacher()
        res = self.client.post(CREATE_URL, dict(
            GRANT, vcpu=-1, name='x', term_end='31/31/2027'))
        self.assertFormErrors(res, 2)

    @test.create_mocks({api.edu: ('class_list', 'class_close')})
    def test_close_a_class(self):
        self.mock_class_list.return_value = ([self.klass()], None)
        self.mock_class_close.side_effect = edu_exceptions.Conflict(
            'Class Networks 101 still has 3 student(s); remove them before '
            'closing it.', 409)
        self.login_teacher()

        res = self.client.post(INDEX_URL, {'action': 'classes__close__7'},
                               follow=True)

        self.mock_class_close.assert_called_once_with(test.IsHttpRequest(),
                                                      '7')
        self.assertContains(res, 'still has 3 student')


class ClassDetailTests(ClassesTestCase):

    @test.create_mocks({api.edu: ('class_get', 'student_list')})
    def test_the_students_and_their_grants_in_two_calls(self):
        self.mock_class_get.return_value = self.klass()
        self.mock_student_list.return_value = (
            [self.student('s1', 'alice'),
             self.student('s2', '<img src=x onerror=alert(1)>')], None)
        self.login_teacher()

        res = self.client.get(url('detail', 7))

        self.assertEqual(200, res.status_code)
        self.assertContains(res, 'alice')
        self.assertContains(res, '&lt;img src=x onerror=alert(1)&gt;')
        self.assertNotContains(res, '<img src=x')
        for name in ('enrol', 'roster', 'class_grant'):
            self.assertContains(res, url(name, 7))
        self.assertContains(res, url('student_grant', 7, 's1'))
        self.assertContains(res, url('student_password', 7, 's1'))
        # Removal of several at once, and the date they were enrolled.
        self.assertContains(res, 'id="students__action_delete"')
        self.assertContains(res, 'Dec. 2, 2026')
        # What each student uses of their grant, from the API's list.
        self.assertContains(res, '512 / 2,048')
        self.mock_class_get.assert_called_once_with(test.IsHttpRequest(),
                                                    '7')
        self.mock_student_list.assert_called_once_with(
            test.IsHttpRequest(), marker=None, limit=20, class_id=7)

    @test.create_mocks({api.edu: ('class_get',)})
    def test_another_teachers_class_is_refused(self):
        self.mock_class_get.return_value = self.klass(teacher_id='other')
        self.login_teacher()

        res = self.client.get(url('detail', 7))

        self.assertRedirectsNoFollow(res, INDEX_URL)

    @test.create_mocks({api.edu: ('class_get',)})
    def test_another_schools_class_is_refused_to_a_school_admin(self):
        self.mock_class_get.return_value = self.klass(teacher_id='other',
                                                      school_id='other')
        self.login_school_admin()

        self.assertRedirectsNoFollow(self.client.get(url('detail', 7)),
                                     INDEX_URL)

    @test.create_mocks({api.edu: ('class_get',)})
    def test_an_unknown_class(self):
        self.mock_class_get.side_effect = edu_exceptions.NotFound(
            'No class 99.', 404)
        self.login_teacher()

        self.assertRedirectsNoFollow(self.client.get(url('detail', 99)),
                                     INDEX_URL)

    @test.create_mocks({api.edu: ('class_get', 'student_enrol')})
    def test_enrol_shows_the_generated_password_once(self):
        self.mock_class_get.return_value = self.klass()
        self.mock_student_enrol.return_value = {
            'student': self.student('s1', 'alice'), 'password': 'Xy7-pw'}
        self.login_teacher()

        res = self.client.post(url('enrol', 7), dict(GRANT, name='alice',
                                                     email='', password=''),
                               follow=True)

        self.assertContains(res, 'Xy7-pw')
        self.mock_student_enrol.assert_called_once_with(
            test.IsHttpRequest(), 7, 'alice', password=None, email=None,
            grant=GRANT)

    @test.create_mocks({api.edu: ('class_get', 'class_grant_set')})
    def test_grant_the_whole_class(self):
        self.mock_class_get.return_value = self.klass()
        self.mock_class_grant_set.return_value = {'class': self.klass(),
                                                  'students': 3}
        self.login_teacher()

        res = self.client.post(url('class_grant', 7),
                               dict(GRANT, vcpu=3, reason='lab 2'))

        self.assertNoFormErrors(res)
        self.assertRedirectsNoFollow(res, url('detail', 7))
        self.mock_class_grant_set.assert_called_once_with(
            test.IsHttpRequest(), 7, dict(GRANT, vcpu=3), reason='lab 2')

    @test.create_mocks({api.edu: ('class_get', 'class_grant_set')})
    def test_a_class_grant_that_does_not_fit(self):
        self.mock_class_get.return_value = self.klass()
        self.mock_class_grant_set.side_effect = edu_exceptions.Conflict(
            'Teacher t has 8 vCPU; 9 more for 3 students would need 12.',
            409)
        self.login_teacher()

        res = self.client.post(url('class_grant', 7), dict(GRANT, vcpu=5),
                               follow=True)

        self.assertContains(res, 'would need 12')

    @test.create_mocks({api.edu: ('class_get', 'student_get', 'grant_set')})
    def test_change_a_students_grant(self):
        self.mock_class_get.return_value = self.klass()
        self.mock_student_get.return_value = self.student('s1', 'alice')
        self.login_teacher()

        res = self.client.post(url('student_grant', 7, 's1'),
                               dict(GRANT, ram_mb=4096, reason=''))

        self.assertNoFormErrors(res)
        self.mock_grant_set.assert_called_once_with(
            test.IsHttpRequest(), 'enrolment', 's1',
            dict(GRANT, ram_mb=4096), reason=None)

    @test.create_mocks({api.edu: ('class_get', 'student_get',
                                  'student_update')})
    def test_reset_a_students_password(self):
        self.mock_class_get.return_value = self.klass()
        self.mock_student_get.return_value = self.student('s1', 'alice')
        self.login_teacher()

        res = self.client.post(url('student_password', 7, 's1'),
                               {'password': 'n3w secret',
                                'confirm_password': 'n3w secret'})

        self.assertNoFormErrors(res)
        self.assertRedirectsNoFollow(res, url('detail', 7))
        self.mock_student_update.assert_called_once_with(
            test.IsHttpRequest(), 's1', password='n3w secret')

    @test.create_mocks({api.edu: ('class_get', 'student_list',
                                  'student_remove')})
    def test_remove_a_student(self):
        self.mock_class_get.return_value = self.klass()
        self.mock_student_list.return_value = (
            [self.student('s1', 'alice')], None)
        self.login_teacher()

        self.client.post(url('detail', 7),
                         {'action': 'students__delete__s1'})

        self.mock_student_remove.assert_called_once_with(
            test.IsHttpRequest(), 's1')


PREVIEW = {
    'lines': [{'line': 2, 'name': 'alice', 'email': None, 'status': 'new',
               'message': None},
              {'line': 3, 'name': 'bo\tb', 'email': None,
               'status': 'invalid',
               'message': 'line 3: name has a control character.'}],
    'counts': {'new': 1, 'enrolled': 0, 'invalid': 1},
    'grant_each': GRANT, 'grant_total': GRANT, 'problem': None}


class RosterTests(ClassesTestCase):

    @test.create_mocks({api.edu: ('class_get', 'roster_preview')})
    def test_the_preview_shows_every_lines_error_and_offers_no_import(self):
        self.mock_class_get.return_value = self.klass()
        self.mock_roster_preview.return_value = PREVIEW
        self.login_teacher()

        res = self.client.post(url('roster', 7),
                               {'csv_text': 'name\nalice\nbo\tb\n'})

        self.assertContains(res, 'name has a control character')
        self.assertContains(res, '1 line has an error')
        self.assertNotContains(res, 'edu-roster-start')
        self.mock_roster_preview.assert_called_once_with(
            test.IsHttpRequest(), 7, 'name\nalice\nbo\tb\n')

    @test.create_mocks({api.edu: ('class_get', 'roster_preview',
                                  'roster_enrol')})
    def test_a_good_roster_is_imported_in_batches(self):
        self.mock_class_get.return_value = self.klass()
        names = ['s%02d' % i for i in range(views.ROSTER_BATCH + 2)]
        self.mock_roster_preview.return_value = dict(
            PREVIEW, lines=[], problem=None,
            counts={'new': len(names), 'enrolled': 0, 'invalid': 0})
        self.login_teacher()
        text = 'name\n' + '\n'.join(names) + '\n'

        res = self.client.post(url('roster', 7), {'csv_text': text})

        self.assertContains(res, 'edu-roster-start')
        self.assertContains(res, 'data-batches="2"')
        self.mock_roster_enrol.side_effect = lambda request, ident, part: [
            {'student': {'name': name}, 'password': 'pw-' + name}
            for name in part.split('\n')[1:] if name]
        answers = [self.client.post(url('roster_import', 7) +
                                    '?batch=%d' % batch)
                   for batch in (0, 1)]
        self.assertEqual([200, 200], [a.status_code for a in answers])
        got = [student['name'] for answer in answers
               for student in json.loads(answer.content)['students']]
        self.assertEqual(names, got)
        # The roster is forgotten after the last batch.
        again = self.client.post(url('roster_import', 7) + '?batch=0')
        self.assertEqual(409, again.status_code)

    @test.create_mocks({api.edu: ('class_get', 'roster_enrol')})
    def test_a_failed_batch_says_why(self):
        self.mock_class_get.return_value = self.klass()
        self.mock_roster_enrol.side_effect = edu_exceptions.Conflict(
            'Teacher t has 8 vCPU; would need 10.', 409)
        self.login_teacher()
        self.set_session(edu_roster_7='name\nalice\n')

        res = self.client.post(url('roster_import', 7) + '?batch=0')

        self.assertEqual(409, res.status_code)
        self.assertIn('would need 10', json.loads(res.content)['error'])
        bad = self.client.post(url('roster_import', 7) + '?batch=5')
        self.assertEqual(400, bad.status_code)

    @test.create_mocks({api.edu: ('class_get',)})
    def test_an_empty_form_is_refused(self):
        self.mock_class_get.return_value = self.klass()
        self.login_teacher()
        res = self.client.post(url('roster', 7), {'csv_text': '  '})
        self.assertFormErrors(res, 1)

    def test_batches_keep_the_header_and_quotes(self):
        text = 'name,email\n"a, b",x@y\n\n' + ''.join(
            's%d,\n' % i for i in range(views.ROSTER_BATCH))
        parts = list(views.batches(text))
        self.assertEqual(2, len(parts))
        self.assertTrue(all(p.startswith('name,email\n') for p in parts))
        self.assertIn('"a, b",x@y', parts[0])
        self.assertEqual(views.ROSTER_BATCH + 1,
                         sum(p.count('\n') - 1 for p in parts))

    @override_settings(LANGUAGE_CODE='zh-hans')
    @test.create_mocks({api.edu: ('class_get', 'roster_preview')})
    def test_in_chinese(self):
        self.mock_class_get.return_value = self.klass()
        self.mock_roster_preview.return_value = PREVIEW
        self.login_teacher()
        res = self.client.post(url('roster', 7), {'csv_text': 'name\na\n'})
        for words in ('导入名单', '错误'):
            self.assertContains(res, words)


class ModalsOverAjaxTests(ClassesTestCase):
    """Horizon's JS loads every modal with AJAX: the bare form answers."""

    AJAX = {'HTTP_X_REQUESTED_WITH': 'XMLHttpRequest'}

    @test.create_mocks({api.edu: ('class_get', 'student_get',
                                  'teacher_get')})
    def test_every_modal_loads_as_horizon_asks(self):
        self.mock_class_get.return_value = self.klass()
        self.mock_student_get.return_value = self.student('s1', 'alice')
        self.mock_teacher_get.return_value = {
            'id': 'p1', 'name': 'ms-wang', 'grant': dict(GRANT)}
        self.login_teacher()
        urls = [CREATE_URL, url('update', 7), url('enrol', 7),
                url('class_grant', 7), url('student_grant', 7, 's1'),
                url('student_password', 7, 's1')]
        for address in urls:
            res = self.client.get(address, **self.AJAX)
            self.assertEqual(200, res.status_code, address)
            self.assertTemplateUsed(res, 'edu/_modal_form.html')
            self.assertNotContains(res, '<html')
        self.login_school_admin()
        for address in (reverse('horizon:edu:teachers:create'),
                        reverse('horizon:edu:teachers:grant', args=['p1']),
                        reverse('horizon:edu:teachers:password',
                                args=['p1'])):
            res = self.client.get(address, **self.AJAX)
            self.assertEqual(200, res.status_code, address)
            # Opened directly, the same URL is a whole page.
            page = self.client.get(address)
            self.assertContains(page, '<html')
            self.assertTemplateUsed(page, 'edu/modal_form.html')
