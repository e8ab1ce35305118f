"""Serve an OpenStack WSGI module under gunicorn with a clean argv.

The 2026.x services parse sys.argv with oslo.config inside their WSGI module
and die on gunicorn's own flags ("unrecognized arguments"). This shim hides
gunicorn's argv, hands the app the config flags in EDU_WSGI_ARGS, and then
imports EDU_WSGI_MODULE (its ``application``).
"""

import importlib
import io
import os
import shlex
import sys

sys.argv = [os.environ.get('EDU_WSGI_PROG', sys.argv[0])]
sys.argv += shlex.split(os.environ.get('EDU_WSGI_ARGS', ''))


class ReadBodyFirst(object):
    """Read a request's body, up to 1 MiB, before the app answers.

    gunicorn 26's gthread worker drains the body an app left unread after
    the answer; a client that meanwhile sent its next request on the kept-
    alive connection may have it read into gunicorn's buffer, where the
    poller never sees it, and waits until it gives up (schemathesis' TRACE
    with a body did, one run in three). A body read before the answer
    leaves nothing to drain. Larger bodies (image uploads) stream as
    before: their apps read them.
    """

    LIMIT = 1 << 20

    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        try:
            length = int(environ.get('CONTENT_LENGTH') or 0)
        except ValueError:
            length = 0
        if 0 < length <= self.LIMIT:
            environ['wsgi.input'] = io.BytesIO(
                environ['wsgi.input'].read(length))
        return self.app(environ, start_response)


application = ReadBodyFirst(importlib.import_module(
    os.environ['EDU_WSGI_MODULE']).application)

if os.environ.get('EDU_WSGI_CONFIGURE_MAPPERS'):
    # Neutron's first GET /v2.0/ports fails until SQLAlchemy has configured
    # its mappers (Port.port_forwardings is a backref); Nova's first call is
    # exactly that, so configure them before serving.
    from sqlalchemy import orm
    orm.configure_mappers()

if os.environ.get('EDU_WSGI_KEYSTONE_POLICY'):
    # Keystone builds its policy enforcer on a worker's first request and
    # publishes it before registering its rules: requests arriving in other
    # threads at that moment were refused (403 identity:list_projects) or
    # failed (500, no attribute '_warning_emitted'). Build it before
    # serving, as Keystone does in a request (no per-rule warnings).
    from keystone.common.rbac_enforcer import enforcer
    policy = enforcer.RBACEnforcer()._enforcer
    policy.suppress_deprecation_warnings = True
    policy.load_rules()

if os.environ.get('EDU_WSGI_STATIC_ROOT'):
    # Horizon does not serve its collected static files with DEBUG off.
    import whitenoise
    application = whitenoise.WhiteNoise(
        application, root=os.environ['EDU_WSGI_STATIC_ROOT'],
        prefix=os.environ.get('EDU_WSGI_STATIC_URL', '/static/'),
        max_age=3600)
