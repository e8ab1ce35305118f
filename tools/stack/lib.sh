#!/bin/bash
# Helpers shared by tools/stack.sh: logging, background services, waiting.

say() {
    printf '[stack %s] %s\n' "$(date -u +%H:%M:%S)" "$*"
}

die() {
    printf '[stack] ERROR: %s\n' "$*" >&2
    exit 1
}

# pid_alive PIDFILE: true when the process recorded in PIDFILE runs.
pid_alive() {
    local pid
    [ -s "$1" ] || return 1
    pid=$(cat "$1")
    kill -0 "$pid" 2>/dev/null
}

svc_running() {
    pid_alive "$PIDS/$1.pid"
}

# svc_start NAME CMD...: start CMD in its own session, log to $LOGS/NAME.log.
# The inner shell records its own PID and then execs CMD, so the PID file
# names the service itself, never a wrapper.
svc_start() {
    local name=$1
    shift
    if svc_running "$name"; then
        return 0
    fi
    # Tests read a log from its last start marker on.
    echo "=== edu-stack: $name started $(date -u +%FT%TZ) ===" >> "$LOGS/$name.log"
    setsid bash -c 'echo $$ > "$0"; exec "$@"' "$PIDS/$name.pid" "$@" \
        >> "$LOGS/$name.log" 2>&1 < /dev/null &
}

# gunicorn_start NAME PORT MODULE [ARGS]: serve an OpenStack WSGI module.
# Keep-alive outlasts the clients' idle time: with gunicorn's default 2 s, a
# connection openstacksdk reuses while polling a server every 2 s may be
# closed under it (RemoteDisconnected).
gunicorn_start() {
    local name=$1 port=$2 module=$3 args=${4:-}
    if svc_running "$name"; then
        return 0
    fi
    EDU_WSGI_MODULE=$module EDU_WSGI_ARGS=$args EDU_WSGI_PROG=$name \
        svc_start "$name" "$VENV/bin/gunicorn" --name "$name" \
        --workers "${EDU_GUNICORN_WORKERS:-1}" --threads 8 \
        --worker-class gthread --timeout 300 --graceful-timeout 5 --keep-alive 75 \
        --access-logfile "$LOGS/$name-access.log" \
        --access-logformat '%(h)s "%(r)s" %(s)s %(b)s %(M)sms' \
        --bind "127.0.0.1:$port" --pythonpath "$TOP/tools/stack" wsgi:application
}

# stop_pidfile FILE: TERM the process, then KILL it after 30 s.
stop_pidfile() {
    local f=$1 pid i
    pid_alive "$f" || { rm -f "$f"; return 0; }
    pid=$(cat "$f")
    kill "$pid" 2>/dev/null || true
    for i in $(seq 1 60); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.5
    done
    kill -9 "$pid" 2>/dev/null || true
    rm -f "$f"
}

# http_code URL: the status of a GET, 000 when nothing answered in 5 s.
http_code() {
    curl -s -m 5 -o /dev/null -w '%{http_code}' "$1" 2>/dev/null || true
}

# wait_http NAME URL SECONDS: wait until URL answers below 500.
wait_http() {
    local name=$1 url=$2 limit=$3 start code
    start=$(date +%s)
    while :; do
        code=$(http_code "$url")
        case $code in
            2*|3*|4*) return 0 ;;
        esac
        if [ $(( $(date +%s) - start )) -ge "$limit" ]; then
            tail -n 30 "$LOGS/$name.log" >&2 2>/dev/null
            die "$name did not answer at $url within ${limit}s (last status $code); log: $LOGS/$name.log"
        fi
        if [ -f "$PIDS/$name.pid" ] && ! svc_running "$name"; then
            tail -n 30 "$LOGS/$name.log" >&2 2>/dev/null
            die "$name exited while starting; log: $LOGS/$name.log"
        fi
        sleep 1
    done
}

# tcp_open PORT: true when something listens on 127.0.0.1:PORT.
tcp_open() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

wait_tcp() {
    local name=$1 port=$2 limit=$3 i
    for i in $(seq 1 "$limit"); do
        tcp_open "$port" && return 0
        sleep 1
    done
    die "$name did not listen on 127.0.0.1:$port within ${limit}s"
}

apt_install() {
    say "installing Debian packages: $*"
    if [ ! -f "$STACK/.apt-updated" ]; then
        apt-get update -qq || die "apt-get update failed"
        touch "$STACK/.apt-updated"
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
        --no-install-recommends "$@" > "$LOGS/apt.log" 2>&1 \
        || die "apt-get install $* failed; see $LOGS/apt.log"
}
