#!/bin/bash
# Configuration files of every service, rewritten on each `up` from the
# state's secrets so that they never drift from what this script knows.

KEYSTONE_URL=http://127.0.0.1:5000/v3

# mysqlclient (MySQLdb), not PyMySQL: it parses results in C and lets go
# of the GIL while it waits, which every service here can use (none runs
# eventlet). tools/bench/load: 20.0-21.2 grant changes/s -> 21.7-23.8.
db_url() {
    echo "mysql+mysqldb://$DB_USER:$DB_PASSWORD@127.0.0.1/$DB_PREFIX$1?charset=utf8mb4"
}

# service_auth SECTION USER: a keystoneauth password section for a service user.
service_auth() {
    cat <<CNF
[$1]
auth_type = password
auth_url = $KEYSTONE_URL
project_domain_name = Default
user_domain_name = Default
project_name = service
username = $2
password = $SERVICE_PASSWORD
region_name = RegionOne
CNF
}

authtoken() {
    service_auth keystone_authtoken "$1"
    echo "www_authenticate_uri = $KEYSTONE_URL"
    echo "service_token_roles_required = true"
}

# oslo_policy SERVICE: a policy file and a policy.d that exist (empty: the
# rules in code). Without them oslo.policy looks for both in every
# configuration directory on every check (36 us a check, 21 us with them).
# An empty policy_dirs is not "none": oslo.config reads it as [''], the
# configuration directory itself, and every file there becomes policy.
oslo_policy() {
    mkdir -p "$ETC/$1/policy.d"
    [ -f "$ETC/$1/policy.yaml" ] || echo '{}' > "$ETC/$1/policy.yaml"
    printf '[oslo_policy]\npolicy_file = %s\npolicy_dirs = %s\n' \
        "$ETC/$1/policy.yaml" "$ETC/$1/policy.d"
}

write_keystone_conf() {
    mkdir -p "$ETC/keystone"
    # keystone-manage bootstrap creates the platform admin: not with a
    # password that has to be changed before its first token.
    cat > "$ETC/keystone/bootstrap.conf" <<CNF
[security_compliance]
change_password_upon_first_use = false
CNF
    cat > "$ETC/keystone/keystone.conf" <<CNF
[DEFAULT]
[database]
connection = $(db_url keystone)
[token]
provider = fernet
[fernet_tokens]
key_repository = $DATA/keystone/fernet-keys
[fernet_receipts]
key_repository = $DATA/keystone/fernet-keys
[credential]
key_repository = $DATA/keystone/credential-keys
[unified_limit]
# oslo.limit (and so Nova's unified limits) refuses strict_two_level.
enforcement_model = flat
[identity]
# A local, throw-away cloud: cheap password hashes keep rosters and logins
# fast here. Production keeps Keystone's default rounds.
password_hash_rounds = 4
[security_compliance]
# A password someone else set (a teacher, a roster, a reset) is changed by
# its user at first login, on Horizon's own page; repeated failed logins
# lock an account for a while. The platform admin and the service users
# are exempt through their user options (tools/stack/seed.py). Short here
# for a demo; devstack's EDU_LOCKOUT_DURATION defaults to 1800.
change_password_upon_first_use = ${EDU_CHANGE_PASSWORD_UPON_FIRST_USE:-true}
lockout_failure_attempts = ${EDU_LOCKOUT_FAILURE_ATTEMPTS:-5}
lockout_duration = ${EDU_LOCKOUT_DURATION:-30}
[cache]
# Token validation and role lookups dominate every Keystone call; one
# worker process makes an in-process cache coherent. Not oslo_cache.dict:
# its expiry sweep is not thread-safe, and under load one of Keystone's
# threads got a KeyError (a 500) after it had created a project.
enabled = true
backend = dogpile.cache.memory
expiration_time = 300
$(oslo_policy keystone)
CNF
}

write_placement_conf() {
    mkdir -p "$ETC/placement"
    {
        cat <<CNF
[DEFAULT]
[placement_database]
connection = $(db_url placement)
[api]
auth_strategy = keystone
CNF
        authtoken placement
        oslo_policy placement
    } > "$ETC/placement/placement.conf"
}

write_glance_conf() {
    mkdir -p "$ETC/glance" "$DATA/glance/images" "$DATA/glance/staging" "$DATA/glance/tasks"
    cp "$VENV/etc/glance/glance-api-paste.ini" "$ETC/glance/"
    {
        cat <<CNF
[DEFAULT]
enabled_backends = fs:file
[database]
connection = $(db_url glance)
[glance_store]
default_backend = fs
[fs]
filesystem_store_datadir = $DATA/glance/images/
[os_glance_staging_store]
filesystem_store_datadir = $DATA/glance/staging/
[os_glance_tasks_store]
filesystem_store_datadir = $DATA/glance/tasks/
[oslo_concurrency]
lock_path = $DATA/locks
[paste_deploy]
flavor = keystone
[oslo_messaging_notifications]
driver = noop
CNF
        authtoken glance
    } > "$ETC/glance/glance-api.conf"
}

write_neutron_conf() {
    mkdir -p "$ETC/neutron/plugins/ml2" "$DATA/neutron"
    cp "$VENV/etc/neutron/api-paste.ini" "$ETC/neutron/"
    {
        cat <<CNF
[DEFAULT]
core_plugin = ml2
service_plugins =
auth_strategy = keystone
state_path = $DATA/neutron
api_paste_config = $ETC/neutron/api-paste.ini
transport_url = $RABBIT_URL
notify_nova_on_port_status_changes = false
notify_nova_on_port_data_changes = false
[database]
connection = $(db_url neutron)
[oslo_concurrency]
lock_path = $DATA/locks
[oslo_messaging_notifications]
driver = noop
CNF
        authtoken neutron
    } > "$ETC/neutron/neutron.conf"
    cat > "$ETC/neutron/plugins/ml2/ml2_conf.ini" <<CNF
[ml2]
# API only: Nova boots with networks 'none', so no agent or driver is needed.
type_drivers = flat,local
project_network_types = local
mechanism_drivers =
extension_drivers =
[ml2_type_flat]
flat_networks = *
CNF
}

write_nova_conf() {
    mkdir -p "$ETC/nova" "$DATA/nova"
    cp "$VENV/etc/nova/api-paste.ini" "$ETC/nova/"
    {
        cat <<CNF
[DEFAULT]
transport_url = $RABBIT_URL
# The single-node fake driver keeps a stable node uuid in state_path, so
# nova-compute restarts on the same database (FakeDriver does not).
compute_driver = fake.FakeDriverWithoutFakeNodes
state_path = $DATA/nova
host = edu-compute
my_ip = 127.0.0.1
# One compute host: a resize stays on it (as devstack sets it).
allow_resize_to_same_host = true
[api]
auth_strategy = keystone
[api_database]
connection = $(db_url nova_api)
[database]
connection = $(db_url nova)
[wsgi]
api_paste_config = $ETC/nova/api-paste.ini
[conductor]
workers = 1
[scheduler]
workers = 1
discover_hosts_in_cells_interval = 30
[quota]
driver = nova.quota.UnifiedLimitsDriver
[oslo_concurrency]
lock_path = $DATA/locks
# Versioned notifications only: edu-usage --listen measures a project
# again when one of its servers changes.
[oslo_messaging_notifications]
driver = messagingv2
[notifications]
notification_format = versioned
[vnc]
enabled = false
[os_vif_ovs]
ovsdb_connection =
CNF
        authtoken nova
        service_auth placement nova
        service_auth neutron nova
        service_auth service_user nova
        echo "send_service_user_token = true"
        service_auth oslo_limit nova
        cat <<CNF
system_scope = all
endpoint_service_type = compute
endpoint_region_name = RegionOne
endpoint_interface = public
CNF
        oslo_policy nova
    } > "$ETC/nova/nova.conf"
    # oslo_limit must not carry a project (system scope only).
    sed -i '/^\[oslo_limit\]/,/^\[/{/^project_/d}' "$ETC/nova/nova.conf"
}

write_cloudkitty_conf() {
    mkdir -p "$ETC/cloudkitty" "$DATA/cloudkitty/locks"
    {
        cat <<CNF
[DEFAULT]
transport_url = $RABBIT_URL
auth_strategy = keystone
api_paste_config = $ETC/cloudkitty/api_paste.ini
[database]
connection = $(db_url cloudkitty)
[storage]
version = 2
backend = influxdb
[storage_influxdb]
host = 127.0.0.1
port = 8086
database = ${DB_PREFIX}cloudkitty
[collect]
collector = edu
metrics_conf = $ETC/cloudkitty/metrics.yml
# The processor looks for new scopes once per period, and rates period
# [t, t+P) once t + P * wait_periods < now (with 1: once it has ended),
# never again. One minute shows a new payer in CloudKitty's reports within
# about two on this small stack (devstack's default is 5 minutes). Keep it
# a divisor of an hour, and never change it under rated scopes: the next
# period would start off the old grid and overlap rated time.
period = 60
wait_periods = 1
[fetcher]
backend = edu
[edu]
school_admin_role = $EDU_SCHOOL_ADMIN_ROLE
teacher_role = $EDU_TEACHER_ROLE
student_role = $EDU_STUDENT_ROLE
# The functional tests crash a change half-way (edu_rating/testhooks.py);
# never set this on a cloud people use.
test_hooks = ${EDU_TEST_HOOKS:-true}
[orchestrator]
# Processors on any number of hosts share the scopes through tooz on Redis
# (tests/functional/test_processors.py runs two); edu-reconcile too.
coordination_url = redis://127.0.0.1:6379
max_workers = 1
max_workers_reprocessing = 1
[oslo_concurrency]
lock_path = $DATA/locks
[oslo_messaging_notifications]
driver = noop
CNF
        authtoken cloudkitty
        service_auth ks_auth cloudkitty
        service_auth edu_broker edu
        oslo_policy cloudkitty
    } > "$ETC/cloudkitty/cloudkitty.conf"
    cp "$TOP/tools/stack/cloudkitty/api_paste.ini" "$TOP/tools/stack/cloudkitty/metrics.yml" \
        "$ETC/cloudkitty/"
}

write_horizon_conf() {
    local site
    site=$("$VENV/bin/python" -c 'import openstack_dashboard, os; print(os.path.dirname(openstack_dashboard.__file__))')
    mkdir -p "$DATA/horizon/sessions"
    cat > "$site/local/local_settings.py" <<CNF
# Written by tools/stack.sh; edits are lost on the next 'up'.
DEBUG = False
ALLOWED_HOSTS = ['127.0.0.1', 'localhost']
SECRET_KEY = '$HORIZON_SECRET'
LOCAL_PATH = '$DATA/horizon'
STATIC_ROOT = '$DATA/horizon/static'
COMPRESS_OFFLINE = True
OPENSTACK_HOST = '127.0.0.1'
OPENSTACK_KEYSTONE_URL = '$KEYSTONE_URL'
OPENSTACK_KEYSTONE_MULTIDOMAIN_SUPPORT = True
OPENSTACK_KEYSTONE_DEFAULT_DOMAIN = 'Default'
OPENSTACK_KEYSTONE_DEFAULT_ROLE = 'member'
# The same roles as CloudKitty's [edu] options.
EDU_SCHOOL_ADMIN_ROLE = '$EDU_SCHOOL_ADMIN_ROLE'
EDU_TEACHER_ROLE = '$EDU_TEACHER_ROLE'
EDU_STUDENT_ROLE = '$EDU_STUDENT_ROLE'
# Panels and actions decide edu:* rules as the Education API does.
POLICY_CHECK_FUNCTION = 'edu_dashboard.policy.check'
# Our name in the login page and window titles, in the user's language.
from edu_dashboard.branding import SITE_BRANDING  # noqa
# A school admin's domain-scoped token does not fit in a signed cookie.
SESSION_ENGINE = 'django.contrib.sessions.backends.file'
SESSION_FILE_PATH = '$DATA/horizon/sessions'
CACHES = {'default': {'BACKEND': 'django.core.cache.backends.locmem.LocMemCache'}}
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
TIME_ZONE = 'UTC'
OPENSTACK_NEUTRON_NETWORK = {'enable_router': False, 'enable_quotas': False,
                             'enable_distributed_router': False,
                             'enable_ha_router': False, 'enable_fip_topology_check': False}
LOGGING = {
    'version': 1,
    'disable_existing_loggers': False,
    'handlers': {'file': {'class': 'logging.FileHandler',
                          'filename': '$LOGS/horizon-app.log'}},
    'root': {'handlers': ['file'], 'level': 'WARNING'},
}
CNF
    rm -f "$site"/local/enabled/_90*_edu*.py
    cp "$TOP"/edu_dashboard/enabled/_9*.py "$site/local/enabled/"
    mkdir -p "$site/local/local_settings.d"
    cp "$TOP"/edu_dashboard/local_settings.d/_90_edu.py "$site/local/local_settings.d/"
    # cloudkitty-dashboard: a teacher's project is a rated scope, so its
    # Rating and Reporting panels show the teacher's own cost.
    local ck
    ck=$("$VENV/bin/python" -c 'import cloudkittydashboard, os; print(os.path.dirname(cloudkittydashboard.__file__))')
    cp "$ck"/enabled/_[0-9]*.py "$site/local/enabled/"
}

write_clouds_yaml() {
    cat > "$STACK/clouds.yaml" <<CNF
# Credentials of the local stack (tools/stack.sh). Use with
#   OS_CLIENT_CONFIG_FILE=$STACK/clouds.yaml openstack --os-cloud edu-admin ...
clouds:
  edu-admin:
    auth:
      auth_url: $KEYSTONE_URL
      username: admin
      password: $ADMIN_PASSWORD
      project_name: admin
      project_domain_name: Default
      user_domain_name: Default
    region_name: RegionOne
    identity_api_version: 3
  edu-system-admin:
    auth:
      auth_url: $KEYSTONE_URL
      username: admin
      password: $ADMIN_PASSWORD
      system_scope: all
      user_domain_name: Default
    region_name: RegionOne
    identity_api_version: 3
CNF
}

write_configs() {
    write_keystone_conf
    write_placement_conf
    write_glance_conf
    write_neutron_conf
    write_nova_conf
    write_cloudkitty_conf
    write_horizon_conf
    write_clouds_yaml
}
