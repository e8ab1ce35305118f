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
"""Rules of the module's root resource (``/v1/rating/module_config/edu``)."""

from oslo_policy import policy

from edu_rating.policies import base

module_rules = [
    # The info route tells Horizon which resources exist and how they are
    # enforced, so every persona's panels need it. It reveals nothing about
    # any school, hence any user holding a role may read it.
    policy.DocumentedRuleDefault(
        name='edu:module:get',
        check_str=base.PLATFORM_ADMIN_OR_ANY_READER,
        description='Show the module version, the allocatable resources '
                    'and the enforcement backend.',
        operations=[
            {'path': base.ROOT_PATH, 'method': 'GET'},
            {'path': base.ROOT_PATH + '/info', 'method': 'GET'},
        ],
        scope_types=base.ALL_SCOPES),
    base.api_rule(
        'edu:platform:get', base.PLATFORM_ADMIN,
        'Show the platform\'s totals: capacity, what is granted to schools '
        'and by them, what is in use, and this month\'s revenue.',
        'GET', '/platform', scope_types=base.PLATFORM_SCOPES),
]


def list_rules():
    return module_rules
