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

from oslo_config import cfg

GROUP_NAME = 'edu_usage'

edu_usage_group = cfg.OptGroup(
    GROUP_NAME,
    title='Edu Cloud usage',
    help='The edu-usage command, which stores what every managed project '
         'uses for the pages: a sweep of all servers every --loop seconds '
         'and, with --listen, a new measurement of a project whenever Nova '
         'notifies that one of its servers changed.')

edu_usage_opts = [
    cfg.ListOpt('notification_topics', default=['versioned_notifications'],
                help='Topics of Nova\'s versioned notifications (Nova\'s '
                     '[notifications] versioned_notifications_topics), '
                     'read on the notification transport '
                     '([oslo_messaging_notifications] transport_url, or '
                     '[DEFAULT] transport_url).'),
    cfg.FloatOpt('settle_seconds', default=1.0, min=0,
                 help='How long to gather notifications before measuring '
                      'the projects they name: a server\'s boot sends '
                      'several, and one measurement after them suffices.'),
]


def register_opts(conf):
    conf.register_group(edu_usage_group)
    conf.register_opts(edu_usage_opts, group=edu_usage_group)


def list_opts():
    return {edu_usage_group: edu_usage_opts}
