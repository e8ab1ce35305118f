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
"""Horizon's policy check, deciding ``edu:*`` rules as the API does.

Set ``POLICY_CHECK_FUNCTION = 'edu_dashboard.policy.check'``. Panels,
table actions and forms then name the Education API's own rules
(``policy_rules = (('edu', 'edu:invoice:pay'),)``), and they are decided
by the same defaults the API enforces (``edu_rating.policies``, persona
roles from ``EDU_*_ROLE``, the values of CloudKitty's ``[edu]`` options),
overridden by ``EDU_POLICY_FILE`` when set (CloudKitty's policy file),
with the credentials the API sees for the session's token. What the API
refuses, the page does not offer. Every other service's rules go to
openstack_auth's check unchanged.
"""

import functools
import re

from django.conf import settings
from openstack_auth import policy as auth_policy
from oslo_config import cfg
from oslo_policy import _checks
from oslo_policy import policy

from edu_rating import policies

SERVICE = 'edu'
# A rule reads its target through %(key)s substitutions (any conversion).
_TARGET_KEY = re.compile(r'%\(([^)]+)\)[a-z]')
# Checks that read the target only through their match's substitutions;
# any other (HttpCheck posts the whole target) reads all of it.
_SUBSTITUTING = (_checks.GenericCheck, _checks.RoleCheck)
_COMBINING = (_checks.AndCheck, _checks.OrCheck, _checks.NotCheck,
              _checks.TrueCheck, _checks.FalseCheck)
_ROLE_SETTINGS = {'school_admin_role': 'EDU_SCHOOL_ADMIN_ROLE',
                  'teacher_role': 'EDU_TEACHER_ROLE',
                  'student_role': 'EDU_STUDENT_ROLE'}


@functools.lru_cache(maxsize=1)
def enforcer():
    conf = cfg.ConfigOpts()
    conf([], project='edu-dashboard', default_config_files=[],
         default_config_dirs=[])
    path = getattr(settings, 'EDU_POLICY_FILE', None)
    found = policy.Enforcer(conf, policy_file=path or 'edu_policy.yaml')
    roles = {option: getattr(settings, name).lower()
             for option, name in _ROLE_SETTINGS.items()
             if getattr(settings, name, None)}
    found.register_defaults(policies.list_rules(roles))
    found.load_rules()
    return found


def _credentials(user_id, roles, project_id, is_admin_project, domain_id,
                 system_scoped):
    """What oslo.context's to_policy_values gives the API for a token."""
    return {'user_id': user_id, 'roles': [r.lower() for r in roles],
            'project_id': project_id,
            'is_admin_project': bool(is_admin_project),
            'domain_id': domain_id,
            'system_scope': 'all' if system_scoped else None}


def credentials(request):
    """The credentials of each token the session holds, scoped one first.

    A school admin who also holds a project role logs in to the project;
    the domain-scoped token openstack_auth keeps beside it is the one the
    school's rules ask for.
    """
    user = request.user
    project = getattr(user.token, 'project', None) or {}
    found = [_credentials(
        user.id, [role['name'] for role in user.roles], user.project_id,
        # Absent from the token: true, as keystonemiddleware says too.
        user.project_id and project.get('is_admin_project', True),
        user.domain_id if not user.project_id else None,
        getattr(user, 'system_scoped', False))]
    domain = getattr(request, 'session', {}).get('domain_token')
    if domain is not None and domain.domain_id != found[0]['domain_id']:
        found.append(_credentials(domain.user_id, domain.role_names, None,
                                  False, domain.domain_id, False))
    return found


def target_keys(rule):
    """The target's keys that ``rule`` (and the rules it names) reads.

    None when the whole target matters: an unknown rule (oslo.policy's
    default rule decides), or a check that reads it all (HttpCheck). Kept
    with the rules they were read from: a reloaded policy file gives new
    rules, read again.
    """
    rules = enforcer().rules
    if rule not in rules:
        return None
    known = rules.__dict__.setdefault('edu_target_keys', {})
    if rule not in known:
        known[rule] = _read_keys(rules, rule)
    return known[rule]


class _ReadsEverything(Exception):
    pass


def _read_keys(rules, rule):
    found, seen = set(), set()

    def walk(check):
        if isinstance(check, _checks.RuleCheck):
            if check.match not in seen and check.match in rules:
                seen.add(check.match)
                walk(rules[check.match])
        elif isinstance(check, _SUBSTITUTING):
            found.update(_TARGET_KEY.findall(check.match))
        elif not isinstance(check, _COMBINING):
            raise _ReadsEverything()
        for inner in getattr(check, 'rules', ()):
            walk(inner)
        if getattr(check, 'rule', None) is not None:
            walk(check.rule)

    try:
        walk(rules[rule])
    except _ReadsEverything:
        return None
    return frozenset(found)


def allowed(request, rule, target=None):
    """Whether the Education API would allow ``rule`` on ``target``.

    Decided once per request for each rule and the part of the target it
    reads: a table asks for every row and action, rows differ in keys
    most rules never read (a student's own project), and oslo.policy's
    enforce is not free.
    """
    user = getattr(request, 'user', None)
    read = target_keys(rule)
    key = (getattr(getattr(user, 'token', None), 'id', None),
           getattr(user, 'project_id', None), rule,
           tuple(sorted(item for item in (target or {}).items()
                        if read is None or item[0] in read)))
    decided = getattr(request, '_edu_policy', None)
    if decided is None:
        decided = {}
        try:
            request._edu_policy = decided
        except AttributeError:
            pass
    if key not in decided:
        rules = enforcer()
        decided[key] = any(rules.enforce(rule, dict(target or {}), creds)
                           for creds in credentials(request))
    return decided[key]


def check(actions, request, target=None):
    """Horizon's POLICY_CHECK_FUNCTION: all ``actions`` must pass."""
    others = [action for action in actions if action[0] != SERVICE]
    if others and not auth_policy.check(others, request,
                                        dict(target or {})):
        return False
    return all(allowed(request, rule, target)
               for service, rule in actions if service == SERVICE)
