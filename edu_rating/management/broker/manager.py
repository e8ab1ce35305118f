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
"""The broker facade (Adjutant's IdentityManager pattern, on oslo.config).

One keystoneauth session from ``[edu_broker]`` serves Keystone
(python-keystoneclient), Nova (python-novaclient) and Placement (a plain
keystoneauth Adapter). Methods take and return plain values and dicts and
raise only :mod:`edu_rating.exceptions`.
"""

import threading
from urllib import parse

from keystoneauth1 import adapter
from keystoneauth1 import loading as ks_loading
from keystoneauth1.loading import session as ks_session_loading
from keystoneauth1 import session as ks_session
from keystoneclient.v3 import client as ks_client
from novaclient import client as nova_client

from edu_rating import conf as edu_conf
from edu_rating.conf import edu_broker
from edu_rating import exceptions
from edu_rating.i18n import _
from edu_rating.i18n import _N
from edu_rating.management.broker import enforcement
from edu_rating.management.broker.errors import translated
from edu_rating.management.broker import images
from edu_rating.management.broker import labs
from edu_rating import resources as catalogue

NOVA_API_VERSION = '2.1'
# GET /usages (per project) appeared in Placement 1.9.
PLACEMENT_MICROVERSION = '1.9'
INTERFACE = 'public'
# What a timed-out call may send again (see ReadRetryingSession).
RETRIED_METHODS = ('GET', 'HEAD')
PLACEMENT_USAGES = {r.name: r.placement_class for r in catalogue.CATALOGUE
                    if r.placement_class}


# Compute API version that embeds the flavor in a server (vcpus, ram...).
EMBEDDED_FLAVOR_VERSION = '2.47'
# What a server's flavor counts in Placement, by resource class. A shelved
# and offloaded server holds no Placement allocation.
FLAVOR_USAGE = {'VCPU': lambda flavor: flavor['vcpus'],
                'MEMORY_MB': lambda flavor: flavor['ram'],
                'DISK_GB': lambda flavor: (flavor['disk'] +
                                           flavor.get('ephemeral', 0))}
OFFLOADED = 'SHELVED_OFFLOADED'


class ReadRetryingSession(ks_session.Session):
    """keystoneauth's Session, retrying only requests that may go twice.

    keystoneauth retries a request that timed out like one that never
    connected (requests' read timeout becomes its ConnectTimeout): a POST
    that reached a slow Keystone and made a project would be sent again,
    and the first project, unknown to the undo, be left behind. So
    ``connect_retries`` applies to reads only.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # (the token's AccessInfo, {endpoint filter: URL}); see below.
        self._endpoints = (None, {})

    def request(self, url, method, *args, **kwargs):
        if method.upper() not in RETRIED_METHODS:
            kwargs['connect_retries'] = 0
        return super().request(url, method, *args, **kwargs)

    def get_endpoint(self, auth=None, **kwargs):
        """keystoneauth's, remembered for as long as the token lasts.

        keystoneauth searches (and copies) the whole catalog again for
        every request: 0.12-0.15 ms of the API's CPU a call. A catalog
        comes with a token, so a new token means a new search.
        """
        token = getattr(auth or self.auth, 'auth_ref', None)
        if token is None:
            return super().get_endpoint(auth, **kwargs)
        if self._endpoints[0] is not token:
            self._endpoints = (token, {})
        found = self._endpoints[1]
        key = repr(sorted(kwargs.items()))
        if key not in found:
            found[key] = super().get_endpoint(auth, **kwargs)
        return found[key]


class _SessionLoader(ks_session_loading.Session):

    @property
    def plugin_class(self):
        return ReadRetryingSession


def _ref(obj):
    return {'id': obj.id, 'name': obj.name}


class Broker(labs.LabMachines, images.GlanceImages):

    def __init__(self, conf=None, session=None):
        self._conf = edu_conf.register_opts(conf or edu_conf.CONF)
        if session is None:
            auth = ks_loading.load_auth_from_conf_options(
                self._conf, edu_broker.GROUP_NAME)
            options = self._conf.edu_broker
            session = _SessionLoader().load_from_conf_options(
                self._conf, edu_broker.GROUP_NAME, auth=auth,
                timeout=options.timeout or edu_broker.DEFAULT_TIMEOUT,
                connect_retries=options.connect_retries)
        self._session = session
        region = self._conf.edu.region_name
        self.keystone = ks_client.Client(session=session, interface=INTERFACE,
                                         region_name=region)
        self.nova = nova_client.Client(NOVA_API_VERSION, session=session,
                                       interface=INTERFACE,
                                       region_name=region)
        self.placement = adapter.Adapter(
            session, service_type='placement', interface=INTERFACE,
            region_name=region,
            default_microversion=PLACEMENT_MICROVERSION)
        # Looked up once per process: role ids by name, and where the
        # compute service's limits live.
        self._roles = {}
        self._limits = None
        self._lookup_lock = threading.Lock()

    # Identity.

    @translated(_N("create the school's domain"),
                conflict=_N("A school or domain named %(name)s already "
                            "exists; choose another name."))
    def create_domain(self, *, name, description=None):
        return _ref(self.keystone.domains.create(
            name, description=description, enabled=True))

    @translated(_N("update the school's domain"))
    def update_domain(self, domain_id, **changes):
        self.keystone.domains.update(domain_id, **changes)

    @translated(_N("delete a domain"))
    def delete_domain(self, domain_id):
        # Keystone deletes disabled domains only.
        self.keystone.domains.update(domain_id, enabled=False)
        self.keystone.domains.delete(domain_id)

    @translated(_N("create the user"),
                conflict=_N("A user named %(name)s already exists in this "
                            "school; choose another name."))
    def create_user(self, *, domain_id, name, password, email=None):
        return _ref(self.keystone.users.create(
            name, domain=domain_id, password=password, email=email,
            enabled=True))

    @translated(_N("look up the user"))
    def find_user(self, domain_id, name):
        users = self.keystone.users.list(domain=domain_id, name=name)
        return _ref(users[0]) if users else None

    @translated(_N("look up the user's roles"))
    def has_domain_role(self, user_id, domain_id):
        """Whether the user holds any role on the domain (an admin)."""
        return bool(self.keystone.role_assignments.list(user=user_id,
                                                        domain=domain_id))

    @translated(_N("update the user"))
    def update_user(self, user_id, **changes):
        """Change a user; returns the previous values, to undo it."""
        before = self.keystone.users.get(user_id)
        self.keystone.users.update(user_id, **changes)
        return {key: getattr(before, key, None) for key in changes}

    @translated(_N("delete a user"))
    def delete_user(self, user_id):
        self.keystone.users.delete(user_id)

    @translated(_N("create the project"),
                conflict=_N("A project named %(name)s already exists; "
                            "choose another name."))
    def create_project(self, *, domain_id, name, parent_id=None,
                       description=None):
        return _ref(self.keystone.projects.create(
            name, domain_id, description=description, enabled=True,
            parent=parent_id))

    @translated(_N("update the project"))
    def update_project(self, project_id, **changes):
        self.keystone.projects.update(project_id, **changes)

    @translated(_N("delete a project"))
    def delete_project(self, project_id):
        self.keystone.projects.delete(project_id)

    def _role_id(self, name):
        with self._lookup_lock:
            if name not in self._roles:
                roles = self.keystone.roles.list(name=name)
                if not roles:
                    raise exceptions.BackendUnavailable(
                        _("Keystone has no role %s; check the [edu] role "
                          "options.") % name,
                        error_code='backend.misconfigured', role=name)
                self._roles[name] = roles[0].id
            return self._roles[name]

    @translated(_N("assign the role"))
    def grant_domain_role(self, role, user_id, domain_id):
        self.keystone.roles.grant(self._role_id(role), user=user_id,
                                  domain=domain_id)

    @translated(_N("assign the role"))
    def grant_project_role(self, role, user_id, project_id, inherited=False):
        """Assign a role on a project; ``inherited`` also to its children.

        Keystone's inherited assignment covers the subtree only, so the
        project itself gets a direct assignment as well.
        """
        role_id = self._role_id(role)
        self.keystone.roles.grant(role_id, user=user_id, project=project_id)
        if inherited:
            self.keystone.roles.grant(role_id, user=user_id,
                                      project=project_id,
                                      os_inherit_extension_inherited=True)

    # Bulk reads, for the reconciler: one listing per kind, never a call
    # per project.

    def _listing(self, path, key, **params):
        return enforcement.listing(self.keystone, path, key, **params)

    @translated(_N("list the domains"))
    def domains_enabled(self):
        """``{domain_id: enabled}`` of every domain."""
        return {domain['id']: domain['enabled']
                for domain in self._listing('/domains', 'domains')}

    @translated(_N("list the projects"))
    def project_states(self, domain_id=None):
        """``{project_id: {enabled, parent_id, domain_id, name}}``."""
        return {project['id']: {key: project.get(key) for key in (
                'enabled', 'parent_id', 'domain_id', 'name')}
                for project in self._listing('/projects', 'projects',
                                             domain_id=domain_id)
                if not project.get('is_domain')}

    @translated(_N("list the users"))
    def users_enabled(self, domain_id=None):
        """``{user_id: enabled}``."""
        return {user['id']: user.get('enabled', True)
                for user in self._listing('/users', 'users',
                                          domain_id=domain_id)}

    @translated(_N("list the users"))
    def user_emails(self, domain_id):
        """``{user_id: email or None}`` of a domain's users, one listing."""
        return {user['id']: user.get('email')
                for user in self._listing('/users', 'users',
                                          domain_id=domain_id)}

    @translated(_N("list the role assignments"))
    def project_role_assignments(self, role):
        """``{(user_id, project_id, inherited)}`` of one role by name."""
        found = set()
        for assignment in self._listing('/role_assignments',
                                        'role_assignments',
                                        **{'role.id': self._role_id(role)}):
            scope = assignment.get('scope', {})
            if 'project' in scope and 'user' in assignment:
                found.add((assignment['user']['id'], scope['project']['id'],
                           'OS-INHERIT:inherited_to' in scope))
        return found

    @translated(_N("read the projects' limits"))
    def limits_of(self, project_ids):
        """``{project_id: {resource: amount}}`` as the backend enforces.

        A resource the project has no limit of its own for is absent.
        Unified limits: one listing; Nova quotas: a read per project (Nova
        has no bulk read of quota sets).
        """
        return self._backend().get_many(project_ids)

    def enforced(self, limits):
        """The part of ``{resource: amount}`` the backend enforces."""
        return self._backend().enforced(limits)

    @translated(_N("read the user"))
    def user_enabled(self, user_id):
        return self.keystone.users.get(user_id).enabled

    @translated(_N("read the project"))
    def project_enabled(self, project_id):
        return self.keystone.projects.get(project_id).enabled

    @translated(_N("read the domain"))
    def domain_enabled(self, domain_id):
        return self.keystone.domains.get(domain_id).enabled

    # Enforcement.

    def _backend(self):
        if self._conf.edu.enforcement_backend == 'nova_quotas':
            return enforcement.NovaQuotas(self.nova)
        with self._lookup_lock:
            if self._limits is None:
                services = self.keystone.services.list(type='compute')
                if not services:
                    raise exceptions.BackendUnavailable(
                        _("Keystone's catalog has no compute service."),
                        error_code='backend.misconfigured')
                service_id = services[0].id
                region = self._conf.edu.region_name
                if region is None:
                    endpoints = self.keystone.endpoints.list(
                        service=service_id, interface=INTERFACE)
                    region = endpoints[0].region_id if endpoints else None
                self._limits = enforcement.UnifiedLimits(
                    self.keystone, service_id, region)
            return self._limits

    @translated(_N("write the project's limits"))
    def set_project_limits(self, project_id, limits, believed=None):
        """Upsert ``{resource: amount}``; returns the previous amounts.

        A previous amount of ``None`` means the project had no limit of
        its own; setting ``None`` removes it again. ``believed``: what
        the caller knows the project has (see ``UnifiedLimits.set``).
        """
        return self._backend().set(project_id, limits, believed=believed)

    @translated(_N("read the project's limits"))
    def get_project_limits(self, project_id):
        return self._backend().get(project_id)

    @translated(_N("read the project's usage"))
    def project_usage(self, project_id, resources=None):
        """What Nova counts against the project's limits.

        ``resources``: only these are needed. Placement counts vCPU, RAM
        and disk in one call; only ``instances`` takes a Nova listing.
        """
        wanted = set(resources or list(PLACEMENT_USAGES) + ['instances'])
        usage = {}
        if wanted & set(PLACEMENT_USAGES):
            usages = self.placement.get(
                '/usages', params={'project_id': project_id}).json()[
                    'usages']
            usage.update((resource, int(usages.get(rc, 0)))
                         for resource, rc in PLACEMENT_USAGES.items())
        if 'instances' in wanted:
            usage['instances'] = len(self._servers(project_id))
        return usage

    @translated(_N("read the cloud's capacity"))
    def capacity(self):
        """What the cloud can give: ``{resource: amount}`` from Placement.

        Per resource provider, (total - reserved) x allocation ratio, as
        Placement admits allocations; resources Placement does not count
        (instances) are absent. One call per provider: providers are the
        compute hosts, not the schools.
        """
        providers = self.placement.get('/resource_providers').json()[
            'resource_providers']
        capacity = dict.fromkeys(PLACEMENT_USAGES, 0)
        for provider in providers:
            inventories = self.placement.get(
                '/resource_providers/%s/inventories' % provider['uuid']
            ).json()['inventories']
            for resource, placement_class in PLACEMENT_USAGES.items():
                inventory = inventories.get(placement_class)
                if inventory:
                    capacity[resource] += int(
                        (inventory['total'] - inventory['reserved']) *
                        inventory['allocation_ratio'])
        return capacity

    @translated(_N("list the servers' usage"))
    def usage_by_project(self):
        """What every project's servers use, from one paged listing.

        ``{project_id: {resource: amount}}`` (projects without servers are
        absent), counted as Placement and Nova count them.
        """
        nova = nova_client.Client(EMBEDDED_FLAVOR_VERSION,
                                  session=self._session, interface=INTERFACE,
                                  region_name=self._conf.edu.region_name)
        usage = {}
        for server in nova.servers.list(detailed=True, limit=-1,
                                        search_opts={'all_tenants': True}):
            project = usage.setdefault(server.tenant_id, dict.fromkeys(
                list(PLACEMENT_USAGES) + ['instances'], 0))
            project['instances'] += 1
            if server.status == OFFLOADED:
                continue
            for resource, placement_class in PLACEMENT_USAGES.items():
                project[resource] += FLAVOR_USAGE[placement_class](
                    server.flavor)
        return usage

    # Servers.

    def _servers(self, project_id):
        """A project's servers (``{id, name}``), in one call for most.

        novaclient's ``limit=-1`` always asks for one more page, empty;
        Nova's own ``servers_links`` says when there is more.
        """
        url = '/servers?' + parse.urlencode({'all_tenants': 1,
                                             'project_id': project_id})
        servers = []
        while url:
            _resp, body = self.nova.client.get(url)
            servers += [{'id': server['id'], 'name': server['name']}
                        for server in body['servers']]
            url = next((link['href'] for link in body.get('servers_links', [])
                        if link.get('rel') == 'next'), None)
        return servers

    @translated(_N("list the project's servers"))
    def list_servers(self, project_id):
        return self._servers(project_id)

    @translated(_N("delete the project's servers"))
    def delete_servers(self, project_id):
        servers = self._servers(project_id)
        for server in servers:
            self.nova.servers.delete(server['id'])
        return len(servers)
