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
"""Nova's flavors and Glance's images, for the lab template form.

Horizon's own API modules, called with the user's token; the form shows
what a template may use (public and community images).
"""

from openstack_dashboard.api import glance
from openstack_dashboard.api import nova

OPEN_IMAGES = ('public', 'community')


def flavors(request):
    """``[(id, name, vcpus, ram, disk)]`` of the flavors, smallest first."""
    return sorted(((f.id, f.name, f.vcpus, f.ram, f.disk)
                   for f in nova.flavor_list(request)),
                  key=lambda f: (f[2], f[3], f[4]))


def images(request):
    """``[(id, name)]`` of the active images every project may boot."""
    found = []
    for visibility in OPEN_IMAGES:
        listed, _more, _prev = glance.image_list_detailed(
            request, filters={'visibility': visibility,
                              'status': 'active'})
        found += [(image.id, image.name or image.id) for image in listed]
    return sorted(found, key=lambda image: image[1])


def own_images(request, project_id):
    """``[(id, name)]`` of the active images the project owns."""
    listed, _more, _prev = glance.image_list_detailed(
        request, filters={'owner': project_id, 'status': 'active'})
    return sorted(((image.id, image.name or image.id) for image in listed),
                  key=lambda image: image[1])
