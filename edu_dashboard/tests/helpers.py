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
"""The shared test base: Horizon's TestCase plus one login per persona.

Every persona is built from Horizon's own keystone test data (self.domain is
the school, self.tenant the current project) and, where openstack_auth would
keep one, a real keystoneauth domain-scoped AccessInfo in the session.
"""

import copy
import datetime

from django.conf import settings
from keystoneauth1 import access
from openstack_auth import utils as auth_utils
from openstack_dashboard.test import helpers

SCHOOL_ADMIN_ROLES = ['manager', 'member', 'reader']
TEACHER_ROLES = ['manager', 'member', 'reader']
STUDENT_ROLES = ['member', 'reader']


def term(phase='open', ends_at='2027-02-01T00:00:00+00:00',
         archive_at='2027-02-15T00:00:00+00:00'):
    """A class's ``term`` as the API gives it."""
    return {'phase': phase, 'ends_at': ends_at,
            'warn_from': '2027-01-25T00:00:00+00:00',
            'archive_at': archive_at, 'ended_at': None, 'archived_at': None,
            'freed': None, 'handed_back_at': None}


def roles(*names):
    return [{'id': name, 'name': name} for name in names]


def domain_access_info(domain_id, domain_name, role_names,
                       user_id='1', user_domain_id=None):
    """A domain-scoped token as openstack_auth stores it at login."""
    expires = (datetime.datetime.now(datetime.timezone.utc) +
               datetime.timedelta(hours=1))
    body = {'token': {
        'methods': ['token'],
        'expires_at': expires.strftime('%Y-%m-%dT%H:%M:%S.000000Z'),
        'user': {'id': user_id, 'name': 'school_admin',
                 'domain': {'id': user_domain_id or domain_id,
                            'name': domain_name}},
        'domain': {'id': domain_id, 'name': domain_name},
        'roles': [{'id': name, 'name': name} for name in role_names],
        'catalog': [],
    }}
    return access.create(body=body, auth_token='domain-token-id')


class TestCase(helpers.TestCase):

    def set_session(self, **values):
        session = self.client.session
        session.update(values)
        session.save()
        self.client.cookies[settings.SESSION_COOKIE_NAME] = \
            session.session_key
        self.request.session = session

    def login_as(self, role_names, project=True, **extra):
        kwargs = {
            'id': self.user.id,
            'token': self.token,
            'username': self.user.name,
            'domain_id': self.domain.id,
            'user_domain_name': self.domain.name,
            'user_domain_id': self.domain.id,
            'tenant_id': self.tenant.id if project else None,
            'tenant_name': self.tenant.name if project else None,
            'service_catalog': self.service_catalog,
            'authorized_tenants': self.tenants.list() if project else [],
            'roles': roles(*role_names),
        }
        kwargs.update(extra)
        self.setActiveUser(**kwargs)
        # setActiveUser swaps openstack_auth.utils.get_user, which the
        # client's requests use; refresh the ready-made request too.
        self.request.user = auth_utils.get_user(self.request)

    def login_student(self):
        self.login_as(STUDENT_ROLES)

    def login_teacher(self):
        self.login_as(TEACHER_ROLES)

    def login_school_admin(self, also_teacher=False):
        """Manager on the school's domain, as openstack_auth logs them in.

        With no project role the scoped token is the domain token itself;
        a school admin who also teaches gets a project-scoped token and the
        domain token sits beside it in the session.
        """
        self.set_session(domain_token=domain_access_info(
            self.domain.id, self.domain.name, SCHOOL_ADMIN_ROLES))
        if also_teacher:
            self.login_as(TEACHER_ROLES)
        else:
            self.login_as(SCHOOL_ADMIN_ROLES, project=False)

    def login_platform_admin(self):
        """Admin on the admin project (Keystone's is_admin_project)."""
        token = copy.copy(self.token)
        token.project = dict(token.project, is_admin_project=True)
        self.login_as(['admin', 'member', 'reader'], token=token)
