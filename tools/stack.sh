#!/bin/bash
# The local Edu Cloud: real OpenStack 2026.2 from PyPI on 127.0.0.1 (Keystone,
# Placement, Glance, Neutron API, Nova with the fake driver, CloudKitty with
# the edu module, Horizon with our dashboard) over MariaDB, RabbitMQ and
# InfluxDB, seeded with a demo. All state lives in $EDU_STACK_DIR.
#
#   tools/stack.sh up       bring everything up (installs what is missing)
#   tools/stack.sh test     lint, unit and functional tests (brings it up)
#   tools/stack.sh status   what runs, what answers
#   tools/stack.sh logs [SERVICE]   where the logs are / follow one
#   tools/stack.sh restart [SERVICE...]   pick up code changes (default:
#                           CloudKitty and Horizon, which import ours)
#   tools/stack.sh down     stop every service this stack started
#   tools/stack.sh wipe     down, then drop its databases and its state
set -euo pipefail

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
STACK=${EDU_STACK_DIR:-$TOP/.stack}
mkdir -p "$STACK"
STACK=$(cd "$STACK" && pwd)
VENV=$STACK/venv
ETC=$STACK/etc
DATA=$STACK/data
LOGS=$STACK/logs
PIDS=$STACK/pids
OWNER_FILE=/tmp/edu-stack.owner
HORIZON_PORT=${EDU_HORIZON_PORT:-8080}
DASHBOARD_URL=http://127.0.0.1:$HORIZON_PORT/
RABBIT_URL=${EDU_RABBIT_URL:-rabbit://guest:guest@127.0.0.1:5672/}
# The personas' Keystone roles, written to CloudKitty's [edu] *_role (which
# the policy's persona rules follow) and to Horizon's EDU_*_ROLE; the seed
# creates them in Keystone. Same variables as the devstack plugin.
export EDU_SCHOOL_ADMIN_ROLE=${EDU_SCHOOL_ADMIN_ROLE:-manager}
export EDU_TEACHER_ROLE=${EDU_TEACHER_ROLE:-manager}
export EDU_STUDENT_ROLE=${EDU_STUDENT_ROLE:-member}
# Databases are named after the state directory, so that two checkouts
# sharing one MariaDB never share a database.
STACK_ID=$(printf '%s' "$STACK" | sha1sum | cut -c1-8)
DB_PREFIX=edu_${STACK_ID}_
DB_USER=edu_$STACK_ID
DATABASES="keystone placement glance neutron nova_api nova_cell0 nova cloudkitty"

# shellcheck source=tools/stack/lib.sh
source "$TOP/tools/stack/lib.sh"
# shellcheck source=tools/stack/infra.sh
source "$TOP/tools/stack/infra.sh"
# shellcheck source=tools/stack/configure.sh
source "$TOP/tools/stack/configure.sh"

OPENSTACK_PACKAGES="keystone==30.0.0 openstack-placement==16.0.0 nova==34.0.0
    glance==33.0.0 neutron==29.0.0 cloudkitty==25.0.0 horizon==27.0.0
    cloudkitty-dashboard python-openstackclient python-cloudkittyclient gunicorn mysqlclient PyMySQL whitenoise
    pyroute2 influxdb redis"
# API services: name, port, WSGI module, the URL that answers when ready.
APIS="keystone:5000:keystone.wsgi.api:/v3
placement:8778:placement.wsgi.api:/
glance:9292:glance.wsgi.api:/versions
neutron:9696:neutron.wsgi.api:/
nova-api:8774:nova.wsgi.osapi_compute:/
cloudkitty-api:8889:cloudkitty.wsgi.api:/
horizon:$HORIZON_PORT:openstack_dashboard.wsgi:/auth/login/"
DAEMONS="nova-conductor nova-scheduler nova-compute cloudkitty-processor edu-invoices edu-usage edu-reconcile edu-lifecycle"

load_secrets() {
    local f=$STACK/secrets.env
    if [ ! -f "$f" ]; then
        umask 077
        {
            for v in ADMIN_PASSWORD SERVICE_PASSWORD DEMO_PASSWORD DB_PASSWORD \
                    HORIZON_SECRET; do
                echo "$v=$(python3 -c 'import secrets; print(secrets.token_hex(12))')"
            done
        } > "$f"
        umask 022
    fi
    # shellcheck disable=SC1090
    source "$f"
    export ADMIN_PASSWORD SERVICE_PASSWORD DEMO_PASSWORD
}

venv_wanted() {
    cat "$TOP/constraints.txt" "$TOP/requirements.txt" "$TOP/test-requirements.txt"
    echo "$OPENSTACK_PACKAGES"
}

# ensure_host_tools: what a bare Debian may lack to run this script.
ensure_host_tools() {
    command -v curl > /dev/null || apt_install curl ca-certificates
    python3 -c 'import ensurepip, venv' 2> /dev/null \
        || apt_install python3-venv python3-dev gcc
    # WeasyPrint (invoice PDFs) lays out with Pango and subsets fonts with
    # HarfBuzz (fontTools takes 8 s per CJK PDF); Chinese names need a CJK
    # font.
    # (Captured first: grep -q closing a pipe early fails it under
    # pipefail.)
    local libs fonts
    libs=$(ldconfig -p 2> /dev/null)
    fonts=$(fc-list 2> /dev/null)
    if [[ $libs != *libpangoft2-1.0* || $libs != *libharfbuzz-subset* \
            || $fonts != *'Noto Sans CJK'* ]]; then
        apt_install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
            fontconfig fonts-noto-cjk
    fi
    # mysqlclient (every service's database driver) builds against
    # MariaDB's client library.
    pkg-config --exists libmariadb 2> /dev/null \
        || apt_install libmariadb-dev pkg-config gcc
}

ensure_venv() {
    local want
    want=$(venv_wanted | sha1sum | cut -c1-16)
    if [ "$(cat "$VENV/.edu-installed" 2>/dev/null)" != "$want" ]; then
        say "installing OpenStack 2026.2 into $VENV (about 2 minutes)"
        [ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
        "$VENV/bin/pip" install -q -U pip wheel setuptools > "$LOGS/pip.log" 2>&1
        # shellcheck disable=SC2086
        "$VENV/bin/pip" install -c "$TOP/constraints.txt" $OPENSTACK_PACKAGES \
            -r "$TOP/requirements.txt" -r "$TOP/test-requirements.txt" >> "$LOGS/pip.log" 2>&1 \
            || die "pip install failed; see $LOGS/pip.log"
        echo "$want" > "$VENV/.edu-installed"
    fi
    # Our package, from this checkout, into the same venv (CloudKitty and
    # Horizon both import it from here).
    if [ "$("$VENV/bin/python" -c 'import edu_rating, os; print(os.path.dirname(os.path.dirname(edu_rating.__file__)))' 2>/dev/null)" != "$TOP" ] \
            || [ "$(cat "$VENV/.edu-setup" 2>/dev/null)" != "$(sha1sum < "$TOP/setup.cfg")" ]; then
        "$VENV/bin/pip" install -q --no-deps -c "$TOP/constraints.txt" -e "$TOP" \
            >> "$LOGS/pip.log" 2>&1 || die "installing edu-cloud failed; see $LOGS/pip.log"
        sha1sum < "$TOP/setup.cfg" > "$VENV/.edu-setup"
    fi
}

# quietly NAME CMD...: run a set-up step, its output in $LOGS/setup.log.
quietly() {
    local name=$1
    shift
    echo "=== $name $(date -u +%FT%TZ)" >> "$LOGS/setup.log"
    if ! "$@" >> "$LOGS/setup.log" 2>&1; then
        tail -n 30 "$LOGS/setup.log" >&2
        die "step '$name' failed; see $LOGS/setup.log"
    fi
}

# once NAME CMD...: run CMD unless it already succeeded for this state.
once() {
    local marker=$DATA/done/$1
    [ -f "$marker" ] && return 0
    quietly "$@"
    mkdir -p "$DATA/done"
    touch "$marker"
}

# when_changed NAME KEY CMD...: run CMD when KEY differs from the last run.
when_changed() {
    local marker=$DATA/done/$1 key=$2 name=$1
    shift 2
    [ "$(cat "$marker" 2>/dev/null)" = "$key" ] && return 0
    quietly "$name" "$@"
    mkdir -p "$DATA/done"
    echo "$key" > "$marker"
}

tree_hash() {
    find "$@" -type f ! -name '*.pyc' -print0 | sort -z | xargs -0 sha1sum | sha1sum | cut -c1-16
}

init_keystone() {
    local conf=(--config-file "$ETC/keystone/keystone.conf")
    mkdir -p "$DATA/keystone"
    "$VENV/bin/keystone-manage" "${conf[@]}" db_sync
    "$VENV/bin/keystone-manage" "${conf[@]}" fernet_setup --keystone-user root --keystone-group root
    "$VENV/bin/keystone-manage" "${conf[@]}" credential_setup --keystone-user root --keystone-group root
    "$VENV/bin/keystone-manage" "${conf[@]}" --config-file "$ETC/keystone/bootstrap.conf" \
        bootstrap --bootstrap-password "$ADMIN_PASSWORD" \
        --bootstrap-region-id RegionOne \
        --bootstrap-admin-url "$KEYSTONE_URL" --bootstrap-public-url "$KEYSTONE_URL" \
        --bootstrap-internal-url "$KEYSTONE_URL"
}

sync_nova() {
    local conf=(--config-file "$ETC/nova/nova.conf")
    "$VENV/bin/nova-manage" "${conf[@]}" api_db sync
    "$VENV/bin/nova-manage" "${conf[@]}" cell_v2 map_cell0 --database_connection "$(db_url nova_cell0)"
    "$VENV/bin/nova-manage" "${conf[@]}" db sync
    "$VENV/bin/nova-manage" "${conf[@]}" cell_v2 list_cells | grep -q ' cell1 ' \
        || "$VENV/bin/nova-manage" "${conf[@]}" cell_v2 create_cell --name cell1
}

# Nova keeps its cells' database URLs in its API database, as they were
# when the cells were mapped: point them at what db_url gives now (a stack
# made before the stack moved to mysqlclient still had PyMySQL's).
point_nova_cells() {
    local conf=(--config-file "$ETC/nova/nova.conf") cell1
    cell1=$("$VENV/bin/nova-manage" "${conf[@]}" cell_v2 list_cells \
        | awk '$2 == "cell1" {print $4}')
    "$VENV/bin/nova-manage" "${conf[@]}" cell_v2 update_cell \
        --cell_uuid 00000000-0000-0000-0000-000000000000 \
        --transport-url none:/// --database_connection "$(db_url nova_cell0)"
    "$VENV/bin/nova-manage" "${conf[@]}" cell_v2 update_cell \
        --cell_uuid "$cell1" --database_connection "$(db_url nova)"
}

sync_databases() {
    local ck=(--config-file "$ETC/cloudkitty/cloudkitty.conf")
    once placement-db "$VENV/bin/placement-manage" --config-file "$ETC/placement/placement.conf" db sync
    once glance-db "$VENV/bin/glance-manage" --config-dir "$ETC/glance" \
        --config-file "$ETC/glance/glance-api.conf" db_sync
    once neutron-db "$VENV/bin/neutron-db-manage" --config-file "$ETC/neutron/neutron.conf" \
        --config-file "$ETC/neutron/plugins/ml2/ml2_conf.ini" upgrade heads
    once nova-db sync_nova
    when_changed nova-cells "$(db_url nova | sha1sum | cut -c1-16)" point_nova_cells
    once cloudkitty-db "$VENV/bin/cloudkitty-dbsync" "${ck[@]}" upgrade
    once influx-db curl -sf -m 10 -XPOST http://127.0.0.1:8086/query \
        --data-urlencode "q=CREATE DATABASE ${DB_PREFIX}cloudkitty" -o /dev/null
    once cloudkitty-storage "$VENV/bin/cloudkitty-storage-init" "${ck[@]}"
    # Our own migrations change with the code: run them when they do.
    when_changed edu-db "$(tree_hash "$TOP/edu_rating/db")" \
        "$VENV/bin/cloudkitty-dbsync" "${ck[@]}" upgrade --module edu
}

build_horizon_static() {
    DJANGO_SETTINGS_MODULE=openstack_dashboard.settings \
        "$VENV/bin/django-admin" collectstatic --noinput -v0 \
        && DJANGO_SETTINGS_MODULE=openstack_dashboard.settings \
            "$VENV/bin/django-admin" compress --force -v0
}

# The Horizon, openstack_auth and cloudkitty-dashboard wheels ship their
# django.po catalogues but no django.mo (devstack compiles them when it
# installs Horizon): compiled here, Horizon's own pages speak Chinese too.
compile_horizon_catalogues() {
    local package dir domain
    for package in horizon openstack_dashboard openstack_auth cloudkittydashboard; do
        dir=$("$VENV/bin/python" -c "import os, $package; print(os.path.join(os.path.dirname($package.__file__), 'locale'))")
        for domain in django djangojs; do
            compgen -G "$dir/*/LC_MESSAGES/$domain.po" > /dev/null || continue
            # Babel refuses a few upstream catalogues (ar: "placeholders are
            # incompatible") and compiles the others; ours must compile.
            "$VENV/bin/pybabel" -q compile -d "$dir" -D "$domain" || true
            if [ -f "$dir/zh_Hans/LC_MESSAGES/$domain.po" ] && \
                    [ ! -f "$dir/zh_Hans/LC_MESSAGES/$domain.mo" ]; then
                echo "zh_Hans $domain catalogue of $package did not compile"
                return 1
            fi
        done
    done
}

api_field() {
    echo "$1" | cut -d: -f"$2"
}

start_api() {
    local name=$1 port=$2 module=$3
    if ! svc_running "$name" && tcp_open "$port"; then
        die "port $port is taken by another program; $name cannot start (see: ss -ltnp 'sport = :$port')"
    fi
    case $name in
        keystone)
            OS_KEYSTONE_CONFIG_DIR=$ETC/keystone EDU_WSGI_KEYSTONE_POLICY=1 \
            gunicorn_start "$name" "$port" "$module" ;;
        placement) OS_PLACEMENT_CONFIG_DIR=$ETC/placement gunicorn_start "$name" "$port" "$module" ;;
        glance) OS_GLANCE_CONFIG_DIR=$ETC/glance gunicorn_start "$name" "$port" "$module" ;;
        neutron)
            OS_NEUTRON_CONFIG_DIR=$ETC/neutron \
            OS_NEUTRON_CONFIG_FILES='neutron.conf;plugins/ml2/ml2_conf.ini' \
            EDU_WSGI_CONFIGURE_MAPPERS=1 gunicorn_start "$name" "$port" "$module" ;;
        nova-api) OS_NOVA_CONFIG_DIR=$ETC/nova gunicorn_start "$name" "$port" "$module" ;;
        cloudkitty-api)
            # One worker is one core at most (the GIL): the Education API
            # is the busiest process of a rush hour (tools/bench/load).
            EDU_GUNICORN_WORKERS=${EDU_API_WORKERS:-2} \
            gunicorn_start "$name" "$port" "$module" "--config-file $ETC/cloudkitty/cloudkitty.conf" ;;
        horizon)
            DJANGO_SETTINGS_MODULE=openstack_dashboard.settings \
            EDU_WSGI_STATIC_ROOT=$DATA/horizon/static \
            EDU_GUNICORN_WORKERS=2 gunicorn_start "$name" "$port" "$module" ;;
    esac
}

start_daemon() {
    case $1 in
        nova-*) svc_start "$1" "$VENV/bin/$1" --config-file "$ETC/nova/nova.conf" ;;
        cloudkitty-processor)
            svc_start "$1" "$VENV/bin/$1" --config-file "$ETC/cloudkitty/cloudkitty.conf" ;;
        # The period-end job: bills each payer's ended months, every 5 min.
        edu-invoices)
            svc_start "$1" "$VENV/bin/$1" --config-file "$ETC/cloudkitty/cloudkitty.conf" \
                --loop 300 ;;
        # What every managed project uses, for the pages: swept every
        # minute, and measured again after Nova's notifications.
        edu-usage)
            svc_start "$1" "$VENV/bin/$1" --config-file "$ETC/cloudkitty/cloudkitty.conf" \
                --loop 60 --listen ;;
        # The ledger against Keystone: repairs drift, every EDU_RECONCILE_LOOP s
        # (0: not started; the tests that make drift on purpose run so).
        edu-reconcile)
            [ "${EDU_RECONCILE_LOOP:-300}" != 0 ] || return 0
            svc_start "$1" "$VENV/bin/$1" --config-file "$ETC/cloudkitty/cloudkitty.conf" \
                --loop "${EDU_RECONCILE_LOOP:-300}" ;;
        # Classes at their end: machines shelved, then archived, every 5 min.
        edu-lifecycle)
            svc_start "$1" "$VENV/bin/$1" --config-file "$ETC/cloudkitty/cloudkitty.conf" \
                --loop "${EDU_LIFECYCLE_LOOP:-300}" ;;
    esac
}

wait_compute() {
    local i
    for i in $(seq 1 90); do
        if "$VENV/bin/nova-manage" --config-file "$ETC/nova/nova.conf" cell_v2 discover_hosts \
                > /dev/null 2>&1 \
                && OS_CLIENT_CONFIG_FILE=$STACK/clouds.yaml "$VENV/bin/openstack" \
                    --os-cloud edu-admin compute service list --service nova-compute \
                    -f value -c State 2>/dev/null | grep -q '^up$'; then
            return 0
        fi
        sleep 2
    done
    die "nova-compute did not come up; log: $LOGS/nova-compute.log"
}

claim_ports() {
    local other
    other=$(cat "$OWNER_FILE" 2>/dev/null || true)
    if [ -n "$other" ] && [ "$other" != "$STACK" ] && ls "$other"/pids/*.pid > /dev/null 2>&1; then
        if [ "${EDU_STACK_TAKEOVER:-0}" = 1 ]; then
            say "stopping the stack of $other (EDU_STACK_TAKEOVER=1)"
            stop_services "$other/pids"
        else
            die "another Edu stack runs from $other; stop it with 'EDU_STACK_DIR=$other tools/stack.sh down' or set EDU_STACK_TAKEOVER=1"
        fi
    fi
    echo "$STACK" > "$OWNER_FILE"
}

cmd_up() {
    local t0 entry
    t0=$(date +%s)
    mkdir -p "$ETC" "$DATA/locks" "$LOGS" "$PIDS"
    load_secrets
    claim_ports
    ensure_host_tools
    ensure_venv
    ensure_mariadb
    ensure_rabbitmq
    ensure_influxdb
    ensure_redis
    write_configs
    once keystone-init init_keystone
    start_api keystone 5000 keystone.wsgi.api
    wait_http keystone http://127.0.0.1:5000/v3 120
    export OS_CLIENT_CONFIG_FILE=$STACK/clouds.yaml
    once keystone-seed-2 "$VENV/bin/python" "$TOP/tools/stack/seed.py" base
    sync_databases
    say "preparing the databases and Horizon's static files"
    when_changed horizon-catalogues "$(tree_hash "$VENV/.edu-installed")" \
        compile_horizon_catalogues
    when_changed horizon-static "$(tree_hash "$TOP/edu_dashboard" "$VENV/.edu-installed")" \
        build_horizon_static
    say "starting the services"
    while IFS= read -r entry; do
        start_api "$(api_field "$entry" 1)" "$(api_field "$entry" 2)" "$(api_field "$entry" 3)"
    done <<< "$APIS"
    for entry in $DAEMONS; do
        start_daemon "$entry"
    done
    while IFS= read -r entry; do
        wait_http "$(api_field "$entry" 1)" \
            "http://127.0.0.1:$(api_field "$entry" 2)$(api_field "$entry" 4)" 180
    done <<< "$APIS"
    wait_compute
    if [ ! -f "$DATA/demo.json" ]; then
        say "seeding the demo"
        head -c 1048576 /dev/zero > "$DATA/lab-image.raw"
        quietly seed-demo "$VENV/bin/python" "$TOP/tools/stack/seed.py" demo \
            "$DATA/lab-image.raw" "$DATA/demo.json.tmp"
        mv "$DATA/demo.json.tmp" "$DATA/demo.json"
    fi
    say "up in $(( $(date +%s) - t0 )) s"
    [ "${1:-}" = "--quiet" ] || print_logins
}

print_logins() {
    "$VENV/bin/python" - "$DATA/demo.json" "$DASHBOARD_URL" "$ADMIN_PASSWORD" "$STACK" <<'PY'
import json, sys
demo = json.load(open(sys.argv[1]))
print('\nEdu Cloud is up. Dashboard: %s' % sys.argv[2])
print('  platform admin: user admin, domain Default, password %s' % sys.argv[3])
print('  demo users (password %s):' % demo['password'])
for login in demo['logins']:
    print('    %-14s domain %-9s %s' % (login['username'], login['domain'],
                                       login['persona']))
print('CLI: export OS_CLIENT_CONFIG_FILE=%s/clouds.yaml OS_CLOUD=edu-admin' % sys.argv[4])
PY
}

# stop_services PIDDIR: stop what a stack started, dashboards first,
# databases last.
stop_services() {
    local dir=$1 name
    for name in horizon edu-lifecycle edu-reconcile edu-usage edu-invoices cloudkitty-processor cloudkitty-api nova-compute nova-scheduler \
            nova-conductor nova-api neutron glance placement keystone redis influxdb \
            rabbitmq mariadb; do
        stop_pidfile "$dir/$name.pid"
    done
}

cmd_down() {
    stop_services "$PIDS"
    if [ "$(cat "$OWNER_FILE" 2>/dev/null)" = "$STACK" ]; then
        rm -f "$OWNER_FILE"
    fi
    say "stopped"
}

cmd_status() {
    local entry name code rc=0
    while IFS= read -r entry; do
        name=$(api_field "$entry" 1)
        code=$(http_code "http://127.0.0.1:$(api_field "$entry" 2)$(api_field "$entry" 4)")
        printf '%-22s %-8s http %s\n' "$name" \
            "$(svc_running "$name" && echo running || echo stopped)" "$code"
        case $code in 2*|3*|4*) ;; *) rc=1 ;; esac
    done <<< "$APIS"
    for name in $DAEMONS redis influxdb rabbitmq mariadb; do
        if svc_running "$name"; then
            printf '%-22s running\n' "$name"
        elif [ "$name" = "${name#nova-}" ] && [ "$name" = "${name#cloudkitty-}" ] \
                && [ "$name" = "${name#edu-}" ]; then
            printf '%-22s not ours (shared or absent)\n' "$name"
        else
            printf '%-22s stopped\n' "$name"
            rc=1
        fi
    done
    return $rc
}

cmd_logs() {
    if [ -n "${1:-}" ]; then
        exec tail -n 100 -F "$LOGS/$1.log"
    fi
    echo "Logs of each service are in $LOGS:"
    ls -1 "$LOGS"
}

cmd_wipe() {
    cmd_down
    load_secrets
    drop_databases
    rm -rf "$DATA" "$ETC" "$PIDS" "$LOGS" "$STACK/secrets.env" "$STACK/clouds.yaml"
    say "wiped the state in $STACK (the venv is kept; remove $VENV to reinstall)"
}

cmd_restart() {
    local name
    for name in ${*:-cloudkitty-api cloudkitty-processor edu-invoices edu-usage edu-reconcile edu-lifecycle horizon}; do
        stop_pidfile "$PIDS/$name.pid"
    done
    cmd_up --quiet
}

# The browser tests drive Debian's Chromium through its ChromeDriver.
ensure_browser() {
    if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
        apt_install chromium chromium-driver
    fi
}

cmd_test() {
    cmd_up --quiet
    ensure_browser
    EDU_STACK_DIR=$STACK exec "$TOP/tools/run-tests.sh" "$VENV"
}

case ${1:-} in
    up) shift; cmd_up "$@" ;;
    down) cmd_down ;;
    restart) shift; cmd_restart "$@" ;;
    status) cmd_status ;;
    logs) shift; cmd_logs "$@" ;;
    wipe) cmd_wipe ;;
    test) cmd_test ;;
    *) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
