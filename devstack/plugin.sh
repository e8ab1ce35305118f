#!/bin/bash
#
# devstack/plugin.sh - DevStack plugin of Edu Cloud
#
# Installs the edu-cloud distribution into the Python environment that runs
# cloudkitty-api, cloudkitty-processor and Horizon, then:
#
# - edu-rating: writes [edu] and [edu_broker] in cloudkitty.conf, creates
#   the broker service user, runs the module's migrations, restarts
#   CloudKitty and enables the "edu" rating module;
# - edu-dashboard: compiles the dashboard's message catalogs and copies its
#   enabled files into Horizon's openstack_dashboard/local/enabled.
#
# Enable the cloudkitty plugin before this one in local.conf: plugins run in
# the order they are enabled, and this one needs cloudkitty.conf and the
# CloudKitty database that the cloudkitty plugin creates.
#
# stack.sh calls, in order:
#
# - install_edu_cloud            (stack install)
# - configure_edu_rating         (stack post-config)
# - create_edu_broker_account    (stack post-config)
# - configure_edu_first_login    (stack post-config)
# - configure_edu_dashboard      (stack post-config)
# - init_edu_rating              (stack extra)
#
# clean.sh calls cleanup_edu_dashboard.

# Save trace setting
_XTRACE_EDU_CLOUD=$(set +o | grep xtrace)
set +o xtrace


# Functions
# ---------

# is_edu_cloud_enabled: true when any service of this plugin runs here
function is_edu_cloud_enabled {
    is_service_enabled edu-rating edu-dashboard
}

# install_edu_cloud() - Install the distribution into the services' Python
function install_edu_cloud {
    # setup_develop installs into $DEVSTACK_VENV when GLOBAL_VENV is True
    # (the default), which is where the cloudkitty plugin installed
    # CloudKitty and where lib/horizon installs Horizon (apache's
    # WSGIPythonHome points at it). No extras: CloudKitty and Horizon come
    # from their own source trees, the extras would fetch releases.
    setup_develop $EDU_CLOUD_DIR
    # Invoice PDFs: WeasyPrint lays out with Pango and subsets fonts with
    # HarfBuzz; Chinese names need a CJK font.
    if is_ubuntu; then
        install_package libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-cjk
    else
        install_package pango harfbuzz google-noto-sans-cjk-ttc-fonts
    fi
}

# _edu_rating_check_limits() - Refuse settings the broker cannot work with
function _edu_rating_check_limits {
    case "$EDU_RATING_ENFORCEMENT" in
        unified_limits|nova_quotas)
            ;;
        *)
            die $LINENO "EDU_RATING_ENFORCEMENT must be unified_limits or nova_quotas, not '$EDU_RATING_ENFORCEMENT'"
            ;;
    esac

    # Keystone's limit enforcement model must stay "flat" (its default,
    # which devstack keeps): oslo.limit, and so Nova's UnifiedLimitsDriver,
    # refuses strict_two_level and every boot fails, and strict_two_level
    # would not check that children's limits add up anyway. The edu module
    # checks the sums itself and writes flat limits.
    if is_service_enabled keystone && [[ -f "$KEYSTONE_CONF" ]]; then
        local model
        model=$(iniget $KEYSTONE_CONF unified_limit enforcement_model)
        if [[ "$model" == "strict_two_level" ]]; then
            die $LINENO "Keystone [unified_limit] enforcement_model is strict_two_level, which oslo.limit refuses; use flat"
        fi
    fi

    if [[ "$EDU_RATING_ENFORCEMENT" == "unified_limits" ]] && is_service_enabled n-api; then
        if [[ "$(trueorfalse False NOVA_USE_UNIFIED_LIMITS)" != "True" ]]; then
            warn $LINENO "EDU_RATING_ENFORCEMENT=unified_limits but NOVA_USE_UNIFIED_LIMITS is not True: Nova will not enforce the grants"
        fi
    fi
}

# configure_edu_rating() - Write the edu options into cloudkitty.conf
function configure_edu_rating {
    if [[ ! -f "$CLOUDKITTY_CONF" ]]; then
        die $LINENO "$CLOUDKITTY_CONF does not exist: enable the cloudkitty plugin before edu-cloud"
    fi
    _edu_rating_check_limits

    iniset $CLOUDKITTY_CONF edu enforcement_backend "$EDU_RATING_ENFORCEMENT"
    iniset $CLOUDKITTY_CONF edu school_admin_role "$EDU_SCHOOL_ADMIN_ROLE"
    iniset $CLOUDKITTY_CONF edu teacher_role "$EDU_TEACHER_ROLE"
    iniset $CLOUDKITTY_CONF edu student_role "$EDU_STUDENT_ROLE"

    # keystoneauth password options of the broker (one session for the
    # Keystone and Nova clients).
    iniset $CLOUDKITTY_CONF edu_broker auth_type password
    iniset $CLOUDKITTY_CONF edu_broker auth_url "$KEYSTONE_SERVICE_URI"
    iniset $CLOUDKITTY_CONF edu_broker username "$EDU_BROKER_USER"
    iniset $CLOUDKITTY_CONF edu_broker password "$EDU_BROKER_PASSWORD"
    iniset $CLOUDKITTY_CONF edu_broker user_domain_name "$SERVICE_DOMAIN_NAME"
    iniset $CLOUDKITTY_CONF edu_broker project_name "$SERVICE_PROJECT_NAME"
    iniset $CLOUDKITTY_CONF edu_broker project_domain_name "$SERVICE_DOMAIN_NAME"
    iniset $CLOUDKITTY_CONF edu_broker region_name "$REGION_NAME"
    if [[ -f "$SSL_BUNDLE_FILE" ]]; then
        iniset $CLOUDKITTY_CONF edu_broker cafile "$SSL_BUNDLE_FILE"
    fi

    # Rate allocations: the edu fetcher lists schools and teacher projects,
    # the edu collector reads the allocation ledger. This runs after the
    # cloudkitty plugin's post-config, so it overrides its choice.
    if [[ "$EDU_RATING_USE_EDU_COLLECTOR" == "True" ]]; then
        if [[ ! -f "$EDU_RATING_METRICS_CONF" ]]; then
            die $LINENO "EDU_RATING_METRICS_CONF $EDU_RATING_METRICS_CONF does not exist"
        fi
        cp $EDU_RATING_METRICS_CONF $CLOUDKITTY_CONF_DIR/edu-metrics.yml
        iniset $CLOUDKITTY_CONF collect collector edu
        iniset $CLOUDKITTY_CONF collect metrics_conf $CLOUDKITTY_CONF_DIR/edu-metrics.yml
        iniset $CLOUDKITTY_CONF fetcher backend edu
        # The ledger is complete the moment a period ends: wait exactly one
        # period (0 would rate the running hour early, and only once).
        iniset $CLOUDKITTY_CONF collect wait_periods 1
        # New scopes are looked for once per period: 5 minutes rates a new
        # school or teacher within about 10 (see the README).
        iniset $CLOUDKITTY_CONF collect period "$EDU_RATING_PERIOD"
    fi

    # The Education API's errors in its own JSON, even those pecan and
    # webob raise before it runs: a filter just before CloudKitty's app.
    local paste=$CLOUDKITTY_CONF_DIR/api_paste.ini
    if [[ -f "$paste" ]] && ! grep -q edu_guard "$paste"; then
        iniset "$paste" filter:edu_guard paste.filter_factory \
            edu_rating.management.guard:filter_factory
        sed -i -E '/^pipeline *=/ s/ ck_api$/ edu_guard ck_api/' "$paste"
    fi
}

# create_edu_broker_account() - The service user the edu module acts as
#
# Project        User                   Roles
# ---------------------------------------------------------------
# service        $EDU_BROKER_USER       service, admin
# (system all)   $EDU_BROKER_USER       $EDU_BROKER_SYSTEM_ROLE
function create_edu_broker_account {
    get_or_create_user "$EDU_BROKER_USER" "$EDU_BROKER_PASSWORD" \
        "$SERVICE_DOMAIN_NAME" > /dev/null
    get_or_add_user_project_role service "$EDU_BROKER_USER" \
        "$SERVICE_PROJECT_NAME" "$SERVICE_DOMAIN_NAME" "$SERVICE_DOMAIN_NAME"
    # admin on the service project: Keystone domain, project, role
    # assignment and limit calls, Nova quota sets.
    get_or_add_user_project_role admin "$EDU_BROKER_USER" \
        "$SERVICE_PROJECT_NAME" "$SERVICE_DOMAIN_NAME" "$SERVICE_DOMAIN_NAME"
    if [[ -n "$EDU_BROKER_SYSTEM_ROLE" ]]; then
        get_or_add_user_system_role "$EDU_BROKER_SYSTEM_ROLE" \
            "$EDU_BROKER_USER" all "$SERVICE_DOMAIN_NAME"
    fi

    # The roles the broker hands out to school admins, teachers and
    # students (keystone-manage bootstrap already makes manager and member).
    local role
    for role in $EDU_SCHOOL_ADMIN_ROLE $EDU_TEACHER_ROLE $EDU_STUDENT_ROLE; do
        get_or_create_role $role > /dev/null
    done
}

# configure_edu_first_login() - New users change the password they were given
#
# Runs at post-config, when every service user exists: those and the admin
# are exempt from the first-use change, password expiry and lockout, since
# their passwords live in configuration files.
function configure_edu_first_login {
    local user
    local os=(openstack --os-cloud devstack-system-admin)
    for user in $("${os[@]}" user list --project "$SERVICE_PROJECT_NAME" \
            -f value -c ID) admin; do
        "${os[@]}" user set --ignore-change-password-upon-first-use \
            --ignore-password-expiry --ignore-lockout-failure-attempts "$user"
    done
    if [[ "$EDU_CHANGE_PASSWORD_UPON_FIRST_USE" == "True" ]]; then
        iniset $KEYSTONE_CONF security_compliance change_password_upon_first_use True
        restart_service devstack@keystone
    fi
}

# configure_edu_dashboard() - Plug the Education dashboard into Horizon
#
# Runs at post-config: lib/horizon has written local_settings.py by then,
# and runs collectstatic/compress and starts apache after this phase.
function configure_edu_dashboard {
    local dashboard_dir=$EDU_CLOUD_DIR/edu_dashboard

    # The English and Simplified Chinese catalogs: the source tree holds
    # .po files only.
    if [[ -d $dashboard_dir/locale ]]; then
        (cd $dashboard_dir && $PYTHON -m django compilemessages)
    fi

    mkdir -p $EDU_DASHBOARD_ENABLED_DIR $EDU_DASHBOARD_SETTINGS_DIR
    cp $dashboard_dir/enabled/_90*.py $EDU_DASHBOARD_ENABLED_DIR/
    # The settings snippet: Horizon's JavaScript catalogue follows the
    # user's language.
    cp $dashboard_dir/local_settings.d/_90_edu.py $EDU_DASHBOARD_SETTINGS_DIR/

    # Horizon's own default (settings.py) is a cache session engine and the
    # local_settings.py.example that devstack copies leaves it alone; only a
    # HORIZON_SETTINGS that picks signed cookies needs to change.
    local local_settings=$HORIZON_DIR/openstack_dashboard/local/local_settings.py
    if [[ -f $local_settings ]] && \
            grep -q "^SESSION_ENGINE.*signed_cookies" $local_settings; then
        sed -i -e "/^SESSION_ENGINE/d" $local_settings
        echo "SESSION_ENGINE = '$EDU_DASHBOARD_SESSION_ENGINE'" >> $local_settings
    fi

    # The personas' roles, the same as CloudKitty's [edu] *_role (which
    # the Education API's persona rules follow), and the policy check that
    # decides edu:* rules as the API does.
    if [[ -f $local_settings ]]; then
        sed -i -e "/^EDU_\(SCHOOL_ADMIN\|TEACHER\|STUDENT\)_ROLE =/d" \
            -e "/^POLICY_CHECK_FUNCTION =/d" \
            -e "/^from edu_dashboard.branding import/d" $local_settings
        cat >> $local_settings <<EOF
EDU_SCHOOL_ADMIN_ROLE = '$EDU_SCHOOL_ADMIN_ROLE'
EDU_TEACHER_ROLE = '$EDU_TEACHER_ROLE'
EDU_STUDENT_ROLE = '$EDU_STUDENT_ROLE'
POLICY_CHECK_FUNCTION = 'edu_dashboard.policy.check'
from edu_dashboard.branding import SITE_BRANDING  # noqa
EOF
    fi
}

# cleanup_edu_dashboard() - Take the enabled files back out of Horizon
function cleanup_edu_dashboard {
    local enabled_file
    for enabled_file in $EDU_CLOUD_DIR/edu_dashboard/enabled/_90*.py; do
        [[ -e "$enabled_file" ]] || continue
        rm -f $EDU_DASHBOARD_ENABLED_DIR/$(basename $enabled_file)
    done
    rm -f $EDU_DASHBOARD_SETTINGS_DIR/_90_edu.py
}

# _edu_rating_restart_cloudkitty() - Restart CloudKitty's services
#
# cloudkitty-api loads the rating modules once, when it starts, and that
# was before the edu tables existed.
function _edu_rating_restart_cloudkitty {
    local service
    for service in ck-api ck-proc; do
        if is_service_enabled $service; then
            restart_service devstack@$service.service
        fi
    done
}

# init_edu_rating() - Create the edu tables and enable the module
#
# Runs at extra, after the cloudkitty plugin's extra phase has (re)created
# the CloudKitty database and started cloudkitty-api.
function init_edu_rating {
    local bin_dir
    bin_dir=$(get_python_exec_prefix)

    $bin_dir/cloudkitty-dbsync --config-file $CLOUDKITTY_CONF upgrade --module edu

    _edu_rating_restart_cloudkitty

    if is_service_enabled ck-api; then
        local api_url=${CLOUDKITTY_ENDPOINT:-$CLOUDKITTY_SERVICE_PROTOCOL://$CLOUDKITTY_SERVICE_HOSTPORT}
        if ! wait_for_service $SERVICE_TIMEOUT $api_url; then
            die $LINENO "cloudkitty-api did not come back after its restart"
        fi
        if [[ "$EDU_RATING_ENABLE_MODULE" == "True" ]]; then
            # rating:update_module is a project-scoped admin rule.
            openstack --os-cloud devstack-admin rating module enable edu
        fi
    fi
}


# Dispatcher
# ----------

if is_edu_cloud_enabled; then
    if [[ "$1" == "stack" && "$2" == "install" ]]; then
        echo_summary "Installing Edu Cloud"
        install_edu_cloud

    elif [[ "$1" == "stack" && "$2" == "post-config" ]]; then
        if is_service_enabled edu-rating; then
            echo_summary "Configuring the edu rating module"
            configure_edu_rating
            if is_service_enabled keystone; then
                create_edu_broker_account
                configure_edu_first_login
            fi
        fi
        if is_service_enabled edu-dashboard && is_service_enabled horizon; then
            echo_summary "Configuring the Education dashboard"
            configure_edu_dashboard
        fi

    elif [[ "$1" == "stack" && "$2" == "extra" ]]; then
        if is_service_enabled edu-rating && is_service_enabled ck-api; then
            echo_summary "Initializing the edu rating module"
            init_edu_rating
        fi
        if is_service_enabled edu-invoices; then
            # The period-end job as a service loop (a systemd unit of
            # devstack's); safe next to a cron run of the same command.
            run_process edu-invoices "$(get_python_exec_prefix)/edu-invoices --config-file $CLOUDKITTY_CONF --loop $EDU_INVOICES_LOOP"
        fi
        if is_service_enabled edu-usage; then
            # What every managed project uses, for the dashboard: swept
            # from Nova, and measured again after Nova's notifications.
            run_process edu-usage "$(get_python_exec_prefix)/edu-usage --config-file $CLOUDKITTY_CONF --loop $EDU_USAGE_LOOP --listen"
        fi
        if is_service_enabled edu-reconcile; then
            # The ledger against Keystone's limits, enabled states and
            # role assignments; copies on several hosts take turns through
            # CloudKitty's coordination backend.
            run_process edu-reconcile "$(get_python_exec_prefix)/edu-reconcile --config-file $CLOUDKITTY_CONF --loop $EDU_RECONCILE_LOOP"
        fi
        if is_service_enabled edu-lifecycle; then
            # Classes at their end: machines locked and shelved, then
            # deleted and the class archived after the grace period.
            run_process edu-lifecycle "$(get_python_exec_prefix)/edu-lifecycle --config-file $CLOUDKITTY_CONF --loop $EDU_LIFECYCLE_LOOP"
        fi
    fi

    if [[ "$1" == "unstack" ]]; then
        # The module lives in CloudKitty's processes and the dashboard in
        # Horizon's, which devstack stops; the invoice loop is ours.
        if is_service_enabled edu-invoices; then
            stop_process edu-invoices
        fi
        if is_service_enabled edu-usage; then
            stop_process edu-usage
        fi
        if is_service_enabled edu-reconcile; then
            stop_process edu-reconcile
        fi
        if is_service_enabled edu-lifecycle; then
            stop_process edu-lifecycle
        fi
    fi

    if [[ "$1" == "clean" ]]; then
        if is_service_enabled edu-dashboard; then
            cleanup_edu_dashboard
        fi
    fi
fi

# Restore xtrace
$_XTRACE_EDU_CLOUD

# Tell emacs to use shell-script-mode
## Local variables:
## mode: shell-script
## End:
