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
"""Lab templates and lab machines: what a class launches, in one click.

A template is an image and a size (a flavor) with optional cloud-init
user data; a lab machine is a Nova server launched from one into a
student's enrolment project, tagged with its class and named by its
template in the server's metadata, so that a retry finds what was already
launched. Starting, stopping, the console and the rest stay Horizon's own.
"""

import base64

from edu_rating.db import api as db_api
from edu_rating import exceptions
from edu_rating.i18n import _
from edu_rating.management import broker
from edu_rating.management.services import classes
from edu_rating.management.services import images
from edu_rating.management.services import lookup
from edu_rating.management.services import validation
from edu_rating.management.services import work as work_mod

KEY_POLICIES = ('none', 'student')
# Nova takes user data of at most 65535 bytes, base64 encoded.
MAX_USER_DATA = 65535
# Counts of one machine, by the grant's resource names.
SIZE_OF_FLAVOR = {'vcpu': 'vcpus', 'ram_mb': 'ram_mb', 'disk_gb': 'disk_gb'}


def class_tag(class_id):
    """The Nova server tag of a class's lab machines."""
    return 'edu-class-%d' % class_id


def view(row):
    return {'id': row.id, 'class_id': row.class_id, 'name': row.name,
            'image_id': row.image_id, 'image_name': row.image_name,
            'flavor_id': row.flavor_id, 'flavor_name': row.flavor_name,
            'size': dict(row.size), 'user_data': row.user_data,
            'key_policy': row.key_policy, 'created_at': row.created_at}


def _image(image_id, klass):
    """The Glance image, if the class may make new templates of it."""
    image_id = validation.text(image_id, 'image_id', max_length=64)
    image = broker.get_broker().image(image_id)
    if image is None:
        raise exceptions.Invalid(_("There is no image %s.") % image_id,
                                 error_code='template.image_unknown',
                                 field='image_id')
    if image['status'] != 'active':
        raise exceptions.Conflict(
            _("Image %(name)s is %(status)s, not active: it cannot start "
              "machines yet.") % image, error_code='template.image_inactive')
    images.check_usable(image, klass)
    return image


def _flavor(flavor_id, size):
    """The flavor named, or the one of exactly the size asked."""
    lab = broker.get_broker()
    if flavor_id is not None:
        flavor = lab.flavor(validation.text(flavor_id, 'flavor_id'))
        if flavor is None:
            raise exceptions.Invalid(_("There is no flavor %s.") % flavor_id,
                                     error_code='template.flavor_unknown',
                                     field='flavor_id')
        return flavor
    wanted = validation.grant(size, 'size')
    known = lab.flavors()
    for flavor in known:
        if all(flavor[SIZE_OF_FLAVOR[resource]] == amount
               for resource, amount in wanted.items()
               if resource in SIZE_OF_FLAVOR):
            return flavor
    raise exceptions.Invalid(
        _("No flavor has that size; the sizes are: %s.")
        % '; '.join('%(name)s (%(vcpus)d vCPU, %(ram_mb)d MB, %(disk_gb)d '
                    'GB)' % flavor for flavor in known),
        error_code='template.size_unknown', field='size')


def machine_size(flavor):
    """What one machine of this flavor counts against a grant."""
    size = {resource: flavor[key] for resource, key in SIZE_OF_FLAVOR.items()}
    size['instances'] = 1
    return {resource: size.get(resource, 0)
            for resource in validation.resources()}


def _check_fits(klass, size):
    grant = classes.default_grant(klass)
    over = [resource for resource in size if size[resource] > grant[resource]]
    if over:
        raise exceptions.Conflict(
            _("One machine of this template needs %(needs)s, more than the "
              "class's per-student grant of %(grant)s.")
            % {'needs': ', '.join(validation.quantity(r, size[r])
                                  for r in over),
               'grant': ', '.join(validation.quantity(r, grant[r])
                                  for r in over)},
            error_code='template.over_grant',
            needs={r: size[r] for r in over},
            grant={r: grant[r] for r in over})


def _user_data(value):
    if value is None:
        return None
    if not isinstance(value, str):
        raise exceptions.Invalid(_("user_data must be text (cloud-init)."),
                                 error_code='template.user_data',
                                 field='user_data')
    encoded = len(base64.b64encode(value.encode('utf-8')))
    if encoded > MAX_USER_DATA:
        raise exceptions.Invalid(
            _("user_data is %(size)d bytes once encoded; Nova takes at most "
              "%(max)d.") % {'size': encoded, 'max': MAX_USER_DATA},
            error_code='template.user_data', field='user_data')
    return value


def create(actor, class_id, name, image_id, flavor_id=None, size=None,
           user_data=None, key_policy='none'):
    name = validation.text(name, 'name')
    if key_policy not in KEY_POLICIES:
        raise exceptions.Invalid(
            _("key_policy must be one of %s.") % ', '.join(KEY_POLICIES),
            error_code='template.key_policy', field='key_policy')
    if (flavor_id is None) == (size is None):
        raise exceptions.Invalid(
            _("Give either flavor_id or size (vcpu, ram_mb, disk_gb)."),
            error_code='template.flavor_or_size', field='flavor_id')
    user_data = _user_data(user_data)
    klass = classes.open_class(class_id)
    db = db_api.get_instance()
    try:
        # One transaction: a registered image stays locked (not disabled
        # nor deleted) until the template that uses it is recorded.
        with db.transaction():
            image = _image(image_id, klass)
            flavor = _flavor(flavor_id, size)
            size = machine_size(flavor)
            _check_fits(klass, size)
            row = db.create_template(
                klass.id, name, image['id'], flavor['id'], size, key_policy,
                actor.user_id, image_name=image['name'],
                flavor_name=flavor['name'], user_data=user_data)
    except db_api.EduDBError as error:
        raise work_mod.translate_db_error(error)
    return view(row)


def list(actor, class_id=None, student_id=None, limit=100, marker=None):
    if student_id is not None:
        class_id = lookup.enrolment(student_id).class_id
    rows, next_marker = lookup.page(
        db_api.get_instance().list_templates, limit,
        lookup.row_id(marker, _("marker must be a template id.")),
        lambda row: row.id, class_id=lookup.pk(lookup.klass, class_id))
    return [view(row) for row in rows], next_marker


def get(actor, template_id):
    return view(lookup.template(template_id))


def delete(actor, template_id):
    row = lookup.template(template_id)
    db_api.get_instance().delete_template(row.id)


# Lab machines.

def launchable(klass):
    """The class, refusing one whose machines were shelved at its end."""
    if klass.ended_at is not None:
        raise exceptions.Conflict(
            _("Class %(name)s ended on %(date)s: no new lab machines.")
            % {'name': klass.name, 'date': klass.ended_at.date()},
            error_code='class.ended')
    return klass


def machine_name(template, student_name):
    return ('%s-%s' % (template.name, student_name))[:255]


def launch_as(token, template, enrolment, key_name=None):
    """Launch one machine of ``template`` for ``enrolment`` as the token."""
    return broker.get_broker().launch_server(
        token, enrolment.project_id,
        name=machine_name(template, enrolment.name),
        image_id=template.image_id, flavor_id=template.flavor_id,
        template_id=template.id, tags=[class_tag(template.class_id)],
        user_data=template.user_data, key_name=key_name)


def acting_token(actor):
    if not actor.token or not actor.project_id:
        raise exceptions.Forbidden(
            _("Lab machines are launched with the teacher's or the "
              "student's own login (a project-scoped token), so that Nova "
              "counts them and names who made them."),
            error_code='machine.needs_token')
    return actor.token


def launch(actor, student_id, template_id, key_name=None):
    """One lab machine for one student, now (a student's one click)."""
    enrolment = lookup.enrolment(student_id)
    if enrolment.removed_at is not None:
        raise exceptions.Conflict(
            _("Student %s was removed from the class.") % enrolment.name,
            error_code='student.removed')
    template = lookup.template(template_id)
    if template.class_id != enrolment.class_id:
        raise exceptions.Invalid(
            _("Template %(template)s belongs to another class than "
              "%(student)s's.") % {'template': template.name,
                                   'student': enrolment.name},
            error_code='template.other_class', field='template_id')
    if key_name is not None and template.key_policy != 'student':
        raise exceptions.Invalid(
            _("Template %s takes no key pair.") % template.name,
            error_code='template.key_policy', field='key_name')
    launchable(classes.open_class(enrolment.class_id))
    return launch_as(acting_token(actor), template, enrolment,
                     key_name and validation.text(key_name, 'key_name'))


def machines(actor, class_id=None, student_id=None):
    """Every server in the class's (or one student's) projects."""
    if student_id is not None:
        enrolments = [lookup.enrolment(student_id)]
    elif class_id is None:
        raise exceptions.Invalid(_("Give class_id or student_id."),
                                 error_code='list.unscoped',
                                 field='class_id')
    else:
        klass = lookup.klass(class_id)
        enrolments = db_api.get_instance().list_enrolments(
            class_id=klass.id)
    return [dict(server, student_id=enrolment.project_id,
                 student_name=enrolment.name)
            for enrolment, servers in classes.servers_of(enrolments)
            for server in servers]
