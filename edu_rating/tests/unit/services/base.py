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
"""Service tests: SQLite in memory, the broker replaced by a fake.

The fake keeps Keystone's and Nova's state in dicts, so tests assert what
ended up there (limits, disabled projects, deleted users), and it fails
on demand to exercise compensation.
"""

import itertools
from unittest import mock

import fixtures

from edu_rating import exceptions
from edu_rating.management.services import actor as actor_mod
from edu_rating.management.services import classes
from edu_rating.management.services import schools
from edu_rating.management.services import students
from edu_rating.management.services import teachers
from edu_rating.tests.unit import base

ADMIN = actor_mod.Actor('admin-user', request_id='req-admin',
                        is_platform_admin=True, may_force=True)
TEACHER = actor_mod.Actor('teacher-user', request_id='req-teacher')
FULL = {'vcpu': 64, 'ram_mb': 131072, 'disk_gb': 2000, 'instances': 40}


class FakeBroker(object):
    """Keystone and Nova as dicts; ``fail_on`` names methods that fail."""

    def __init__(self):
        self._ids = itertools.count(1)
        self.domains, self.users, self.projects = {}, {}, {}
        self.roles = []
        self.limits = {}
        self.usage = {}
        self.servers = {}
        self.fail_on = {}
        self.limit_writes = []
        # (project_id, what it had, what the caller believed it had).
        self.believed = []
        self.calls = []
        # Glance: {image id: image, with its {project id: status} members}.
        self.images = {}
        self.flavor_list = [{'id': 'f-tiny', 'name': 'm1.tiny', 'vcpus': 1,
                             'ram_mb': 512, 'disk_gb': 1}]

    def _maybe_fail(self, method):
        remaining = self.fail_on.get(method)
        if remaining is not None:
            if remaining == 0:
                # One failure: undoing what was done must then work.
                del self.fail_on[method]
                raise exceptions.BackendUnavailable(
                    'Keystone is down (%s)' % method)
            self.fail_on[method] = remaining - 1

    def _new(self, store, prefix, **fields):
        ident = '%s-%d' % (prefix, next(self._ids))
        store[ident] = dict(fields, id=ident, enabled=True)
        return {'id': ident, 'name': fields['name']}

    def _unique(self, store, name, **scope):
        for obj in store.values():
            if obj['name'] == name and all(
                    obj.get(k) == v for k, v in scope.items()):
                raise exceptions.Conflict('%s is taken' % name, name=name)

    def create_domain(self, *, name, description=None):
        self._maybe_fail('create_domain')
        self._unique(self.domains, name)
        return self._new(self.domains, 'domain', name=name,
                         description=description)

    def update_domain(self, domain_id, **changes):
        self._maybe_fail('update_domain')
        self.domains[domain_id].update(changes)

    def delete_domain(self, domain_id):
        del self.domains[domain_id]

    def create_user(self, *, domain_id, name, password, email=None):
        self._maybe_fail('create_user')
        self._unique(self.users, name, domain_id=domain_id)
        return self._new(self.users, 'user', name=name, domain_id=domain_id,
                         password=password, email=email)

    def find_user(self, domain_id, name):
        for user in self.users.values():
            if user['name'] == name and user['domain_id'] == domain_id:
                return {'id': user['id'], 'name': name}
        return None

    def update_user(self, user_id, **changes):
        self._maybe_fail('update_user')
        previous = {key: self.users[user_id].get(key) for key in changes}
        self.users[user_id].update(changes)
        return previous

    def delete_user(self, user_id):
        del self.users[user_id]

    def create_project(self, *, domain_id, name, parent_id=None,
                       description=None):
        self._maybe_fail('create_project')
        self._unique(self.projects, name, domain_id=domain_id)
        # Keystone's top-level project has its domain as its parent.
        return self._new(self.projects, 'project', name=name,
                         domain_id=domain_id,
                         parent_id=parent_id or domain_id)

    def update_project(self, project_id, **changes):
        self._maybe_fail('update_project')
        self.projects[project_id].update(changes)

    def delete_project(self, project_id):
        del self.projects[project_id]
        self.limits.pop(project_id, None)

    def has_domain_role(self, user_id, domain_id):
        return any(user == user_id and target == domain_id
                   for _role, user, target, _inherited in self.roles)

    def grant_domain_role(self, role, user_id, domain_id):
        self.roles.append((role, user_id, domain_id, False))

    def grant_project_role(self, role, user_id, project_id, inherited=False):
        self._maybe_fail('grant_project_role')
        # As Keystone's: a direct assignment, and with ``inherited`` one
        # inherited to the subtree as well; assigning twice is one.
        for flag in (False, True) if inherited else (False,):
            if (role, user_id, project_id, flag) not in self.roles:
                self.roles.append((role, user_id, project_id, flag))

    def set_project_limits(self, project_id, limits, believed=None):
        self._maybe_fail('set_project_limits')
        current = self.limits.setdefault(project_id, {})
        previous = {r: current.get(r) for r in limits}
        if believed is not None:
            # As the real broker's write without a read: undoing it puts
            # the belief back. Recorded with what the project really had.
            self.believed.append((project_id, previous, dict(
                (r, believed.get(r)) for r in limits)))
            previous = {r: believed.get(r) for r in limits}
        for resource, amount in limits.items():
            if amount is None:
                current.pop(resource, None)
            else:
                current[resource] = amount
        self.limit_writes.append((project_id, dict(limits)))
        return previous

    def get_project_limits(self, project_id):
        return dict(self.limits.get(project_id, {}))

    def project_usage(self, project_id, resources=None):
        self._maybe_fail('project_usage')
        usage = dict({'vcpu': 0, 'ram_mb': 0, 'disk_gb': 0, 'instances': 0},
                     **self.usage.get(project_id, {}))
        return {r: a for r, a in usage.items()
                if resources is None or r in resources}

    def list_servers(self, project_id):
        names = self.servers.get(project_id, [])
        return [{'id': name, 'name': name} for name in names]

    def delete_servers(self, project_id):
        return len(self.servers.pop(project_id, []))

    # The reconciler's bulk reads.

    def domains_enabled(self):
        return {ident: d['enabled'] for ident, d in self.domains.items()}

    def project_states(self, domain_id=None):
        self.calls.append('project_states')
        return {ident: {key: p.get(key) for key in (
                'enabled', 'parent_id', 'domain_id', 'name')}
                for ident, p in self.projects.items()
                if domain_id in (None, p['domain_id'])}

    def users_enabled(self, domain_id=None):
        return {ident: u['enabled'] for ident, u in self.users.items()
                if domain_id in (None, u['domain_id'])}

    def project_role_assignments(self, role):
        self.calls.append('role_assignments')
        return {(user, target, inherited)
                for name, user, target, inherited in self.roles
                if name == role and target in self.projects}

    def limits_of(self, project_ids):
        self.calls.append('limits_of')
        return {project_id: dict(self.limits.get(project_id, {}))
                for project_id in project_ids}

    def enforced(self, limits):
        return dict(limits)

    def user_enabled(self, user_id):
        return self.users[user_id]['enabled']

    def project_enabled(self, project_id):
        return self.projects[project_id]['enabled']

    def domain_enabled(self, domain_id):
        return self.domains[domain_id]['enabled']

    def capacity(self):
        self._maybe_fail('capacity')
        return {'vcpu': 256, 'ram_mb': 524288, 'disk_gb': 10000}

    def usage_by_project(self):
        self._maybe_fail('usage_by_project')
        return {project_id: dict(usage)
                for project_id, usage in self.usage.items()}

    # Lab machines: Glance images, Nova flavors and servers.

    def add_image(self, owner, visibility='shared', name=None,
                  status='active'):
        """An image as someone uploaded it to Glance; its id."""
        ident = 'image-%d' % next(self._ids)
        self.images[ident] = {'id': ident, 'name': name or ident,
                              'status': status, 'visibility': visibility,
                              'owner': owner, 'members': {}}
        return ident

    def members(self, image_id):
        return dict(self.images[image_id]['members'])

    def image(self, image_id):
        image = self.images.get(image_id)
        return image and {key: value for key, value in image.items()
                          if key != 'members'}

    def set_image_visibility(self, image_id, visibility):
        self._maybe_fail('set_image_visibility')
        before = self.images[image_id]['visibility']
        self.images[image_id]['visibility'] = visibility
        return before

    def add_image_member(self, image_id, project_id):
        self._maybe_fail('add_image_member')
        image = self.images[image_id]
        if image['visibility'] != 'shared':
            # Glance's 403, which the broker reports as an outage.
            raise exceptions.BackendUnavailable('Only shared images have '
                                                'members')
        added = project_id not in image['members']
        image['members'][project_id] = 'accepted'
        return added

    def remove_image_member(self, image_id, project_id):
        self._maybe_fail('remove_image_member')
        return self.images[image_id]['members'].pop(project_id,
                                                    None) is not None

    def delete_image(self, image_id):
        self._maybe_fail('delete_image')
        return self.images.pop(image_id, None) is not None

    def flavor(self, flavor_ref):
        found = [f for f in self.flavor_list if flavor_ref in (f['id'],
                                                               f['name'])]
        return dict(found[0]) if found else None

    def flavors(self):
        return [dict(flavor) for flavor in self.flavor_list]

    def servers_of(self, project_ids):
        return {project_id: [] for project_id in project_ids}

    def tagged_servers(self, tag):
        return {}

    def server_action(self, server, action, reason=None):
        self.calls.append(('server_action', server['id'], action))
        return True

    def delete_shelve_snapshots(self, server_ids):
        return []

    def user_emails(self, domain_id):
        return {ident: user.get('email')
                for ident, user in self.users.items()
                if user.get('domain_id') == domain_id}


class ServiceTestCase(base.DBTestCase):

    def setUp(self):
        super().setUp()
        self.broker = FakeBroker()
        self.useFixture(fixtures.MockPatch(
            'edu_rating.management.broker.get_broker',
            mock.Mock(return_value=self.broker)))

    def make_school(self, name='riverside', grant=None):
        school, admin = schools.create(
            ADMIN, name, 'Riverside High', {'name': name + '-admin',
                                            'password': 'secret'},
            FULL if grant is None else grant)
        return school

    def make_teacher(self, school, name='a-teacher1', grant=None):
        return teachers.create(ADMIN, school['id'], name, 'secret',
                               grant=grant)

    def make_class(self, teacher, default_grant=None):
        return classes.create(ADMIN, teacher['id'], 'Networks 101',
                              default_grant=default_grant)

    def enrol(self, klass, name='alice', grant=None):
        return students.enrol(TEACHER, klass['id'], name, grant=grant)[0]

    def limits(self, project_id):
        return self.broker.limits.get(project_id)
