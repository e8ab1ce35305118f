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
"""The ``[edu_reconcile]`` group: how copies of the reconciler take turns."""

from oslo_config import cfg

GROUP_NAME = 'edu_reconcile'

edu_reconcile_group = cfg.OptGroup(
    GROUP_NAME,
    title='Edu Cloud reconciler',
    help='The edu-reconcile command, which compares the allocation ledger '
         'with the limits, enabled states and role assignments in Keystone '
         '(and Nova quota sets) and repairs what drifted.')

edu_reconcile_opts = [
    cfg.StrOpt('coordination_url',
               help='tooz backend URL of the lock that lets one copy of '
                    'edu-reconcile run a pass at a time (e.g. '
                    'redis://127.0.0.1:6379 when copies run on several '
                    'hosts). Unset: CloudKitty\'s own [orchestrator] '
                    'coordination_url.'),
]


def register_opts(conf):
    conf.register_group(edu_reconcile_group)
    conf.register_opts(edu_reconcile_opts, group=edu_reconcile_group)


def list_opts():
    return {edu_reconcile_group: edu_reconcile_opts}
