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
"""Lab machines: Nova flavors and servers for the broker.

A lab machine is created in a student's project with a token of that
project: Nova makes servers in the token's project only. The caller's own
token (a teacher's, whose role is inherited by the students' projects, or
the student's) is rescoped for it, so that Nova's policy and quotas apply
to them and Nova records who created it. Everything else (listing a
class's machines, stopping, shelving, deleting, locking) uses the broker's
own admin session.
"""

from keystoneauth1.identity import v3
from keystoneauth1 import session as ks_session
from novaclient import client as nova_client
from novaclient import exceptions as nova_exc

from edu_rating import exceptions
from edu_rating.i18n import _
from edu_rating.i18n import _N
from edu_rating.management.broker.errors import translated

# Tags in a server create (2.52), a lock's reason (2.73).
LAB_COMPUTE_VERSION = '2.73'
# Server metadata naming the template a machine was launched from.
TEMPLATE_KEY = 'edu_template'
# What Nova says of a server in each state we act on.
STOPPED, SHELVED = 'SHUTOFF', ('SHELVED', 'SHELVED_OFFLOADED')
# Refusals the caller can act on (over the grant, a bad image or size):
# Nova's own message is the answer.
NOVA_REFUSALS = (nova_exc.Forbidden, nova_exc.BadRequest,
                 nova_exc.Conflict, nova_exc.OverLimit)


def server_view(server):
    """A server as the Education API shows it (admin fields included)."""
    info = server.to_dict() if hasattr(server, 'to_dict') else server
    flavor = info.get('flavor') or {}
    return {'id': info['id'], 'name': info.get('name'),
            'project_id': info.get('tenant_id'),
            'status': info.get('status'),
            'task_state': info.get('OS-EXT-STS:task_state'),
            'locked': info.get('locked', False),
            'template_id': (info.get('metadata') or {}).get(TEMPLATE_KEY),
            'flavor': flavor.get('original_name'),
            'vcpus': flavor.get('vcpus'), 'ram_mb': flavor.get('ram'),
            'disk_gb': flavor.get('disk'),
            'created': info.get('created')}


def flavor_view(flavor):
    return {'id': flavor.id, 'name': flavor.name, 'vcpus': flavor.vcpus,
            'ram_mb': flavor.ram,
            'disk_gb': flavor.disk + (getattr(flavor, 'OS-FLV-EXT-DATA:'
                                              'ephemeral', 0) or 0)}


class LabMachines(object):
    """Mixed into the Broker: uses its ``_session`` and ``_conf``."""

    def _lab_nova(self, session=None):
        return nova_client.Client(LAB_COMPUTE_VERSION,
                                  session=session or self._session,
                                  interface='public',
                                  region_name=self._conf.edu.region_name)

    def _acting_session(self, token, project_id):
        """The caller's token rescoped to ``project_id``."""
        auth_url = self._session.get_endpoint(service_type='identity',
                                              interface='public')
        return ks_session.Session(
            auth=v3.Token(auth_url, token, project_id=project_id),
            timeout=self._session.timeout)

    @translated(_N("read the flavor"))
    def flavor(self, flavor_ref):
        """A flavor by id or name, or None."""
        nova = self._lab_nova()
        try:
            return flavor_view(nova.flavors.get(flavor_ref))
        except nova_exc.NotFound:
            pass
        found = [f for f in nova.flavors.list(is_public=None)
                 if f.name == flavor_ref]
        return flavor_view(found[0]) if found else None

    @translated(_N("list the flavors"))
    def flavors(self):
        return [flavor_view(f) for f in self._lab_nova().flavors.list()]

    @translated(_N("launch the lab machine"))
    def launch_server(self, token, project_id, *, name, image_id, flavor_id,
                      template_id, tags=(), user_data=None, key_name=None):
        """Create the server as the caller; Nova's refusal is a 409."""
        nova = self._lab_nova(self._acting_session(token, project_id))
        try:
            server = nova.servers.create(
                name, image_id, flavor_id, userdata=user_data,
                key_name=key_name, nics='none', tags=list(tags),
                meta={TEMPLATE_KEY: str(template_id)})
        except NOVA_REFUSALS as error:
            raise exceptions.Conflict(
                _("Nova refused the lab machine: %s")
                % getattr(error, 'message', error),
                error_code='machine.refused', status=error.code)
        # Not getattr: a novaclient resource without the attribute fetches
        # the server again (one more call per machine) to find it.
        return {'id': server.id, 'name': name, 'project_id': project_id,
                'status': server.to_dict().get('status', 'BUILD'),
                'template_id': str(template_id)}

    @translated(_N("list the lab machines"))
    def servers_of(self, project_ids):
        """``{project_id: [server]}``: one listing per project."""
        nova = self._lab_nova()
        return {project_id: [server_view(s) for s in nova.servers.list(
            detailed=True, limit=-1,
            search_opts={'all_tenants': True, 'project_id': project_id})]
            for project_id in project_ids}

    @translated(_N("list the lab machines"))
    def tagged_servers(self, tag):
        """``{project_id: [server]}`` of every server with ``tag``.

        One paged listing whatever the number of projects.
        """
        found = {}
        for server in self._lab_nova().servers.list(
                detailed=True, limit=-1,
                search_opts={'all_tenants': True, 'tags': tag}):
            view = server_view(server)
            found.setdefault(view['project_id'], []).append(view)
        return found

    @translated(_N("act on the lab machine"))
    def server_action(self, server, action, reason=None):
        """Stop, shelve, delete, lock or unlock; True when it acted.

        Idempotent: a machine already in that state (or gone, for a
        delete) is left alone and gives False.
        """
        nova = self._lab_nova()
        status = server['status']
        if ((action == 'stop' and status in (STOPPED,) + SHELVED) or
                (action == 'shelve' and status in SHELVED) or
                (action == 'lock' and server.get('locked')) or
                (action == 'unlock' and not server.get('locked'))):
            return False
        try:
            if action == 'lock':
                nova.servers.lock(server['id'], reason=reason)
            else:
                getattr(nova.servers, action)(server['id'])
        except nova_exc.NotFound:
            return False
        except nova_exc.Conflict:
            # Busy (building, already shelving): the next pass acts.
            return False
        return True
