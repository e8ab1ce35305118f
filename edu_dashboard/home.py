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
"""Where a login lands (Horizon's ``HORIZON_CONFIG['user_home']``)."""

from django import urls
from openstack_dashboard import views

from edu_dashboard import personas


def user_home(user):
    """The Education overview for logins without a project, else Horizon's.

    A school admin holds a role on the school's domain only and so logs in
    with a domain-scoped token: Horizon's default home, the Project
    overview, has nothing for them and shows an error. A teacher whom
    Horizon logged in to a student's project goes to their own first.
    """
    if user.is_authenticated and personas.domain_scoped(user):
        return urls.reverse('horizon:edu:overview:index')
    own = user.is_authenticated and _own_project(user)
    if own:
        return '%s?next=%s' % (
            urls.reverse('switch_project_id', args=[own.id]),
            views.get_user_home(user))
    return views.get_user_home(user)


def _own_project(user):
    """The project above the current one, when the user holds both.

    A teacher's role is inherited to their students' projects, which sit
    below the teacher's; Horizon scopes a login to the first project
    Keystone lists, often a student's. (A student holds no role above.)
    """
    projects = {p.id: p for p in getattr(user, 'authorized_tenants', ())}
    current = projects.get(user.project_id)
    return current is not None and projects.get(
        getattr(current, 'parent_id', None))
