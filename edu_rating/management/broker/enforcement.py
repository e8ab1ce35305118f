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

from oslo_log import log as logging

from edu_rating import exceptions
from edu_rating.i18n import _
from edu_rating import resources as catalogue

LOG = logging.getLogger(__name__)

# Nova's UnifiedLimitsDriver names and os-quota-sets names.
UNIFIED_LIMIT_NAMES = {r.name: r.keystone_limit for r in catalogue.CATALOGUE}
NOVA_QUOTA_NAMES = {r.name: r.nova_quota for r in catalogue.CATALOGUE
                    if r.nova_quota}


# Keystone's largest page ([DEFAULT] max_db_limit). Without a limit it
# answers that many rows at most and no next link: a silent cut.
PAGE = 1000
# A listing of every limit is slow (Keystone loads each limit's registered
# limit with a query of its own): more than a write's timeout.
LISTING_TIMEOUT = 300


def listing(keystone, path, key, paged=True, **params):
    """One Keystone listing, whole: ``GET path?params``, every page.

    Pages are followed by their ``next`` link; a listing Keystone cut
    short without one (``truncated`` and no next page) is refused, as
    comparing a part with the whole ledger would report drift that is
    not there. ``paged=False`` asks for everything at once, for listings
    Keystone filters in Python: it would load them whole for every page.
    """
    query = dict((k, v) for k, v in params.items() if v is not None)
    if paged:
        query['limit'] = PAGE
    url = path + '?' + parse.urlencode(query)
    found = []
    while url:
        _resp, body = keystone.limits.client.get(url,
                                                 timeout=LISTING_TIMEOUT)
        found += body[key]
        url = (body.get('links') or {}).get('next')
        if body.get('truncated') and not url:
            raise exceptions.BackendUnavailable(
                _("Keystone truncated the listing of %s; raise its "
                  "list_limit.") % path, error_code='backend.truncated')
    return found


class UnifiedLimits(object):
    """Keystone project limits of the compute service in one region."""

    def __init__(self, keystone, service_id, region_id):
        self._keystone = keystone
        self._service_id = service_id
        self._region_id = region_id

    def _current(self, project_id):
        by_name = {limit.resource_name: limit
                   for limit in self._keystone.limits.list(
                       service=self._service_id, region=self._region_id,
                       project_id=project_id)}
        return {resource: by_name[name]
                for resource, name in UNIFIED_LIMIT_NAMES.items()
                if name in by_name}

    def get(self, project_id):
        return {resource: limit.resource_limit
                for resource, limit in self._current(project_id).items()}

    def get_many(self, project_ids):
        found = {project_id: {} for project_id in project_ids}
        resources = {name: resource
                     for resource, name in UNIFIED_LIMIT_NAMES.items()}
        # Keystone 30 filters limits by service and region in Python, and
        # loads each limit's registered limit with a query of its own: 16 s
        # for 20,000 limits on this machine, per call. So one call.
        for limit in listing(self._keystone, '/limits', 'limits',
                             paged=False, service_id=self._service_id,
                             region_id=self._region_id):
            amounts = found.get(limit['project_id'])
            resource = resources.get(limit['resource_name'])
            if amounts is not None and resource is not None:
                amounts[resource] = limit['resource_limit']
        return found

    def enforced(self, limits):
        return dict(limits)

    def set(self, project_id, limits):
        current = self._current(project_id)
        previous = {resource: getattr(current.get(resource),
                                      'resource_limit', None)
                    for resource in limits}
        missing = []
        for resource, amount in limits.items():
            limit = current.get(resource)
            if limit is not None and amount == 0 and \
                    limit.resource_limit != 0:
                # Keystone 30 silently ignores a PATCH to 0 (its SQL driver
                # tests the new value for truth), so a limit going to zero
                # is replaced. Nova sees the registered default for the
                # few milliseconds between the two calls.
                self._keystone.limits.delete(limit)
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
                self._keystone.limits.delete(limit)
            elif limit.resource_limit != amount:
                # Keystone updates one limit per PATCH.
                self._keystone.limits.update(limit, resource_limit=amount)
        if missing:
            # ... but creates any number in one POST, which the client's
            # create() does not offer.
            self._keystone.limits.client.post('/limits',
                                              body={'limits': missing})
        return previous


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

    def set(self, project_id, limits):
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
