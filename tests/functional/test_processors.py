"""Two CloudKitty processors at once, sharing the scopes through tooz.

The stack's processor is stopped and two are started with the stack's
configuration (CloudKitty's own coordination, on Redis) and debug logs of
their own, over a school and two teachers whose contracts began up to 20
minutes ago (back-dated by the platform admin) and end as the test
starts: a dozen and more periods per payer to catch up, next to the
demo's scopes. Both processors rate, no scope's period is rated by both, and
what CloudKitty stored equals the payers' settlement invoices to the
cent, as ``edu-rating-check`` says.
"""

import datetime
import os
import re
import signal
import subprocess
import time

import pytest

from tests.functional import conftest
from tests.functional import edu
from tests.functional import processes
from tests.functional import test_live_month as month

UTC = datetime.timezone.utc
REASON = 'two processors: the contract began earlier'
# Minutes the school's contract is back-dated by: each is a period (of
# the stack's one minute) the processors catch up on.
BACK_DATED = 20
# "Processing timestamp [T] for storage scope [S]": logged once a
# processor holds the scope's lock, for each period it rates.
RATES = re.compile(r'Processing timestamp \[(\d[^\]]*)\] for storage '
                   r'scope \[(\w+)\]')


def _stop(*pids):
    """TERM processors' process groups (their workers), KILL after 15 s.

    All at once: a processor in the middle of a pass may take its time
    over a TERM, and one killed mid-pass is safe (test_live_month kills
    one on purpose).
    """
    alive = []
    for pid in pids:
        try:
            os.killpg(pid, signal.SIGTERM)
            alive.append(pid)
        except ProcessLookupError:
            pass
    deadline = time.monotonic() + 15
    while alive and time.monotonic() < deadline:
        alive = [pid for pid in alive if not _gone(pid)]
        time.sleep(0.2)
    for pid in alive:
        try:
            os.killpg(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def _gone(pid):
    """Whether a process group's leader has exited.

    One we started stays a zombie, which signals still reach, until it is
    reaped: that used to cost the full wait for each of them.
    """
    try:
        if os.waitpid(pid, os.WNOHANG)[0] == pid:
            return True
    except ChildProcessError:
        pass  # not our child: the stack's processor
    try:
        os.killpg(pid, 0)
    except ProcessLookupError:
        return True
    return False


@pytest.fixture
def two_processors():
    """The stack's processor stopped; two started; the stack's again after."""
    out = conftest.TOP / 'test-output' / 'processors'
    out.mkdir(parents=True, exist_ok=True)
    debug = out / 'debug.conf'
    debug.write_text('[DEFAULT]\ndebug = true\n')
    pid_file = conftest.STACK / 'pids' / 'cloudkitty-processor.pid'
    _stop(int(pid_file.read_text()))
    logs, started = [], []
    try:
        for index in (1, 2):
            logs.append(out / ('processor-%d.log' % index))
            with open(logs[-1], 'w') as log:
                started.append(subprocess.Popen(
                    [str(conftest.STACK / 'venv' / 'bin' /
                         'cloudkitty-processor'),
                     '--config-file', str(conftest.STACK / 'etc' /
                                          'cloudkitty' / 'cloudkitty.conf'),
                     '--config-file', str(debug)],
                    stdout=log, stderr=subprocess.STDOUT,
                    stdin=subprocess.DEVNULL, start_new_session=True))
        yield logs
    finally:
        _stop(*(process.pid for process in started))
        processes.start(processes.UP)


def _rated(log):
    """``{(scope, period)}`` a processor's log says it rated."""
    return set((scope, period) for period, scope in
               RATES.findall(log.read_text(errors='replace')))


def test_two_processors_share_the_scopes_and_rate_each_period_once(
        secrets, admin_cloud, two_processors):
    platform = edu.platform_admin(secrets)
    t0 = month.back_dated(datetime.timedelta(minutes=BACK_DATED),
                          datetime.timedelta(minutes=10))
    school = edu.School(platform, 'twoproc', edu.grant(
        vcpu=8, ram_mb=8192, disk_gb=100, instances=4),
        effective_from=month.iso(t0), reason=REASON)
    # The teachers pay the school from t0 too, on its default plan.
    plan = edu.expect(platform.post('/plans', json={
        'issuer': school.id, 'name': edu.unique('twoproc'),
        'currency': 'EUR', 'rates': month.RATES,
        'effective_from': month.iso(t0)}), 201)['plan']
    edu.expect(platform.put('/plan_assignments', json={
        'issuer': school.id, 'plan_id': plan['id'],
        'effective_from': month.iso(t0)}), 200)
    teachers = [school.add_teacher(label, edu.grant(vcpu=2, ram_mb=2048),
                                   effective_from=month.iso(t0),
                                   reason=REASON)
                for label in ('t1', 't2')]
    scopes = [school.id] + [teacher['id'] for teacher in teachers]
    # The contracts end now: each payer's settlement invoice bills t0 to
    # now at once, what CloudKitty must then rate to the cent.
    for teacher in teachers:
        edu.expect(platform.put('/allocations/teacher/%s' % teacher['id'],
                                json={'grant': edu.grant()}), 200)
    edu.expect(platform.put('/allocations/school/%s' % school.id,
                            json={'grant': edu.grant()}), 200)
    # Rated through the moment the contracts ended: nothing is charged
    # after it, and CloudKitty rates a payer no further once it holds no
    # grant.
    ended = [month.last_change(platform, kind, scope)
             for kind, scope in zip(['school'] + ['teacher'] * 2, scopes)]

    deadline = time.monotonic() + 420
    while time.monotonic() < deadline:
        until = [month.rated_until(admin_cloud, s) for s in scopes]
        if all(u is not None and u >= end for u, end in zip(until, ended)):
            break
        time.sleep(5)
    else:
        pytest.fail('not rated up to %s: %s' % (ended, until))

    first, second = (_rated(log) for log in two_processors)
    # Both rated, and never the same period of the same scope.
    assert first and second, (len(first), len(second))
    assert not first & second, sorted(first & second)[:5]
    # Our payers' periods, all of them, by one processor or the other.
    ours = {pair for pair in first | second if pair[0] in scopes}
    assert {scope for scope, _ in ours} == set(scopes)

    # The money: CloudKitty's copy equals the invoices, to the cent, with
    # no second stored twice.
    end = min(until)
    checked = month.edu_command(
        'edu-rating-check', '--school', school.id,
        '--begin', month.iso(t0 - month.PERIOD), '--end', month.iso(end))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert '0 payer(s) differ' in checked.stdout, checked.stdout
    for payer in scopes:
        stored = month.segments(admin_cloud, payer, t0 - month.PERIOD, end)
        assert 'vcpu' in stored, (payer, stored.keys())
        for resource, spans in stored.items():
            spans.sort()
            assert not [(a, b) for a, b in zip(spans, spans[1:])
                        if b[0] < a[1]], (payer, resource)
