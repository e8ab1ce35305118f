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
"""Glance images for the broker: reading, sharing and deleting them.

Glance is a plain keystoneauth Adapter (``service_type`` image) on the
broker's own session. As measured on the local stack (Glance 33), with
Glance's default policies:

* only an image of visibility ``shared`` has members (``private`` ones
  refuse them with a 403), and a new image is ``shared`` by default;
* a member is ``pending`` when added: it may already read and boot the
  image by id, but Glance's listing (Horizon's Images panel, Nova's
  image picker) shows it only once ``accepted``;
* ``modify_member`` is ``context_is_admin or (role:member and
  project_id:%(member_id)s)``: the broker's admin token may accept on the
  student's behalf, the image's owner (the teacher) may not;
* removing a member takes the image away from the project at once (a
  404 for it; machines already running stay).
"""

import urllib.parse

from keystoneauth1 import adapter
from keystoneauth1 import exceptions as ksa_exc

from edu_rating import exceptions
from edu_rating.i18n import _
from edu_rating.i18n import _N
from edu_rating.management.broker.errors import translated

JSON_PATCH = 'application/openstack-images-v2.1-json-patch'
# What an image's answer keeps.
IMAGE_FIELDS = ('id', 'name', 'status', 'visibility', 'owner', 'min_disk',
                'min_ram', 'protected')


def _path(image_id, *more):
    """``/v2/images/{id}/...``, each part quoted: an id is only an id."""
    return '/'.join(('/v2/images',) + tuple(
        urllib.parse.quote(part, safe='') for part in (image_id,) + more))


def _answer(resp, method, *absent):
    """The response; None for an ``absent`` status; else raise the error.

    keystoneauth's error, which the broker's ``translated`` understands.
    """
    if resp.status_code in absent:
        return None
    if resp.status_code >= 400:
        raise ksa_exc.from_response(resp, method, resp.url)
    return resp


class GlanceImages(object):
    """Mixed into the Broker: uses its ``_session`` and ``_conf``."""

    def _glance(self):
        return adapter.Adapter(self._session, service_type='image',
                               interface='public',
                               region_name=self._conf.edu.region_name)

    @translated(_N("read the image"))
    def image(self, image_id):
        """The Glance image, or None when there is none by that id."""
        resp = _answer(self._glance().get(_path(image_id),
                                          raise_exc=False), 'GET', 404)
        if resp is None:
            return None
        image = resp.json()
        return {key: image.get(key) for key in IMAGE_FIELDS}

    @translated(_N("change the image's visibility"))
    def set_image_visibility(self, image_id, visibility):
        """Set ``visibility``; returns the previous one, to undo it."""
        glance = self._glance()
        before = glance.get(_path(image_id)).json()['visibility']
        if before != visibility:
            glance.patch(_path(image_id),
                         json=[{'op': 'replace', 'path': '/visibility',
                                'value': visibility}],
                         headers={'Content-Type': JSON_PATCH})
        return before

    @translated(_N("share the image"))
    def add_image_member(self, image_id, project_id):
        """Make the project an accepted member; True when it was not one.

        Accepted on the project's behalf, so that the image lists in the
        student's Horizon (a pending member could boot it by id only).
        """
        glance = self._glance()
        added = _answer(glance.post(_path(image_id, 'members'),
                                    json={'member': project_id},
                                    raise_exc=False), 'POST', 409)
        glance.put(_path(image_id, 'members', project_id),
                   json={'status': 'accepted'})
        return added is not None

    @translated(_N("unshare the image"))
    def remove_image_member(self, image_id, project_id):
        """Take the image away from the project; True when it was a member.

        The undo of :meth:`add_image_member` whatever the member's status.
        """
        return _answer(self._glance().delete(
            _path(image_id, 'members', project_id),
            raise_exc=False), 'DELETE', 404) is not None

    @translated(_N("delete the image"))
    def delete_image(self, image_id):
        """Delete the image in Glance; False when it was gone already."""
        resp = self._glance().delete(_path(image_id),
                                     raise_exc=False)
        if resp.status_code == 403:
            raise exceptions.Conflict(
                _("Glance refuses to delete image %s: it is protected. "
                  "Unprotect it in Glance first.") % image_id,
                error_code='image.protected')
        return _answer(resp, 'DELETE', 404) is not None

    @translated(_N("delete the shelved machines' snapshots"))
    def delete_shelve_snapshots(self, server_ids):
        """Delete the shelve snapshots left of these servers; their ids.

        Shelving by the broker makes the snapshot in the broker's own
        project, so a student who unshelves their machine cannot delete it
        (Nova logs "Not authorized for image") and it stays behind. One
        listing of the broker's snapshots, whatever the number of servers.
        """
        glance = self._glance()
        wanted = set(server_ids)
        images = glance.get('/v2/images', params={
            'owner': self._session.get_project_id(),
            'image_type': 'snapshot', 'limit': 1000}).json()['images']
        doomed = [image['id'] for image in images
                  if image.get('instance_uuid') in wanted]
        for image_id in doomed:
            _answer(glance.delete(_path(image_id), raise_exc=False),
                    'DELETE', 404)
        return doomed
