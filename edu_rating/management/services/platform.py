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
"""The platform's totals, for its administrator's overview.

What the cloud can give (Placement), what the platform granted to schools,
what they granted on to teachers and teachers to students (the ledger),
what the managed projects use (the usage sweep) and this month's revenue
(the plans). A fixed number of queries and one Placement read per compute
host, whatever the number of schools.
"""

from edu_rating.db import api as db_api
from edu_rating.management import broker
from edu_rating.management.services import invoices
from edu_rating.management.services import views


def summary(actor):
    db = db_api.get_instance()
    schools = db.list_schools()
    totals = db.grant_totals()
    in_use, measured_at = db.usage_sum()
    capacity = broker.get_broker().capacity()
    return {
        'capacity': {resource: capacity.get(resource)
                     for resource in views.full({})},
        'granted_to_schools': views.full(totals.get('school', {})),
        'granted_to_teachers': views.full(totals.get('teacher', {})),
        'granted_to_students': views.full(totals.get('enrolment', {})),
        'in_use': views.full(in_use), 'usage_measured_at': measured_at,
        'schools': len(schools),
        'schools_enabled': sum(1 for row in schools if row.enabled),
        'revenue': invoices.platform_month_to_date(
            [row.domain_id for row in schools]),
    }
