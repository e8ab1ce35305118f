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
"""Personas of Edu Cloud as oslo.policy check strings.

Each persona is a named rule (``edu:persona:*``) that every API rule
refers to. Its default is built from the ``[edu] *_role`` options, so an
operator who renames a role there changes every rule with it.

Targets passed to the enforcer use these keys:

* ``domain_id``: the school's Keystone domain;
* ``teacher_project_id``: the teacher's project;
* ``project_id``: the enrolment (student) project.
"""

from oslo_policy import policy

from edu_rating.conf import edu as edu_opts

# Where cloudkitty-api serves the Education API; documents the operations.
ROOT_PATH = '/v1/rating/module_config/edu'

# Platform operator: Keystone's system admin. A project admin is accepted
# as well, as CloudKitty's own rules do, because the cloudkitty CLI and
# Horizon's admin panels commonly use project-scoped admin tokens.
SYSTEM_ADMIN = 'role:admin and system_scope:all'
PROJECT_ADMIN = 'role:admin and is_admin_project:True'

# Keystone's implied roles make every user holding one of the default
# roles (admin > manager > member > reader) also hold ``reader``.
ANY_READER = 'role:reader'

PLATFORM_ADMIN = 'rule:edu:persona:platform_admin'
SCHOOL_ADMIN = 'rule:edu:persona:school_admin'
TEACHER = 'rule:edu:persona:teacher'
STUDENT = 'rule:edu:persona:student'

PLATFORM_ADMIN_OR_ANY_READER = '%s or %s' % (PLATFORM_ADMIN, ANY_READER)
PLATFORM_OR_SCHOOL_ADMIN = '%s or %s' % (PLATFORM_ADMIN, SCHOOL_ADMIN)
PLATFORM_SCHOOL_ADMIN_OR_TEACHER = '%s or %s or %s' % (
    PLATFORM_ADMIN, SCHOOL_ADMIN, TEACHER)
ANY_PERSONA = '%s or %s' % (PLATFORM_SCHOOL_ADMIN_OR_TEACHER, STUDENT)

# Token scopes a persona's token has. A platform admin holds a system token
# or a project-scoped admin token (see PROJECT_ADMIN); a school admin a
# domain-scoped token; teachers and students project-scoped tokens.
PLATFORM_SCOPES = ['system', 'project']
ALL_SCOPES = ['system', 'domain', 'project']


def persona_rules(roles=None):
    """The persona rules for the personas' roles.

    :param roles: ``{option: role}`` as :func:`edu_rating.conf.edu.roles`
        gives them; the options' defaults when omitted (sample files).
    """
    roles = dict(edu_opts.ROLE_DEFAULTS, **(roles or {}))
    return [
        policy.RuleDefault(
            name='edu:persona:platform_admin',
            check_str='(%s) or (%s)' % (SYSTEM_ADMIN, PROJECT_ADMIN),
            description='The platform operator: sells capacity to '
                        'schools.'),
        policy.RuleDefault(
            name='edu:persona:school_admin',
            check_str='role:%s and domain_id:%%(domain_id)s'
                      % roles['school_admin_role'],
            description='Administrator of the target school: the [edu] '
                        'school_admin_role on the school domain (a '
                        'domain-scoped token).'),
        policy.RuleDefault(
            name='edu:persona:teacher',
            check_str='role:%s and project_id:%%(teacher_project_id)s'
                      % roles['teacher_role'],
            description='Teacher owning the target: the [edu] teacher_role '
                        'on the teacher project.'),
        policy.RuleDefault(
            name='edu:persona:student',
            check_str='role:%s and project_id:%%(project_id)s'
                      % roles['student_role'],
            description='Student of the target enrolment: the [edu] '
                        'student_role on the enrolment project.'),
    ]


def list_rules(roles=None):
    return persona_rules(roles)


def api_rule(name, check_str, description, method, path, also=(),
             scope_types=None):
    """The documented rule of one Education API action.

    ``path`` (and each ``(method, path)`` of ``also``, other routes doing
    the same action) is relative to :data:`ROOT_PATH`. Every action has its
    own rule so that an operator can override one without the others.
    """
    routes = [(method, path)] + list(also)
    return policy.DocumentedRuleDefault(
        name=name,
        check_str=check_str,
        description=description,
        operations=[{'method': m, 'path': ROOT_PATH + p} for m, p in routes],
        scope_types=scope_types or ALL_SCOPES)
