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
"""Rules of ``/images``: images for lab templates, shared with classes.

An image's target is its teacher's (``domain_id``,
``teacher_project_id``) with ``image_owner`` ``teacher``; the platform's
images have no school, only ``image_owner`` ``platform``.
"""

from edu_rating.policies import base

# The platform's images are public in Glance: anyone may read them.
PLATFORM_IMAGE = "role:reader and 'platform':%(image_owner)s"

image_rules = [
    base.api_rule(
        'edu:image:create', base.PLATFORM_SCHOOL_ADMIN_OR_TEACHER,
        'Register an image for lab templates: a teacher\'s (their teacher '
        'project owns it in Glance), or with no teacher_id a public image '
        'of the platform, for every class (platform admin).',
        'POST', '/images'),
    base.api_rule(
        'edu:image:list', base.ANY_PERSONA,
        'List the images of a teacher, a school or a class (a student: of '
        'their class), with the platform\'s.',
        'GET', '/images'),
    base.api_rule(
        'edu:image:get', '%s or %s' % (base.PLATFORM_SCHOOL_ADMIN_OR_TEACHER,
                                       PLATFORM_IMAGE),
        'Show an image and the classes it is shared with.',
        'GET', '/images/{image_id}'),
    base.api_rule(
        'edu:image:update', base.PLATFORM_SCHOOL_ADMIN_OR_TEACHER,
        'Enable or disable an image for new templates (templates made from '
        'it keep working).',
        'PATCH', '/images/{image_id}'),
    base.api_rule(
        'edu:image:delete', '%s or %s' % (base.PLATFORM_ADMIN, base.TEACHER),
        'Delete an image no template uses: only its owner (or a platform '
        'admin). A teacher\'s image is deleted in Glance too.',
        'DELETE', '/images/{image_id}'),
    base.api_rule(
        'edu:image:share:create', base.PLATFORM_SCHOOL_ADMIN_OR_TEACHER,
        'Share a teacher\'s image with a class: every student\'s project '
        'becomes a Glance member (checked on the image and on the class).',
        'POST', '/images/{image_id}/shares'),
    base.api_rule(
        'edu:image:share:delete', base.PLATFORM_SCHOOL_ADMIN_OR_TEACHER,
        'Stop sharing an image with a class: its students stop being '
        'members (refused while a template of the class uses it).',
        'DELETE', '/images/{image_id}/shares/{class_id}'),
]


def list_rules():
    return image_rules
