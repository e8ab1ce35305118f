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
"""``openstack edu job ...`` and what starts a class-wide job."""

from osc_lib.cli import format_columns
from osc_lib.command import command
from osc_lib import exceptions

from edu_rating.i18n import _
from edu_rating.osc.v1 import common

LIST_COLUMNS = ('id', 'action', 'template_id', 'state', 'counts',
                'created_at', 'finished_at')
# Seconds between two looks at a job being waited for.
WAIT_INTERVAL = 2


def result_line(result):
    """``name: status [servers] (message)`` of a student's result."""
    line = '%s: %s' % (result['student_name'], result['status'])
    if result.get('servers'):
        line += ' ' + ', '.join(result['servers'])
    if result.get('message'):
        line += ' (%s)' % result['message']
    return line


class ResultsColumn(format_columns.ListDictColumn):
    """A job's results: a line per student (the dicts, for machines)."""

    def human_readable(self):
        return '\n'.join(result_line(result) for result in self._value or [])


def job_view(job):
    """A job with a readable line per student."""
    return dict(job, results=ResultsColumn(job.get('results') or []))


def done_count(job):
    """``(students done, students)`` of a job."""
    total = len(job['results'])
    return total - job['counts'].get('pending', 0), total


def unfinished(job):
    """Why a job that no longer runs did not do all it was for, or None."""
    if job['state'] == 'interrupted':
        return _("Job %s was interrupted: the API worker running it "
                 "stopped. Start it again: what is done already is "
                 "skipped.") % job['id']
    missed = job['counts'].get('refused', 0) + job['counts'].get('failed', 0)
    if missed:
        return _("Job %(job)s did not succeed for %(count)d students (see "
                 "their messages); starting it again retries them.") % {
            'job': job['id'], 'count': missed}
    return None


class ShowJob(common.ShowResource):
    """Show a class-wide job, with a result per student."""

    manager = 'jobs'
    metavar = '<job-id>'
    id_type = int
    view = staticmethod(job_view)


class ListJob(command.Lister):
    """List the class-wide jobs of a class."""

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument('--class', dest='klass', metavar='<class-id>',
                            type=int, required=True)
        return parser

    def take_action(self, parsed_args):
        return common.listing(common.client(self).jobs.list(parsed_args.klass),
                              LIST_COLUMNS)


class StartJob(command.ShowOne):
    """Start a class-wide job on every student's machines.

    Shows the job as started; with --wait, as it ended, and fails when it
    did not succeed for every student.
    """

    action = None

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument('klass', metavar='<class-id>', type=int)
        parser.add_argument('--wait', action='store_true',
                            help='Wait for the job to end and show a '
                                 'result per student')
        return parser

    def template_of(self, parsed_args):
        """The template of the job (a launch's), or None."""
        return None

    def take_action(self, parsed_args):
        jobs = common.client(self).jobs
        job = jobs.start(parsed_args.klass, self.action,
                         template_id=self.template_of(parsed_args))
        self.problem = None
        if parsed_args.wait:
            self._shown = None
            job = jobs.wait(job['id'], interval=WAIT_INTERVAL,
                            callback=self._progress)
            self.problem = unfinished(job)
        return common.show(job_view(job))

    def _progress(self, job):
        done, total = done_count(job)
        if done != self._shown:
            self._shown = done
            self.app.stderr.write(
                _("Job %(job)s: %(done)d of %(total)d students done.")
                % {'job': job['id'], 'done': done, 'total': total} + '\n')

    def run(self, parsed_args):
        code = super().run(parsed_args)
        # After the results are shown: the command fails all the same.
        if self.problem:
            raise exceptions.CommandError(self.problem)
        return code
