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
"""``/images``: images for lab templates (ids are Glance's), and shares."""

from pecan import rest

from edu_rating.management.controllers import base
from edu_rating.management.schemas import bodies
from edu_rating.management.schemas import query
from edu_rating.management.services import images

# A student names their enrolment; a teacher, a school or a class theirs.
BY_OWNER = [('student_id', 'student'), ('class_id', 'class'),
            ('teacher_id', 'teacher'), ('school_id', 'school')]


class SharesController(rest.RestController):
    """``/images/{id}/shares``: the classes whose students are members."""

    @base.expose(201, body=bodies.image_share)
    def post(self, image_id):
        body = base.json_body()
        # The image must be the caller's to give, and the class theirs.
        base.authorize_on('edu:image:share:create', 'image', image_id)
        base.authorize_on('edu:image:share:create', 'class', body['class_id'])
        return {'image': images.share(base.actor(), image_id,
                                      body['class_id'])}

    @base.expose(204)
    def delete(self, image_id, shared_class):
        # Not named class_id: pecan fills a missing path argument from a
        # body field of the same name (DELETE .../shares {"class_id": 1}).
        class_id = base.row_id('class', shared_class)
        base.authorize_on('edu:image:share:delete', 'image', image_id)
        images.unshare(base.actor(), image_id, class_id)


class ImagesController(rest.RestController):

    shares = SharesController()

    @base.expose(201, body=bodies.image_create)
    def post(self):
        body = base.json_body()
        if body.get('teacher_id') is None:
            # The platform's image, for every class.
            base.authorize('edu:image:create', {})
        else:
            base.authorize_on('edu:image:create', 'teacher',
                              body['teacher_id'])
        return {'image': images.register(base.actor(), **body)}

    @base.expose(query=query.images)
    def get_all(self):
        params = base.query()
        caller = base.actor()
        base.authorize('edu:image:list', base.list_target(
            caller, params, BY_OWNER))
        return base.page('images', images.list(caller, **params))

    @base.expose()
    def get_one(self, ident):
        base.authorize_on('edu:image:get', 'image', ident)
        return {'image': images.get(base.actor(), ident)}

    @base.expose(body=bodies.image_update)
    def patch(self, ident):
        changes = base.json_body()
        base.authorize_on('edu:image:update', 'image', ident)
        return {'image': images.update(base.actor(), ident, changes)}

    @base.expose(204)
    def delete(self, ident):
        base.authorize_on('edu:image:delete', 'image', ident)
        images.delete(base.actor(), ident)
