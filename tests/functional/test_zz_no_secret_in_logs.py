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
"""No secret in the stack's logs, after everything else ran.

Named to run last (pytest runs files in name order): it reads every log
of the stack for the generated passwords (the stack's, the tests' own)
and for every token the run's personas held.
"""

from tests.functional import conftest
from tests.functional import edu


def _tokens():
    found = set()
    for persona in edu.PERSONAS:
        access = getattr(persona.session.auth, 'auth_ref', None)
        if access is not None:
            found.add(access.auth_token)
    return found


def test_no_password_or_token_in_any_log(secrets):
    secret_values = {value for key, value in secrets.items()
                     if value and ('PASSWORD' in key or 'SECRET' in key)}
    # The tests' own users' passwords, and the reset test's new one.
    secret_values |= {edu.School.PASSWORD, 'N3w-' + edu.School.PASSWORD}
    tokens = _tokens()
    assert secret_values and all(len(value) >= 8 for value in secret_values)
    logs = sorted((conftest.STACK / 'logs').glob('*.log'))
    assert logs
    found = []
    for log in logs:
        text = log.read_text(errors='replace')
        found += ['%s: a password or secret' % log.name
                  for value in secret_values if value in text]
        found += ['%s: a token' % log.name for token in tokens
                  if token in text]
    assert found == [], found
