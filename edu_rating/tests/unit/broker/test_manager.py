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
from unittest import mock

from keystoneauth1 import exceptions as ksa_exc
from novaclient import exceptions as nova_exc
import requests

from edu_rating import exceptions
from edu_rating.management import broker
from edu_rating.management.broker import manager
from edu_rating.tests.unit import base


def _limit(name, amount, ident):
    limit = mock.Mock(resource_name=name, resource_limit=amount, id=ident)
    return limit


def _named(ident, name):
    obj = mock.Mock(id=ident)
    obj.name = name
    return obj


class BrokerTestCase(base.TestCase):

    def setUp(self):
        super().setUp()
        self.broker = manager.Broker(self.conf, session=mock.Mock())
        # The clients are the far side: only they are mocked.
        self.keystone = self.broker.keystone = mock.Mock()
        self.nova = self.broker.nova = mock.Mock()
        self.placement = self.broker.placement = mock.Mock()
        self.keystone.services.list.return_value = [mock.Mock(id='nova-id')]
        self.keystone.endpoints.list.return_value = [
            mock.Mock(region_id='RegionOne')]


class IdentityTest(BrokerTestCase):

    def test_create_domain(self):
        self.keystone.domains.create.return_value = _named('d1', 'school')
        self.assertEqual({'id': 'd1', 'name': 'school'},
                         self.broker.create_domain(name='school',
                                                   description='x'))
        self.keystone.domains.create.assert_called_once_with(
            'school', description='x', enabled=True)

    def test_duplicate_user_is_a_conflict(self):
        self.keystone.users.create.side_effect = ksa_exc.Conflict()
        error = self.assertRaises(exceptions.Conflict,
                                  self.broker.create_user, domain_id='d1',
                                  name='alice', password='pw')
        self.assertIn('alice', error.message)
        self.assertNotIn('pw', str(error.details))

    def test_a_value_keystone_refuses_is_the_callers_to_change(self):
        # Such as a password its [security_compliance] rules refuse.
        self.keystone.users.get.return_value = mock.Mock()
        self.keystone.users.update.side_effect = ksa_exc.BadRequest(
            'Password validation error')
        error = self.assertRaises(exceptions.Invalid,
                                  self.broker.update_user, 'u1',
                                  password='pw')
        self.assertEqual('backend.refused', error.error_code)
        self.assertIn('Password validation error', error.message)

    def test_keystone_down_is_unavailable(self):
        self.keystone.projects.create.side_effect = ksa_exc.ConnectFailure()
        self.assertRaises(exceptions.BackendUnavailable,
                          self.broker.create_project, domain_id='d1',
                          name='p')
        self.keystone.domains.update.side_effect = (
            ksa_exc.InternalServerError())
        self.assertRaises(exceptions.BackendUnavailable,
                          self.broker.update_domain, 'd1', enabled=False)

    def test_inherited_role_is_also_direct_and_role_ids_are_cached(self):
        self.keystone.roles.list.return_value = [mock.Mock(id='r1')]
        self.broker.grant_project_role('manager', 'u1', 'p1',
                                       inherited=True)
        self.broker.grant_project_role('manager', 'u2', 'p2')
        self.assertEqual(
            [mock.call('r1', user='u1', project='p1'),
             mock.call('r1', user='u1', project='p1',
                       os_inherit_extension_inherited=True),
             mock.call('r1', user='u2', project='p2')],
            self.keystone.roles.grant.call_args_list)
        self.keystone.roles.list.assert_called_once_with(name='manager')

    def test_unknown_role(self):
        self.keystone.roles.list.return_value = []
        self.assertRaises(exceptions.BackendUnavailable,
                          self.broker.grant_domain_role, 'nope', 'u', 'd')

    def test_find_user(self):
        self.keystone.users.list.return_value = [_named('u1', 'alice')]
        self.assertEqual({'id': 'u1', 'name': 'alice'},
                         self.broker.find_user('d1', 'alice'))
        self.keystone.users.list.assert_called_once_with(domain='d1',
                                                         name='alice')
        self.keystone.users.list.return_value = []
        self.assertIsNone(self.broker.find_user('d1', 'bob'))

    def test_delete_domain_disables_it_first(self):
        self.broker.delete_domain('d1')
        self.keystone.domains.update.assert_called_once_with(
            'd1', enabled=False)
        self.keystone.domains.delete.assert_called_once_with('d1')


def _json_limit(name, amount, ident, project_id='p1'):
    return {'id': ident, 'project_id': project_id, 'resource_name': name,
            'resource_limit': amount}


class UnifiedLimitsTest(BrokerTestCase):
    """Keystone's limits as JSON through the client's HTTP side."""

    def setUp(self):
        super().setUp()
        self.http = self.keystone.limits.client
        self.http.post.return_value = (None, {'limits': []})

    def listed(self, *limits):
        self.http.get.return_value = (None, {'limits': list(limits)})

    def posted(self):
        body = self.http.post.call_args[1]['body']
        return [(lim['resource_name'], lim['resource_limit'])
                for lim in body['limits']]

    def test_upsert_in_few_calls(self):
        self.listed(_json_limit('class:VCPU', 4, 'l1'),
                    _json_limit('servers', 2, 'l2'))
        previous = self.broker.set_project_limits(
            'p1', {'vcpu': 8, 'instances': 2, 'ram_mb': 1024,
                   'disk_gb': 10})
        self.assertEqual({'vcpu': 4, 'instances': 2, 'ram_mb': None,
                          'disk_gb': None}, previous)
        self.http.get.assert_called_once_with(
            '/limits?service_id=nova-id&region_id=RegionOne&project_id=p1')
        self.http.patch.assert_called_once_with(
            '/limits/l1', body={'limit': {'resource_limit': 8}})
        self.assertEqual([('class:MEMORY_MB', 1024), ('class:DISK_GB', 10)],
                         self.posted())
        body = self.http.post.call_args[1]['body']
        self.assertEqual({'p1'}, {lim['project_id'] for lim in body['limits']})
        self.assertEqual({'RegionOne'},
                         {lim['region_id'] for lim in body['limits']})

    def test_zero_replaces_the_limit(self):
        # Keystone 30 ignores a PATCH to 0: the broker must not rely on it.
        self.listed(_json_limit('class:VCPU', 4, 'l1'))
        previous = self.broker.set_project_limits('p1', {'vcpu': 0})
        self.assertEqual({'vcpu': 4}, previous)
        self.http.patch.assert_not_called()
        self.http.delete.assert_called_once_with('/limits/l1')
        self.assertEqual([('class:VCPU', 0)], self.posted())

    def test_none_removes_the_project_limit(self):
        self.listed(_json_limit('class:VCPU', 4, 'l1'))
        self.broker.set_project_limits('p1', {'vcpu': None, 'ram_mb': None})
        self.http.delete.assert_called_once_with('/limits/l1')
        self.http.post.assert_not_called()

    def test_a_known_project_is_written_without_a_read(self):
        self.listed(_json_limit('class:VCPU', 4, 'l1'),
                    _json_limit('servers', 2, 'l2'))
        self.broker.get_project_limits('p1')
        self.http.get.reset_mock()
        previous = self.broker.set_project_limits(
            'p1', {'vcpu': 6, 'instances': 2},
            believed={'vcpu': 4, 'instances': 2})
        self.assertEqual({'vcpu': 4, 'instances': 2}, previous)
        self.http.get.assert_not_called()
        self.http.patch.assert_called_once_with(
            '/limits/l1', body={'limit': {'resource_limit': 6}})

    def test_ids_are_learnt_from_creates_and_forgotten_on_deletes(self):
        self.listed()
        self.http.post.return_value = (None, {'limits': [
            _json_limit('class:VCPU', 0, 'new')]})
        self.broker.set_project_limits('p1', {'vcpu': 0})
        self.http.get.reset_mock()
        self.broker.set_project_limits('p1', {'vcpu': 3},
                                       believed={'vcpu': 0})
        self.http.get.assert_not_called()
        self.http.patch.assert_called_once_with(
            '/limits/new', body={'limit': {'resource_limit': 3}})
        # To zero: replaced, and the old id forgotten.
        self.http.post.return_value = (None, {'limits': []})
        self.broker.set_project_limits('p1', {'vcpu': 0},
                                       believed={'vcpu': 3})
        self.http.delete.assert_called_once_with('/limits/new')
        self.listed(_json_limit('class:VCPU', 0, 'newer'))
        self.broker.set_project_limits('p1', {'vcpu': 1},
                                       believed={'vcpu': 0})
        self.assertEqual(1, self.http.get.call_count)

    def test_a_limit_gone_elsewhere_is_read_again(self):
        self.listed(_json_limit('class:VCPU', 4, 'l1'))
        self.broker.get_project_limits('p1')
        # Deleted and made again by someone else: the remembered id 404s.
        self.http.patch.side_effect = [ksa_exc.NotFound(), None]
        self.listed(_json_limit('class:VCPU', 4, 'l9'))
        previous = self.broker.set_project_limits('p1', {'vcpu': 6},
                                                  believed={'vcpu': 4})
        self.assertEqual({'vcpu': 4}, previous)
        self.assertEqual([mock.call('/limits/l1', body=mock.ANY),
                          mock.call('/limits/l9', body=mock.ANY)],
                         self.http.patch.call_args_list)

    def test_a_limit_keystone_refuses_by_id_is_read_again(self):
        # Keystone's answer to a service user for a limit gone: 403.
        self.listed(_json_limit('class:VCPU', 4, 'l1'))
        self.broker.get_project_limits('p1')
        self.http.patch.side_effect = [ksa_exc.Forbidden(), None]
        self.listed(_json_limit('class:VCPU', 4, 'l9'))
        self.broker.set_project_limits('p1', {'vcpu': 6},
                                       believed={'vcpu': 4})
        self.assertEqual('/limits/l9', self.http.patch.call_args[0][0])
        # Refused again after the read: a refusal, as it says.
        self.http.patch.side_effect = ksa_exc.Forbidden()
        self.assertRaises(exceptions.BackendUnavailable,
                          self.broker.set_project_limits, 'p1', {'vcpu': 7},
                          believed={'vcpu': 6})

    def test_an_unknown_project_or_a_new_limit_is_read_first(self):
        self.listed(_json_limit('class:VCPU', 4, 'l1'))
        self.broker.set_project_limits('p1', {'vcpu': 5},
                                       believed={'vcpu': 4})
        self.broker.set_project_limits('p1', {'vcpu': 5, 'ram_mb': 64},
                                       believed={'vcpu': 5, 'ram_mb': None})
        self.assertEqual(2, self.http.get.call_count)

    def test_configured_region_and_cached_service(self):
        self.conf.set_override('region_name', 'North', group='edu')
        self.listed()
        self.broker.get_project_limits('p1')
        self.broker.get_project_limits('p2')
        self.keystone.endpoints.list.assert_not_called()
        self.keystone.services.list.assert_called_once_with(type='compute')
        self.assertIn('region_id=North', self.http.get.call_args[0][0])

    def test_failure_is_unavailable(self):
        self.http.get.side_effect = ksa_exc.ServiceUnavailable()
        self.assertRaises(exceptions.BackendUnavailable,
                          self.broker.set_project_limits, 'p1', {'vcpu': 1})


class NovaQuotasTest(BrokerTestCase):

    def setUp(self):
        super().setUp()
        self.conf.set_override('enforcement_backend', 'nova_quotas',
                               group='edu')
        self.nova.quotas.get.return_value = mock.Mock(cores=4, ram=512,
                                                      instances=2)

    def test_only_changes_are_written(self):
        previous = self.broker.set_project_limits(
            'p1', {'vcpu': 8, 'ram_mb': 512, 'instances': 2, 'disk_gb': 9})
        self.nova.quotas.update.assert_called_once_with('p1', cores=8)
        self.assertEqual({'vcpu': 4, 'ram_mb': 512, 'instances': 2,
                          'disk_gb': None}, previous)

    def test_nova_error_is_unavailable(self):
        self.nova.quotas.update.side_effect = nova_exc.ClientException(500)
        self.assertRaises(exceptions.BackendUnavailable,
                          self.broker.set_project_limits, 'p1', {'vcpu': 1})


class ComputeTest(BrokerTestCase):

    def test_usage_from_placement_and_nova(self):
        self.placement.get.return_value.json.return_value = {
            'usages': {'VCPU': 3, 'MEMORY_MB': 2048}}
        self.nova.client.get.side_effect = [
            (None, {'servers': [{'id': 's1', 'name': 'a'},
                                {'id': 's2', 'name': 'b'}],
                    'servers_links': [{'rel': 'next', 'href': 'http://n/2'}]}),
            (None, {'servers': [{'id': 's3', 'name': 'c'}]})]
        self.assertEqual({'vcpu': 3, 'ram_mb': 2048, 'disk_gb': 0,
                          'instances': 3},
                         self.broker.project_usage('p1'))
        self.placement.get.assert_called_once_with(
            '/usages', params={'project_id': 'p1'})
        self.assertEqual(
            [mock.call('/servers?all_tenants=1&project_id=p1'),
             mock.call('http://n/2')], self.nova.client.get.call_args_list)

    def test_usage_of_what_is_asked_only(self):
        self.placement.get.return_value.json.return_value = {
            'usages': {'VCPU': 3}}
        self.assertEqual(3, self.broker.project_usage('p1', ['vcpu'])['vcpu'])
        self.nova.client.get.assert_not_called()
        self.placement.get.reset_mock()
        self.nova.client.get.return_value = (None, {'servers': []})
        self.assertEqual({'instances': 0},
                         self.broker.project_usage('p1', ['instances']))
        self.placement.get.assert_not_called()

    def test_usage_of_every_project_from_one_listing(self):
        def server(project, status, vcpus, ram, disk, ephemeral=0):
            return mock.Mock(tenant_id=project, status=status, flavor={
                'vcpus': vcpus, 'ram': ram, 'disk': disk,
                'ephemeral': ephemeral})
        listing = [server('p1', 'ACTIVE', 2, 2048, 20, 5),
                   server('p1', 'SHUTOFF', 1, 512, 10),
                   server('p1', 'SHELVED_OFFLOADED', 4, 4096, 40),
                   server('p2', 'ERROR', 1, 256, 1)]
        with mock.patch.object(manager.nova_client, 'Client') as client:
            client.return_value.servers.list.return_value = listing
            usage = self.broker.usage_by_project()
        # An offloaded server counts as an instance only, as in Placement.
        self.assertEqual({
            'p1': {'vcpu': 3, 'ram_mb': 2560, 'disk_gb': 35, 'instances': 3},
            'p2': {'vcpu': 1, 'ram_mb': 256, 'disk_gb': 1, 'instances': 1},
        }, usage)
        self.assertEqual(manager.EMBEDDED_FLAVOR_VERSION,
                         client.call_args.args[0])
        client.return_value.servers.list.assert_called_once_with(
            detailed=True, limit=-1, search_opts={'all_tenants': True})

    def test_capacity_of_every_provider(self):
        answers = {
            '/resource_providers': {'resource_providers': [
                {'uuid': 'h1'}, {'uuid': 'h2'}]},
            '/resource_providers/h1/inventories': {'inventories': {
                'VCPU': {'total': 8, 'reserved': 0, 'allocation_ratio': 4.0},
                'MEMORY_MB': {'total': 16384, 'reserved': 512,
                              'allocation_ratio': 1.5},
                'DISK_GB': {'total': 100, 'reserved': 0,
                            'allocation_ratio': 1.0}}},
            '/resource_providers/h2/inventories': {'inventories': {
                'VCPU': {'total': 4, 'reserved': 1,
                         'allocation_ratio': 1.0}}},
        }
        self.placement.get.side_effect = lambda path: mock.Mock(
            json=mock.Mock(return_value=answers[path]))
        self.assertEqual({'vcpu': 35, 'ram_mb': 23808, 'disk_gb': 100},
                         self.broker.capacity())
        self.assertEqual(3, self.placement.get.call_count)

    def test_placement_microversion(self):
        self.assertEqual('1.9', manager.PLACEMENT_MICROVERSION)
        real = manager.Broker(self.conf, session=mock.Mock())
        self.assertEqual('1.9', real.placement.default_microversion)

    def test_servers(self):
        # Two pages, as Nova links them; no third, empty one.
        self.nova.client.get.side_effect = lambda url: (None, {
            'servers': [{'id': 's1', 'name': 'vm1', 'links': []}],
            'servers_links': [{'rel': 'next', 'href': 'http://n/2'}]}) \
            if url.startswith('/servers?') else (None, {
                'servers': [{'id': 's2', 'name': 'vm2', 'links': []}]})
        self.assertEqual([{'id': 's1', 'name': 'vm1'},
                          {'id': 's2', 'name': 'vm2'}],
                         self.broker.list_servers('p1'))
        self.assertEqual(2, self.nova.client.get.call_count)
        self.assertEqual(2, self.broker.delete_servers('p1'))
        self.assertEqual([mock.call('s1'), mock.call('s2')],
                         self.nova.servers.delete.call_args_list)


class SingletonTest(base.TestCase):

    def test_built_once(self):
        self.addCleanup(broker.reset)
        broker.reset()
        with mock.patch.object(manager, 'Broker') as cls:
            self.assertIs(broker.get_broker(), broker.get_broker())
        cls.assert_called_once_with()


class DomainRoleTest(BrokerTestCase):

    def test_any_role_on_the_domain(self):
        self.keystone.role_assignments.list.return_value = []
        self.assertFalse(self.broker.has_domain_role('u1', 'd1'))
        self.keystone.role_assignments.list.return_value = [mock.Mock()]
        self.assertTrue(self.broker.has_domain_role('u1', 'd1'))
        self.keystone.role_assignments.list.assert_called_with(
            user='u1', domain='d1')


class SessionTest(base.TestCase):

    def test_the_session_times_out_and_retries_connections(self):
        with mock.patch.object(manager.ks_loading,
                               'load_auth_from_conf_options'), \
                mock.patch.object(manager.ks_client, 'Client'), \
                mock.patch.object(manager.nova_client, 'Client'):
            broker_ = manager.Broker(self.conf)
        session = broker_._session
        self.assertIsInstance(session, manager.ReadRetryingSession)
        self.assertEqual(2, session._connect_retries)
        self.assertEqual(15, session.timeout)

    def test_only_reads_are_sent_again_after_a_timeout(self):
        # keystoneauth takes a read timeout for a failed connection: a
        # write that timed out may have been done, and must not go twice.
        session = manager.ReadRetryingSession(connect_retries=2)
        for method, sent in (('GET', 3), ('POST', 1), ('PATCH', 1),
                             ('DELETE', 1)):
            with mock.patch.object(
                    session.session, 'request',
                    side_effect=requests.exceptions.ReadTimeout()) as send, \
                    mock.patch('time.sleep'):
                self.assertRaises(ksa_exc.ConnectTimeout, session.request,
                                  'http://keystone/v3/projects', method,
                                  authenticated=False)
            self.assertEqual(sent, send.call_count, method)

    def test_endpoints_are_looked_up_once_per_token(self):
        auth = mock.Mock(auth_ref=object())
        session = manager.ReadRetryingSession(auth=auth)
        auth.get_endpoint.side_effect = lambda _s, **f: 'http://%s' % (
            f['service_type'])
        for _ in range(3):
            self.assertEqual('http://placement', session.get_endpoint(
                service_type='placement', interface='public'))
        self.assertEqual('http://compute', session.get_endpoint(
            service_type='compute', interface='public'))
        self.assertEqual(2, auth.get_endpoint.call_count)
        # A new token may come with another catalog.
        auth.auth_ref = object()
        session.get_endpoint(service_type='placement', interface='public')
        self.assertEqual(3, auth.get_endpoint.call_count)

    def test_no_token_yet_no_endpoint_remembered(self):
        auth = mock.Mock(auth_ref=None)
        auth.get_endpoint.return_value = 'http://placement'
        session = manager.ReadRetryingSession(auth=auth)
        session.get_endpoint(service_type='placement')
        session.get_endpoint(service_type='placement')
        self.assertEqual(2, auth.get_endpoint.call_count)


class BulkReadTest(BrokerTestCase):
    """The reconciler's listings: one call per kind, whole or refused."""

    def setUp(self):
        super().setUp()
        self.get = self.keystone.limits.client.get

    def test_limits_of_many_projects_in_one_listing(self):
        self.get.return_value = (None, {'limits': [
            {'project_id': 'p1', 'resource_name': 'class:VCPU',
             'resource_limit': 4},
            {'project_id': 'p1', 'resource_name': 'servers',
             'resource_limit': 2},
            {'project_id': 'p2', 'resource_name': 'class:DISK_GB',
             'resource_limit': 0},
            {'project_id': 'not-ours', 'resource_name': 'class:VCPU',
             'resource_limit': 9},
            {'project_id': 'p1', 'resource_name': 'class:SOMETHING',
             'resource_limit': 1}]})
        self.assertEqual({'p1': {'vcpu': 4, 'instances': 2},
                          'p2': {'disk_gb': 0}, 'p3': {}},
                         self.broker.limits_of(['p1', 'p2', 'p3']))
        self.get.assert_called_once_with(
            '/limits?service_id=nova-id&region_id=RegionOne', timeout=300)

    def test_pages_are_followed(self):
        self.get.side_effect = [
            (None, {'projects': [{'id': 'p1', 'enabled': True}],
                    'truncated': True, 'links': {'next': 'http://k/next'}}),
            (None, {'projects': [{'id': 'p2', 'enabled': False}],
                    'links': {'next': None}})]
        self.assertEqual(['p1', 'p2'], sorted(self.broker.project_states()))
        self.assertEqual(mock.call('http://k/next', timeout=300),
                         self.get.call_args)

    def test_a_truncated_listing_is_refused(self):
        self.get.return_value = (None, {'projects': [], 'truncated': True})
        error = self.assertRaises(exceptions.BackendUnavailable,
                                  self.broker.project_states, 'd1')
        self.assertEqual('backend.truncated', error.error_code)
        self.get.assert_called_once_with(
            '/projects?domain_id=d1&limit=1000', timeout=300)

    def test_role_assignments_of_a_role(self):
        self.keystone.roles.list.return_value = [mock.Mock(id='r1')]
        self.get.return_value = (None, {'role_assignments': [
            {'user': {'id': 'u1'}, 'scope': {'project': {'id': 'p1'}}},
            {'user': {'id': 'u1'}, 'scope': {
                'project': {'id': 'p1'}, 'OS-INHERIT:inherited_to':
                'projects'}},
            {'user': {'id': 'u2'}, 'scope': {'domain': {'id': 'd1'}}},
            {'group': {'id': 'g1'}, 'scope': {'project': {'id': 'p2'}}}]})
        self.assertEqual({('u1', 'p1', False), ('u1', 'p1', True)},
                         self.broker.project_role_assignments('manager'))
        self.get.assert_called_once_with(
            '/role_assignments?role.id=r1&limit=1000', timeout=300)

    def test_nova_quotas_are_read_per_project(self):
        self.conf.set_override('enforcement_backend', 'nova_quotas',
                               group='edu')
        self.nova.quotas.get.return_value = mock.Mock(
            cores=4, ram=2048, instances=2)
        self.assertEqual({'p1': {'vcpu': 4, 'ram_mb': 2048, 'instances': 2}},
                         self.broker.limits_of(['p1']))
        self.assertEqual({'vcpu': 1}, self.broker.enforced(
            {'vcpu': 1, 'disk_gb': 5}))
