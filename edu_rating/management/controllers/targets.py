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
"""Policy targets: whose school, teacher and enrolment an object is.

The API layer calls :func:`resolve` before authorizing, so the persona
rules (``domain_id``, ``teacher_project_id``, ``project_id``) compare the
caller's token with the object's owners.
"""

from edu_rating import exceptions
from edu_rating.i18n import _
from edu_rating.management.services import invoices
from edu_rating.management.services import lookup
from edu_rating.management.services import plans


def _school(row):
    return {'domain_id': row.domain_id}


def _teacher(row):
    return {'domain_id': row.school.domain_id,
            'teacher_project_id': row.project_id}


def _class(row):
    return _teacher(row.teacher)


def _enrolment(row):
    return dict(_class(row.klass), project_id=row.project_id)


def _of_class(row):
    """A template's or a job's target: its class's."""
    return _class(row.klass if hasattr(row, 'klass')
                  else lookup.klass(row.class_id))


def _image(row):
    """A registered image's owner: its teacher, or the platform."""
    if row.teacher is None:
        return {'image_owner': 'platform'}
    return dict(_teacher(row.teacher), image_owner='teacher')


def _issuer(issuer_id):
    """The target of what an issuer owns.

    A school's domain; nothing for the platform's, so that only a platform
    admin passes.
    """
    if issuer_id == plans.PLATFORM:
        return {}
    return _school(lookup.school(issuer_id))


def _plan(row):
    return _issuer(row.issuer_id)


def _payer(payer_type, payer_id):
    if payer_type == 'school':
        return _school(lookup.school(payer_id))
    return _teacher(lookup.teacher(payer_id))


def _invoice(row):
    """Who may read an invoice: its payer (and so the payer's school)."""
    return _payer(row.payer_type, row.payer_id)


def _invoice_issuer(row):
    """Who may mark an invoice paid or void: its issuer."""
    return _issuer(row.issuer_id)


def _payer_id(payer_id):
    """A payer by id alone: a school's domain, else a teacher's project."""
    try:
        return _payer('school', payer_id)
    except exceptions.NotFound:
        try:
            return _payer('teacher', payer_id)
        except exceptions.NotFound:
            # Students pay nothing: only schools and teachers are payers.
            raise exceptions.NotFound('school or teacher', payer_id)


_KINDS = {
    'school': (lookup.school, _school),
    'teacher': (lookup.teacher, _teacher),
    'class': (lookup.klass, _class),
    'student': (lookup.enrolment, _enrolment),
    'enrolment': (lookup.enrolment, _enrolment),
    'template': (lookup.template, _of_class),
    'job': (lookup.job, _of_class),
    'image': (lookup.image, _image),
    'plan': (plans.plan, _plan),
    # Plans and assignments belong to an issuer: "platform" or a school.
    'issuer': (str, _issuer),
    'payer': (str, _payer_id),
    'invoice': (invoices.invoice, _invoice),
    'invoice_issuer': (invoices.invoice, _invoice_issuer),
}


def resolve(kind, ident):
    """The policy target of an object.

    :raises NotFound: no such object.
    """
    if kind not in _KINDS:
        raise exceptions.Invalid(_("Unknown kind of object %s.") % kind,
                                 error_code='object.kind_unknown')
    find, target = _KINDS[kind]
    return target(find(ident))
