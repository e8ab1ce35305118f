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
"""Class-wide jobs: launch, stop, shelve or delete every student's machine.

A job acts on the class's lab machines: those launched from its templates
(tagged with the class), found in one listing. It is recorded with a
``pending`` result per student and then runs in
a background thread of the API worker, a few Nova calls at a time
(``[edu_labs] job_workers``); each student's result is written as soon as
it is known, so the page shows progress. A job whose worker died stops
beating its heartbeat and shows as ``interrupted``. Retrying is safe: a
launch skips students who already have a machine of the template, and
stop, shelve and delete leave machines already so alone.
"""

import concurrent.futures
import datetime
import threading

from oslo_log import log as logging

from edu_rating import conf as edu_conf
from edu_rating.db import api as db_api
from edu_rating import exceptions
from edu_rating.i18n import _
from edu_rating.management import broker
from edu_rating.management.services import classes
from edu_rating.management.services import labs
from edu_rating.management.services import lookup
from edu_rating import utc

LOG = logging.getLogger(__name__)

ACTIONS = ('launch', 'stop', 'shelve', 'delete')
# Results: still to do, done (or already so), refused by Nova (its reason
# in the message), or failed (an outage: retry the job).
STATUSES = ('pending', 'launched', 'skipped', 'done', 'refused', 'failed')
# A running job beats at least this often; silent for longer, it died.
HEARTBEAT_TIMEOUT = datetime.timedelta(minutes=2)


def view(row, now=None):
    now = now or utc.now()
    if row.finished_at is not None:
        state = 'done'
    elif now - row.heartbeat_at > HEARTBEAT_TIMEOUT:
        state = 'interrupted'
    else:
        state = 'running'
    counts = dict.fromkeys(STATUSES, 0)
    for result in row.results:
        counts[result.status] += 1
    return {'id': row.id, 'class_id': row.class_id, 'action': row.action,
            'template_id': row.template_id, 'state': state,
            'created_at': row.created_at, 'finished_at': row.finished_at,
            'counts': counts,
            'results': [{'student_id': r.project_id, 'student_name': r.name,
                         'status': r.status, 'servers': r.servers,
                         'message': r.message} for r in row.results]}


def _launch(token, template, enrolment, existing):
    mine = [s['id'] for s in existing
            if s['template_id'] == str(template.id)]
    if mine:
        return 'skipped', mine, _("Already has a machine of this template.")
    try:
        server = labs.launch_as(token, template, enrolment)
    except exceptions.Conflict as error:
        return 'refused', [], error.message
    return 'launched', [server['id']], None


def _act(action, existing):
    lab = broker.get_broker()
    acted = [s['id'] for s in existing if lab.server_action(s, action)]
    return 'done', acted, None


def _one(job_id, action, token, template, enrolment, existing):
    db = db_api.get_instance()
    try:
        if action == 'launch':
            status, servers, message = _launch(token, template, enrolment,
                                               existing)
        else:
            status, servers, message = _act(action, existing)
    except exceptions.EduError as error:
        status, servers, message = 'failed', [], error.message
    except Exception as error:
        LOG.exception("edu: job %(job)s failed for %(project)s",
                      {'job': job_id, 'project': enrolment.project_id})
        status, servers, message = 'failed', [], str(error)
    db.record_result(job_id, enrolment.project_id, status, utc.now(),
                     servers=servers, message=message)


def run(job_id, token=None):
    """Do a recorded job's pending work (in the calling thread)."""
    db = db_api.get_instance()
    job = db.get_job(job_id)
    template = (db.get_template(job.template_id)
                if job.template_id is not None else None)
    pending = {r.project_id for r in job.results if r.status == 'pending'}
    enrolments = [e for e in db.list_enrolments(class_id=job.class_id)
                  if e.project_id in pending]
    for project_id in pending - {e.project_id for e in enrolments}:
        db.record_result(job.id, project_id, 'skipped', utc.now(),
                         message=_("No longer in the class."))
    # The class's lab machines (launched from its templates, tagged so),
    # in one listing: a retry finds what is there already.
    try:
        machines = broker.get_broker().tagged_servers(
            labs.class_tag(job.class_id))
    except exceptions.EduError as error:
        for enrolment in enrolments:
            db.record_result(job.id, enrolment.project_id, 'failed',
                             utc.now(), message=error.message)
        db.finish_job(job.id, utc.now())
        return
    workers = edu_conf.register_opts().edu_labs.job_workers
    with concurrent.futures.ThreadPoolExecutor(workers) as pool:
        for future in [pool.submit(_one, job.id, job.action, token,
                                   template, enrolment,
                                   machines.get(enrolment.project_id, []))
                       for enrolment in enrolments]:
            future.result()
    db.finish_job(job.id, utc.now())


def _run_logged(job_id, token):
    try:
        run(job_id, token)
    except Exception:
        LOG.exception("edu: lab job %s stopped", job_id)


def start(actor, class_id, action, template_id=None):
    """Record a job for every student of the class and start it."""
    if action not in ACTIONS:
        raise exceptions.Invalid(
            _("action must be one of %s.") % ', '.join(ACTIONS),
            error_code='job.action', field='action')
    klass = classes.open_class(class_id)
    token = None
    if action == 'launch':
        if template_id is None:
            raise exceptions.Invalid(_("A launch needs a template_id."),
                                     error_code='job.template',
                                     field='template_id')
        template = lookup.template(template_id)
        if template.class_id != klass.id:
            raise exceptions.Invalid(
                _("Template %s belongs to another class.") % template.name,
                error_code='template.other_class', field='template_id')
        labs.launchable(klass)
        token = labs.acting_token(actor)
    elif template_id is not None:
        raise exceptions.Invalid(_("Only a launch takes a template_id."),
                                 error_code='job.template',
                                 field='template_id')
    db = db_api.get_instance()
    students = [(e.project_id, e.name)
                for e in db.list_enrolments(class_id=klass.id)]
    job = db.create_job(klass.id, action, students, actor.user_id,
                        utc.now(), request_id=actor.request_id,
                        template_id=template_id and int(template_id))
    threading.Thread(target=_run_logged, args=(job.id, token),
                     name='edu-lab-job-%d' % job.id, daemon=True).start()
    return view(job)


def get(actor, job_id):
    return view(lookup.job(job_id))


def list(actor, class_id, limit=100, marker=None):
    rows, next_marker = lookup.page(
        db_api.get_instance().list_jobs, limit,
        lookup.row_id(marker, _("marker must be a job id.")),
        lambda row: row.id, class_id=lookup.klass(class_id).id)
    return [view(row) for row in rows], next_marker
