"""100 parallel grants against one teacher never oversubscribe it."""

import concurrent.futures
import io

from tests.functional import edu
from tests.functional import test_edu_api

STUDENTS = 100
TEACHER_VCPU = 50


def test_100_parallel_grants_never_oversubscribe(secrets, admin_cloud):
    platform = edu.platform_admin(secrets)
    school = edu.School(platform, 'race', edu.grant(vcpu=TEACHER_VCPU))
    teacher = school.add_teacher('t1', edu.grant(vcpu=TEACHER_VCPU))
    klass = school.add_class(teacher)
    roster = io.StringIO()
    roster.write('name\n')
    for i in range(STUDENTS):
        roster.write('%s-s%03d\n' % (school.name, i))
    students = [entry['student'] for entry in edu.expect(platform.post(
        '/students/roster', params={'class_id': klass['id']},
        data=roster.getvalue().encode(),
        headers={'Content-Type': 'text/csv'}), 201)['students']]
    assert len(students) == STUDENTS

    # Every student asks for 1 vCPU at once: the teacher has 50.
    def ask(student):
        return teacher['persona'].put(
            '/allocations/enrolment/%s' % student['id'],
            json={'grant': {'vcpu': 1}, 'reason': 'race'})

    with concurrent.futures.ThreadPoolExecutor(max_workers=STUDENTS) as pool:
        answers = list(pool.map(ask, students))

    statuses = sorted(status for status, _ in answers)
    assert statuses.count(200) == TEACHER_VCPU, statuses
    assert statuses.count(409) == STUDENTS - TEACHER_VCPU, statuses

    view = edu.expect(platform.get(
        '/allocations/teacher/%s' % teacher['id']), 200)
    assert view['delegated']['vcpu'] == TEACHER_VCPU
    assert view['free']['vcpu'] == 0

    # The ledger and Keystone agree, student by student.
    granted = [s for s, (status, _) in zip(students, answers)
               if status == 200]
    for student in students:
        vcpu = test_edu_api.keystone_limits(admin_cloud, student['id'])[
            'vcpu']
        assert vcpu == (1 if student in granted else 0), student['name']
        history = edu.expect(platform.get(
            '/allocations/enrolment/%s/history' % student['id'],
            params={'resource': 'vcpu'}), 200)['allocations']
        open_rows = [row['amount'] for row in history
                     if row['effective_to'] is None]
        # No ledger row at all means never granted: zero.
        assert open_rows == ([1] if vcpu else [0] if history else [])
    assert test_edu_api.keystone_limits(
        admin_cloud, teacher['id'])['vcpu'] == 0
