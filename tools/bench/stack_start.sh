#!/bin/bash
# Cold start (empty state and venv -> dashboard answering), warm start
# (state kept, everything stopped -> all answering) and the services' memory.
# Runs a throw-away stack in its own state directory and removes it after.
# The stack on the same ports is stopped first (EDU_STACK_TAKEOVER=1).
set -euo pipefail
TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
export EDU_STACK_DIR=${EDU_BENCH_STACK_DIR:-$(mktemp -d /tmp/edu-bench.XXXXXX)}
export EDU_STACK_TAKEOVER=1
STACK="$TOP/tools/stack.sh"
trap '"$STACK" wipe > /dev/null 2>&1; rm -rf "$EDU_STACK_DIR"' EXIT

seconds() {
    local t0=$SECONDS
    "$@" > "$EDU_STACK_DIR/bench.log" 2>&1 || { tail -20 "$EDU_STACK_DIR/bench.log"; exit 1; }
    echo $((SECONDS - t0))
}

cold=$(seconds "$STACK" up --quiet)
rss=$(python3 - "$EDU_STACK_DIR/pids" <<'PY'
import os, subprocess, sys
rows = subprocess.run(['ps', '-eo', 'pid=,ppid=,rss='], capture_output=True,
                      text=True, check=True).stdout.split('\n')
children, rss = {}, {}
for row in filter(None, rows):
    pid, ppid, kb = map(int, row.split())
    children.setdefault(ppid, []).append(pid)
    rss[pid] = kb
total = 0
for name in os.listdir(sys.argv[1]):
    todo = [int(open(os.path.join(sys.argv[1], name)).read())]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo += children.get(pid, [])
print(total // 1024)
PY
)
"$STACK" down > /dev/null
warm=$(seconds "$STACK" up --quiet)

echo "cold start (empty venv and state -> all answering): ${cold} s"
echo "warm start (state kept -> all answering):          ${warm} s"
echo "memory of the stack's own processes (RSS sum):      ${rss} MB"
echo "(MariaDB and RabbitMQ are counted only when the stack started them.)"
