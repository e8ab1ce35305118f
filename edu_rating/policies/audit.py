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
"""Rules of ``/audit``.

A platform admin reads the whole trail; a school admin their school's
(the ``school_id`` filter, their own domain when they give none).
"""

from edu_rating.policies import base

audit_rules = [
    base.api_rule(
        'edu:audit:list', base.PLATFORM_OR_SCHOOL_ADMIN,
        'List the audit trail: who changed what, when and why, filtered by '
        'school, actor, action, object and time.',
        'GET', '/audit'),
]


def list_rules():
    return audit_rules
