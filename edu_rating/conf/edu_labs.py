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
"""The ``[edu_labs]`` group: lab machines and the end of a class."""

from oslo_config import cfg

GROUP_NAME = 'edu_labs'

edu_labs_group = cfg.OptGroup(
    GROUP_NAME,
    title='Edu Cloud labs',
    help='Lab machines launched from class templates, and what happens to '
         'them when a class ends (the edu-lifecycle command).')

edu_labs_opts = [
    cfg.IntOpt('warn_days', default=7, min=0,
               help='Days before a class ends from which its teacher and '
                    'students are warned: the dashboard shows a banner, and '
                    'edu-lifecycle sends them an e-mail once when '
                    'smtp_host is set.'),
    cfg.IntOpt('grace_days', default=14, min=0,
               help='Days after a class ends during which its shelved lab '
                    'machines are kept; after them the machines are deleted, '
                    'the students\' projects disabled, their grants '
                    'released and the class archived.'),
    cfg.IntOpt('job_workers', default=4, min=1, max=32,
               help='Nova calls a class-wide job (launch, stop, shelve, '
                    'delete for every student) makes at once.'),
    cfg.HostAddressOpt('smtp_host',
                       help='SMTP server of the warning e-mails; unset, '
                            'none are sent (the dashboard still warns).'),
    cfg.PortOpt('smtp_port', default=25, help='Port of the SMTP server.'),
    cfg.BoolOpt('smtp_starttls', default=False,
                help='Use STARTTLS before sending.'),
    cfg.StrOpt('smtp_user', help='SMTP login, if the server wants one.'),
    cfg.StrOpt('smtp_password', secret=True,
               help='Password of smtp_user.'),
    cfg.StrOpt('mail_from', default='edu-cloud@localhost',
               help='Sender of the warning e-mails.'),
]


def register_opts(conf):
    conf.register_group(edu_labs_group)
    conf.register_opts(edu_labs_opts, group=edu_labs_group)


def list_opts():
    return {edu_labs_group: edu_labs_opts}
