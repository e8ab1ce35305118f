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
"""Usage of the managed projects: swept from Nova, served from our DB.

A page of 200 teachers or 5,000 students cannot ask Placement once per
project; the sweep asks Nova for every server once (a paged listing with
the flavors embedded) and stores what each managed project uses. Lists
then read it with one query. The sweep is idempotent: two running at once
each store a whole, consistent measurement.
"""

from edu_rating.db import api as db_api
from edu_rating.management import broker
from edu_rating.management.services import views
from edu_rating import utc


def sweep():
    """Measure and store every managed project's usage; how many."""
    db = db_api.get_instance()
    managed = db.managed_projects()
    measured = broker.get_broker().usage_by_project()
    usage = {project_id: views.full(measured.get(project_id, {}))
             for project_id in managed}
    db.replace_usage(usage, utc.now())
    return len(usage)


def of(project_ids):
    """``{project_id: (full usage, measured_at or None)}``."""
    return {project_id: (views.full(amounts), measured_at)
            for project_id, (amounts, measured_at) in
            db_api.get_instance().usage_of(project_ids).items()}


def of_school(school_pk):
    """What all of a school's projects use: ``(usage, oldest measure)``."""
    amounts, measured_at = db_api.get_instance().usage_sum(
        school_pk=school_pk)
    return views.full(amounts), measured_at
