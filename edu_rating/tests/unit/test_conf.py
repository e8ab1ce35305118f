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
import subprocess
import sys

from oslo_config import cfg

from edu_rating import conf as edu_conf
from edu_rating.conf import opts
from edu_rating.tests.unit import base


class ListOptsTest(base.TestCase):

    def _by_group(self):
        return {group.name: {opt.dest for opt in group_opts}
                for group, group_opts in opts.list_opts()}

    def test_edu_group_options(self):
        self.assertEqual(
            {'school_admin_role', 'teacher_role', 'student_role',
             'resources', 'enforcement_backend', 'region_name',
             'billing_timezone', 'platform_name', 'test_hooks',
             'undo_patience'},
            self._by_group()['edu'])

    def test_broker_group_has_keystoneauth_auth_and_session_options(self):
        broker = self._by_group()['edu_broker']
        for name in ('auth_type', 'auth_url', 'username', 'password',
                     'project_name', 'cafile', 'insecure', 'timeout',
                     'connect_retries'):
            self.assertIn(name, broker)
        # The sample says what a hung Keystone costs by default.
        timeout = [opt for _group, found in opts.list_opts()
                   for opt in found if opt.dest == 'timeout']
        self.assertEqual([15], [opt.default for opt in timeout])

    def test_only_our_groups(self):
        self.assertEqual({'edu', 'edu_broker', 'edu_labs', 'edu_reconcile',
                          'edu_usage'},
                         set(self._by_group()))


class RegisterOptsTest(base.TestCase):

    def test_defaults(self):
        conf = edu_conf.register_opts(cfg.ConfigOpts())
        conf([], default_config_files=[], default_config_dirs=[])
        self.assertEqual('manager', conf.edu.school_admin_role)
        self.assertEqual('manager', conf.edu.teacher_role)
        self.assertEqual('member', conf.edu.student_role)
        self.assertEqual(['vcpu', 'ram_mb', 'disk_gb', 'instances'],
                         conf.edu.resources)
        self.assertEqual('unified_limits', conf.edu.enforcement_backend)
        self.assertIsNone(conf.edu.region_name)
        self.assertIsNone(conf.edu_broker.auth_type)
        # Nothing waits for ever on Keystone or Nova.
        self.assertEqual(15, conf.edu_broker.timeout)
        self.assertEqual(2, conf.edu_broker.connect_retries)

    def test_registering_twice_is_harmless(self):
        conf = cfg.ConfigOpts()
        edu_conf.register_opts(conf)
        edu_conf.register_opts(conf)
        self.assertIn('edu', conf)

    def test_unknown_backend_refused(self):
        self.assertRaises(ValueError, self.conf.set_override,
                          'enforcement_backend', 'cinder', 'edu')

    def test_unknown_resource_refused(self):
        self.assertRaises(ValueError, self.conf.set_override,
                          'resources', ['vcpu', 'gpus'], 'edu')

    def test_importing_the_package_registers_nothing(self):
        # Options are registered on use, never at import time.
        code = (
            "from oslo_config import cfg\n"
            "import edu_rating.rating.collector, edu_rating.rating.fetcher\n"
            "import edu_rating.rating.processor, edu_rating.conf.opts\n"
            "import edu_rating.policy, edu_rating.module\n"
            "import edu_rating.management.controllers.root\n"
            "assert 'edu' not in cfg.CONF, 'edu'\n"
            "assert 'edu_broker' not in cfg.CONF, 'edu_broker'\n")
        result = subprocess.run([sys.executable, '-c', code],
                                capture_output=True, text=True)
        self.assertEqual(0, result.returncode, result.stderr)
