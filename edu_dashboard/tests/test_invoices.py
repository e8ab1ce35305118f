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
from django.urls import reverse

from openstack_dashboard.test import helpers as test

from edu_dashboard import api
from edu_dashboard import policy
from edu_dashboard.tests import helpers

INDEX_URL = reverse('horizon:edu:invoices:index')
TEMPLATE = 'edu/invoices/index.html'
# What the Invoices page calls: at most 4 (two lists, two costs).
PAGE_CALLS = ('invoice_list', 'cost_get', 'cost_teachers')


def invoice(ident, issuer, payer_type, payer_id, status='issued'):
    return {'id': ident, 'number': 'S-2026-%06d' % ident, 'issuer': issuer,
            'payer_type': payer_type, 'payer_id': payer_id,
            'kind': 'settlement', 'period_start': '2026-12-02T10:00:00+00:00',
            'period_end': '2026-12-02T16:00:00+00:00', 'currency': 'EUR',
            'total': '12.34', 'status': status,
            'issuer_name': 'Issuer %s' % issuer,
            'payer_name': 'Payer %d' % ident}


def cost(scope_type, scope_id, name=None):
    return {'scope_type': scope_type, 'scope_id': scope_id, 'name': name,
            'currency': 'EUR', 'accrued': '3.21', 'forecast': '45.67'}


class InvoicesTests(helpers.TestCase):

    def setUp(self):
        super().setUp()
        policy.enforcer.cache_clear()

    def costs(self):
        """The month-to-date calls of the page answer, when made."""
        if hasattr(self, 'mock_cost_get'):
            self.mock_cost_get.return_value = cost('school', 'x')
            self.mock_cost_teachers.return_value = {
                'school': cost('school', 'x'),
                'teachers': [cost('teacher', 't1', 'Ms Wang')]}

    @test.create_mocks({api.edu: PAGE_CALLS})
    def test_a_school_admin_sees_both_sides(self):
        issued = [invoice(1, self.domain.id, 'teacher', 'teacher-project')]
        received = [invoice(2, 'platform', 'school', self.domain.id)]
        self.mock_invoice_list.side_effect = lambda request, **filters: (
            (issued, None) if 'issuer' in filters else (received, 'next'))
        self.costs()
        self.login_school_admin()

        res = self.client.get(INDEX_URL + '?tab=invoices__issued')

        self.assertEqual(200, res.status_code)
        self.assertTemplateUsed(res, TEMPLATE)
        self.assertContains(res, 'S-2026-000001')
        self.assertContains(res, '€12.34')
        self.assertContains(res, 'Payer 1')
        # The other tabs load when opened: one list for the first view.
        self.mock_invoice_list.assert_called_once_with(
            test.IsHttpRequest(), marker=None, limit=20,
            issuer=self.domain.id)
        self.mock_cost_teachers.assert_not_called()
        issued_table = res.context['tab_group'].get_tab(
            'issued')._tables['issued']
        # The school settles what it issued, not what the platform did.
        self.assertEqual(['pdf', 'csv', 'pay', 'void'], [
            a.name for a in issued_table.get_row_actions(issued[0])])
        self.assertContains(res, '€3.21')
        self.mock_cost_get.assert_called_once_with(
            test.IsHttpRequest(), 'school', self.domain.id)

        res = self.client.get(INDEX_URL + '?tab=invoices__received')

        self.assertContains(res, 'Issuer platform')
        self.mock_invoice_list.assert_called_with(
            test.IsHttpRequest(), marker=None, limit=20,
            payer_id=self.domain.id)
        received_table = res.context['tab_group'].get_tab(
            'received')._tables['received']
        self.assertEqual(['pdf', 'csv'], [
            a.name for a in received_table.get_row_actions(received[0])])
        self.assertTrue(received_table.has_more_data())

        # Each teacher's month to date, in its own tab.
        res = self.client.get(INDEX_URL + '?tab=invoices__month')
        self.assertContains(res, '€45.67')
        self.assertContains(res, 'Ms Wang')
        self.mock_cost_teachers.assert_called_once_with(
            test.IsHttpRequest(), self.domain.id)

    @test.create_mocks({api.edu: PAGE_CALLS})
    def test_a_teacher_sees_what_they_were_billed(self):
        mine = [invoice(3, self.domain.id, 'teacher', self.tenant.id,
                        status='paid')]
        self.mock_invoice_list.return_value = (mine, None)
        self.costs()
        self.login_teacher()

        res = self.client.get(INDEX_URL)

        self.assertEqual(200, res.status_code)
        group = res.context['tab_group']
        self.assertEqual(['received'], [t.slug for t in group.get_tabs()])
        self.mock_invoice_list.assert_called_once_with(
            test.IsHttpRequest(), marker=None, limit=20,
            payer_id=self.tenant.id)
        self.assertContains(res, 'S-2026-000003')
        self.mock_cost_get.assert_called_once_with(
            test.IsHttpRequest(), 'teacher', self.tenant.id)
        self.mock_cost_teachers.assert_not_called()

    @override_settings(LANGUAGE_CODE='zh-hans')
    @test.create_mocks({api.edu: PAGE_CALLS})
    def test_in_chinese(self):
        self.mock_invoice_list.return_value = ([invoice(
            3, self.domain.id, 'teacher', self.tenant.id)], None)
        self.costs()
        self.login_teacher()
        res = self.client.get(INDEX_URL)
        for words in ('发票', '结算', '已开具', '下载 PDF', '计费期间',
                      '本月至今', '预计至月底'):
            self.assertContains(res, words)
        self.assertNotContains(res, 'Settlement')

    def test_a_student_sees_no_money(self):
        self.login_student()
        res = self.client.get(INDEX_URL)
        self.assertEqual(403, res.status_code)

    @test.create_mocks({api.edu: ('invoice_pay',) + PAGE_CALLS})
    def test_mark_paid(self):
        issued = [invoice(1, self.domain.id, 'teacher', 'teacher-project')]
        self.mock_invoice_list.return_value = (issued, None)
        self.mock_invoice_pay.return_value = dict(issued[0], status='paid')
        self.costs()
        self.login_school_admin()

        res = self.client.post(INDEX_URL, {
            'action': 'issued__pay__1'})

        self.assertRedirectsNoFollow(res, INDEX_URL)
        self.mock_invoice_pay.assert_called_once_with(
            test.IsHttpRequest(), '1')

    @test.create_mocks({api.edu: ('invoice_void',)})
    def test_void_with_a_reason(self):
        self.mock_invoice_void.return_value = invoice(
            1, self.domain.id, 'teacher', 'p', status='void')
        self.login_school_admin()
        url = reverse('horizon:edu:invoices:void', args=['1'])

        res = self.client.post(url, {'reason': 'wrong plan'})

        self.assertNoFormErrors(res)
        self.assertRedirectsNoFollow(res, INDEX_URL)
        self.mock_invoice_void.assert_called_once_with(
            test.IsHttpRequest(), '1', 'wrong plan')

    @override_settings(LANGUAGE_CODE='zh-hans')
    @test.create_mocks({api.edu: ('invoice_pdf',)})
    def test_the_pdf_in_the_pages_language(self):
        self.mock_invoice_pdf.return_value = b'%PDF-1.7'
        self.login_teacher()

        res = self.client.get(reverse('horizon:edu:invoices:pdf',
                                      args=['3']))

        self.assertEqual(200, res.status_code)
        self.assertEqual('application/pdf', res['Content-Type'])
        self.assertEqual(b'%PDF-1.7', res.content)
        self.mock_invoice_pdf.assert_called_once_with(
            test.IsHttpRequest(), '3', 'zh-hans')
