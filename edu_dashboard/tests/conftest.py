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
"""Point pytest-django at our settings, so the bare command works.

``pytest -q edu_dashboard/tests`` from the repository root needs no ini file
and no --ds flag: pytest-django finishes Django's set-up in its own
pytest_configure once settings are configured, which importing them here
does.
"""

import os

import django

os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'edu_dashboard.tests.settings')
django.setup()


def pytest_configure(config):
    # Marks Horizon's test helpers apply to its own test classes.
    for mark in ('selenium', 'plugin_test'):
        config.addinivalue_line('markers', mark)
