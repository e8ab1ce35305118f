"""Images on the live stack: a teacher's image, shared with a class.

The teacher uploads a small raw image to their teacher project in Glance
with their own login, registers it and shares it with their class: each
student's project becomes an accepted Glance member, so the image lists
in the student's Glance (Horizon's Images panel); a template is made from
it and a student launches a machine of it. Members follow the class (a
student enrolled later becomes one, a removed student stops being one);
a disabled image takes no new templates while the old one keeps
launching; the image cannot be deleted while a template uses it, nor by
another teacher; once the template is gone its owner deletes it, in
Glance too. The platform registers a public image for every class.
"""

import io
import os

import pytest

from tests.functional import conftest
from tests.functional import edu

CLASS_GRANT = edu.grant(vcpu=1, ram_mb=512, disk_gb=1, instances=2)


def sdk(name, password, domain, project_id):
    """An openstacksdk connection as a user of the school."""
    return conftest.openstack.connect(
        auth_url=conftest.KEYSTONE_URL, username=name, password=password,
        user_domain_name=domain, project_id=project_id,
        project_domain_name=domain, region_name='RegionOne',
        identity_api_version='3')


def members(cloud, image_id):
    return {m.member_id: m.status for m in cloud.image.members(image_id)}


def listed(cloud):
    """The ids the user's default Glance listing shows (Horizon's)."""
    return {image.id for image in cloud.image.images()}


@pytest.fixture(scope='module')
def world(admin_cloud):
    platform = edu.platform_admin(conftest._secrets())
    school = edu.School(platform, 'images', edu.grant(
        vcpu=20, ram_mb=8192, disk_gb=20, instances=20))
    teacher = school.add_teacher('t1', edu.grant(
        vcpu=8, ram_mb=4096, disk_gb=8, instances=8))
    other = school.add_teacher('t2', edu.grant(vcpu=1))
    klass = school.add_class(teacher, CLASS_GRANT)
    alice, bob = (school.enrol(klass, name, caller=teacher['persona'])
                  for name in ('alice', 'bob'))
    # The teacher uploads with their own login, to their teacher project.
    cloud = sdk(teacher['name'], school.PASSWORD, school.name, teacher['id'])
    image = cloud.image.create_image(
        name=edu.unique('lab-disk'), disk_format='raw',
        container_format='bare', data=io.BytesIO(os.urandom(4096)))
    made = [image.id]
    try:
        yield platform, school, teacher, other, klass, alice, bob, image
    finally:
        # Glance keeps a deleted project's images: remove what was made.
        for image_id in made:
            admin_cloud.image.delete_image(image_id, ignore_missing=True)


def test_a_teacher_shares_an_image_with_a_class(world, admin_cloud):
    platform, school, teacher, other, klass, alice, bob, image = world
    tutor = teacher['persona']
    assert image.owner == teacher['id'] and image.visibility == 'shared'

    registered = edu.expect(tutor.post('/images', json={
        'teacher_id': teacher['id'], 'image_id': image.id}), 201)['image']
    assert (registered['owner'], registered['teacher_id'],
            registered['enabled']) == ('teacher', teacher['id'], True)
    template = {'class_id': klass['id'], 'name': 'Disk lab',
                'image_id': image.id, 'flavor_id': 'm1.tiny'}
    error = edu.expect(tutor.post('/templates', json=template), 409)['error']
    assert error['error_code'] == 'template.image_not_shared'

    shared = edu.expect(tutor.post('/images/%s/shares' % image.id, json={
        'class_id': klass['id']}), 201)['image']
    assert [s['class_id'] for s in shared['shared_with']] == [klass['id']]
    assert members(admin_cloud, image.id) == {alice['id']: 'accepted',
                                              bob['id']: 'accepted'}
    # Accepted: the image lists in the student's Glance (and Horizon).
    student_cloud = sdk(alice['name'], school.PASSWORD, school.name,
                        alice['id'])
    assert image.id in listed(student_cloud)
    assert image.id in [i['id'] for i in edu.expect(alice['persona'].get(
        '/images', params={'student_id': alice['id']}), 200)['images']]

    made = edu.expect(tutor.post('/templates', json=template),
                      201)['template']
    machine = edu.expect(alice['persona'].post('/machines', json={
        'student_id': alice['id'], 'template_id': made['id']}),
        201)['machine']
    assert edu.wait_until('the machine', lambda: admin_cloud.compute.
                          get_server(machine['id']).status == 'ACTIVE')

    # A student enrolled later becomes a member; a removed one stops.
    carol = school.enrol(klass, 'carol', caller=tutor)
    assert members(admin_cloud, image.id).get(carol['id']) == 'accepted'
    edu.expect(tutor.delete('/students/%s' % bob['id']), 204)
    assert bob['id'] not in members(admin_cloud, image.id)

    # Disabled: no new template; the one made keeps launching.
    disabled = edu.expect(tutor.patch('/images/%s' % image.id, json={
        'enabled': False}), 200)['image']
    assert disabled['enabled'] is False
    error = edu.expect(tutor.post('/templates', json=dict(
        template, name='Another disk lab')), 409)['error']
    assert error['error_code'] == 'template.image_disabled'
    edu.expect(carol['persona'].post('/machines', json={
        'student_id': carol['id'], 'template_id': made['id']}), 201)

    # In use: not deleted; another teacher may not; then its owner does.
    error = edu.expect(tutor.delete('/images/%s' % image.id), 409)['error']
    assert error['error_code'] == 'image.in_use'
    assert error['details']['templates'] == [made['id']]
    error = edu.expect(other['persona'].delete('/images/%s' % image.id),
                       403)['error']
    assert error['error_code'] == 'policy.refused'
    edu.expect(tutor.delete('/templates/%d' % made['id']), 204)
    edu.expect(tutor.delete('/images/%s' % image.id), 204)
    assert admin_cloud.image.find_image(image.id) is None
    edu.expect(tutor.get('/images/%s' % image.id), 404)


def test_the_platform_registers_a_public_image_for_every_class(
        world, admin_cloud):
    platform, school, teacher, _other, klass, _a, _b, _image = world
    public = admin_cloud.image.create_image(
        name=edu.unique('platform-disk'), disk_format='raw',
        container_format='bare', visibility='public',
        data=io.BytesIO(os.urandom(4096)))
    try:
        # Only the platform, and only a public image.
        error = edu.expect(school.admin.post('/images', json={
            'image_id': public.id}), 403)['error']
        assert error['error_code'] == 'policy.refused'
        registered = edu.expect(platform.post('/images', json={
            'image_id': public.id}), 201)['image']
        assert registered['owner'] == 'platform'
        listed_ids = [i['id'] for i in edu.expect(teacher['persona'].get(
            '/images'), 200)['images']]
        assert public.id in listed_ids
        error = edu.expect(teacher['persona'].post(
            '/images/%s/shares' % public.id, json={'class_id': klass['id']}),
            403)['error']
        assert error['error_code'] == 'policy.refused'
        # Disabled by the platform: no new templates of it.
        edu.expect(platform.patch('/images/%s' % public.id, json={
            'enabled': False}), 200)
        error = edu.expect(teacher['persona'].post('/templates', json={
            'class_id': klass['id'], 'name': 'Public lab',
            'image_id': public.id, 'flavor_id': 'm1.tiny'}), 409)['error']
        assert error['error_code'] == 'template.image_disabled'
        # Forgotten here, kept in Glance.
        edu.expect(platform.delete('/images/%s' % public.id), 204)
        assert admin_cloud.image.find_image(public.id) is not None
    finally:
        platform.delete('/images/%s' % public.id)
        admin_cloud.image.delete_image(public.id, ignore_missing=True)
