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
"""Identity calls of the Education dashboard."""

from keystoneauth1 import token_endpoint
from openstack_auth import utils as auth_utils
from openstack_dashboard.api import keystone


def _domain_client(request, token):
    # Horizon's keystone API gates every admin call on its local
    # "admin_required" rule (role admin), which a school admin holding only
    # "manager" on the school's domain never meets, and its domain-token
    # switch keys off the same rule.  The school admin's authority is the
    # domain-scoped token openstack_auth kept in the session, so talk to
    # Keystone with that one; Keystone's own policy decides.
    auth = token_endpoint.Token(endpoint=request.user.endpoint,
                                token=token.auth_token)
    session = auth_utils.get_session(
        original_ip=auth_utils.get_client_ip(request))
    return auth_utils.get_keystone_client().Client(session=session,
                                                   auth=auth)


def school_admin_list(request, domain_id):
    """Role assignments on one school's domain, with the users' names.

    One Keystone call: the school's administrators, whatever the number of
    its students (who hold roles on projects, not on the domain).
    """
    token = request.session.get('domain_token')
    if token is not None and token.domain_id == domain_id:
        return _domain_client(request, token).role_assignments.list(
            domain=domain_id, include_names=True)
    return keystone.role_assignments_list(
        request, domain=domain_id, include_subtree=False, include_names=True)
