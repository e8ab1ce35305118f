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
"""Tests of the Education API's pecan controllers."""

# What the controllers call below them, by module of edu_rating.management;
# the tests mock every one.
SERVICE_FUNCTIONS = {
    'services.schools': ('create', 'list', 'get', 'update'),
    'services.teachers': ('create', 'list', 'get', 'update'),
    'services.classes': ('create', 'list', 'get', 'update', 'close'),
    'services.students': ('enrol', 'enrol_roster', 'preview_roster',
                          'list', 'get', 'update', 'remove'),
    'services.plans': ('create', 'list', 'get', 'add_version', 'assign',
                       'assignments', 'applicable'),
    'services.invoices': ('list', 'get', 'as_csv', 'as_pdf', 'mark_paid',
                          'void',
                          'run_period_end', 'month_to_date',
                          'school_month_to_date'),
    'services.allocations': ('get', 'set', 'set_class', 'history'),
    'services.labs': ('create', 'list', 'get', 'delete', 'launch',
                      'machines'),
    'services.lab_jobs': ('start', 'list', 'get'),
    'services.images': ('register', 'list', 'get', 'update', 'delete',
                        'share', 'unshare'),
    'services.lifecycle': ('end', 'archive', 'hand_back'),
    'services.platform': ('summary',),
    'services.audit': ('list', 'record'),
    'controllers.targets': ('resolve',),
}
