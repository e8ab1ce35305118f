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
"""The rating module's own oslo.policy enforcer.

CloudKitty guards every module's config controller with one coarse rule
(``rating:module_config``). The Education API needs per-route rules for
several personas, so it has an enforcer of its own over CloudKitty's global
configuration: the same ``[oslo_policy]`` options and policy file, holding
our ``edu:*`` rules next to CloudKitty's.
"""

import sys

from oslo_config import cfg
from oslo_log import log as logging
from oslo_policy import policy

from edu_rating import conf as edu_conf
from edu_rating.conf import edu as edu_opts
from edu_rating.i18n import _
from edu_rating import policies

LOG = logging.getLogger(__name__)
CONF = cfg.CONF

_ENFORCER = None


class PolicyNotAuthorized(Exception):
    """The policy refused the action; the API answers 403."""

    code = 403

    def __init__(self, action):
        self.action = action
        super().__init__(
            _("Policy does not allow %s to be performed.") % action)


def init(conf=CONF):
    """Build the enforcer on first use and register our defaults."""
    global _ENFORCER
    if _ENFORCER is None:
        enforcer = policy.Enforcer(conf)
        roles = edu_opts.roles(edu_conf.register_opts(conf))
        enforcer.register_defaults(policies.list_rules(roles))
        _ENFORCER = enforcer
    return _ENFORCER


def reset():
    global _ENFORCER
    if _ENFORCER is not None:
        _ENFORCER.clear()
    _ENFORCER = None


def _auth_disabled():
    # CloudKitty skips policy entirely under auth_strategy=noauth (its
    # contexts then carry no roles); behave the same. The option belongs to
    # cloudkitty-api and is unregistered elsewhere.
    return getattr(CONF, 'auth_strategy', 'keystone') == 'noauth'


def authorize(context_or_request, rule, target=None):
    """Check ``rule`` for a request context (or a request carrying one).

    :raises PolicyNotAuthorized: the rule, or the token's scope, refuses.
    """
    if _auth_disabled():
        return True
    context = getattr(context_or_request, 'context', context_or_request)
    enforcer = init()
    try:
        return enforcer.authorize(rule, target or {}, context,
                                  do_raise=True,
                                  exc=PolicyNotAuthorized, action=rule)
    except policy.InvalidScope:
        LOG.debug("Token scope refused for %s", rule)
        raise PolicyNotAuthorized(rule)


def check(context_or_request, rule, target=None):
    """Whether ``rule`` passes, as a boolean (for facts such as "may force").

    Same evaluation as :func:`authorize`, scope included, without raising.
    """
    try:
        return bool(authorize(context_or_request, rule, target))
    except PolicyNotAuthorized:
        return False


def get_enforcer():
    """Entry point (``oslo.policy.enforcer``) for the oslopolicy tools.

    They put their own options in sys.argv; drop those before CloudKitty's
    configuration parses the rest (same trick as CloudKitty and Nova).
    """
    conf_args = []
    args = sys.argv[1:]
    skip_next = False
    for arg in args:
        if skip_next:
            skip_next = False
            continue
        if arg.lstrip('-') in ('namespace', 'output-file'):
            skip_next = True
            continue
        conf_args.append(arg)
    CONF(conf_args, project='cloudkitty')
    return init()
