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
"""The Lab page's images: a teacher's own, shared with the class or not.

A teacher uploads an image into their project with Horizon's own Images
panel, registers it here and shares it with the class: every student's
project becomes a member, and the class's templates may use it.
"""

from django import shortcuts
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from horizon import exceptions
from horizon import forms
from horizon import messages
from horizon import tables

from edu_rating.client import exceptions as edu_exceptions

from edu_dashboard import api
from edu_dashboard.dashboards.edu import actions
from edu_dashboard.dashboards.edu.classes import lab_common as common
from edu_dashboard.dashboards.edu import modal


def _shared_here(table, image):
    klass = common.lab_of(table)
    return any(share['class_id'] == klass['id']
               for share in image['shared_with'])


class RegisterImage(common.OnLab, tables.LinkAction):
    name = 'register_image'
    verbose_name = _("Register Image")
    classes = ('ajax-modal',)
    icon = 'plus'
    policy_rules = (('edu', 'edu:image:create'),)

    def get_link_url(self, datum=None):
        return reverse('horizon:edu:classes:image_register',
                       args=[common.lab_of(self.table)['id']])


class _ShareAction(common.OnLab, tables.Action):
    """Share an image with the Lab page's class, or stop sharing it."""

    requires_input = False
    share = None
    done = None

    def allowed(self, request, datum=None):
        return datum is not None and (
            _shared_here(self.table, datum) != self.share)

    def single(self, table, request, object_id):
        klass = common.lab_of(table)
        call = api.edu.image_share if self.share else api.edu.image_unshare
        try:
            call(request, object_id, klass['id'])
            messages.success(request, self.done % klass['name'])
        except edu_exceptions.EduClientError as error:
            messages.error(request, error.message)
        return shortcuts.redirect(reverse(common.LAB, args=[klass['id']]))


class ShareImage(_ShareAction):
    name = 'share'
    verbose_name = _("Share with the Class")
    policy_rules = (('edu', 'edu:image:share:create'),)
    share = True
    done = _("The image is shared with every student of %s.")


class UnshareImage(_ShareAction):
    name = 'unshare'
    verbose_name = _("Stop Sharing")
    policy_rules = (('edu', 'edu:image:share:delete'),)
    share = False
    done = _("The image is no longer shared with the students of %s.")


class _SetImageEnabled(common.OnLab, actions.SetEnabled):
    policy_rules = (('edu', 'edu:image:update'),)

    def set_enabled(self, request, obj_id, enabled):
        api.edu.image_set_enabled(request, obj_id, enabled)


class DisableImage(_SetImageEnabled):
    name = 'disable'
    enabled = False

    @staticmethod
    def action_present(count):
        return ngettext_lazy("Disable Image", "Disable Images", count)

    @staticmethod
    def action_past(count):
        return ngettext_lazy("Disabled Image", "Disabled Images", count)


class EnableImage(_SetImageEnabled):
    name = 'enable'
    enabled = True

    @staticmethod
    def action_present(count):
        return ngettext_lazy("Enable Image", "Enable Images", count)

    @staticmethod
    def action_past(count):
        return ngettext_lazy("Enabled Image", "Enabled Images", count)


class DeleteImage(common.OnLab, tables.DeleteAction):
    policy_rules = (('edu', 'edu:image:delete'),)

    @staticmethod
    def action_present(count):
        return ngettext_lazy("Delete Image", "Delete Images", count)

    @staticmethod
    def action_past(count):
        return ngettext_lazy("Deleted Image", "Deleted Images", count)

    @actions.explained
    def delete(self, request, obj_id):
        api.edu.image_delete(request, obj_id)


class ImagesTable(common.DictTable):
    name = tables.WrappingColumn('name', verbose_name=_("Name"))
    enabled = tables.Column(lambda image: common.yes_no(image['enabled']),
                            verbose_name=_("Usable for new templates"))
    shared = tables.Column(lambda image: ', '.join(
        share['class_name'] for share in image['shared_with']),
        verbose_name=_("Shared with"), empty_value=_("No class"))

    class Meta(object):
        name = 'images'
        verbose_name = _("Your images")
        table_actions = (RegisterImage,)
        row_actions = (ShareImage, UnshareImage, DisableImage, EnableImage,
                       DeleteImage)


def images_of(request, klass):
    """The teacher's own registered images (not the platform's)."""
    try:
        found, _more = api.edu.image_list(request,
                                          teacher_id=klass['teacher_id'])
    except Exception:
        exceptions.handle(request, _("Unable to retrieve the images."))
        return []
    return [image for image in found if image['owner'] == 'teacher']


class RegisterImageForm(modal.CallForm):
    image = forms.ThemableChoiceField(
        label=_("Image"), help_text=_("An image of your project: upload it "
                                      "first in Project > Images."))

    def __init__(self, request, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        try:
            self.fields['image'].choices = api.compute.own_images(
                request, self.initial['teacher_id'])
        except Exception:
            exceptions.handle(request,
                              _("Unable to retrieve your images."))

    def refused_at(self):
        return reverse(common.LAB, args=[self.initial['class_id']])

    def call(self, request, data):
        image = api.edu.image_register(request, data['image'],
                                       self.initial['teacher_id'])
        api.edu.image_share(request, image['id'], self.initial['class_id'])
        messages.success(request, _("Image %s is registered and shared with "
                                    "the class.") % image['name'])
        return image
