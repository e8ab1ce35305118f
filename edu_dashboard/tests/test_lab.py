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
"""The Lab page, class-wide jobs and a student's one-click launch."""

from django.urls import reverse

from openstack_dashboard.test import helpers as test

from edu_rating.client import exceptions as edu_exceptions

from edu_dashboard import api
from edu_dashboard.tests import helpers
from edu_dashboard.tests import test_classes

LAB_URL = reverse('horizon:edu:classes:lab', args=[7])
OVERVIEW_URL = reverse('horizon:edu:overview:index')
TEMPLATE = {'id': 3, 'class_id': 7, 'name': 'Linux lab',
            'image_id': 'img-1', 'image_name': 'lab-image',
            'flavor_id': 'f-1', 'flavor_name': 'm1.tiny',
            'size': {'vcpu': 1, 'ram_mb': 512, 'disk_gb': 1, 'instances': 1},
            'user_data': None, 'key_policy': 'none',
            'created_at': '2026-12-06T08:00:00+00:00'}
MACHINE = {'id': 'srv-1', 'name': 'Linux lab-alice', 'project_id': 's1',
           'status': 'ACTIVE', 'task_state': None, 'locked': False,
           'template_id': '3', 'flavor': 'm1.tiny', 'vcpus': 1,
           'ram_mb': 512, 'disk_gb': 1, 'student_id': 's1',
           'student_name': 'alice', 'created': '2026-12-06T08:01:00Z'}
LAB_MOCKS = {api.edu: ('class_get', 'template_list', 'machine_list',
                       'image_list')}
IMAGE = {'id': 'img-9', 'name': 'My Kali', 'owner': 'teacher',
         'teacher_id': 'p', 'enabled': True, 'shared_with': []}
PLATFORM_IMAGE = dict(IMAGE, id='img-0', name='Ubuntu', owner='platform')


def job(state='running', pending=1):
    results = [{'student_id': 's1', 'student_name': 'alice',
                'status': 'launched', 'servers': ['srv-1'], 'message': None},
               {'student_id': 's2', 'student_name': 'bob',
                'status': 'refused', 'servers': [],
                'message': 'Nova refused the lab machine: class:VCPU is '
                           'over limit of 0'}]
    results += [{'student_id': 's%d' % (3 + n), 'student_name': 'eve%d' % n,
                 'status': 'pending', 'servers': [], 'message': None}
                for n in range(pending)]
    counts = dict.fromkeys(('pending', 'launched', 'skipped', 'done',
                            'refused', 'failed'), 0)
    for result in results:
        counts[result['status']] += 1
    return {'id': 11, 'class_id': 7, 'action': 'launch', 'template_id': 3,
            'state': state, 'counts': counts, 'results': results,
            'created_at': '2026-12-06T08:00:00+00:00', 'finished_at': None}


class LabTests(test_classes.ClassesTestCase):

    def open_lab(self, phase='open', **term):
        self.mock_class_get.return_value = dict(
            self.klass(), term=helpers.term(phase, **term))
        self.mock_template_list.return_value = ([TEMPLATE], None)
        self.mock_machine_list.return_value = [MACHINE]
        self.mock_image_list.return_value = ([IMAGE, PLATFORM_IMAGE], None)
        self.login_teacher()
        return self.client.get(LAB_URL)

    @test.create_mocks(LAB_MOCKS)
    def test_a_teacher_sees_templates_and_machines(self):
        res = self.open_lab()
        self.assertEqual(200, res.status_code)
        self.assertContains(res, 'Linux lab')
        self.assertContains(res, 'Linux lab-alice')
        self.assertContains(res, 'templates__launch__3')
        self.assertContains(res, 'machines__end')
        self.assertNotContains(res, 'machines__hand_back')
        # One button for the class: no made-up plural.
        self.assertContains(res, 'Stop All')
        self.assertNotContains(res, 'Stop Alls')
        self.mock_template_list.assert_called_once_with(
            test.IsHttpRequest(), class_id=7)
        self.mock_machine_list.assert_called_once_with(
            test.IsHttpRequest(), class_id=7)

    @test.create_mocks(LAB_MOCKS)
    def test_the_teachers_own_images_can_be_shared(self):
        res = self.open_lab()
        self.assertContains(res, 'My Kali')
        self.assertContains(res, 'images__share__img-9')
        self.assertNotContains(res, 'images__unshare__img-9')
        # The platform's images are every class's already.
        self.assertNotContains(res, 'img-0')
        self.mock_image_list.assert_called_once_with(
            test.IsHttpRequest(), teacher_id=self.tenant.id)

    @test.create_mocks({api.edu: LAB_MOCKS[api.edu] + ('image_share',)})
    def test_share_an_image_with_the_class(self):
        self.open_lab()
        self.mock_image_share.return_value = IMAGE
        res = self.client.post(LAB_URL, {'action': 'images__share__img-9'})
        self.assertRedirectsNoFollow(res, LAB_URL)
        self.mock_image_share.assert_called_once_with(
            test.IsHttpRequest(), 'img-9', 7)

    @test.create_mocks({api.edu: ('class_get', 'image_register',
                                  'image_share'),
                        api.compute: ('own_images',)})
    def test_register_an_image_shares_it_with_the_class(self):
        self.mock_class_get.return_value = self.klass()
        self.mock_own_images.return_value = [('img-9', 'My Kali')]
        self.mock_image_register.return_value = IMAGE
        self.mock_image_share.return_value = IMAGE
        self.login_teacher()
        res = self.client.post(
            reverse('horizon:edu:classes:image_register', args=[7]),
            {'image': 'img-9'})
        self.assertNoFormErrors(res)
        self.assertRedirectsNoFollow(res, LAB_URL)
        self.mock_own_images.assert_called_once_with(test.IsHttpRequest(),
                                                     self.tenant.id)
        self.mock_image_register.assert_called_once_with(
            test.IsHttpRequest(), 'img-9', self.tenant.id)
        self.mock_image_share.assert_called_once_with(
            test.IsHttpRequest(), 'img-9', 7)

    @test.create_mocks(LAB_MOCKS)
    def test_an_ending_class_is_announced(self):
        res = self.open_lab('ending')
        self.assertContains(res, 'Class Networks 101 ends on 2027-02-01')

    @test.create_mocks(LAB_MOCKS)
    def test_an_archived_class_offers_only_the_hand_back(self):
        res = self.open_lab('archived')
        self.assertContains(res, 'machines__hand_back')
        self.assertNotContains(res, 'templates__launch__3')
        self.assertNotContains(res, 'machines__end')
        self.assertNotContains(res, 'machines__delete_all')

    @test.create_mocks({api.edu: LAB_MOCKS[api.edu] + ('job_start',)})
    def test_launch_for_class_starts_a_job_and_shows_it(self):
        self.open_lab()
        self.mock_job_start.return_value = job()
        res = self.client.post(LAB_URL, {'action': 'templates__launch__3'})
        self.assertRedirectsNoFollow(
            res, reverse('horizon:edu:classes:job', args=[7, 11]))
        self.mock_job_start.assert_called_once_with(
            test.IsHttpRequest(), 7, 'launch', template_id=3)

    @test.create_mocks({api.edu: LAB_MOCKS[api.edu] + ('job_start',)})
    def test_a_refused_job_says_why_on_the_lab(self):
        self.open_lab()
        self.mock_job_start.side_effect = edu_exceptions.Conflict(
            'Class Networks 101 ended on 2027-01-31: no new lab machines.',
            409)
        res = self.client.post(LAB_URL, {'action': 'machines__delete_all'},
                               follow=True)
        self.mock_job_start.assert_called_once_with(
            test.IsHttpRequest(), 7, 'delete', template_id=None)
        self.assertContains(res, 'no new lab machines')

    @test.create_mocks({api.edu: LAB_MOCKS[api.edu] + ('class_step',)})
    def test_hand_back_runs_the_step(self):
        self.open_lab('archived')
        self.mock_class_step.return_value = {}
        res = self.client.post(LAB_URL, {'action': 'machines__hand_back'})
        self.assertRedirectsNoFollow(res, LAB_URL)
        self.mock_class_step.assert_called_once_with(
            test.IsHttpRequest(), 7, 'hand_back')

    @test.create_mocks({api.edu: ('class_get', 'job_get')})
    def test_a_running_job_reloads_and_shows_each_result(self):
        self.mock_class_get.return_value = self.klass()
        self.mock_job_get.return_value = job()
        self.login_teacher()
        res = self.client.get(reverse('horizon:edu:classes:job',
                                      args=[7, 11]))
        self.assertContains(res, 'http-equiv="refresh"')
        self.assertContains(res, 'class:VCPU is over limit of 0')
        self.assertContains(res, '66%')

    @test.create_mocks({api.edu: ('class_get', 'job_get')})
    def test_a_finished_job_stops_reloading(self):
        self.mock_class_get.return_value = self.klass()
        self.mock_job_get.return_value = job('done', pending=0)
        self.login_teacher()
        res = self.client.get(reverse('horizon:edu:classes:job',
                                      args=[7, 11]))
        self.assertNotContains(res, 'http-equiv="refresh"')
        self.assertContains(res, '100%')

    @test.create_mocks({api.edu: ('class_get', 'template_create',
                                  'image_list'),
                        api.compute: ('images', 'flavors')})
    def test_create_a_template(self):
        self.mock_class_get.return_value = self.klass()
        self.mock_images.return_value = [('img-1', 'lab-image')]
        self.mock_image_list.return_value = ([
            {'id': 'img-2', 'name': 'My Kali', 'enabled': True},
            {'id': 'img-3', 'name': 'Old', 'enabled': False}], None)
        self.mock_flavors.return_value = [('f-1', 'm1.tiny', 1, 512, 1)]
        self.mock_template_create.return_value = TEMPLATE
        self.login_teacher()
        res = self.client.post(
            reverse('horizon:edu:classes:template_create', args=[7]),
            {'name': 'Linux lab', 'image': 'img-1', 'flavor': 'f-1',
             'user_data': ''})
        self.assertNoFormErrors(res)
        self.assertRedirectsNoFollow(res, LAB_URL)
        self.mock_template_create.assert_called_once_with(
            test.IsHttpRequest(), 7, 'Linux lab', 'img-1', 'f-1',
            user_data=None)
        self.mock_image_list.assert_called_once_with(test.IsHttpRequest(),
                                                     class_id=7)

    @test.create_mocks({api.edu: ('class_get', 'image_list'),
                        api.compute: ('images', 'flavors')})
    def test_the_form_offers_the_class_images_but_no_disabled_one(self):
        self.mock_class_get.return_value = self.klass()
        self.mock_images.return_value = [('img-1', 'lab-image')]
        self.mock_flavors.return_value = [('f-1', 'm1.tiny', 1, 512, 1)]
        self.mock_image_list.return_value = ([
            {'id': 'img-2', 'name': 'My Kali', 'enabled': True},
            {'id': 'img-3', 'name': 'Old', 'enabled': False}], None)
        self.login_teacher()
        res = self.client.get(reverse('horizon:edu:classes:template_create',
                                      args=[7]))
        self.assertContains(res, 'My Kali')
        self.assertContains(res, 'lab-image')
        self.assertNotContains(res, 'value="img-3"')


class StudentLaunchTests(helpers.TestCase):

    def setUp(self):
        super().setUp()
        self.enrolment = {'id': self.tenant.id, 'class_name': 'Networks 101',
                          'teacher_name': 'ms-wang',
                          'class_term': helpers.term()}

    @test.create_mocks({api.edu: ('allocation_get', 'student_get',
                                  'template_list')})
    def test_a_student_sees_the_templates_to_launch(self):
        self.mock_student_get.return_value = self.enrolment
        self.mock_allocation_get.return_value = {
            'grant': {'vcpu': 2}, 'in_use': {'vcpu': 0},
            'delegated': {}, 'free': {}}
        self.mock_template_list.return_value = ([TEMPLATE], None)
        self.login_student()
        res = self.client.get(OVERVIEW_URL)
        self.assertContains(res, 'Linux lab')
        self.assertContains(res, reverse('horizon:edu:overview:launch',
                                         args=[3]))
        self.mock_template_list.assert_called_once_with(
            test.IsHttpRequest(), student_id=self.tenant.id)

    @test.create_mocks({api.edu: ('machine_launch',)})
    def test_one_click_opens_the_new_instance(self):
        self.mock_machine_launch.return_value = MACHINE
        self.login_student()
        res = self.client.post(reverse('horizon:edu:overview:launch',
                                       args=[3]))
        self.assertRedirectsNoFollow(res, reverse(
            'horizon:project:instances:detail', args=['srv-1']))
        self.mock_machine_launch.assert_called_once_with(
            test.IsHttpRequest(), self.tenant.id, 3)

    @test.create_mocks({api.edu: ('machine_launch',)})
    def test_nova_refusing_says_why(self):
        self.mock_machine_launch.side_effect = edu_exceptions.Conflict(
            'Nova refused the lab machine: class:VCPU is over limit of 2',
            409)
        self.login_student()
        res = self.client.post(reverse('horizon:edu:overview:launch',
                                       args=[3]))
        self.assertRedirectsNoFollow(res, OVERVIEW_URL)

    def test_a_teacher_does_not_launch_here(self):
        self.login_teacher()
        res = self.client.post(reverse('horizon:edu:overview:launch',
                                       args=[3]))
        self.assertRedirectsNoFollow(res, OVERVIEW_URL)
