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
"""The ``[edu]`` group: personas and how grants are enforced."""

from oslo_config import cfg
from oslo_config import types

from edu_rating import resources as catalogue

GROUP_NAME = 'edu'

# The Keystone roles of the personas. The policy's persona rules are
# built from these options (edu_rating.policies.base), so renaming a role
# here renames it in every rule.
ROLE_DEFAULTS = {
    'school_admin_role': 'manager',
    'teacher_role': 'manager',
    'student_role': 'member',
}
ENFORCEMENT_BACKENDS = ('unified_limits', 'nova_quotas')

edu_group = cfg.OptGroup(
    GROUP_NAME,
    title='Edu Cloud options',
    help='Personas, allocatable resources and enforcement of grants.')

edu_opts = [
    cfg.StrOpt('school_admin_role',
               default=ROLE_DEFAULTS['school_admin_role'],
               help='Role a school administrator holds on the school '
                    'domain.'),
    cfg.StrOpt('teacher_role',
               default=ROLE_DEFAULTS['teacher_role'],
               help='Role a teacher holds on their teacher project, '
                    'inherited to the student projects below it.'),
    cfg.StrOpt('student_role',
               default=ROLE_DEFAULTS['student_role'],
               help='Role a student holds on their enrolment project.'),
    cfg.ListOpt('resources',
                item_type=types.String(choices=catalogue.NAMES),
                default=list(catalogue.NAMES),
                help='Resources that schools, teachers and students are '
                     'granted, rated and invoiced for.'),
    cfg.StrOpt('enforcement_backend',
               default='unified_limits',
               choices=[
                   ('unified_limits',
                    'Write Keystone project limits enforced by Nova\'s '
                    'unified limits driver.'),
                   ('nova_quotas',
                    'Write Nova (and Cinder) quota sets.'),
               ],
               help='How grants are applied so that Nova refuses a boot '
                    'over the grant.'),
    cfg.StrOpt('billing_timezone',
               default='UTC',
               help='IANA time zone whose calendar months are the billing '
                    'periods (e.g. Asia/Shanghai). Invoices still state '
                    'their times in UTC.'),
    cfg.StrOpt('platform_name',
               default='Edu Cloud',
               help='Who issues the invoices to schools, as printed on '
                    'them (the operator\'s name).'),
    cfg.IntOpt('undo_patience', default=60, min=0,
               help='Seconds a failed change keeps retrying to undo its '
                    'Keystone or Nova writes while they are unreachable '
                    '(the outage that failed the change often fails the '
                    'undo too). What is still not undone then is left to '
                    'edu-reconcile.'),
    cfg.BoolOpt('test_hooks', default=False,
                help='Let a request make the API worker exit at a named '
                     'point (header X-Edu-Test-Hook), so that functional '
                     'tests can crash a change half-way. Never set this in '
                     'production.'),
    cfg.StrOpt('region_name',
               help='Region of the Keystone limits and of the Nova and '
                    'Cinder endpoints the broker uses. Unset means the only '
                    'region of the catalog.'),
]


def roles(conf):
    """``{option: role name}`` of the personas, as ``conf`` sets them."""
    return {option: conf.edu[option] for option in ROLE_DEFAULTS}


def register_opts(conf):
    conf.register_group(edu_group)
    conf.register_opts(edu_opts, group=edu_group)


def list_opts():
    return {edu_group: edu_opts}
