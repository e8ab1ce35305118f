"""Register the local stack's services in Keystone and seed the demo.

``seed.py base``  service users, services, endpoints, Nova's registered limits.
``seed.py demo``  flavors, an image, the edu rating module enabled, and,
                  through the Education API, two schools with an admin, two
                  teachers (a class each) and four students each.

Every step finds before it creates, so running it again changes nothing.
One openstacksdk connection replaces dozens of slow CLI calls.
"""

import datetime
import json
import os
import sys
import time

import openstack

from edu_rating.client import client

REGION = 'RegionOne'
SERVICE_PASSWORD = os.environ['SERVICE_PASSWORD']
DEMO_PASSWORD = os.environ.get('DEMO_PASSWORD', '')

SERVICES = [
    # name, type, port, path
    ('placement', 'placement', 8778, ''),
    ('nova', 'compute', 8774, '/v2.1'),
    ('glance', 'image', 9292, ''),
    ('neutron', 'network', 9696, ''),
    ('cloudkitty', 'rating', 8889, ''),
]
SERVICE_USERS = ['placement', 'nova', 'glance', 'neutron', 'cloudkitty', 'edu']

# Nova's unified-limits resources; the defaults apply to projects that have
# no explicit limit (projects the edu module manages always get one).
REGISTERED_LIMITS = {
    'servers': 10, 'class:VCPU': 20, 'class:MEMORY_MB': 51200,
    'class:DISK_GB': 1000, 'server_metadata_items': 128,
    'server_injected_files': 5, 'server_injected_file_content_bytes': 10240,
    'server_injected_file_path_bytes': 255, 'server_key_pairs': 100,
    'server_groups': 10, 'server_group_members': 10,
}

FLAVORS = [('m1.tiny', 1, 512, 1), ('m1.small', 2, 2048, 10),
           ('m1.medium', 4, 4096, 20)]

SCHOOLS = [('school-a', 'a', 'Riverside High School'),
           ('school-b', 'b', 'Hillview Academy')]
SCHOOL_GRANT = {'vcpu': 64, 'ram_mb': 131072, 'disk_gb': 2000,
                'instances': 40}
TEACHER_GRANT = {'vcpu': 16, 'ram_mb': 32768, 'disk_gb': 400,
                 'instances': 10}
STUDENT_GRANT = {'vcpu': 2, 'ram_mb': 2048, 'disk_gb': 20, 'instances': 2}
CLASSES = ['Linux basics', 'Networks 101']
# Prices per vCPU-, GiB-of-RAM-, GB-of-disk- and instance-hour.
PLATFORM_PLAN = ('Platform standard', 'EUR', {
    'vcpu': '0.012', 'ram_mb': '0.004', 'disk_gb': '0.00015',
    'instances': '0.002'})
SCHOOL_PLAN = ('Teachers standard', 'EUR', {
    'vcpu': '0.015', 'ram_mb': '0.005', 'disk_gb': '0.0002',
    'instances': '0.0025'})


def connect(cloud):
    return openstack.connect(cloud=cloud)


def ensure_user(idc, name, password, domain_id, **attrs):
    user = idc.find_user(name, domain_id=domain_id, ignore_missing=True)
    if user:
        return user
    return idc.create_user(name=name, password=password,
                           domain_id=domain_id, **attrs)


# Keystone's [security_compliance] asks a user to change a password someone
# else set and locks an account after failed logins: not for the services
# nor the platform admin, whose passwords live in configuration files.
EXEMPT = {'ignore_change_password_upon_first_use': True,
          'ignore_password_expiry': True,
          'ignore_lockout_failure_attempts': True}


def exempt(idc, user):
    if any(user.options.get(option) is not value
           for option, value in EXEMPT.items()):
        idc.update_user(user, options=dict(user.options, **EXEMPT))


def ensure_project(idc, name, domain_id, parent_id=None, description=''):
    project = idc.find_project(name, domain_id=domain_id, ignore_missing=True)
    if project:
        return project
    attrs = {'parent_id': parent_id} if parent_id else {}
    return idc.create_project(name=name, domain_id=domain_id,
                              description=description, **attrs)


def role(idc, name):
    return idc.find_role(name, ignore_missing=False)


def ensure_persona_roles(idc):
    """The roles tools/stack.sh gives the personas (EDU_*_ROLE)."""
    for variable in ('EDU_SCHOOL_ADMIN_ROLE', 'EDU_TEACHER_ROLE',
                     'EDU_STUDENT_ROLE'):
        name = os.environ.get(variable)
        if name and not idc.find_role(name, ignore_missing=True):
            idc.create_role(name=name)


def seed_base(system):
    idc = system.identity
    default = idc.find_domain('Default', ignore_missing=False)
    service_project = ensure_project(idc, 'service', default.id,
                                     description='OpenStack services')
    admin, service, reader = (role(idc, name)
                              for name in ('admin', 'service', 'reader'))
    ensure_persona_roles(idc)
    exempt(idc, idc.find_user('admin', domain_id=default.id,
                              ignore_missing=False))
    for name in SERVICE_USERS:
        user = ensure_user(idc, name, SERVICE_PASSWORD, default.id,
                           options=EXEMPT)
        exempt(idc, user)
        # keystonemiddleware 13 requires the 'service' role on the service
        # token Nova sends to Neutron, or Neutron answers 401.
        idc.assign_project_role_to_user(service_project, user, admin)
        idc.assign_project_role_to_user(service_project, user, service)
    # Nova reads unified limits with a system-scoped token; the edu broker
    # manages domains, projects and limits across schools as a system admin.
    idc.assign_system_role_to_user(
        idc.find_user('nova', domain_id=default.id), reader, 'all')
    idc.assign_system_role_to_user(
        idc.find_user('edu', domain_id=default.id), admin, 'all')

    endpoints = list(idc.endpoints())
    for name, stype, port, path in SERVICES:
        svc = idc.find_service(name, ignore_missing=True) or \
            idc.create_service(name=name, type=stype, enabled=True)
        have = {e.interface for e in endpoints if e.service_id == svc.id}
        for interface in ('public', 'internal', 'admin'):
            if interface not in have:
                idc.create_endpoint(
                    service_id=svc.id, interface=interface, region_id=REGION,
                    url='http://127.0.0.1:%d%s' % (port, path))

    nova = idc.find_service('nova', ignore_missing=False)
    have = {r.resource_name for r in idc.registered_limits(service_id=nova.id)}
    for resource, default_limit in REGISTERED_LIMITS.items():
        if resource not in have:
            idc.create_registered_limit(
                service_id=nova.id, region_id=REGION,
                resource_name=resource, default_limit=default_limit)


def seed_cloud(admin, image_file):
    for name, vcpus, ram, disk in FLAVORS:
        if not admin.compute.find_flavor(name, ignore_missing=True):
            admin.compute.create_flavor(name=name, vcpus=vcpus, ram=ram,
                                        disk=disk, is_public=True)
    if not admin.image.find_image('lab-image', ignore_missing=True):
        with open(image_file, 'rb') as data:
            admin.image.create_image(
                name='lab-image', disk_format='raw', container_format='bare',
                visibility='public', data=data)
    # Enable the edu rating module in CloudKitty.
    sess = admin.session
    rating = {'service_type': 'rating', 'interface': 'public'}
    module = sess.get('/v1/rating/modules/edu', endpoint_filter=rating).json()
    if not module.get('enabled'):
        module['enabled'] = True
        sess.put('/v1/rating/modules/edu', endpoint_filter=rating,
                 json=module)


def find(items, name):
    return next((item for item in items if item['name'] == name), None)


def demo_start():
    """When the demo's contracts began: this morning, in this month.

    Up to six hours back (a back-dated correction, which the platform
    admin may make within the billing month), so that the first invoices
    bill real hours; not more, so that CloudKitty catches up in a minute.
    """
    now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
    month = now.replace(day=1, hour=0, minute=0, second=0)
    return max(month, now - datetime.timedelta(hours=6)).isoformat()


DEMO_REASON = 'demo: the contract began this morning'


def ensure_default_plan(edu, issuer, plan, since):
    """An issuer's default price plan, from ``since`` (before grants)."""
    name, currency, rates = plan
    found = find(edu.plans.list(issuer=issuer), name)
    if found is None:
        found = edu.plans.create(issuer=issuer, name=name, currency=currency,
                                 rates=rates, effective_from=since)
        edu.plans.assign(issuer=issuer, plan_id=found['id'],
                         effective_from=since)
    return found


def seed_schools(edu):
    """Plans, schools, teachers, classes and students, through the API."""
    logins = []
    since = demo_start()
    ensure_default_plan(edu, 'platform', PLATFORM_PLAN, since)

    def login(name, domain, persona, project=None):
        logins.append({'username': name, 'domain': domain,
                       'persona': persona, 'project': project})

    for domain_name, x, title in SCHOOLS:
        school = find(edu.schools.list(name=domain_name), domain_name) or \
            edu.schools.create(
                name=domain_name, description=title, grant=SCHOOL_GRANT,
                admin={'name': '%s-admin' % x,
                       'password': DEMO_PASSWORD},
                effective_from=since, reason=DEMO_REASON)['school']
        login('%s-admin' % x, domain_name, 'school admin')
        ensure_default_plan(edu, school['id'], SCHOOL_PLAN, since)
        teachers = edu.teachers.list(school_id=school['id'])
        # Every teacher first: a back-dated start is refused once the
        # school's ledger has changed since (students are enrolled now).
        staff = [find(teachers, '%s-teacher%d' % (x, t)) or
                 edu.teachers.create(
                     school_id=school['id'], name='%s-teacher%d' % (x, t),
                     password=DEMO_PASSWORD,
                     project_name='%s-teacher%d-lab' % (x, t),
                     grant=TEACHER_GRANT, effective_from=since,
                     reason=DEMO_REASON)
                 for t in range(1, len(CLASSES) + 1)]
        for t, (class_name, teacher) in enumerate(zip(CLASSES, staff), 1):
            login(teacher['name'], domain_name, 'teacher',
                  teacher['project_name'])
            klass = find(edu.classes.list(teacher_id=teacher['id']),
                         class_name) or edu.classes.create(
                teacher_id=teacher['id'], name=class_name,
                default_grant=STUDENT_GRANT)
            students = edu.students.list(class_id=klass['id'])
            for s in (2 * t - 1, 2 * t):
                name = '%s-student%d' % (x, s)
                student = find(students, name) or edu.students.enrol(
                    class_id=klass['id'], name=name,
                    password=DEMO_PASSWORD)['student']
                login(name, domain_name, 'student', student['project_name'])
        settle_once(edu, school, staff)
    return logins


def settle_once(edu, school, teachers):
    """Raise the school's and its first teacher's grants by one vCPU.

    A change of a payer's own grant bills the time before it at once, so
    the demo shows an issued invoice of each kind of payer from the start,
    for the hours since the contracts began.
    """
    if edu.invoices.list(payer_id=school['id']):
        return
    for scope_type, row in (('school', school), ('teacher', teachers[0])):
        current = edu.allocations.get(scope_type, row['id'])['grant']
        edu.allocations.set(scope_type, row['id'],
                            {'vcpu': current['vcpu'] + 1},
                            reason='demo: a first settlement invoice')


# The demo's lab: a template of school B's first class, launched for its
# students (school A's students stay without machines for the tests).
LAB = {'school': 'school-b', 'class': CLASSES[0], 'template': 'Linux lab',
       'image': 'lab-image', 'flavor': 'm1.tiny',
       'user_data': '#cloud-config\npackages: [gcc, make]\n',
       'term_days': 120}


def seed_lab(system, logins):
    """School B's first class: a template and a machine per student."""
    teacher = [login for login in logins if login['persona'] == 'teacher' and
               login['domain'] == LAB['school']][0]
    cloud = openstack.connect(
        auth_url=system.config.auth['auth_url'], username=teacher['username'],
        password=DEMO_PASSWORD, user_domain_name=teacher['domain'],
        project_name=teacher['project'],
        project_domain_name=teacher['domain'], region_name=REGION,
        identity_api_version='3')
    edu = client.Client(cloud.session, region_name=REGION)
    teacher_id = cloud.current_project_id
    klass = find(edu.classes.list(teacher_id=teacher_id), LAB['class'])
    if klass['term_end'] is None:
        ends = datetime.date.today() + datetime.timedelta(
            days=LAB['term_days'])
        edu.classes.update(klass['id'], term_end=ends.isoformat())
    template = find(edu.templates.list(class_id=klass['id']),
                    LAB['template']) or edu.templates.create(
        klass['id'], LAB['template'],
        cloud.image.find_image(LAB['image'], ignore_missing=False).id,
        flavor_id=LAB['flavor'], user_data=LAB['user_data'])
    # Students who have their machine already are skipped.
    job = edu.jobs.wait(edu.jobs.start(klass['id'], 'launch',
                                       template_id=template['id'])['id'])
    failed = [r for r in job['results']
              if r['status'] not in ('launched', 'skipped')]
    if failed:
        sys.exit('seed: the demo lab did not launch: %s' % failed)


def keep_demo_passwords(system, logins):
    """The demo's users have chosen the demo password already.

    Keystone expires a password that someone else set until its user
    changes it (Horizon asks at the first login); the demo's users do that
    here, keeping the password printed for them. Users made later through
    the dashboard or the API change theirs at their first login.
    """
    idc = system.identity
    for login in logins:
        domain = idc.find_domain(login['domain'], ignore_missing=False)
        user = idc.find_user(login['username'], domain_id=domain.id,
                             ignore_missing=False)
        # A user changes their own password with no token.
        idc.post('/users/%s/password' % user.id, authenticated=False,
                 raise_exc=True,
                 json={'user': {'original_password': DEMO_PASSWORD,
                                'password': DEMO_PASSWORD}})
    # Keystone revokes the tokens issued up to the second of a change.
    time.sleep(1)


def main():
    phase = sys.argv[1]
    if phase == 'base':
        seed_base(connect('edu-system-admin'))
    elif phase == 'demo':
        seed_cloud(connect('edu-admin'), sys.argv[2])
        system = connect('edu-system-admin')
        logins = seed_schools(client.Client(system.session,
                                            region_name=REGION))
        keep_demo_passwords(system, logins)
        seed_lab(system, logins)
        with open(sys.argv[3], 'w') as out:
            json.dump({'password': DEMO_PASSWORD, 'logins': logins}, out,
                      indent=2)
    else:
        sys.exit('usage: seed.py base | demo IMAGE_FILE OUTPUT_JSON')


if __name__ == '__main__':
    main()
