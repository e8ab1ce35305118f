"""A roster previewed line by line, imported in parts, and class grants.

What the dashboard's roster import does on the live stack: a preview that
names every bad line and creates nothing, an import in two requests (the
second sends the whole roster again with ``skip_enrolled``), then one
grant for the whole class, refused whole when it does not fit.
"""

import pytest

from tests.functional import edu
from tests.functional import test_edu_api


@pytest.fixture(scope='module')
def platform(secrets):
    return edu.platform_admin(secrets)


def _roster(teacher, klass, text, **params):
    return teacher['persona'].post(
        '/students/roster', params=dict(params, class_id=klass['id']),
        data=text.encode('utf-8'), headers={'Content-Type': 'text/csv'})


def test_preview_import_in_parts_and_a_class_grant(platform, admin_cloud):
    school = edu.School(platform, 'roster', edu.grant(
        vcpu=8, ram_mb=8192, disk_gb=80, instances=8))
    teacher = school.add_teacher('t', edu.grant(vcpu=6, ram_mb=6144,
                                                disk_gb=60, instances=6))
    klass = school.add_class(teacher, edu.grant(vcpu=1, ram_mb=512,
                                                disk_gb=5, instances=1))
    names = ['%s-s%d' % (school.name, i) for i in range(3)]
    bad = 'name,email\n%s,\n%s,nope\n,x@example.org\n%s,\n' % (
        names[0], names[1], names[0])

    preview = edu.expect(_roster(teacher, klass, bad, dry_run='true'),
                         200)['preview']
    assert [(line['line'], line['status']) for line in preview['lines']] \
        == [(2, 'new'), (3, 'invalid'), (4, 'invalid'), (5, 'invalid')]
    assert 'line 3' in preview['lines'][1]['message']
    assert 'already on line 2' in preview['lines'][3]['message']
    # A preview creates nothing, in Keystone or in the class.
    assert not admin_cloud.identity.find_user(
        names[0], domain_id=school.id, ignore_missing=True)
    status, body = _roster(teacher, klass, bad)
    assert status == 400, body
    assert [line['line'] for line in body['error']['details']['lines']] \
        == [3, 4, 5]

    # Fixed, imported in two requests: the second skips who is in.
    good = 'name\n' + ''.join(name + '\n' for name in names)
    first = edu.expect(_roster(teacher, klass, 'name\n%s\n' % names[0]),
                       201)['students']
    preview = edu.expect(_roster(teacher, klass, good, dry_run='true',
                                 skip_enrolled='true'), 200)['preview']
    assert preview['counts'] == {'new': 2, 'enrolled': 1, 'invalid': 0}
    assert preview['grant_total'] == edu.grant(vcpu=2, ram_mb=1024,
                                               disk_gb=10, instances=2)
    rest = edu.expect(_roster(teacher, klass, good, skip_enrolled='true'),
                      201)['students']
    assert [entry['student']['name'] for entry in first + rest] == names

    # The whole class at once: 3 x 2 vCPU fits the teacher's 6.
    result = edu.expect(teacher['persona'].put(
        '/classes/%s/grant' % klass['id'],
        json={'grant': {'vcpu': 2}, 'reason': 'lab 2'}), 200)
    assert result['students'] == 3
    for entry in first + rest:
        assert test_edu_api.keystone_limits(
            admin_cloud, entry['student']['id'])['vcpu'] == 2
    assert test_edu_api.keystone_limits(admin_cloud, teacher['id'])[
        'vcpu'] == 0
    # 3 x 3 does not: no student changes.
    status, body = teacher['persona'].put(
        '/classes/%s/grant' % klass['id'], json={'grant': {'vcpu': 3}})
    assert status == 409, body
    for entry in first + rest:
        assert test_edu_api.keystone_limits(
            admin_cloud, entry['student']['id'])['vcpu'] == 2
