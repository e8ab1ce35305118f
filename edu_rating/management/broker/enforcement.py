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
"""How a project's limits are written: Keystone unified limits or Nova quotas.

Both backends answer ``get(project_id)`` and ``set(project_id, limits)``
in our resource names (``vcpu``, ``ram_mb``, ``disk_gb``, ``instances``);
``set`` returns what was there before, so the caller can put it back.
An amount of ``None`` in ``set`` removes the project's own limit.
"""

from urllib import parse

from keystoneauth1 import exceptions as ksa_exc
from oslo_log import log as logging

from edu_rating import exceptions
from edu_rating.i18n import _
from edu_rating import resources as catalogue

LOG = logging.getLogger(__name__)

# Nova's UnifiedLimitsDriver names and os-quota-sets names.
UNIFIED_LIMIT_NAMES = {r.name: r.keystone_limit for r in catalogue.CATALOGUE}
RESOURCES = {name: resource for resource, name in UNIFIED_LIMIT_NAMES.items()}
NOVA_QUOTA_NAMES = {r.name: r.nova_quota for r in catalogue.CATALOGUE
                    if r.nova_quota}


# Keystone's largest page ([DEFAULT] max_db_limit). Without a limit it
# answers that many rows at most and no next link: a silent cut.
PAGE = 1000
# A listing of every limit is slow (Keystone loads each limit's registered
# limit with a query of its own): more than a write's timeout.
LISTING_TIMEOUT = 300


def listing(keystone, path, key, paged=True, timeout=LISTING_TIMEOUT,
            **params):
    """One Keystone listing, whole: ``GET path?params``, every page.

    Pages are followed by their ``next`` link; a listing Keystone cut
    short without one (``truncated`` and no next page) is refused, as
    comparing a part with the whole ledger would report drift that is
    not there. ``paged=False`` asks for everything at once, for listings
    Keystone filters in Python: it would load them whole for every page.
    ``timeout=None``: the session's own, for a listing of a few rows.
    """
    query = dict((k, v) for k, v in params.items() if v is not None)
    if paged:
        query['limit'] = PAGE
    url = path + '?' + parse.urlencode(query)
    found = []
    while url:
        options = {'timeout': timeout} if timeout else {}
        _resp, body = keystone.limits.client.get(url, **options)
        found += body[key]
        url = (body.get('links') or {}).get('next')
        if body.get('truncated') and not url:
            raise exceptions.BackendUnavailable(
                _("Keystone truncated the listing of %s; raise its "
                  "list_limit.") % path, error_code='backend.truncated')
    return found


class UnifiedLimits(object):
    """Keystone project limits of the compute service in one region.

    Limits are read and written as JSON through the client's HTTP side:
    keystoneclient's managers inspect their arguments on every call, a
    cost a grant change paid four times. The ids of the limits it has
    seen are remembered, so that a caller who knows what Keystone holds
    (the ledger's amounts before the change) writes without reading
    first; a limit deleted or replaced elsewhere is read again.
    """

    def __init__(self, keystone, service_id, region_id):
        self._http = keystone.limits.client
        self._keystone = keystone
        self._service_id = service_id
        self._region_id = region_id
        # {(project_id, resource): limit id}, learnt from reads and
        # creates in this process.
        self._ids = {}

    def _learn(self, limits):
        found = {}
        for limit in limits:
            resource = RESOURCES.get(limit['resource_name'])
            if resource is not None:
                self._ids[(limit['project_id'], resource)] = limit['id']
                found[resource] = limit
        return found

    def _current(self, project_id):
        """``{resource: limit}`` as Keystone has them now."""
        return self._learn(listing(
            self._keystone, '/limits', 'limits', paged=False, timeout=None,
            service_id=self._service_id, region_id=self._region_id,
            project_id=project_id))

    def _remembered(self, project_id, limits, believed):
        """What Keystone holds, from remembered ids and ``believed``.

        ``None`` when any limit to write has no remembered id, or is
        believed absent (it is created: read first).
        """
        current = {}
        for resource in limits:
            ident = self._ids.get((project_id, resource))
            if ident is None or believed.get(resource) is None:
                return None
            current[resource] = {'id': ident, 'project_id': project_id,
                                 'resource_limit': believed[resource]}
        return current

    def get(self, project_id):
        return {resource: limit['resource_limit']
                for resource, limit in self._current(project_id).items()}

    def get_many(self, project_ids):
        found = {project_id: {} for project_id in project_ids}
        # Keystone 30 loads each limit's registered limit with a query of
        # its own: 10 to 16 s for 20,000 limits on this machine, per call,
        # whether in one listing or four at once (one per resource: it is
        # Keystone's CPU, and tried). So one call.
        for limit in listing(self._keystone, '/limits', 'limits',
                             paged=False, service_id=self._service_id,
                             region_id=self._region_id):
            amounts = found.get(limit['project_id'])
            resource = RESOURCES.get(limit['resource_name'])
            if amounts is not None and resource is not None:
                amounts[resource] = limit['resource_limit']
        return found

    def enforced(self, limits):
        return dict(limits)

    def set(self, project_id, limits, believed=None):
        """Write ``limits``; returns the amounts to put back to undo it.

        :param believed: ``{resource: amount}`` the caller knows Keystone
            holds (what it wrote last): the write then goes without a
            read first, and undoing it puts ``believed`` back.
        """
        if believed is not None:
            remembered = self._remembered(project_id, limits, believed)
            if remembered is not None:
                try:
                    return self._write(project_id, remembered, limits)
                except (ksa_exc.NotFound, ksa_exc.Forbidden):
                    # Deleted or replaced elsewhere (by hand, by another
                    # process writing a zero): read, and write again. To
                    # a service user Keystone answers a PATCH or DELETE of
                    # a limit that is gone with 403, not 404: its policy
                    # check cannot load the target. A real refusal is
                    # refused again below.
                    for resource in limits:
                        self._ids.pop((project_id, resource), None)
                    self._write(project_id, self._current(project_id),
                                limits)
                    return {resource: believed[resource]
                            for resource in limits}
        return self._write(project_id, self._current(project_id), limits)

    def _write(self, project_id, current, limits):
        previous = {resource: (current[resource]['resource_limit']
                               if resource in current else None)
                    for resource in limits}
        missing = []
        for resource, amount in limits.items():
            limit = current.get(resource)
            if limit is not None and amount == 0 and \
                    limit['resource_limit'] != 0:
                # Keystone 30 silently ignores a PATCH to 0 (its SQL driver
                # tests the new value for truth), so a limit going to zero
                # is replaced. Nova sees the registered default for the
                # few milliseconds between the two calls.
                self._delete(project_id, resource, limit)
                limit = None
            if limit is None:
                if amount is not None:
                    missing.append({
                        'project_id': project_id,
                        'service_id': self._service_id,
                        'region_id': self._region_id,
                        'resource_name': UNIFIED_LIMIT_NAMES[resource],
                        'resource_limit': amount})
            elif amount is None:
                self._delete(project_id, resource, limit)
            elif limit['resource_limit'] != amount:
                # Keystone updates one limit per PATCH ...
                self._http.patch('/limits/%s' % limit['id'],
                                 body={'limit': {'resource_limit': amount}})
        if missing:
            # ... but creates any number in one POST.
            _resp, body = self._http.post('/limits',
                                          body={'limits': missing})
            self._learn(body['limits'])
        return previous

    def _delete(self, project_id, resource, limit):
        self._ids.pop((project_id, resource), None)
        self._http.delete('/limits/%s' % limit['id'])


class NovaQuotas(object):
    """Nova os-quota-sets (instances, cores, ram) of a project."""

    def __init__(self, nova):
        self._nova = nova

    def get(self, project_id):
        quotas = self._nova.quotas.get(project_id)
        return {resource: getattr(quotas, name)
                for resource, name in NOVA_QUOTA_NAMES.items()}

    def get_many(self, project_ids):
        return {project_id: self.get(project_id)
                for project_id in project_ids}

    def enforced(self, limits):
        return {resource: amount for resource, amount in limits.items()
                if resource in NOVA_QUOTA_NAMES}

    def set(self, project_id, limits, believed=None):
        ignored = sorted(set(limits) - set(NOVA_QUOTA_NAMES))
        if ignored:
            LOG.debug("nova_quotas backend does not enforce %s", ignored)
        previous = self.get(project_id)
        changed = {NOVA_QUOTA_NAMES[resource]: amount
                   for resource, amount in limits.items()
                   if resource in NOVA_QUOTA_NAMES and amount is not None
                   and previous[resource] != amount}
        if changed:
            self._nova.quotas.update(project_id, **changed)
        return {resource: previous.get(resource) for resource in limits}
