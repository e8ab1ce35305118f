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
"""Finding schools, teachers, classes and enrolments by their public ids.

Unknown ids become
:class:`~edu_rating.exceptions.NotFound`;
lists are paged here, once for every kind.
"""

from edu_rating.db import api as db_api
from edu_rating import exceptions
from edu_rating.management.services import validation
from edu_rating.management.services import work


def _db():
    return db_api.get_instance()


def remembering():
    """Each object found by id once per request (see the DB API's)."""
    return _db().remembering()


def reading():
    """One database session for all the reads of a request that only reads.

    Each query would otherwise take a pooled connection, and give it back
    with two rollbacks: under load, half of the API's CPU went to the
    database client (tools/bench/load).
    """
    return _db().reading()


def _get(getter, ident):
    try:
        return getter(ident)
    except db_api.EduDBError as error:
        raise work.translate_db_error(error)


def school(domain_id):
    return _get(_db().get_school, domain_id)


def teacher(project_id):
    return _get(_db().get_teacher, project_id)


def _by_number(kind, getter, ident):
    """Our integer ids: anything but a whole number is no such object."""
    try:
        ident = int(ident)
    except (TypeError, ValueError):
        raise exceptions.NotFound(kind, ident)
    return _get(getter, ident)


def klass(class_id):
    return _by_number('class', _db().get_class, class_id)


def template(template_id):
    return _by_number('template', _db().get_template, template_id)


def job(job_id):
    return _by_number('job', _db().get_job, job_id)


def enrolment(project_id):
    return _get(_db().get_enrolment, project_id)


def image(image_id):
    """A registered image by its Glance id."""
    return _get(_db().get_image, image_id)


def pk(find, ident):
    """Our primary key of the object with this public id, None for None."""
    return None if ident is None else find(ident).id


def row_id(marker, message):
    """An integer page marker (our own row id), None for None."""
    if marker is None:
        return None
    try:
        return int(marker)
    except (TypeError, ValueError):
        raise exceptions.Invalid(message, error_code='marker.invalid',
                                 field='marker')


def page(list_rows, limit, marker, public_id, **filters):
    """``(rows, next_marker)``: one page of ``list_rows(**filters)``."""
    limit = validation.page_limit(limit)
    try:
        # One more row than asked tells whether a next page exists.
        rows = list_rows(limit=limit + 1, marker=marker, **filters)
    except db_api.EduDBError as error:
        raise exceptions.Invalid(str(error), error_code=error.error_code,
                                 field='marker')
    if len(rows) > limit:
        rows = rows[:limit]
        return rows, public_id(rows[-1])
    return rows, None
