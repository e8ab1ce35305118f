"""A temporary SQLite database for the in-process benchmarks."""

import contextlib
import os
import shutil
import tempfile

from oslo_config import cfg
from oslo_db import options as db_options


def configure(url):
    """CloudKitty's configuration on ``url``; returns the engine."""
    conf = cfg.CONF
    db_options.set_defaults(conf, connection=url)
    conf(args=[], project='cloudkitty', default_config_files=[],
         default_config_dirs=[])
    # Importing cloudkitty resets [database] connection's default.
    from cloudkitty import db  # noqa: H306
    conf.set_override('connection', url, group='database')
    return db._create_facade_lazily().writer.get_engine()


@contextlib.contextmanager
def temporary(prefix):
    """configure() on a database file removed afterwards."""
    tmp = tempfile.mkdtemp(prefix=prefix)
    try:
        yield configure('sqlite:///' + os.path.join(tmp, 'bench.db'))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
