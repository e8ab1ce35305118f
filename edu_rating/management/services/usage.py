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
"""Usage of the managed projects: measured from Nova, served from our DB.

A page of 200 teachers or 5,000 students cannot ask Placement once per
project; the sweep asks Nova for every server once (a paged listing with
the flavors embedded) and stores what each managed project uses. Between
sweeps, Nova's notifications name the projects whose servers changed, and
:func:`measure` reads those again (``edu-usage --listen``). Pages then
read it with one query. Both are idempotent, and a measurement never
replaces a later one: two running at once each store consistent figures.
"""

from edu_rating.db import api as db_api
from edu_rating.management import broker
from edu_rating.management.services import views
from edu_rating import utc


def sweep():
    """Measure and store every managed project's usage; how many."""
    db = db_api.get_instance()
    # Taken before the listing: a project measured again while it runs
    # was measured later, and keeps that measurement.
    measured_at = utc.now()
    managed = db.managed_projects()
    measured = broker.get_broker().usage_by_project()
    usage = {project_id: views.full(measured.get(project_id, {}))
             for project_id in managed}
    db.replace_usage(usage, measured_at)
    return len(usage)


def measure(project_ids):
    """Measure and store these projects' usage, those we manage.

    Returns ``(measured project ids, measured_at)``.
    """
    db = db_api.get_instance()
    managed = db.managed_projects(among=set(project_ids))
    measured_at = utc.now()
    if managed:
        backend = broker.get_broker()
        db.store_usage({project_id: views.full(
            backend.project_usage(project_id)) for project_id in managed},
            measured_at)
    return managed, measured_at


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
