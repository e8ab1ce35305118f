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
"""Where a class stands in its term: pure dates from its end date.

A class ends at the start (UTC) of the day after its ``term_end``; its
teacher and students are warned ``[edu_labs] warn_days`` before, and its
machines are kept ``grace_days`` after (see
:mod:`~edu_rating.management.services.lifecycle`).
"""

import datetime

from edu_rating import conf as edu_conf

PHASES = ('open', 'ending', 'ended', 'archived')


def days():
    options = edu_conf.register_opts().edu_labs
    return (datetime.timedelta(days=options.warn_days),
            datetime.timedelta(days=options.grace_days))


def ends_at(klass):
    if klass.term_end is None:
        return None
    return datetime.datetime.combine(
        klass.term_end + datetime.timedelta(days=1), datetime.time(),
        tzinfo=datetime.timezone.utc)


def of(klass, now):
    """The class's term: its phase, its dates and what its end freed."""
    end = ends_at(klass)
    warn, grace = days()
    if klass.archived_at is not None:
        phase = 'archived'
    elif klass.ended_at is not None:
        phase = 'ended'
    elif end is not None and now >= end - warn:
        phase = 'ending'
    else:
        phase = 'open'
    # The grace runs from the end, or from a late (or early, undated) end.
    since = [moment for moment in (end, klass.ended_at) if moment]
    return {'phase': phase, 'ends_at': end,
            'warn_from': end and end - warn,
            'archive_at': max(since) + grace if since else None,
            'ended_at': klass.ended_at, 'archived_at': klass.archived_at,
            'freed': klass.freed, 'handed_back_at': klass.handed_back_at}
