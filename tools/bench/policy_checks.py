"""CPU per policy check: oslo.policy's own evaluation against ours.

    .stack/venv/bin/python tools/bench/policy_checks.py [--rounds N]

Evaluates the rules of a teacher's grant change (the route's own rule and
the verdict rules it asks about) with the module's policy defaults, first
through oslo.policy's ``_checks._check`` (which inspects each check's
signature on every call), then through the one the Education API installs
(edu_rating/management/controllers/argspec.py), and prints the CPU time
per rule evaluated. No stack needed.
"""

import argparse
import time

from oslo_config import cfg
from oslo_context import context
from oslo_policy import _checks

OSLO_POLICY_CHECK = _checks._check

from edu_rating.management.controllers import argspec  # noqa: E402
from edu_rating import policy  # noqa: E402

RULES = ('edu:allocation:enrolment:set', 'edu:allocation:get',
         'edu:allocation:force', 'edu:allocation:backdate')
TEACHER = context.RequestContext(user_id='teacher', project_id='t-project',
                                 project_domain_id='school',
                                 roles=['member', 'manager'])
STUDENT = {'domain_id': 'school', 'teacher_project_id': 't-project',
           'project_id': 's-project'}


def per_check(rounds):
    started = time.process_time()
    for _ in range(rounds):
        for rule in RULES:
            policy.check(TEACHER, rule, STUDENT)
    return (time.process_time() - started) / (rounds * len(RULES))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--rounds', type=int, default=3000)
    args = parser.parse_args()
    cfg.CONF([], project='cloudkitty', default_config_files=[])
    policy.init(cfg.CONF)
    verdicts = {}
    for name, check in (('oslo.policy', OSLO_POLICY_CHECK),
                        ('remembered', argspec.policy_check)):
        _checks._check = check
        verdicts[name] = [policy.check(TEACHER, rule, STUDENT)
                          for rule in RULES]
        per_check(100)  # warm
        print('%-12s %7.1f us CPU per rule evaluated'
              % (name, per_check(args.rounds) * 1e6))
    assert verdicts['oslo.policy'] == verdicts['remembered'], verdicts
    print('same verdicts: %s' % dict(zip(RULES, verdicts['remembered'])))


if __name__ == '__main__':
    main()
