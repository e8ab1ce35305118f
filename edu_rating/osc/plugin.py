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
"""OpenStackClient plugin entry point (``openstack.cli.extension``)."""

from osc_lib import utils

DEFAULT_API_VERSION = '1'
API_NAME = 'edu'
API_VERSION_OPTION = 'os_edu_api_version'
API_VERSIONS = {
    '1': 'edu_rating.client.Client',
}


def make_client(instance):
    """The Education API client of OSC's client manager."""
    client_class = utils.get_client_class(
        API_NAME, instance._api_version[API_NAME], API_VERSIONS)
    return client_class(session=instance.session,
                        interface=instance.interface,
                        region_name=instance.region_name)


def build_option_parser(parser):
    parser.add_argument(
        '--os-edu-api-version',
        metavar='<edu-api-version>',
        default=utils.env('OS_EDU_API_VERSION',
                          default=DEFAULT_API_VERSION),
        help='Education API version, default=%s (Env: OS_EDU_API_VERSION)'
             % DEFAULT_API_VERSION)
    return parser
