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
"""Images for lab templates: a teacher's own, or the platform's.

A teacher uploads an image to their teacher project in Glance (with their
own login: Horizon, the CLI) and registers it here; the platform registers
a public image, for every class. A teacher's image is shared with a class:
every active enrolment project of the class becomes a Glance member of it,
accepted on the student's behalf (Glance lists a pending member's images
nowhere, although it may boot them by id), and the members follow the
class: a student enrolled later becomes one, a removed student (or every
student of an archived class) stops being one, in the same unit of work as
the enrolment's other writes.

A disabled image takes no new templates; templates made from it keep
launching. An image a template uses cannot be deleted; deleting a
teacher's image deletes it in Glance too, the platform's is only
forgotten here.
"""

from edu_rating.db import api as db_api
from edu_rating import exceptions
from edu_rating.i18n import _
from edu_rating.management import broker
from edu_rating.management.services import classes
from edu_rating.management.services import lookup
from edu_rating.management.services import validation
from edu_rating.management.services import work as work_mod

PLATFORM = 'platform'
# Glance visibilities every project may boot from: no members needed.
OPEN_IMAGES = ('public', 'community')


def view(row, class_id=None):
    """An image as the API shows it.

    ``class_id``: of its shares, that class's only (what a list of a
    class's or a student's images may show).
    """
    teacher = row.teacher
    return {'id': row.image_id, 'name': row.name,
            'owner': 'teacher' if teacher else PLATFORM,
            'teacher_id': teacher and teacher.project_id,
            'teacher_name': teacher and teacher.name,
            'school_id': teacher and teacher.school.domain_id,
            'enabled': row.enabled, 'created_at': row.created_at,
            'shared_with': [{'class_id': share.class_id,
                             'class_name': share.klass.name}
                            for share in row.shares
                            if class_id in (None, share.class_id)]}


def _named(image):
    """A Glance image with a name for messages (Glance's is optional)."""
    return dict(image, name=image['name'] or image['id'])


def _name(row):
    return row.name or row.image_id


def glance_image(image_id):
    """The Glance image of that id, or a 400 naming the field."""
    image_id = validation.text(image_id, 'image_id', max_length=64)
    image = broker.get_broker().image(image_id)
    if image is None:
        raise exceptions.Invalid(_("There is no image %s in Glance.")
                                 % image_id, error_code='image.unknown',
                                 field='image_id')
    return image


def register(actor, image_id, teacher_id=None):
    """Register a teacher's image, or with no teacher the platform's."""
    image = glance_image(image_id)
    teacher_pk = None
    if teacher_id is None:
        if image['visibility'] != 'public':
            raise exceptions.Conflict(
                _("Image %(name)s is %(visibility)s: the platform registers "
                  "public images only, for every class; a teacher registers "
                  "their own.") % _named(image),
                error_code='image.not_public')
    else:
        teacher = lookup.teacher(teacher_id)
        if image['owner'] != teacher.project_id:
            raise exceptions.Forbidden(
                _("Image %(image)s belongs to another project than teacher "
                  "%(teacher)s's: upload it to the teacher's project first.")
                % {'image': _named(image)['name'], 'teacher': teacher.name},
                error_code='image.not_owned')
        teacher_pk = teacher.id
    try:
        row = db_api.get_instance().create_image(
            image['id'], teacher_pk, image['name'], actor.user_id)
    except db_api.EduDBError as error:
        raise work_mod.translate_db_error(error)
    return view(row)


def list(actor, teacher_id=None, school_id=None, class_id=None,
         student_id=None, limit=100, marker=None):
    """Images of a teacher, a school or a class, with the platform's.

    A student's: those shared with their class, and the platform's.
    """
    if student_id is not None:
        class_id = lookup.enrolment(student_id).class_id
    filters = {'teacher_pk': lookup.pk(lookup.teacher, teacher_id),
               'school_pk': lookup.pk(lookup.school, school_id),
               'class_id': lookup.pk(lookup.klass, class_id)}
    rows, next_marker = lookup.page(
        db_api.get_instance().list_images, limit, marker,
        lambda row: row.image_id,
        platform=any(value is not None for value in filters.values()),
        **filters)
    return [view(row, filters['class_id']) for row in rows], next_marker


def get(actor, image_id):
    return view(lookup.image(image_id))


def update(actor, image_id, changes):
    """Enable or disable an image for new templates."""
    changes = validation.changes(changes, ('enabled',), _('image'))
    row = lookup.image(image_id)
    if 'enabled' in changes:
        db_api.get_instance().update_image(
            row.image_id, enabled=validation.flag(changes['enabled'],
                                                  'enabled'))
    return get(actor, row.image_id)


def _locked(work, image_id):
    """The image, its row locked: not deleted until the work is done."""
    if not work.db.lock_image(image_id):
        raise exceptions.NotFound('image', image_id)
    return work.db.get_image(image_id)


def _in_use(row, templates):
    if templates:
        raise exceptions.Conflict(
            _("Image %(name)s is used by %(count)d lab template(s): "
              "%(templates)s. Delete those templates first (their machines "
              "keep running).")
            % {'name': _name(row), 'count': len(templates),
               'templates': ', '.join('%s (%s)' % (t.name, t.klass.name)
                                      for t in templates)},
            error_code='image.in_use',
            templates=[t.id for t in templates])


def _delete(work, image_id):
    row = _locked(work, image_id)
    _in_use(row, work.db.list_templates(image_id=row.image_id))
    work.db.delete_image(row.image_id)
    # Last: Glance's delete cannot be undone.
    if row.teacher is not None:
        image = work.broker.image(row.image_id)
        if image is not None and image['owner'] == row.teacher.project_id:
            work.broker.delete_image(row.image_id)


def delete(actor, image_id):
    """Forget the image; a teacher's is deleted in Glance too."""
    row = lookup.image(image_id)
    work_mod.Work(actor).transaction({}, _delete, row.image_id)


# Sharing with classes, and the Glance members that follow.

def _members_needed(work, image_id):
    """Whether the image's students must be members of it in Glance.

    Not for a public or community image (anyone may boot it), nor one
    gone from Glance; a private image is made ``shared`` first, since only
    those have members (shared with no one, it is as private).
    """
    image = work.broker.image(image_id)
    if image is None or image['visibility'] in OPEN_IMAGES:
        return False
    if image['visibility'] != 'shared':
        before = work.broker.set_image_visibility(image_id, 'shared')
        work.done(work.broker.set_image_visibility, image_id, before)
    return True


def _shared_with(work, class_id):
    return [row.image_id for row in work.db.list_images(class_id=class_id)]


def join(work, class_id, project_ids, image_ids=None):
    """Make the projects members of the class's images (or these)."""
    if not project_ids:
        return
    for image_id in _shared_with(work, class_id) if image_ids is None \
            else image_ids:
        if _members_needed(work, image_id):
            for project_id in project_ids:
                if work.broker.add_image_member(image_id, project_id):
                    work.done(work.broker.remove_image_member, image_id,
                              project_id)


def leave(work, class_id, project_ids, image_ids=None):
    """Take the class's images (or these) away from the projects."""
    if not project_ids:
        return
    for image_id in _shared_with(work, class_id) if image_ids is None \
            else image_ids:
        image = work.broker.image(image_id)
        if image is None or image['visibility'] != 'shared':
            continue
        for project_id in project_ids:
            if work.broker.remove_image_member(image_id, project_id):
                work.done(work.broker.add_image_member, image_id,
                          project_id)


def _students(work, klass):
    return [e.project_id for e in work.db.list_enrolments(class_id=klass.id)]


def _share(work, image_id, class_id):
    # Both read again under the teacher's lock: no enrolment slips in.
    klass = classes.open_class(class_id)
    row = _locked(work, image_id)
    if row.teacher is None:
        raise exceptions.Conflict(
            _("Image %s is the platform's: every class may use it already.")
            % _name(row), error_code='image.platform')
    if row.teacher.school_id != klass.teacher.school_id:
        raise exceptions.Conflict(
            _("Class %(class)s is of another school than image %(image)s's "
              "teacher.") % {'class': klass.name, 'image': _name(row)},
            error_code='image.other_school')
    work.db.share_image(row.id, klass.id, work.actor.user_id)
    join(work, klass.id, _students(work, klass), [row.image_id])


def share(actor, image_id, class_id):
    """Share the image with the class: its students become members."""
    row = lookup.image(image_id)
    klass = classes.open_class(class_id)
    work_mod.Work(actor).transaction({'teacher_pk': klass.teacher_id},
                                     _share, row.image_id, klass.id)
    return get(actor, row.image_id)


def _unshare(work, image_id, class_id):
    klass = lookup.klass(class_id)
    row = _locked(work, image_id)
    _in_use(row, work.db.list_templates(class_id=klass.id,
                                        image_id=row.image_id))
    work.db.unshare_image(row.id, klass.id)
    leave(work, klass.id, _students(work, klass), [row.image_id])


def unshare(actor, image_id, class_id):
    """Stop sharing: the class's students stop being members.

    Refused while a template of the class uses the image.
    """
    row = lookup.image(image_id)
    klass = lookup.klass(class_id)
    work_mod.Work(actor).transaction({'teacher_pk': klass.teacher_id},
                                     _unshare, row.image_id, klass.id)


def check_usable(image, klass):
    """Refuse a Glance image ``klass`` may not make new templates of.

    Public and community images, and a registered image shared with the
    class; none that is registered and disabled. Call it in the
    transaction that records the template: the registered row stays
    locked, so that it is not disabled or deleted meanwhile.
    """
    db = db_api.get_instance()
    registered = db.get_image(image['id']) if db.lock_image(
        image['id']) else None
    if registered is not None and not registered.enabled:
        raise exceptions.Conflict(
            _("Image %s is disabled: it takes no new templates (those made "
              "from it keep working). Enable it first.")
            % _named(image)['name'],
            error_code='template.image_disabled')
    if image['visibility'] in OPEN_IMAGES or registered is not None and \
            klass.id in {share.class_id for share in registered.shares}:
        return
    raise exceptions.Conflict(
        _("Image %(name)s is %(visibility)s and not shared with class "
          "%(class)s: register it and share it with the class first, or use "
          "a public image.") % dict(_named(image), **{'class': klass.name}),
        error_code='template.image_not_shared')
