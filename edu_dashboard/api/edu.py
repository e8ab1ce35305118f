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
"""Education API calls of the dashboard: one function per call.

On edu_rating's client, at the catalog's ``rating`` endpoint (the API is
served by cloudkitty-api), with the session's token: a school admin's
domain-scoped token when openstack_auth keeps one, since the school's
rules ask for it; the scoped token otherwise.
"""

from django.utils import translation
from keystoneauth1 import token_endpoint
from openstack_auth import utils as auth_utils
from openstack_dashboard.api import base

from edu_rating.client import client as edu_client


def _token(request):
    # A school admin who also teaches logs in to a project; the school's
    # calls need the domain token, which also reads their teachers' own.
    domain = request.session.get('domain_token')
    if domain is not None:
        return domain.auth_token
    return request.user.token.id


def client(request):
    auth = token_endpoint.Token(endpoint=base.url_for(request, 'rating'),
                                token=_token(request))
    session = auth_utils.get_session(
        original_ip=auth_utils.get_client_ip(request))
    # The API's messages, shown as they are, in the user's language.
    return edu_client.Client(session, auth=auth, additional_headers={
        'Accept-Language': translation.get_language() or 'en'})


def invoice_list(request, payer_id=None, issuer=None, status=None,
                 period=None, marker=None, limit=None):
    """One page of invoices: ``(invoices, next_marker)``."""
    return client(request).invoices.list_page(
        limit=limit, marker=marker, payer_id=payer_id, issuer=issuer,
        status=status, period=period)


def invoice_get(request, invoice_id):
    return client(request).invoices.get(invoice_id)


def invoice_csv(request, invoice_id):
    return client(request).invoices.csv(invoice_id)


def invoice_pdf(request, invoice_id, language=None):
    return client(request).invoices.pdf(invoice_id, language)


def invoice_pay(request, invoice_id):
    return client(request).invoices.mark_paid(invoice_id)


def invoice_void(request, invoice_id, reason):
    return client(request).invoices.void(invoice_id, reason)


def cost_get(request, scope_type, scope_id):
    """A school's or teacher's month to date and forecast."""
    return client(request).costs.get(scope_type, scope_id)


def cost_teachers(request, school_id):
    """``{"school": cost, "teachers": [cost, ...]}`` of a school."""
    return client(request).costs.of_teachers(school_id)


def platform_get(request):
    """The platform's totals: capacity, grants, usage, revenue."""
    return client(request).platform.get()


def teacher_list(request, school_id, marker=None, limit=None):
    """One page of a school's teachers, with their grants."""
    return client(request).teachers.list_page(
        limit=limit, marker=marker, school_id=school_id)


def teacher_create(request, school_id, name, password, email=None,
                   project_name=None, grant=None):
    return client(request).teachers.create(
        school_id, name, password, email=email, project_name=project_name,
        grant=grant)


def grant_set(request, scope_type, scope_id, grant, reason=None):
    """Set a school's, teacher's or student's grant (only what is given)."""
    return client(request).allocations.set(scope_type, scope_id, grant,
                                           reason=reason)


def teacher_get(request, teacher_id):
    return client(request).teachers.get(teacher_id)


def teacher_update(request, teacher_id, **changes):
    """Enable or disable a teacher (``enabled``), or change their email."""
    return client(request).teachers.update(teacher_id, **changes)


def class_list(request, teacher_id=None, school_id=None,
               include_closed=None, marker=None, limit=None):
    """One page of a teacher's (or a school's) classes."""
    return client(request).classes.list_page(
        limit=limit, marker=marker, teacher_id=teacher_id,
        school_id=school_id, include_closed=include_closed)


def class_get(request, class_id):
    return client(request).classes.get(class_id)


def class_create(request, teacher_id, name, term_end=None,
                 default_grant=None):
    return client(request).classes.create(
        teacher_id, name, term_end=term_end, default_grant=default_grant)


def class_update(request, class_id, **changes):
    """Rename a class, change its term end or default grant."""
    return client(request).classes.update(class_id, **changes)


def class_close(request, class_id):
    return client(request).classes.close(class_id)


def class_grant_set(request, class_id, grant, reason=None):
    """The same grant for every student of the class, all or none."""
    return client(request).classes.set_grant(class_id, grant, reason=reason)


def student_list(request, class_id=None, teacher_id=None, school_id=None,
                 marker=None, limit=None):
    """One page of the students of a class (or a teacher, a school)."""
    return client(request).students.list_page(
        limit=limit, marker=marker, class_id=class_id,
        teacher_id=teacher_id, school_id=school_id)


def student_get(request, student_id):
    return client(request).students.get(student_id)


def student_enrol(request, class_id, name, password=None, email=None,
                  grant=None):
    """``{"student": ..., "password": generated or None}``."""
    return client(request).students.enrol(class_id, name, password=password,
                                          email=email, grant=grant)


def roster_preview(request, class_id, csv_text):
    """Every line's verdict (names already in the class are skipped)."""
    return client(request).students.preview_roster(class_id, csv_text,
                                                   skip_enrolled=True)


def roster_enrol(request, class_id, csv_text):
    """Enrol a roster's new names: ``[{"student", "password"}, ...]``."""
    return client(request).students.enrol_roster(class_id, csv_text,
                                                 skip_enrolled=True)


def student_update(request, student_id, **changes):
    """Set a student's password (``password=``)."""
    return client(request).students.update(student_id, **changes)


def student_remove(request, student_id):
    return client(request).students.remove(student_id)


def allocation_get(request, scope_type, scope_id):
    """A grant with what is delegated below it, free and in use."""
    return client(request).allocations.get(scope_type, scope_id)


def school_list(request, marker=None, limit=None):
    """One page of the platform's schools, with their grants."""
    return client(request).schools.list_page(limit=limit, marker=marker)


def school_get(request, school_id):
    return client(request).schools.get(school_id)


def school_create(request, name, admin, description=None, grant=None):
    """Onboard a school: ``{"school": ..., "admin": {"id", "name"}}``.

    ``admin`` is the first school administrator: ``{"name", "password",
    "email"}``.
    """
    return client(request).schools.create(name, admin,
                                          description=description,
                                          grant=grant)


def school_update(request, school_id, **changes):
    """Enable or disable a school (``enabled``), or change its description."""
    return client(request).schools.update(school_id, **changes)


def plan_list(request, issuer):
    """Every plan of an issuer ("platform" or a school's id)."""
    return client(request).plans.list(issuer=issuer)


def plan_create(request, issuer, name, currency, rates, description=None):
    """A plan with its first version, in force from now."""
    return client(request).plans.create(issuer, name, currency, rates,
                                        description=description)


def plan_get(request, plan_id):
    return client(request).plans.get(plan_id)


def plan_version_add(request, plan_id, rates, effective_from=None):
    """New prices for a plan from ``effective_from`` (now by default)."""
    return client(request).plans.add_version(plan_id, rates,
                                             effective_from=effective_from)


def plan_default_get(request, issuer):
    """The plan an issuer's payers pay by unless assigned another."""
    return client(request).plans.assignments(issuer)


def plan_default_set(request, issuer, plan_id):
    return client(request).plans.assign(issuer, plan_id)


# Labs: templates, machines, class-wide jobs, the end of a class.

def template_list(request, class_id=None, student_id=None, marker=None,
                  limit=None):
    """One page of a class's lab templates (a student: of their class)."""
    return client(request).templates.list_page(
        limit=limit, marker=marker, class_id=class_id,
        student_id=student_id)


def template_create(request, class_id, name, image_id, flavor_id,
                    user_data=None):
    return client(request).templates.create(
        class_id, name, image_id, flavor_id=flavor_id, user_data=user_data)


def template_delete(request, template_id):
    client(request).templates.delete(template_id)


def machine_list(request, class_id=None, student_id=None):
    """The servers in a class's (or a student's) projects."""
    return client(request).machines.list(class_id=class_id,
                                         student_id=student_id)


def machine_launch(request, student_id, template_id):
    """One lab machine for the student, with the user's own token."""
    return client(request).machines.launch(student_id, template_id)


def job_start(request, class_id, action, template_id=None):
    """A class-wide launch, stop, shelve or delete (runs in background)."""
    return client(request).jobs.start(class_id, action,
                                      template_id=template_id)


def job_get(request, job_id):
    return client(request).jobs.get(job_id)


def class_step(request, class_id, step):
    """Run a step of the class's end now.

    ``step``: ``end``, ``archive`` or ``hand_back``.
    """
    return getattr(client(request).classes, step)(class_id)


def image_list(request, class_id=None, teacher_id=None, school_id=None,
               marker=None, limit=None):
    """One page of registered images, the platform's among them.

    Of a class: those shared with it; of a teacher or a school: theirs.
    """
    return client(request).images.list_page(
        limit=limit, marker=marker, class_id=class_id,
        teacher_id=teacher_id, school_id=school_id)


def image_register(request, image_id, teacher_id):
    """Register a Glance image the teacher's project owns."""
    return client(request).images.register(image_id, teacher_id=teacher_id)


def image_set_enabled(request, image_id, enabled):
    return client(request).images.set_enabled(image_id, enabled)


def image_delete(request, image_id):
    client(request).images.delete(image_id)


def image_share(request, image_id, class_id):
    """Every student of the class becomes a member of the image."""
    return client(request).images.share(image_id, class_id)


def image_unshare(request, image_id, class_id):
    client(request).images.unshare(image_id, class_id)
