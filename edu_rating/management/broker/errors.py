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
"""Keystone, Nova and Placement errors as the service layer's exceptions.

A conflict the caller can fix (a duplicate name) is a 409 with a message
for them; anything else the far side did wrong, or a connection that
failed, is a 503: the service layer then compensates what it did.
"""

import functools

from keystoneauth1 import exceptions as ksa_exc
from novaclient import exceptions as nova_exc
from oslo_log import log as logging

from edu_rating import exceptions
from edu_rating.i18n import _

LOG = logging.getLogger(__name__)

BACKEND_ERRORS = (ksa_exc.ClientException, nova_exc.ClientException)


def _status(error):
    return (getattr(error, 'http_status', None) or
            getattr(error, 'code', None))


def translated(action, conflict=None):
    """Decorate a broker method so that it raises service exceptions only.

    :param action: what the method does, for the 503 message
        ("create the project"), marked with ``_N``.
    :param conflict: message for a 409 from the far side, formatted with
        the call's keyword arguments (e.g. ``"%(name)s is taken"``), marked
        with ``_N``.
    """
    def decorator(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            try:
                return method(self, *args, **kwargs)
            except BACKEND_ERRORS as error:
                if conflict is not None and _status(error) == 409:
                    raise exceptions.Conflict(_(conflict) % kwargs,
                                              error_code='name.taken',
                                              name=kwargs.get('name'))
                if _status(error) == 400:
                    # Keystone's own rules (a password it refuses): asking
                    # again will not help, another value may.
                    raise exceptions.Invalid(
                        _("Keystone or Nova refused to %(action)s: "
                          "%(error)s") % {'action': _(action),
                                          'error': error},
                        error_code='backend.refused', action=action)
                LOG.warning("edu broker could not %(action)s: %(error)s",
                            {'action': action, 'error': error})
                raise exceptions.BackendUnavailable(
                    _("Keystone or Nova could not %(action)s (%(error)s); "
                      "nothing was changed, please try again later.")
                    % {'action': _(action), 'error': error},
                    error_code='backend.unavailable', action=action)
        return wrapper
    return decorator
