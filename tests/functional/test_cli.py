"""`openstack edu ...` as a school secretary would use it, on the stack."""

import json
import os
import subprocess

from tests.functional import conftest
from tests.functional import edu

OPENSTACK = str(conftest.STACK / 'venv' / 'bin' / 'openstack')


def cli(school, *args, ok=True):
    """Run the CLI as the school's admin (a domain-scoped token)."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith('OS_')}
    env.update(OS_AUTH_URL=conftest.KEYSTONE_URL,
               OS_IDENTITY_API_VERSION='3', OS_REGION_NAME='RegionOne',
               OS_USERNAME=school.name + '-admin',
               OS_PASSWORD=school.PASSWORD,
               OS_USER_DOMAIN_NAME=school.name, OS_DOMAIN_NAME=school.name)
    done = subprocess.run([OPENSTACK, 'edu'] + list(args), env=env,
                          capture_output=True, text=True, timeout=120)
    assert (done.returncode == 0) == ok, done.stderr or done.stdout
    return done


def show(school, *args):
    return json.loads(cli(school, *args, '-f', 'json').stdout)


def test_school_admin_runs_their_school_from_the_cli(secrets, tmp_path):
    platform = edu.platform_admin(secrets)
    school = edu.School(platform, 'cli', edu.grant(
        vcpu=8, ram_mb=8192, disk_gb=80, instances=8))

    teacher = show(school, 'teacher', 'create', '--school', school.id,
                   '--password', school.PASSWORD, '--vcpu', '4',
                   '--instances', '4', school.name + '-t1')
    klass = show(school, 'class', 'create', '--teacher', teacher['id'],
                 '--vcpu', '1', '--instances', '1', 'Linux basics')
    roster = tmp_path / 'roster.csv'
    roster.write_text('name,email\n%s-ann,ann@example.org\n%s-ben,\n'
                      % (school.name, school.name))
    imported = show(school, 'student', 'import', '--class',
                    str(klass['id']), str(roster))
    assert sorted(row['Name'] for row in imported) == [
        school.name + '-ann', school.name + '-ben']

    view = show(school, 'allocation', 'show', '--teacher', teacher['id'])
    assert view['delegated']['vcpu'] == 2
    assert view['free']['vcpu'] == 2

    # Over-allocation: the CLI fails and says why, with the numbers.
    refused = cli(school, 'allocation', 'set', '--teacher', teacher['id'],
                  '--vcpu', '9', ok=False)
    assert 'has 8 vCPU' in refused.stderr, refused.stderr

    # Another school is out of reach.
    other = edu.School(platform, 'cli-other', edu.grant())
    denied = cli(school, 'allocation', 'show', '--school', other.id,
                 ok=False)
    assert 'You are not allowed' in denied.stderr, denied.stderr
