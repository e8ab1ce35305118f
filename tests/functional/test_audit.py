"""The audit trail on the live stack: who changed what, read by whom.

A teacher's grant change and a student's password reset are recorded with
the actor's Keystone name, the request id and the reason, and without
the password; the school's admin reads their school's trail (filtered),
another school's admin and a teacher may not; a repair of the reconciler
shows up as the reconciler's.
"""

from tests.functional import conftest
from tests.functional import edu
from tests.functional import test_reconcile


def events(caller, **params):
    return edu.expect(caller.get('/audit', params=dict(params, limit=1000)),
                      200)['events']


def test_changes_are_recorded_and_read_by_their_school(admin_cloud):
    platform = edu.platform_admin(conftest._secrets())
    school = edu.School(platform, 'audit', edu.grant(vcpu=8, instances=4))
    other = edu.School(platform, 'audit-other', edu.grant(vcpu=1))
    teacher = school.add_teacher('t1', edu.grant(vcpu=4, instances=2))
    klass = school.add_class(teacher, edu.grant(vcpu=1, instances=1))
    alice = school.enrol(klass, 'alice', caller=teacher['persona'])

    status, body = teacher['persona'].put(
        '/allocations/enrolment/%s' % alice['id'],
        json={'grant': {'vcpu': 2}, 'reason': 'bigger lab'})
    assert status == 200, body
    new_password = 'N3w-' + edu.School.PASSWORD
    edu.expect(teacher['persona'].patch('/students/%s' % alice['id'],
                                        json={'password': new_password}),
               200)

    trail = events(school.admin, target_id=alice['id'])
    grant, reset = [e for e in trail if e['action'] in (
        'edu:allocation:enrolment:set', 'edu:student:update')]
    assert grant['actor_name'] == teacher['name']
    assert grant['actor_id'] == teacher['user_id']
    assert grant['reason'] == 'bigger lab'
    assert grant['request_id'].startswith('req-')
    assert (grant['target_type'], grant['school_id']) == (
        'enrolment', school.id)
    assert grant['details']['request']['grant'] == {'vcpu': 2}
    assert reset['details']['request'] == {}
    assert new_password not in str(trail)

    # Filters: by action prefix; the school's own trail by default.
    assert {e['action'] for e in events(school.admin, action='edu:student')
            } == {'edu:student:create', 'edu:student:update'}
    assert {e['school_id'] for e in events(school.admin)} == {school.id}
    # Nobody else reads it.
    assert other.admin.get('/audit', params={'school_id': school.id}
                           )[0] == 403
    assert teacher['persona'].get('/audit')[0] == 403

    # A reconciler's repair is the reconciler's.
    limit = test_reconcile.limit(admin_cloud, alice['id'], 'class:VCPU')
    test_reconcile.openstack('limit', 'set', '--resource-limit', '9',
                             limit.id)
    assert test_reconcile.reconcile(school.id)[0] == 0
    repair, = events(platform, school_id=school.id, actor_id='reconciler')
    assert (repair['action'], repair['actor_name'], repair['target_id']) == (
        'reconcile.limits', 'reconciler', alice['id'])
    assert (repair['details']['found']['vcpu'],
            repair['details']['set']['vcpu']) == (9, 2)
