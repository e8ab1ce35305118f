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
"""Policy in code: ``list_rules()`` is the ``oslo.policy.policies`` hook."""

import itertools

from edu_rating.policies import allocation
from edu_rating.policies import audit
from edu_rating.policies import base
from edu_rating.policies import classes
from edu_rating.policies import images
from edu_rating.policies import invoice
from edu_rating.policies import labs
from edu_rating.policies import module
from edu_rating.policies import plan
from edu_rating.policies import school
from edu_rating.policies import student
from edu_rating.policies import teacher


def list_rules(roles=None):
    """Every rule; persona defaults for ``roles`` (see base.persona_rules)."""
    return list(itertools.chain(
        base.list_rules(roles),
        module.list_rules(),
        school.list_rules(),
        teacher.list_rules(),
        classes.list_rules(),
        student.list_rules(),
        labs.list_rules(),
        images.list_rules(),
        allocation.list_rules(),
        plan.list_rules(),
        invoice.list_rules(),
        audit.list_rules(),
    ))
