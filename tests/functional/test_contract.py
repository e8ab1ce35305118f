"""schemathesis against the live Education API, as each persona.

The OpenAPI document the package ships drives it: examples, coverage,
fuzzing and the stateful phase (links it infers between operations), as
the platform admin, a school admin, a teacher and a student of a school
made for the run. Every response must conform to the document (status,
content type, headers, schema), none may be a 5xx, and a request the
document declares invalid must not succeed. Bounded by
``EDU_CONTRACT_EXAMPLES`` (examples per operation, default 4); a longer
run is ``EDU_CONTRACT_EXAMPLES=100``.

Left out, each for a reason:

- ``positive_data_acceptance``: a request can be valid by the schema and
  still wrong (an unknown marker, a list without a filter, a grant over
  what the teacher has); those get a 4xx by design.
- ``unsupported_method``: Keystone-style scope paths share templates
  (``PUT /allocations/teacher/{id}`` beside ``GET
  /allocations/{scope_type}/{scope_id}``), so a method schemathesis
  believes undeclared may be served under a sibling path.
- NUL bytes (``--generation-allow-x00 false``): gunicorn refuses a header
  holding one before any application runs.
- One worker: with two threads, hypothesis (describing a strategy's
  lambda) and CPython 3.11's ``ast`` module raced now and then ("AST
  constructor recursion depth mismatch", a runtime error of the run, not a
  finding about the API).
- Nothing is retried: a request left without an answer for 30 s is an
  error. (Probes such as TRACE with a body on a kept-alive connection used
  to wait that long one run in three: gunicorn 26 drained the unread body
  after the answer and swallowed the client's next request with it. The
  stack's WSGI shim now reads small bodies first, tools/stack/wsgi.py.)
- The platform admin changes existing objects of every school, the demo
  school's among them, on this shared stack: its run creates schools and
  plans and reads everything, and the school admin's, teacher's and
  student's runs (confined to their school) exercise the changes.
"""

import os
import re
import subprocess

import pytest

from tests.functional import conftest
from tests.functional import edu

EXAMPLES = os.environ.get('EDU_CONTRACT_EXAMPLES', '4')
DOCUMENT = conftest.TOP / 'edu_rating' / 'management' / 'openapi.json'
EXCLUDED_CHECKS = 'positive_data_acceptance,unsupported_method'
# Operation ids are "METHOD path": reads, and creating schools and plans.
PLATFORM_ONLY = ['--exclude-operation-id-regex',
                 r'^(PATCH|PUT|DELETE) |^POST (?!/schools$|/plans$)']


@pytest.fixture(scope='module')
def world():
    platform = edu.platform_admin(conftest._secrets())
    school = edu.School(platform, 'contract', edu.grant(vcpu=40,
                                                        instances=20))
    teacher = school.add_teacher('t1', edu.grant(vcpu=20, instances=10))
    klass = school.add_class(teacher, edu.grant(vcpu=1, instances=1))
    student = school.enrol(klass, 's1')
    return {'platform admin': platform, 'school admin': school.admin,
            'teacher': teacher['persona'], 'student': student['persona']}


def schools(platform):
    return {s['id'] for s in edu.expect(platform.get(
        '/schools', params={'limit': 1000}), 200)['schools']}


def schemathesis(persona, *extra):
    url = persona.session.get_endpoint(
        service_type='rating', interface='public').rstrip('/') + edu.PREFIX
    done = subprocess.run(
        [str(conftest.STACK / 'venv' / 'bin' / 'st'), 'run', str(DOCUMENT),
         '--url', url, '-H', 'X-Auth-Token: ' + persona.session.get_token(),
         '--checks', 'all', '--exclude-checks', EXCLUDED_CHECKS,
         '--phases', 'examples,coverage,fuzzing,stateful',
         '--max-examples', EXAMPLES, '--seed', '20261204', '--workers', '1',
         '--request-timeout', '30',
         '--generation-allow-x00', 'false',
         '--no-color', '--suppress-health-check',
         'all'] + list(extra),
        capture_output=True, text=True, timeout=1200,
        cwd=str(conftest.TOP / 'test-output'))
    return done.returncode, _findings(done.stdout) + done.stderr[-5000:]


def _findings(output):
    """schemathesis' errors and failures first, then its summary.

    A CI log keeps the start of a long message: what went wrong must come
    before the warnings about operations with no test data.
    """
    sections = re.split(r'\n(?==+ [A-Z]+ =+\n)', output)
    first = [part for part in sections
             if re.match(r'=+ (ERRORS|FAILURES) =+', part)]
    last = [part for part in sections if re.match(r'=+ SUMMARY =+', part)]
    return '\n'.join(part[:8000] for part in first + last) or output[-20000:]


@pytest.mark.parametrize('name', ['school admin', 'teacher', 'student',
                                  'platform admin'])
def test_the_api_keeps_its_contract(world, name):
    os.makedirs(conftest.TOP / 'test-output', exist_ok=True)
    platform = world['platform admin']
    before = schools(platform)
    extra = PLATFORM_ONLY if name == 'platform admin' else []
    try:
        status, output = schemathesis(world[name], *extra)
    finally:
        for school_id in schools(platform) - before:
            edu.CLEANUP.add_school(platform, school_id)
    assert status == 0, output
