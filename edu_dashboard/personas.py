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
"""Who the logged-in user is in the teaching cloud.

Everything here is read from what openstack_auth already holds (the scoped
token on ``request.user`` and the domain-scoped token it keeps in
``request.session['domain_token']``); deciding a persona never calls a
backend, so panels can use it in ``allowed()`` on every page.
"""

import dataclasses

from django.conf import settings
from django.utils.translation import gettext_lazy as _

PLATFORM_ADMIN = 'platform_admin'
SCHOOL_ADMIN = 'school_admin'
TEACHER = 'teacher'
STUDENT = 'student'
GUEST = 'guest'

LABELS = {
    PLATFORM_ADMIN: _("Platform administrator"),
    SCHOOL_ADMIN: _("School administrator"),
    TEACHER: _("Teacher"),
    STUDENT: _("Student"),
    GUEST: _("No teaching role"),
}


def school_admin_role():
    return getattr(settings, 'EDU_SCHOOL_ADMIN_ROLE', 'manager').lower()


def teacher_role():
    return getattr(settings, 'EDU_TEACHER_ROLE', 'manager').lower()


def student_role():
    return getattr(settings, 'EDU_STUDENT_ROLE', 'member').lower()


def domain_token(request):
    """The domain-scoped AccessInfo openstack_auth stored at login, or None.

    openstack_auth only stores it with a server-side session engine and only
    when the user holds a role on the domain they logged in to.
    """
    session = getattr(request, 'session', None)
    if not session:
        return None
    return session.get('domain_token')


def _names(roles):
    return {role['name'].lower() for role in roles}


def domain_scoped(user):
    """Whether the login's token is domain-scoped (no project role).

    openstack_auth then logs in with the domain token itself.
    """
    return not user.project_id and bool(user.domain_id)


def domain_roles(request):
    """Role names the user holds on their domain (the school)."""
    token = domain_token(request)
    if token is not None:
        return {name.lower() for name in token.role_names}
    user = request.user
    # Logged in with the domain token, the user's own roles are domain
    # roles.
    if domain_scoped(user):
        return _names(user.roles)
    return set()


def project_roles(request):
    """Role names the user holds on the current project."""
    user = request.user
    if not user.project_id:
        return set()
    return _names(user.roles)


def is_platform_admin(request):
    # OPENSTACK_KEYSTONE_ADMIN_ROLES, the same test Horizon's Admin
    # dashboard uses.
    return request.user.is_superuser


def is_school_admin(request):
    return school_admin_role() in domain_roles(request)


@dataclasses.dataclass(frozen=True)
class School:
    id: str
    name: str


def school(request):
    """The school (Keystone domain) the user belongs to or administers.

    A platform admin works on the school chosen with Horizon's "Set Domain
    Context" (Identity > Domains); a school admin on the domain their
    domain-scoped token covers; everyone else on the domain they live in.
    """
    session = getattr(request, 'session', None) or {}
    if is_platform_admin(request) and session.get('domain_context'):
        return School(session['domain_context'],
                      session.get('domain_context_name'))
    token = domain_token(request)
    if token is not None:
        return School(token.domain_id, token.domain_name)
    user = request.user
    return School(user.user_domain_id, user.user_domain_name)


def must_pick_school(request):
    """Whether a platform admin has not chosen the school to work on."""
    session = getattr(request, 'session', None) or {}
    return is_platform_admin(request) and not session.get('domain_context')


@dataclasses.dataclass(frozen=True)
class Persona:
    kind: str
    school: School
    project_id: str
    project_name: str

    @property
    def label(self):
        return LABELS[self.kind]


def _kind(request):
    # Highest first: Keystone role implication puts "member" into a
    # manager's token, so a teacher also looks like a student.
    if is_platform_admin(request):
        return PLATFORM_ADMIN
    if is_school_admin(request):
        return SCHOOL_ADMIN
    roles = project_roles(request)
    if teacher_role() in roles:
        return TEACHER
    if student_role() in roles:
        return STUDENT
    return GUEST


def persona(request):
    user = request.user
    return Persona(kind=_kind(request),
                   school=school(request),
                   project_id=user.project_id,
                   project_name=user.project_name)


def teacher_project(request):
    """The teacher project the user works in now, or None.

    The project of the session, when the user holds the teacher role on
    it; a platform admin's admin project is none (admin implies every
    role).
    """
    if is_platform_admin(request) or teacher_role() not in project_roles(
            request):
        return None
    return request.user.project_id
