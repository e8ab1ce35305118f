"""Serve an OpenStack WSGI module under gunicorn with a clean argv.

The 2026.x services parse sys.argv with oslo.config inside their WSGI module
and die on gunicorn's own flags ("unrecognized arguments"). This shim hides
gunicorn's argv, hands the app the config flags in EDU_WSGI_ARGS, and then
imports EDU_WSGI_MODULE (its ``application``).
"""

import importlib
import os
import shlex
import sys

sys.argv = [os.environ.get('EDU_WSGI_PROG', sys.argv[0])]
sys.argv += shlex.split(os.environ.get('EDU_WSGI_ARGS', ''))

application = importlib.import_module(
    os.environ['EDU_WSGI_MODULE']).application

if os.environ.get('EDU_WSGI_CONFIGURE_MAPPERS'):
    # Neutron's first GET /v2.0/ports fails until SQLAlchemy has configured
    # its mappers (Port.port_forwardings is a backref); Nova's first call is
    # exactly that, so configure them before serving.
    from sqlalchemy import orm
    orm.configure_mappers()

if os.environ.get('EDU_WSGI_STATIC_ROOT'):
    # Horizon does not serve its collected static files with DEBUG off.
    import whitenoise
    application = whitenoise.WhiteNoise(
        application, root=os.environ['EDU_WSGI_STATIC_ROOT'],
        prefix=os.environ.get('EDU_WSGI_STATIC_URL', '/static/'),
        max_age=3600)
