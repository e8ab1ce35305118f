#!/bin/bash
# Lint, unit and functional tests with the stack's venv (tools/stack.sh test
# brings the stack up first). Prints one summary line and exits non-zero
# when anything failed.
set -uo pipefail
TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VENV=${1:-$TOP/.stack/venv}
cd "$TOP" || exit 1
passed=0
failed=0
rc=0
LOG=$(mktemp)

step() {
    printf '\n=== %s\n' "$1"
}

# count_pytest: add "N passed" / "N failed|error" from a pytest summary.
count_pytest() {
    local p f e
    # Only pytest's own closing line: a test's output may hold "1 error".
    local last
    last=$(grep -E '^(=+ )?[0-9]+ (passed|failed|errors?)' "$LOG" | tail -1)
    p=$(grep -Eo '[0-9]+ passed' <<< "$last" | cut -d' ' -f1)
    f=$(grep -Eo '[0-9]+ failed' <<< "$last" | cut -d' ' -f1)
    e=$(grep -Eo '[0-9]+ errors?' <<< "$last" | cut -d' ' -f1)
    passed=$((passed + ${p:-0}))
    failed=$((failed + ${f:-0} + ${e:-0}))
}

step "pep8: flake8 and bashate"
if "$VENV/bin/flake8" && "$VENV/bin/bashate" -v -iE006 devstack/plugin.sh \
        devstack/settings devstack/override-defaults tools/stack.sh tools/stack/*.sh tools/run-tests.sh \
        $(grep -sl '^#!/bin/bash' tools/bench/*) tools/peer-tests .ci/run > "$LOG" 2>&1; then
    passed=$((passed + 1))
else
    cat "$LOG"
    failed=$((failed + 1))
fi

step "unit tests: edu_rating (stestr)"
"$VENV/bin/stestr" run 2>&1 | tee "$LOG"
[ "${PIPESTATUS[0]}" = 0 ] || rc=1
p=$(grep -Eo 'Passed: [0-9]+' "$LOG" | tail -1 | cut -d' ' -f2)
f=$(grep -Eo 'Failed: [0-9]+' "$LOG" | tail -1 | cut -d' ' -f2)
passed=$((passed + ${p:-0}))
failed=$((failed + ${f:-0}))

step "unit tests: edu_dashboard (pytest-django)"
"$VENV/bin/pytest" -q -p no:cacheprovider -p no:warnings edu_dashboard/tests 2>&1 | tee "$LOG"
[ "${PIPESTATUS[0]}" = 0 ] || rc=1
count_pytest

step "functional tests against the running stack"
# The slowest tests are named at the end, to keep CI's time in view.
"$VENV/bin/pytest" -q -p no:cacheprovider -p no:warnings --durations=15 \
    tests/functional 2>&1 | tee "$LOG"
[ "${PIPESTATUS[0]}" = 0 ] || rc=1
count_pytest

rm -f "$LOG"
[ "$failed" = 0 ] || rc=1
echo
echo "tests: $passed passed, $failed failed"
exit $rc
