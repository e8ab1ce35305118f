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
"""What every Education API controller shares.

A handler reads the request (:func:`json_body`, :func:`query`),
authorizes it with our own enforcer (:func:`authorize`,
:func:`authorize_on`, :func:`list_target`), calls one service function
with the :func:`actor`, and returns plain data that :func:`expose`
serializes, or lets an ``EduError`` become the contract's JSON error.
"""

import contextlib
import datetime
import functools
import inspect
import json

from oslo_db import exception as db_exc
from oslo_log import log as logging
import pecan

from edu_rating import exceptions
from edu_rating import i18n
from edu_rating.i18n import _
from edu_rating.management.controllers import targets
from edu_rating.management import schemas
from edu_rating.management.services import actor as actor_mod
from edu_rating.management.services import audit
from edu_rating.management.services import lookup
from edu_rating import policy
from edu_rating import testhooks

LOG = logging.getLogger(__name__)

PLATFORM_ADMIN_RULE = 'edu:persona:platform_admin'
FORCE_RULE = 'edu:allocation:force'
BACKDATE_RULE = 'edu:allocation:backdate'
# Methods whose success the audit trail records.
CHANGES = ('POST', 'PUT', 'PATCH', 'DELETE')
READS = ('GET', 'HEAD')
# Per-request keys in the WSGI environ.
AUTHORIZED = 'edu.authorized'
ROUTE = 'edu.route'
BODY = 'edu.body'
ACTOR = 'edu.actor'


# A read outside a unit of work (whose own retries map these) that found
# the database gone or stuck.
DATABASE_DOWN = (db_exc.DBConnectionError, db_exc.DBDeadlock)


def database_unavailable(error):
    LOG.warning("edu: the database is unreachable: %s", error)
    return exceptions.BackendUnavailable(
        _("The database is unreachable; nothing was changed, please try "
          "again in a moment."), error_code='database.unavailable')


def _takes(signature, args, kwargs):
    """405 for a path the handler cannot take (PATCH /classes, no id)."""
    try:
        signature.bind(*args, **kwargs)
    except TypeError:
        raise exceptions.MethodNotAllowed(
            _("%(method)s is not allowed on %(path)s.")
            % {'method': pecan.request.method, 'path': pecan.request.path})


class Answer(object):
    """A handler's result with a status of its own (not the route's)."""

    def __init__(self, status, body):
        self.status, self.body = status, body


class Route(object):
    """What a handler takes and answers: the API contract's one source.

    :func:`json_body` and :func:`query` validate with these schemas, and
    :mod:`edu_rating.management.openapi` documents them.
    """

    def __init__(self, status, body=None, query=None, body_types=(),
                 content_type='application/json'):
        self.status = status
        self.body = body
        self.query = query
        # Bodies other than JSON the handler reads itself (a CSV roster).
        self.body_types = tuple(body_types)
        self.content_type = content_type


def expose(status=200, body=None, query=None, body_types=()):
    """Expose a handler as JSON answering ``status`` (204: no body).

    ``body`` and ``query``: functions returning the JSON schemas of the
    request's body and query string (see :class:`Route`).

    Service errors (and our 400/403) become ``{"error": {...}}`` with
    their own status, as the API contract says.
    """
    route = Route(status, body, query, body_types)

    def decorate(func):
        signature = inspect.signature(func)

        # No named arguments on purpose: pecan then looks through this
        # wrapper (its closure) for the handler's own signature, which it
        # routes path segments by.
        @functools.wraps(func)
        def handler(*args, **kwargs):
            pecan.request.environ[ROUTE] = route
            try:
                with _for_the_request():
                    try:
                        _takes(signature, args, kwargs)
                        result = func(*args, **kwargs)
                    except DATABASE_DOWN as error:
                        raise database_unavailable(error)
            except exceptions.EduError as e:
                pecan.response.status = e.code
                return to_json(e.to_dict())
            answered = status
            if isinstance(result, Answer):
                answered, result = result.status, result.body
            if pecan.request.method in CHANGES:
                _audit(result)
            pecan.response.status = answered
            if answered == 204:
                # Returning the response itself stops pecan from
                # rendering None as "null".
                return pecan.response
            return to_json(result)
        handler.edu_route = route
        return pecan.expose('json')(handler)
    return decorate


def expose_download(content_type, query=None):
    """Expose a handler answering a file, as ``content_type``.

    The handler returns ``(filename, content)``: text (sent as UTF-8) or
    bytes.

    Errors are the contract's JSON, as with :func:`expose`.
    """
    route = Route(200, query=query, content_type=content_type)

    def decorate(func):
        signature = inspect.signature(func)

        @functools.wraps(func)
        def handler(*args, **kwargs):
            pecan.request.environ[ROUTE] = route
            try:
                with _for_the_request():
                    try:
                        _takes(signature, args, kwargs)
                        filename, content = func(*args, **kwargs)
                    except DATABASE_DOWN as error:
                        raise database_unavailable(error)
            except exceptions.EduError as e:
                pecan.response.status = e.code
                pecan.response.content_type = 'application/json'
                pecan.response.text = json.dumps(e.to_dict())
                return pecan.response
            pecan.response.status = 200
            pecan.response.content_type = content_type
            pecan.response.headers['Content-Disposition'] = (
                'attachment; filename="%s"' % filename)
            if isinstance(content, bytes):
                pecan.response.body = content
            else:
                pecan.response.text = content
            return pecan.response
        handler.edu_route = route
        return pecan.expose()(handler)
    return decorate


def _changed(result, target):
    """``(kind, id, school id)`` of what a change made or changed.

    The object the answer names (``{"teacher": {...}}``, an allocation's
    scope), else the most specific owner in the route's policy target.
    """
    school_id = target.get('domain_id')
    if isinstance(result, dict):
        if 'scope_type' in result:
            return result['scope_type'], result['scope_id'], school_id
        if len(result) == 1:
            (kind, value), = result.items()
            if isinstance(value, dict) and 'id' in value:
                return kind, str(value['id']), value.get(
                    'school_id', value['id'] if kind == 'school'
                    else school_id)
    for key, kind in (('project_id', 'enrolment'),
                      ('teacher_project_id', 'teacher'),
                      ('domain_id', 'school')):
        if target.get(key):
            return kind, target[key], school_id
    return None, None, school_id


def _request_fields():
    """What the request sent, for the audit trail (secrets are dropped).

    The JSON body as :func:`json_body` read it; of a route that takes a
    CSV roster (whose lines may hold passwords), only its size, however
    it was sent.
    """
    route = pecan.request.environ.get(ROUTE)
    csv_route = route is not None and route.body_types
    if pecan.request.content_type == 'application/json' and not csv_route:
        return pecan.request.environ.get(BODY)
    return {'content_type': pecan.request.content_type,
            'bytes': len(pecan.request.body)} if pecan.request.body else None


def _audit(result):
    """Record a change the request made, under its route's rule name."""
    rule, target = pecan.request.environ.get(AUTHORIZED, (None, {}))
    if rule is None:
        return
    kind, ident, school_id = _changed(result, target)
    sent = _request_fields()
    reason = sent.get('reason') if isinstance(sent, dict) else None
    audit.record(actor(), rule, target_type=kind, target_id=ident,
                 school_id=school_id, reason=reason,
                 details={'method': pecan.request.method,
                          'path': pecan.request.path,
                          'query': dict(pecan.request.GET),
                          'request': sent})


@contextlib.contextmanager
def _for_the_request():
    """Messages in the language the request accepts (see edu_rating.i18n).

    Also arms a test hook the request names (see edu_rating.testhooks),
    loads each object it finds by id once, and gives a request that only
    reads one database session.
    """
    language = i18n.negotiate(accept_language())
    pecan.response.headers['Content-Language'] = language
    reads = (lookup.reading() if pecan.request.method in READS
             else contextlib.nullcontext())
    with i18n.speaking(language), testhooks.from_headers(
            pecan.request.headers), lookup.remembering(), reads:
        yield


def to_json(value):
    """Plain JSON data of a service result (dates as ISO 8601)."""
    if isinstance(value, dict):
        return {key: to_json(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_json(item) for item in value]
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return value


def _declared(kind):
    """The schema the running handler declared (see :class:`Route`)."""
    return getattr(pecan.request.environ[ROUTE], kind)()


def json_body():
    """The request's JSON body, checked against the declared schema."""
    schema = _declared('body')
    body = pecan.request.body
    if not body:
        raise exceptions.Invalid(
            _('The request body is empty: send a JSON object.'),
            error_code='body.empty')
    try:
        document = json.loads(body)
    except ValueError as e:
        raise exceptions.Invalid(
            _('The request body is not valid JSON (%s).') % e,
            error_code='body.not_json')
    pecan.request.environ[BODY] = schemas.validate(schema, document)
    return pecan.request.environ[BODY]


def row_id(kind, ident):
    """One of our integer ids from the path: anything else is no object."""
    if not ident.isdigit():
        raise exceptions.NotFound(kind, ident)
    return int(ident)


def optional_json_body():
    """The JSON body when one was sent (an action's optional fields)."""
    if not pecan.request.body:
        return {}
    return json_body()


def query():
    """The query string's parameters, typed and checked."""
    return schemas.parse_query(pecan.request.GET.mixed(), _declared('query'))


def accept_language():
    """The request's Accept-Language header, or None."""
    return pecan.request.headers.get('Accept-Language')


def actor():
    """The caller, for the service layer (resolved once per request)."""
    if ACTOR not in pecan.request.environ:
        pecan.request.environ[ACTOR] = _actor(pecan.request.context)
    return pecan.request.environ[ACTOR]


def _actor(context):
    return actor_mod.Actor(
        user_id=context.user_id,
        user_name=getattr(context, 'user_name', None),
        request_id=context.request_id,
        project_id=context.project_id,
        domain_id=context.domain_id,
        is_platform_admin=policy.check(context, PLATFORM_ADMIN_RULE),
        may_force=policy.check(context, FORCE_RULE),
        may_backdate=policy.check(context, BACKDATE_RULE),
        token=context.auth_token)


def authorize(rule, target=None):
    """Check one of our policy rules for the current request, or 403.

    The first rule a request passes names its change in the audit trail.
    """
    try:
        policy.authorize(pecan.request, rule, target)
        pecan.request.environ.setdefault(AUTHORIZED, (rule, target or {}))
    except policy.PolicyNotAuthorized:
        raise exceptions.Forbidden(
            _("You are not allowed to do this: it belongs to another "
              "school, teacher or student, or needs another role "
              "(policy rule %s).") % rule,
            error_code='policy.refused', rule=rule)


def authorize_on(rule, kind, ident):
    """Check ``rule`` on an existing object (404 when there is none)."""
    authorize(rule, targets.resolve(kind, ident))


def list_target(caller, filters, kinds):
    """The policy target of a list: the object its filter names.

    :param filters: the list's filters; a non-admin who gave none gets the
        one of their own token (a school admin's domain as ``school_id``,
        a project as ``teacher_id``), written back into ``filters``.
    :param kinds: ``(filter, target kind)`` pairs, most specific first.
    :raises exceptions.Forbidden: a non-admin list without such a filter.
    """
    kinds = dict(kinds)
    named = [key for key in kinds if filters.get(key) is not None]
    defaulted = not named and not caller.is_platform_admin
    if defaulted:
        key, own = (('school_id', caller.domain_id) if caller.domain_id
                    else ('teacher_id', caller.project_id))
        if key not in kinds or own is None:
            raise _unscoped_list(kinds)
        filters[key] = own
        named = [key]
    if not named:
        return {}
    key = named[0]
    try:
        return targets.resolve(kinds[key], filters[key])
    except exceptions.NotFound:
        if defaulted:
            # The caller's own project is no teacher's: nothing to list.
            raise _unscoped_list(kinds)
        raise


def _unscoped_list(kinds):
    return exceptions.Forbidden(
        _('Say what to list: give %s.') % _(' or ').join(kinds),
        error_code='list.unscoped', filters=list(kinds))


def page(key, result):
    """A list's answer: ``{key: items, "next": marker or null}``."""
    items, next_marker = result
    return {key: items, 'next': next_marker}
