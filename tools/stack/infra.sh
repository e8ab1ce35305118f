#!/bin/bash
# MariaDB, RabbitMQ and InfluxDB: use the ones already listening on
# 127.0.0.1, else install them from Debian and run private instances whose
# data lives under $DATA.

# db_admin SQL: run SQL as a MariaDB administrator.
db_admin() {
    if [ -n "${EDU_DB_ADMIN_ARGS:-}" ]; then
        # shellcheck disable=SC2086
        mariadb $EDU_DB_ADMIN_ARGS -N -e "$1"
    elif [ -S "$DATA/mysql/mysqld.sock" ]; then
        mariadb -uroot --socket="$DATA/mysql/mysqld.sock" -N -e "$1"
    elif mariadb -uroot -N -e 'SELECT 1' > /dev/null 2>&1; then
        mariadb -uroot -N -e "$1"
    else
        mariadb -h127.0.0.1 -uroot -N -e "$1"
    fi
}

start_own_mariadb() {
    command -v mariadbd > /dev/null || apt_install mariadb-server mariadb-client
    mkdir -p "$DATA/mysql"
    cat > "$DATA/mysql/my.cnf" <<CNF
[mysqld]
datadir = $DATA/mysql/data
socket = $DATA/mysql/mysqld.sock
pid-file = $DATA/mysql/mysqld.pid
bind-address = 127.0.0.1
port = 3306
user = root
skip-name-resolve
max_connections = 500
innodb_buffer_pool_size = 128M
innodb_flush_log_at_trx_commit = 2
character-set-server = utf8mb4
collation-server = utf8mb4_general_ci
CNF
    if [ ! -d "$DATA/mysql/data/mysql" ]; then
        say "initialising a private MariaDB in $DATA/mysql"
        mariadb-install-db --defaults-file="$DATA/mysql/my.cnf" --user=root \
            --auth-root-authentication-method=socket > "$LOGS/mariadb-init.log" 2>&1 \
            || die "mariadb-install-db failed; see $LOGS/mariadb-init.log"
    fi
    svc_start mariadb mariadbd --defaults-file="$DATA/mysql/my.cnf"
    wait_tcp mariadb 3306 60
}

ensure_mariadb() {
    if tcp_open 3306; then
        svc_running mariadb || say "using the MariaDB already listening on 127.0.0.1:3306"
    else
        start_own_mariadb
    fi
    db_admin 'SELECT 1' > /dev/null \
        || die "cannot administer MariaDB on 127.0.0.1:3306; set EDU_DB_ADMIN_ARGS (e.g. '-h127.0.0.1 -uroot -pPASSWORD')"
    local user="'$DB_USER'@'127.0.0.1'"
    db_admin "CREATE USER IF NOT EXISTS $user IDENTIFIED BY '$DB_PASSWORD';"
    db_admin "ALTER USER $user IDENTIFIED BY '$DB_PASSWORD';"
    db_admin "GRANT ALL PRIVILEGES ON \`${DB_PREFIX//_/\\_}%\`.* TO $user;"
    local db
    for db in $DATABASES; do
        db_admin "CREATE DATABASE IF NOT EXISTS \`$DB_PREFIX$db\` CHARACTER SET utf8mb4;"
    done
}

drop_databases() {
    local db
    tcp_open 3306 || return 0
    for db in $DATABASES; do
        db_admin "DROP DATABASE IF EXISTS \`$DB_PREFIX$db\`;" || true
    done
    db_admin "DROP USER IF EXISTS '$DB_USER'@'127.0.0.1';" || true
}

start_own_rabbitmq() {
    command -v rabbitmq-server > /dev/null || apt_install rabbitmq-server
    mkdir -p "$DATA/rabbitmq"
    cat > "$DATA/rabbitmq/rabbitmq.conf" <<CNF
listeners.tcp.default = 127.0.0.1:5672
loopback_users = none
CNF
    RABBITMQ_CONFIG_FILE=$DATA/rabbitmq/rabbitmq.conf \
    RABBITMQ_MNESIA_BASE=$DATA/rabbitmq/mnesia \
    RABBITMQ_LOG_BASE=$LOGS/rabbitmq \
    RABBITMQ_NODENAME=rabbit@localhost \
    RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 \
    ERL_EPMD_ADDRESS=127.0.0.1 \
    HOME=$DATA/rabbitmq \
        svc_start rabbitmq /usr/lib/rabbitmq/bin/rabbitmq-server
    wait_tcp rabbitmq 5672 90
}

ensure_rabbitmq() {
    if tcp_open 5672; then
        svc_running rabbitmq || say "using the RabbitMQ already listening on 127.0.0.1:5672"
    else
        start_own_rabbitmq
    fi
}

# Redis: CloudKitty's tooz coordination, so that several processors (and
# edu-reconcile copies) share the scopes and take turns.
start_own_redis() {
    command -v redis-server > /dev/null || apt_install redis-server
    mkdir -p "$DATA/redis"
    svc_start redis redis-server --bind 127.0.0.1 --port 6379 \
        --dir "$DATA/redis" --save '' --appendonly no --daemonize no
    wait_tcp redis 6379 60
}

ensure_redis() {
    if tcp_open 6379; then
        svc_running redis || say "using the Redis already listening on 127.0.0.1:6379"
    else
        start_own_redis
    fi
}

start_own_influxdb() {
    command -v influxd > /dev/null || apt_install influxdb influxdb-client
    mkdir -p "$DATA/influxdb"
    cat > "$DATA/influxdb/influxdb.conf" <<CNF
reporting-disabled = true
bind-address = "127.0.0.1:8088"
[meta]
  dir = "$DATA/influxdb/meta"
[data]
  dir = "$DATA/influxdb/data"
  wal-dir = "$DATA/influxdb/wal"
  query-log-enabled = false
[http]
  bind-address = "127.0.0.1:8086"
  log-enabled = false
[logging]
  level = "warn"
CNF
    svc_start influxdb influxd -config "$DATA/influxdb/influxdb.conf"
    wait_http influxdb "http://127.0.0.1:8086/ping" 60
}

ensure_influxdb() {
    if tcp_open 8086; then
        svc_running influxdb || say "using the InfluxDB already listening on 127.0.0.1:8086"
    else
        start_own_influxdb
    fi
}
