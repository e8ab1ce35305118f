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
"""The package's arrows point one way (read from the sources' imports)."""

import ast
import pathlib

import testtools

import edu_rating

ROOT = pathlib.Path(edu_rating.__file__).parent


def imports_of(package):
    """``{module path: {imported edu_rating modules}}`` under ``package``."""
    found = {}
    for path in (ROOT / package).rglob('*.py'):
        names = set()
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module:
                names.add(node.module)
                names.update('%s.%s' % (node.module, alias.name)
                             for alias in node.names)
            elif isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
        found[str(path.relative_to(ROOT))] = {
            n for n in names if n.startswith('edu_rating')}
    return found


def offenders(package, forbidden):
    return sorted('%s imports %s' % (path, name)
                  for path, names in imports_of(package).items()
                  for name in names
                  if any(name == f or name.startswith(f + '.')
                         for f in forbidden))


class TestLayering(testtools.TestCase):

    def test_rating_side_never_imports_the_management_side(self):
        self.assertEqual([], offenders('rating',
                                       ['edu_rating.management',
                                        'edu_rating.module']))

    def test_bottom_layers_import_neither_side(self):
        for package in ('db', 'conf', 'policies'):
            self.assertEqual([], offenders(package, [
                'edu_rating.management', 'edu_rating.rating',
                'edu_rating.module']), package)

    def test_the_broker_knows_nothing_of_the_service_layer(self):
        # services -> broker only: no import cycle between the two.
        self.assertEqual([], offenders('management/broker', [
            'edu_rating.management.services',
            'edu_rating.management.controllers']))

    def test_presentation_does_not_query_the_database(self):
        views = imports_of('management/services')['management/services/'
                                                  'views.py']
        self.assertEqual(set(), {name for name in views
                                 if name.startswith('edu_rating.db')})

    def test_services_do_not_build_policy_targets(self):
        self.assertEqual([], offenders('management/services', [
            'edu_rating.policy', 'edu_rating.management.controllers']))

    def test_the_scan_sees_imports(self):
        # The module joining both sides is the one place importing both.
        joined = imports_of('.')['module.py']
        self.assertIn('edu_rating.management.controllers.root', joined)
        self.assertIn('edu_rating.rating.processor', joined)
