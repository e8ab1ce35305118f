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
import decimal
from unittest import mock

from oslotest import base
import requests

from edu_rating.client import client as edu_client
from edu_rating.client import exceptions

PREFIX = '/v1/rating/module_config/edu'


def response(status, body=None, reason=''):
    fake = mock.Mock(status_code=status, reason=reason, headers={
        'x-openstack-request-id': 'req-9'})
    fake.content = b'' if body is None else b'{...}'
    fake.json.return_value = body
    if body is None:
        fake.json.side_effect = ValueError('no JSON')
    fake.text = ''
    return fake


def text_response(text, content_type):
    """A real requests answer: how its text is decoded is under test."""
    real = requests.Response()
    real.status_code = 200
    real.headers['Content-Type'] = content_type
    real._content = text.encode('utf-8')
    # What requests' HTTPAdapter.build_response sets.
    real.encoding = requests.utils.get_encoding_from_headers(real.headers)
    return real


class ClientTest(base.BaseTestCase):

    def setUp(self):
        super().setUp()
        patcher = mock.patch('keystoneauth1.adapter.Adapter')
        self.adapter_class = patcher.start()
        self.addCleanup(patcher.stop)
        self.adapter = self.adapter_class.return_value
        self.client = edu_client.Client('session', region_name='R1')

    def answer(self, *responses):
        self.adapter.request.side_effect = list(responses)

    def call(self, index=0):
        args, kwargs = self.adapter.request.call_args_list[index]
        return args, kwargs

    def test_adapter_is_the_rating_service(self):
        self.adapter_class.assert_called_once_with(
            'session', service_type='rating', interface='public',
            region_name='R1', endpoint_override=None)

    def test_create_school(self):
        self.answer(response(201, {'school': {'id': 'd'},
                                   'admin': {'id': 'u', 'name': 'a'}}))
        result = self.client.schools.create(
            'riverside', {'name': 'a', 'password': 'p'}, grant={'vcpu': 8})
        self.assertEqual('d', result['school']['id'])
        args, kwargs = self.call()
        self.assertEqual((PREFIX + '/schools', 'POST'), args)
        self.assertEqual({'name': 'riverside', 'grant': {'vcpu': 8},
                          'admin': {'name': 'a', 'password': 'p'}},
                         kwargs['json'])
        self.assertFalse(kwargs['raise_exc'])

    def test_list_follows_the_pages(self):
        self.answer(response(200, {'teachers': [{'id': 'a'}], 'next': 'a'}),
                    response(200, {'teachers': [{'id': 'b'}], 'next': None}))
        teachers = self.client.teachers.list(school_id='d', enabled=True)
        self.assertEqual(['a', 'b'], [t['id'] for t in teachers])
        self.assertEqual({'school_id': 'd', 'enabled': 'true'},
                         self.call(0)[1]['params'])
        self.assertEqual({'school_id': 'd', 'enabled': 'true',
                          'marker': 'a'}, self.call(1)[1]['params'])

    def test_list_page(self):
        self.answer(response(200, {'classes': [{'id': 1}], 'next': 1}))
        self.assertEqual(([{'id': 1}], 1),
                         self.client.classes.list_page(limit=1))

    def test_get_update_close(self):
        self.answer(response(200, {'class': {'id': 1}}),
                    response(200, {'class': {'id': 1, 'name': 'n'}}),
                    response(200, {'class': {'id': 1, 'closed_at': 'x'}}))
        self.assertEqual({'id': 1}, self.client.classes.get(1))
        self.client.classes.update(1, name='n')
        self.assertEqual('x', self.client.classes.close(1)['closed_at'])
        self.assertEqual((PREFIX + '/classes/1', 'PATCH'), self.call(1)[0])
        self.assertEqual({'name': 'n'}, self.call(1)[1]['json'])
        self.assertEqual((PREFIX + '/classes/1/close', 'POST'),
                         self.call(2)[0])

    def test_roster_is_sent_as_csv(self):
        self.answer(response(201, {'students': [
            {'student': {'id': 's'}, 'password': 'pw'}]}))
        result = self.client.students.enrol_roster(1, 'name\nbéa\n')
        self.assertEqual('pw', result[0]['password'])
        args, kwargs = self.call()
        self.assertEqual((PREFIX + '/students/roster', 'POST'), args)
        self.assertEqual({'class_id': 1}, kwargs['params'])
        self.assertEqual('name\nbéa\n'.encode('utf-8'), kwargs['data'])
        self.assertEqual('text/csv; charset=utf-8',
                         kwargs['headers']['Content-Type'])

    def test_remove_with_force(self):
        self.answer(response(204), response(204))
        self.assertIsNone(self.client.students.remove('s', force=True))
        self.client.students.remove('s')
        self.assertEqual({'force': 'true'}, self.call(0)[1]['params'])
        self.assertEqual({}, self.call(1)[1]['params'])

    def test_class_steps(self):
        self.answer(response(200, {'class': {'id': 1, 'term': {
                        'phase': 'ended'}}}),
                    response(200, {'class': {'id': 1}}),
                    response(200, {'class': {'id': 1},
                                   'grant': {'grant': {'vcpu': 4}}}))
        ended = self.client.classes.end(1, reason='early exam')
        self.assertEqual('ended', ended['term']['phase'])
        args, kwargs = self.call(0)
        self.assertEqual((PREFIX + '/classes/1/end', 'POST'), args)
        self.assertEqual({'reason': 'early exam'}, kwargs['json'])
        self.assertEqual({'id': 1}, self.client.classes.archive(1))
        args, kwargs = self.call(1)
        self.assertEqual((PREFIX + '/classes/1/archive', 'POST'), args)
        # No reason, no body: the step's own reason is recorded.
        self.assertIsNone(kwargs['json'])
        result = self.client.classes.hand_back(1)
        self.assertEqual({'vcpu': 4}, result['grant']['grant'])
        self.assertEqual((PREFIX + '/classes/1/hand_back', 'POST'),
                         self.call(2)[0])

    def test_create_template(self):
        self.answer(response(201, {'template': {'id': 5}}),
                    response(201, {'template': {'id': 6}}))
        self.assertEqual({'id': 5}, self.client.templates.create(
            1, 'web', 'img-1', flavor_id='m1.tiny'))
        args, kwargs = self.call(0)
        self.assertEqual((PREFIX + '/templates', 'POST'), args)
        self.assertEqual({'class_id': 1, 'name': 'web', 'image_id': 'img-1',
                          'flavor_id': 'm1.tiny'}, kwargs['json'])
        self.client.templates.create(
            1, 'db', 'img-1', size={'vcpu': 1, 'ram_mb': 512},
            user_data='#cloud-config\n', key_policy='student')
        self.assertEqual({'class_id': 1, 'name': 'db', 'image_id': 'img-1',
                          'size': {'vcpu': 1, 'ram_mb': 512},
                          'user_data': '#cloud-config\n',
                          'key_policy': 'student'}, self.call(1)[1]['json'])

    def test_list_get_and_delete_templates(self):
        self.answer(response(200, {'templates': [{'id': 5}], 'next': 5}),
                    response(200, {'templates': [{'id': 6}], 'next': None}),
                    response(200, {'templates': [{'id': 5}], 'next': None}),
                    response(200, {'template': {'id': 5}}),
                    response(204))
        self.assertEqual([{'id': 5}, {'id': 6}],
                         self.client.templates.list(class_id=1))
        self.assertEqual({'class_id': 1, 'marker': 5},
                         self.call(1)[1]['params'])
        self.assertEqual(([{'id': 5}], None),
                         self.client.templates.list_page(student_id='s'))
        self.assertEqual({'student_id': 's'}, self.call(2)[1]['params'])
        self.assertEqual({'id': 5}, self.client.templates.get(5))
        self.assertEqual((PREFIX + '/templates/5', 'GET'), self.call(3)[0])
        self.assertIsNone(self.client.templates.delete(5))
        self.assertEqual((PREFIX + '/templates/5', 'DELETE'),
                         self.call(4)[0])

    def test_images(self):
        self.answer(response(201, {'image': {'id': 'img'}}),
                    response(200, {'images': [{'id': 'img'}], 'next': None}),
                    response(200, {'image': {'id': 'img', 'enabled': False}}),
                    response(201, {'image': {'id': 'img'}}),
                    response(204), response(204))
        self.assertEqual({'id': 'img'},
                         self.client.images.register('img', teacher_id='t'))
        self.assertEqual({'image_id': 'img', 'teacher_id': 't'},
                         self.call(0)[1]['json'])
        self.assertEqual([{'id': 'img'}], self.client.images.list(class_id=1))
        self.assertEqual({'class_id': 1}, self.call(1)[1]['params'])
        self.assertFalse(self.client.images.set_enabled('img',
                                                        False)['enabled'])
        self.assertEqual({'enabled': False}, self.call(2)[1]['json'])
        self.client.images.share('img', 1)
        self.assertEqual(((PREFIX + '/images/img/shares', 'POST'),
                          {'class_id': 1}),
                         (self.call(3)[0], self.call(3)[1]['json']))
        self.assertIsNone(self.client.images.unshare('img', 1))
        self.assertEqual((PREFIX + '/images/img/shares/1', 'DELETE'),
                         self.call(4)[0])
        self.assertIsNone(self.client.images.delete('img'))
        self.assertEqual((PREFIX + '/images/img', 'DELETE'), self.call(5)[0])

    def test_machines(self):
        self.answer(response(201, {'machine': {'id': 'srv'}}),
                    response(200, {'machines': [{'id': 'srv'}]}))
        self.assertEqual({'id': 'srv'},
                         self.client.machines.launch('s', 5))
        args, kwargs = self.call(0)
        self.assertEqual((PREFIX + '/machines', 'POST'), args)
        self.assertEqual({'student_id': 's', 'template_id': 5},
                         kwargs['json'])
        self.assertEqual([{'id': 'srv'}],
                         self.client.machines.list(class_id=1))
        args, kwargs = self.call(1)
        self.assertEqual((PREFIX + '/machines', 'GET'), args)
        self.assertEqual({'class_id': 1}, kwargs['params'])

    def test_launch_a_machine_with_a_key_pair(self):
        self.answer(response(201, {'machine': {'id': 'srv'}}))
        self.client.machines.launch('s', 5, key_name='mine')
        self.assertEqual({'student_id': 's', 'template_id': 5,
                          'key_name': 'mine'}, self.call()[1]['json'])

    def test_start_list_and_get_jobs(self):
        self.answer(response(202, {'job': {'id': 9, 'state': 'running'}}),
                    response(202, {'job': {'id': 10, 'state': 'running'}}),
                    response(200, {'jobs': [{'id': 10}], 'next': None}),
                    response(200, {'job': {'id': 9, 'state': 'done'}}))
        self.assertEqual(9, self.client.jobs.start(1, 'launch',
                                                   template_id=5)['id'])
        args, kwargs = self.call(0)
        self.assertEqual((PREFIX + '/jobs', 'POST'), args)
        self.assertEqual({'class_id': 1, 'action': 'launch',
                          'template_id': 5}, kwargs['json'])
        self.client.jobs.start(1, 'shelve')
        self.assertEqual({'class_id': 1, 'action': 'shelve'},
                         self.call(1)[1]['json'])
        self.assertEqual([{'id': 10}], self.client.jobs.list(1))
        self.assertEqual({'class_id': 1}, self.call(2)[1]['params'])
        self.assertEqual('done', self.client.jobs.get(9)['state'])
        self.assertEqual((PREFIX + '/jobs/9', 'GET'), self.call(3)[0])

    def test_wait_for_a_job(self):
        running = {'id': 9, 'state': 'running'}
        self.answer(response(200, {'job': running}),
                    response(200, {'job': running}),
                    response(200, {'job': {'id': 9, 'state': 'interrupted'}}))
        seen = []
        job = self.client.jobs.wait(9, interval=0, callback=seen.append)
        self.assertEqual('interrupted', job['state'])
        self.assertEqual([running, running], seen)
        self.assertEqual(3, self.adapter.request.call_count)

    def test_costs(self):
        self.answer(response(200, {'cost': {'accrued': '1.00'}}),
                    response(200, {'school': {}, 'teachers': []}))
        self.assertEqual({'accrued': '1.00'},
                         self.client.costs.get('teacher', 't'))
        self.assertEqual((PREFIX + '/costs/teacher/t', 'GET'),
                         self.call(0)[0])
        self.assertEqual([], self.client.costs.of_teachers('d')['teachers'])
        self.assertEqual(PREFIX + '/costs/school/d/teachers',
                         self.call(1)[0][0])

    def test_platform(self):
        self.answer(response(200, {'platform': {'schools': 2}}))
        self.assertEqual({'schools': 2}, self.client.platform.get())
        self.assertEqual((PREFIX + '/platform', 'GET'), self.call(0)[0])

    def test_audit_follows_the_pages(self):
        self.answer(response(200, {'events': [{'id': 1}], 'next': 1}),
                    response(200, {'events': [{'id': 2}], 'next': None}))
        self.assertEqual([{'id': 1}, {'id': 2}], self.client.audit.list(
            school_id='dom-a', action='edu:teacher'))
        args, kwargs = self.call(1)
        self.assertEqual((PREFIX + '/audit', 'GET'), args)
        self.assertEqual({'school_id': 'dom-a', 'action': 'edu:teacher',
                          'marker': 1}, kwargs['params'])

    def test_allocations(self):
        self.answer(response(200, {'grant': {'vcpu': 4}}),
                    response(200, {'allocations': [{'id': 1}],
                                   'next': None}))
        self.client.allocations.set('teacher', 't', {'vcpu': 4},
                                    reason='lab 3')
        args, kwargs = self.call(0)
        self.assertEqual((PREFIX + '/allocations/teacher/t', 'PUT'), args)
        self.assertEqual({'grant': {'vcpu': 4}, 'reason': 'lab 3'},
                         kwargs['json'])
        self.assertEqual([{'id': 1}], self.client.allocations.history(
            'teacher', 't', resource='vcpu'))
        self.assertEqual(PREFIX + '/allocations/teacher/t/history',
                         self.call(1)[0][0])

    def test_create_plan_sends_prices_as_decimal_strings(self):
        self.answer(response(201, {'plan': {'id': 1}}))
        plan = self.client.plans.create(
            'platform', 'Standard', 'EUR',
            {'vcpu': decimal.Decimal('0.02'), 'ram_mb': '0.005',
             'disk_gb': decimal.Decimal('1E+1'), 'instances': 0.1},
            effective_from='2027-01-01T00:00:00+00:00')
        self.assertEqual({'id': 1}, plan)
        args, kwargs = self.call()
        self.assertEqual((PREFIX + '/plans', 'POST'), args)
        self.assertEqual({'issuer': 'platform', 'name': 'Standard',
                          'currency': 'EUR',
                          'rates': {'vcpu': '0.02', 'ram_mb': '0.005',
                                    'disk_gb': '10',
                                    'instances': '0.1'},
                          'effective_from': '2027-01-01T00:00:00+00:00'},
                         kwargs['json'])

    def test_a_price_that_is_no_number_is_refused(self):
        self.assertRaises(TypeError, self.client.plans.create,
                          'platform', 'Standard', 'EUR', {'vcpu': True})
        self.assertFalse(self.adapter.request.called)

    def test_list_and_get_plans(self):
        self.answer(response(200, {'plans': [{'id': 1}], 'next': 1}),
                    response(200, {'plans': [{'id': 2}], 'next': None}),
                    response(200, {'plan': {'id': 2}}))
        self.assertEqual([{'id': 1}, {'id': 2}],
                         self.client.plans.list(issuer='d'))
        self.assertEqual({'issuer': 'd'}, self.call(0)[1]['params'])
        self.assertEqual({'issuer': 'd', 'marker': 1},
                         self.call(1)[1]['params'])
        self.assertEqual({'id': 2}, self.client.plans.get(2))
        self.assertEqual((PREFIX + '/plans/2', 'GET'), self.call(2)[0])

    def test_add_plan_version(self):
        self.answer(response(201, {'plan': {'id': 1, 'versions': []}}))
        self.client.plans.add_version(1, {'vcpu': decimal.Decimal('0.03')})
        args, kwargs = self.call()
        self.assertEqual((PREFIX + '/plans/1/versions', 'POST'), args)
        self.assertEqual({'rates': {'vcpu': '0.03'}}, kwargs['json'])

    def test_plan_assignments(self):
        self.answer(response(200, {'assignments': [{'payer_id': None}]}),
                    response(200, {'assignment': {'payer_id': 't'}}))
        self.assertEqual([{'payer_id': None}],
                         self.client.plans.assignments('d'))
        args, kwargs = self.call(0)
        self.assertEqual((PREFIX + '/plan_assignments', 'GET'), args)
        self.assertEqual({'issuer': 'd'}, kwargs['params'])
        self.assertEqual({'payer_id': 't'}, self.client.plans.assign(
            'd', None, payer_id='t', effective_from='2027-01-01'))
        args, kwargs = self.call(1)
        self.assertEqual((PREFIX + '/plan_assignments', 'PUT'), args)
        # null is a value here: back to the default.
        self.assertEqual({'issuer': 'd', 'payer_id': 't', 'plan_id': None,
                          'effective_from': '2027-01-01'}, kwargs['json'])

    def test_default_plan_assignment_sends_a_null_payer(self):
        self.answer(response(200, {'assignment': {'payer_id': None}}))
        self.client.plans.assign('platform', 3)
        self.assertEqual({'issuer': 'platform', 'payer_id': None,
                          'plan_id': 3}, self.call()[1]['json'])

    def test_price(self):
        self.answer(response(200, {'scope_type': 'teacher',
                                   'scope_id': 't', 'plan': None}))
        self.assertIsNone(self.client.plans.price('teacher', 't')['plan'])
        self.assertEqual((PREFIX + '/prices/teacher/t', 'GET'),
                         self.call()[0])

    def test_list_invoices_follows_the_pages(self):
        self.answer(response(200, {'invoices': [{'id': 1}], 'next': 1}),
                    response(200, {'invoices': [{'id': 2}], 'next': None}))
        self.assertEqual([{'id': 1}, {'id': 2}], self.client.invoices.list(
            payer_id='t', status='issued', period='2027-03'))
        args, kwargs = self.call(0)
        self.assertEqual((PREFIX + '/invoices', 'GET'), args)
        self.assertEqual({'payer_id': 't', 'status': 'issued',
                          'period': '2027-03'}, kwargs['params'])
        self.assertEqual({'payer_id': 't', 'status': 'issued',
                          'period': '2027-03', 'marker': 1},
                         self.call(1)[1]['params'])

    def test_get_invoice(self):
        self.answer(response(200, {'invoice': {'id': 4, 'lines': []}}))
        self.assertEqual({'id': 4, 'lines': []}, self.client.invoices.get(4))
        self.assertEqual((PREFIX + '/invoices/4', 'GET'), self.call()[0])

    def test_invoice_csv_is_text(self):
        self.answer(text_response('number,b\u00e9\r\n',
                                  'text/csv; charset=UTF-8'))
        self.assertEqual('number,b\u00e9\r\n', self.client.invoices.csv(4))
        self.assertEqual((PREFIX + '/invoices/4/csv', 'GET'), self.call()[0])

    def test_invoice_csv_without_a_charset_is_utf8(self):
        # requests alone would read it as ISO-8859-1: "bÃ©".
        self.answer(text_response('b\u00e9', 'text/csv'))
        self.assertEqual('b\u00e9', self.client.invoices.csv(4))

    def test_invoice_csv_error(self):
        self.answer(response(404, {'error': {
            'code': 404, 'title': 'Not Found', 'message': 'No invoice 4.'}}))
        error = self.assertRaises(exceptions.NotFound,
                                  self.client.invoices.csv, 4)
        self.assertEqual('No invoice 4.', str(error))

    def test_pay_void_and_run_invoices(self):
        self.answer(response(200, {'invoice': {'id': 4, 'status': 'paid'}}),
                    response(200, {'invoice': {'id': 5, 'status': 'void'}}),
                    response(200, {'issued': 3}))
        self.assertEqual('paid',
                         self.client.invoices.mark_paid(4)['status'])
        args, kwargs = self.call(0)
        self.assertEqual((PREFIX + '/invoices/4/pay', 'POST'), args)
        self.assertIsNone(kwargs['json'])
        self.assertEqual('void', self.client.invoices.void(
            5, 'billed twice')['status'])
        args, kwargs = self.call(1)
        self.assertEqual((PREFIX + '/invoices/5/void', 'POST'), args)
        self.assertEqual({'reason': 'billed twice'}, kwargs['json'])
        self.assertEqual(3, self.client.invoices.run())
        args, kwargs = self.call(2)
        self.assertEqual((PREFIX + '/invoices/run', 'POST'), args)
        self.assertIsNone(kwargs['json'])

    def test_errors_carry_the_servers_message(self):
        self.answer(response(409, {'error': {
            'code': 409, 'title': 'Conflict', 'message': 'Too much.',
            'error_code': 'grant.exceeds_parent',
            'details': {'resource': 'vcpu'}}}))
        error = self.assertRaises(
            exceptions.Conflict, self.client.allocations.set,
            'teacher', 't', {'vcpu': 99})
        self.assertEqual('Too much.', str(error))
        self.assertEqual(409, error.status_code)
        self.assertEqual({'resource': 'vcpu'}, error.details)
        self.assertEqual('grant.exceeds_parent', error.error_code)
        self.assertEqual('req-9', error.request_id)

    def test_error_without_our_body(self):
        self.answer(response(502, None, reason='Bad Gateway'))
        error = self.assertRaises(exceptions.EduClientError,
                                  self.client.schools.get, 'd')
        self.assertEqual(502, error.status_code)
        self.assertIn('Bad Gateway', str(error))
