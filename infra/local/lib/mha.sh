# MySQL under MHA on 127.0.0.1 (issue 8): a primary and two replicas (3331-3333, semi-sync, file/position
# replication), sshd on 127.0.0.1:2222 for the manager, and the real masterha_manager from Debian. Every
# file comes from infra/: each node reads infra/mysql/harvest.cnf plus its rendering of the mysql role's
# harvest-host.cnf.j2, the manager runs the rendering of infra/mysql/mha/harvest.cnf.j2 and calls
# infra/mysql/mha/master_ip_failover.sh, all for the hosts of infra/ansible/inventory/local/mysql.yml.
# After a failover (the manager exits by design) `up mha` re-forms the topology: dead or stray nodes are
# rebuilt from the current primary as its replicas, and the manager runs again.
# shellcheck shell=bash

MHA_RUN="$RUN_DIR/mha"
# Inventory names and ports of infra/ansible/inventory/local/mysql.yml (mha_render checks they agree).
MHA_NODES=(mysql-1 mysql-2 mysql-3)
MHA_PORTS=(3331 3332 3333)
MHA_SSH_PORT=2222
MHA_SSH_DIR="$MHA_RUN/ssh"
MHA_CONF="$MHA_RUN/harvest.cnf"
MHA_HOOK_CNF="$MHA_RUN/harvest-hook.cnf"
MHA_MANAGER_DIR="$MHA_RUN/manager"
MHA_MANAGER_PID="$MHA_RUN/manager.pid"
# The service account, as production's mysql role creates it (ALL on harvest\_% schemas, no SUPER, so
# read_only=ON really stops its writes). Loopback only, hence a fixed password.
MHA_APP_USER=harvest
MHA_APP_PASSWORD=local-harvest-password
# Local sizes instead of production's 8G buffer pool and 1G redo log (infra/mysql/harvest.cnf).
MHA_NODE_ARGS=(--innodb-buffer-pool-size=64M --innodb-log-file-size=48M)
# How long `up` lets a failover already under way finish before re-forming.
MHA_FAILOVER_WAIT=120

# One harness command at a time changes the topology (the chaos runner, the test suite and a person may
# call `up mha` together). fd 9 holds the lock; every daemon started under it gets 9>&- so it does not
# keep the lock after the command ends.
mha_lock() {
  mkdir -p "$MHA_RUN"
  exec 9>"$MHA_RUN/harness.lock"
  flock -w 300 9 || die "mha: another harness command has held $MHA_RUN/harness.lock for 300s; wait for it or end it"
}

mha_node_dir() { printf '%s/%s' "$MHA_RUN" "$1"; }

mha_port_of() {
  local i
  for i in "${!MHA_NODES[@]}"; do
    [[ ${MHA_NODES[$i]} == "$1" ]] && { printf '%s\n' "${MHA_PORTS[$i]}"; return; }
  done
  return 1
}

mha_name_of() {
  local i
  for i in "${!MHA_PORTS[@]}"; do
    [[ ${MHA_PORTS[$i]} == "$1" ]] && { printf '%s\n' "${MHA_NODES[$i]}"; return; }
  done
  return 1
}

# mha_sql PORT STATEMENT: root over TCP, tab-separated, no column names.
mha_sql() {
  mariadb -h127.0.0.1 -P"$1" -uroot --connect-timeout=2 -N -B -e "$2"
}

# Port of the node answering read_only=OFF (the writer services follow), if any.
mha_writable_port() {
  local port
  for port in "${MHA_PORTS[@]}"; do
    [[ "$(mha_sql "$port" 'SELECT @@global.read_only' 2>/dev/null)" == 0 ]] && { printf '%s\n' "$port"; return; }
  done
  return 1
}

# "MASTER_PORT IO_RUNNING SQL_RUNNING" of a replica; empty when the node replicates from nobody.
mha_replica_state() {
  mariadb -h127.0.0.1 -P"$1" -uroot --connect-timeout=2 -e 'SHOW SLAVE STATUS\G' 2>/dev/null | awk -F': ' '
    $1 ~ /^ *Master_Port$/ { port = $2 }
    $1 ~ /^ *Slave_IO_Running$/ { io = $2 }
    $1 ~ /^ *Slave_SQL_Running$/ { sql = $2 }
    END { if (port != "") print port, io, sql }'
}

mha_replicates_from() { [[ "$(mha_replica_state "$1")" == "$2 Yes Yes" ]]; }

# Healthy = one writable node, the other two replicating from it with both threads running.
mha_topology_healthy() {
  local primary port
  primary="$(mha_writable_port)" || return 1
  for port in "${MHA_PORTS[@]}"; do
    [[ $port == "$primary" ]] && continue
    mha_replicates_from "$port" "$primary" || return 1
  done
}

# Replica PORT keeps up with PRIMARY: its IO thread reads the primary's current binlog file, its SQL thread
# applies that same file, and it is 0 s behind. Not an exact position match: writes that go on during `up`
# (the chaos load) move the primary's position between any two reads.
mha_caught_up() {
  local file have
  file="$(mha_sql "$2" 'SHOW MASTER STATUS' 2>/dev/null | awk '{ print $1 }')"
  have="$(mariadb -h127.0.0.1 -P"$1" -uroot --connect-timeout=2 -e 'SHOW SLAVE STATUS\G' 2>/dev/null | awk -F': ' '
    $1 ~ /^ *Master_Log_File$/ { io = $2 }
    $1 ~ /^ *Relay_Master_Log_File$/ { sql = $2 }
    $1 ~ /^ *Seconds_Behind_Master$/ { lag = $2 }
    END { print io, sql, lag }')"
  [[ -n $file && "$have" == "$file $file 0" ]]
}

# Ready = the topology the failover tests start from: one writable primary, each replica running both
# replication threads from it and caught up, and the manager answering PING_OK for it
# (masterha_check_status). The reason of a failed check goes to NOT_READY.
mha_ready() {
  local primary port
  primary="$(mha_writable_port)" || { NOT_READY="no node answers read_only=OFF"; return 1; }
  for port in "${MHA_PORTS[@]}"; do
    [[ $port == "$primary" ]] && continue
    mha_replicates_from "$port" "$primary" \
      || { NOT_READY="replica $port: $(mha_replica_state "$port" || true) (want: $primary Yes Yes)"; return 1; }
    mha_caught_up "$port" "$primary" || { NOT_READY="replica $port is not caught up with primary $primary (binlog file, 0 s behind)"; return 1; }
  done
  masterha_check_status --conf="$MHA_CONF" 2>/dev/null | grep -q PING_OK \
    || { NOT_READY="masterha_check_status does not answer PING_OK for primary $primary"; return 1; }
}

mha_manager_pid() {
  local pid
  if pid="$(live_pid "$MHA_MANAGER_PID" "masterha_manager --conf=$MHA_CONF")"; then printf '%s\n' "$pid"; return; fi
  # A manager whose pid file a later start overwrote (that start's manager exited) still monitors the
  # topology: adopt it, since a second manager would fail over the same nodes too.
  pid="$(pgrep -o -f -- "masterha_manager --conf=$MHA_CONF( |$)")" || return 1
  printf '%s\n' "$pid" >"$MHA_MANAGER_PID"
  printf '%s\n' "$pid"
}

mha_ensure_packages() {
  local missing=()
  if [[ ! -x /usr/sbin/mariadbd ]] || ! command -v mysqlbinlog >/dev/null; then missing+=(mariadb-server); fi
  command -v mariadb-dump >/dev/null || missing+=(mariadb-client)
  command -v masterha_manager >/dev/null || missing+=(mha4mysql-manager)
  command -v save_binary_logs >/dev/null || missing+=(mha4mysql-node)
  [[ -x /usr/sbin/sshd ]] || missing+=(openssh-server)
  command -v ssh-keygen >/dev/null || missing+=(openssh-client)
  [[ ${#missing[@]} -eq 0 ]] || apt_install "${missing[@]}"
  ensure_ansible # before the parallel renders, so at most one of them would install it
}

# Renders, in parallel (each is one Ansible run the first time, cached after): every node's host settings,
# the MHA application config and the hook's credentials. Each node's option file includes the shared
# infra/mysql/harvest.cnf in place, so the node reads the very file production installs.
mha_render() {
  local version i name dir pids=() pid failed=0
  version="$(mariadbd --version | grep -oE '[0-9]+\.[0-9]+\.[0-9]+' | head -n1)"
  for i in "${!MHA_NODES[@]}"; do
    name="${MHA_NODES[$i]}"; dir="$(mha_node_dir "$name")"
    mkdir -p "$dir"
    render_for_host "$name" infra/ansible/roles/mysql/templates/harvest-host.cnf.j2 "$dir/61-harvest-host.cnf" \
      "{\"mysql_version\": \"$version\"}" &
    pids+=($!)
  done
  render_for_host mha-manager infra/mysql/mha/harvest.cnf.j2 "$MHA_CONF" &
  pids+=($!)
  render_for_host mha-manager infra/ansible/roles/mha_manager/templates/hook.cnf.j2 "$MHA_HOOK_CNF" &
  pids+=($!)
  for pid in "${pids[@]}"; do wait "$pid" || failed=1; done
  [[ $failed -eq 0 ]] || die "mha: rendering the infra/ templates failed (see above)"
  for i in "${!MHA_NODES[@]}"; do
    name="${MHA_NODES[$i]}"; dir="$(mha_node_dir "$name")"
    grep -qx "port = ${MHA_PORTS[$i]}" "$dir/61-harvest-host.cnf" \
      || die "mha: $name in infra/ansible/inventory/local/mysql.yml is not on port ${MHA_PORTS[$i]} as lib/mha.sh expects; make them agree"
    printf '!include %s\n!include %s\n' "$REPO_ROOT/infra/mysql/harvest.cnf" "$dir/61-harvest-host.cnf" >"$dir/my.cnf"
  done
  mkdir -p "$MHA_MANAGER_DIR" "$MHA_RUN/remote"
}

# A value of the rendered MHA config, e.g. repl_password.
mha_conf_value() { sed -n "s/^$1=//p" "$MHA_CONF" | head -n1; }

mha_node_start() {
  local name="$1" port
  port="$(mha_port_of "$name")"
  mariadb_node_start mha "$(mha_node_dir "$name")" "$port" "--defaults-file=$(mha_node_dir "$name")/my.cnf" \
    "${MHA_NODE_ARGS[@]}"
}

mha_node_stop() {
  local name="$1" port pid
  port="$(mha_port_of "$name")"
  if pid="$(live_pid "$(mha_node_dir "$name")/mariadbd.pid" "--port=$port")"; then
    stop_pid "mha node $port" "$pid" 60
  fi
}

# The accounts of production's mysql role, created on each node without binlogging (as the role does).
mha_create_accounts() {
  local port="$1"
  mha_sql "$port" "SET SESSION sql_log_bin = 0;
    CREATE USER IF NOT EXISTS '$(mha_conf_value repl_user)'@'127.0.0.1' IDENTIFIED BY '$(mha_conf_value repl_password)';
    GRANT REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO '$(mha_conf_value repl_user)'@'127.0.0.1';
    CREATE USER IF NOT EXISTS '$(mha_conf_value user)'@'127.0.0.1' IDENTIFIED BY '$(mha_conf_value password)';
    GRANT ALL PRIVILEGES ON *.* TO '$(mha_conf_value user)'@'127.0.0.1';
    CREATE USER IF NOT EXISTS '$MHA_APP_USER'@'127.0.0.1' IDENTIFIED BY '$MHA_APP_PASSWORD';
    GRANT ALL PRIVILEGES ON \`harvest\\_%\`.* TO '$MHA_APP_USER'@'127.0.0.1';" \
    || die "mha: could not create the accounts on node $port; see $(mha_node_dir "$(mha_name_of "$port")")/error.log"
}

# mha_follow PORT PRIMARY FILE POS: file/position replication (MHA 0.58 does not handle MariaDB GTIDs).
mha_follow() {
  mha_sql "$1" "CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=$2,
      MASTER_USER='$(mha_conf_value repl_user)', MASTER_PASSWORD='$(mha_conf_value repl_password)',
      MASTER_LOG_FILE='$3', MASTER_LOG_POS=$4, MASTER_USE_GTID=no;
    START SLAVE;" || die "mha: node $1 could not start replicating from $2; see its error.log under $MHA_RUN"
  wait_until 30 mha_replicates_from "$1" "$2" \
    || die "mha: node $1 does not replicate from $2 after 30s ($(mha_replica_state "$1")); see its error.log under $MHA_RUN"
}

# First start: mysql-1 (the inventory's bootstrap primary) is made writable, the others follow it.
mha_bootstrap() {
  local name port primary="${MHA_PORTS[0]}" file pos
  log "mha: bootstrapping a new topology (primary 127.0.0.1:$primary)"
  for name in "${MHA_NODES[@]}"; do
    mha_node_start "$name"
    mha_create_accounts "$(mha_port_of "$name")"
  done
  mha_sql "$primary" 'SET GLOBAL read_only = OFF' || die "mha: could not make 127.0.0.1:$primary writable"
  read -r file pos _ < <(mha_sql "$primary" 'SHOW MASTER STATUS')
  for port in "${MHA_PORTS[@]:1}"; do mha_follow "$port" "$primary" "$file" "$pos"; done
}

# Replaces a node's data with a consistent copy of the primary's and makes it the primary's replica.
mha_rebuild() {
  local name="$1" primary="$2" port dir file pos
  port="$(mha_port_of "$name")"; dir="$(mha_node_dir "$name")"
  log "mha: rebuilding $name (127.0.0.1:$port) as a replica of 127.0.0.1:$primary"
  mha_node_stop "$name"
  rm -rf "$dir/data"
  mha_node_start "$name"
  # mysql.gtid_slave_pos is the copied node's own replication state: loaded here it collides with this
  # replica's first commits ("Duplicate entry ... in mysql.gtid_slave_pos") and stops its SQL thread.
  mariadb-dump -h127.0.0.1 -P"$primary" -uroot --all-databases --single-transaction --master-data=2 \
    --routines --events --triggers --ignore-table=mysql.gtid_slave_pos >"$dir/rebuild.sql" 2>"$dir/rebuild.err" \
    || die "mha: dumping 127.0.0.1:$primary failed; see $dir/rebuild.err"
  read -r file pos < <(sed -n "s/^-- CHANGE MASTER TO MASTER_LOG_FILE='\([^']*\)', MASTER_LOG_POS=\([0-9]*\);/\1 \2/p" "$dir/rebuild.sql" | head -n1)
  [[ -n $file && -n $pos ]] || die "mha: no binlog position in the dump of 127.0.0.1:$primary ($dir/rebuild.sql)"
  if ! mariadb -h127.0.0.1 -P"$port" -uroot --init-command='SET SESSION sql_log_bin = 0' <"$dir/rebuild.sql" 2>>"$dir/rebuild.err" \
    || ! mha_sql "$port" 'FLUSH PRIVILEGES'; then
    die "mha: loading the dump into 127.0.0.1:$port failed; see $dir/rebuild.err"
  fi
  rm -f "$dir/rebuild.sql"
  mha_follow "$port" "$primary" "$file" "$pos"
}

# The primary when no node is writable (every node boots read_only=ON, e.g. after `down mha`): the one
# node that replicates from nobody, preferring the last primary seen.
mha_restore_primary() {
  local port last="" free=()
  [[ -s "$MHA_RUN/primary" ]] && last="$(cat "$MHA_RUN/primary")"
  for port in "${MHA_PORTS[@]}"; do
    mha_node_answers "$port" && [[ -z "$(mha_replica_state "$port")" ]] && free+=("$port")
  done
  if [[ " ${free[*]} " == *" $last "* ]]; then port="$last"
  elif [[ ${#free[@]} -eq 1 ]]; then port="${free[0]}"
  else die "mha: cannot tell which node is the primary (none writable; not replicating: ${free[*]:-none}); reset with: bash infra/local/harness down mha && rm -rf .cache/run/mha && bash infra/local/harness up mha"
  fi
  log "mha: no writable node; making 127.0.0.1:$port (the one replicating from nobody) the primary again" >&2
  mha_sql "$port" 'SET GLOBAL read_only = OFF' || die "mha: could not make 127.0.0.1:$port writable"
  printf '%s\n' "$port"
}

mha_node_answers() { mariadb_node_answers "$1"; }

# Starts dead nodes from their data, finds the primary, and rebuilds any node not replicating from it. A dead
# node that was the primary before a failover is rebuilt without starting it (its data is history now).
mha_reform() {
  local name port primary last="" have_data=0 rebuild=() state
  for name in "${MHA_NODES[@]}"; do [[ -d "$(mha_node_dir "$name")/data/mysql" ]] && have_data=1; done
  if [[ $have_data -eq 0 ]]; then
    mha_bootstrap
    return
  fi
  [[ -s "$MHA_RUN/primary" ]] && last="$(cat "$MHA_RUN/primary")"
  primary="$(mha_writable_port || true)"
  for port in "${MHA_PORTS[@]}"; do
    mha_node_answers "$port" && continue
    if [[ -n $primary && $port == "$last" && $port != "$primary" ]]; then rebuild+=("$port"); continue; fi
    mha_node_start "$(mha_name_of "$port")"
  done
  [[ -n $primary ]] || primary="$(mha_restore_primary)"
  for port in "${MHA_PORTS[@]}"; do
    [[ $port == "$primary" ]] && continue
    if [[ " ${rebuild[*]} " != *" $port "* ]]; then
      state="$(mha_replica_state "$port")"
      # Following the primary already. A replica that started before its primary waits Connect_Retry (60 s)
      # before dialling again: restart its threads, then give it a moment.
      if [[ $state == "$primary "* ]]; then
        [[ $state == "$primary Yes Yes" ]] || mha_sql "$port" 'STOP SLAVE; START SLAVE' || true
        wait_until 10 mha_replicates_from "$port" "$primary" && continue
      fi
    fi
    mha_rebuild "$(mha_name_of "$port")" "$primary"
  done
}

mha_sshd_up() {
  local dir="$MHA_SSH_DIR"
  mkdir -p "$dir"
  chmod 700 "$dir"
  [[ -f "$dir/ssh_host_ed25519_key" ]] || ssh-keygen -q -t ed25519 -N '' -C harvest-mha-host -f "$dir/ssh_host_ed25519_key"
  [[ -f "$dir/id_ed25519" ]] || ssh-keygen -q -t ed25519 -N '' -C harvest-mha-manager -f "$dir/id_ed25519"
  cp "$dir/id_ed25519.pub" "$dir/authorized_keys"
  # Its own daemon, keys and files: the system's sshd and /root/.ssh are never touched.
  cat >"$dir/sshd_config.new" <<EOF
ListenAddress 127.0.0.1:$MHA_SSH_PORT
HostKey $dir/ssh_host_ed25519_key
PidFile $dir/sshd.pid
AuthorizedKeysFile $dir/authorized_keys
AllowUsers root
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
PrintMotd no
# MHA copies the dead primary's binlog tail with scp, and OpenSSH 9's scp speaks SFTP: without this the
# failover aborts whenever that tail holds events, i.e. whenever it happens under write load.
Subsystem sftp internal-sftp
# MHA's node tools run in these sessions: they need the same compatibility module as the manager.
SetEnv PERL5LIB=$REPO_ROOT/infra/mysql/mha PERL5OPT=-MHarvestMhaCompat
EOF
  # MHA adds "-F this file" to every ssh and scp it runs (ssh_options in the rendered config).
  cat >"$dir/ssh_config" <<EOF
Host *
  IdentityFile $dir/id_ed25519
  IdentitiesOnly yes
  UserKnownHostsFile $dir/known_hosts
  StrictHostKeyChecking accept-new
  BatchMode yes
  LogLevel ERROR
EOF
  local pid
  if pid="$(live_pid "$dir/sshd.pid" "$dir/sshd_config")"; then
    if cmp -s "$dir/sshd_config.new" "$dir/sshd_config"; then rm -f "$dir/sshd_config.new"; return; fi
    stop_pid "mha sshd (config changed)" "$pid" 10
  fi
  mv "$dir/sshd_config.new" "$dir/sshd_config"
  mkdir -p /run/sshd # privilege separation directory sshd insists on
  /usr/sbin/sshd -f "$dir/sshd_config" -E "$dir/sshd.log" 9>&- || die "mha: sshd did not start; see $dir/sshd.log"
  wait_until 10 tcp_open "$MHA_SSH_PORT" || die "mha: sshd not listening on 127.0.0.1:$MHA_SSH_PORT after 10s; see $dir/sshd.log"
}

mha_manager_start() {
  local log_file="$MHA_MANAGER_DIR/harvest.log" out="$MHA_MANAGER_DIR/checks.log"
  # Every manager command loads infra/mysql/mha/HarvestMhaCompat.pm (MHA 0.58's version parser on Perl 5.36).
  export PERL5LIB="$REPO_ROOT/infra/mysql/mha${PERL5LIB:+:$PERL5LIB}" PERL5OPT=-MHarvestMhaCompat
  # A finished (or failed) failover leaves these; the manager must monitor the re-formed topology.
  rm -f "$MHA_MANAGER_DIR"/harvest.failover.complete "$MHA_MANAGER_DIR"/harvest.failover.error
  # Debian's 0.58 exits 2 even on success ("uninitialized value in exit"): its own verdict line decides.
  # Both checks in parallel (each takes seconds of ssh round trips). Debian's masterha_check_ssh exits 2
  # even on success ("uninitialized value in exit"): its own verdict line decides.
  masterha_check_ssh --conf="$MHA_CONF" >"$out.ssh" 2>&1 &
  local ssh_check=$! repl_ok=1
  masterha_check_repl --conf="$MHA_CONF" >"$out" 2>&1 || repl_ok=0
  wait "$ssh_check" || true
  grep -q 'All SSH connection tests passed successfully' "$out.ssh" \
    || { tail -5 "$out.ssh" >&2; die "mha: masterha_check_ssh failed; see $out.ssh"; }
  [[ $repl_ok -eq 1 ]] || { grep -E '\[error\]' "$out" | tail -5 >&2; die "mha: masterha_check_repl failed; see $out"; }
  log "mha: masterha_check_ssh and masterha_check_repl passed"
  # The hook reads its credentials and notify list from these (production: /etc/masterha/...).
  HARVEST_MHA_CREDENTIALS="$MHA_HOOK_CNF" HARVEST_MHA_NOTIFY_URLS="$MHA_RUN/notify-urls" \
    setsid masterha_manager --conf="$MHA_CONF" --ignore_last_failover </dev/null >>"$MHA_MANAGER_DIR/manager.out" 2>&1 9>&- &
  printf '%s\n' "$!" >"$MHA_MANAGER_PID"
  wait_until 60 mha_manager_settled || { tail -5 "$log_file" >&2; die "mha: masterha_manager is not monitoring after 60s; see $log_file"; }
  mha_manager_pid >/dev/null || { tail -5 "$log_file" >&2; die "mha: masterha_manager exited at start; see $log_file"; }
}

# True once the manager pings the primary, or has exited (the caller tells which).
mha_manager_settled() {
  mha_manager_pid >/dev/null || return 0
  masterha_check_status --conf="$MHA_CONF" 2>/dev/null | grep -q PING_OK
}

mha_up() {
  local t0 primary pid last
  t0="$(now)"
  mha_lock
  mha_ensure_packages
  mkdir -p "$MHA_RUN"
  mha_render
  mha_sshd_up
  if pid="$(mha_manager_pid)"; then
    last="$(cat "$MHA_RUN/primary" 2>/dev/null || true)"
    if [[ -n $last ]] && ! mha_node_answers "$last"; then
      # The primary died under a running manager: let MHA finish its failover (it exits when done).
      log "mha: primary 127.0.0.1:$last is down; waiting up to ${MHA_FAILOVER_WAIT}s for the manager's failover"
      wait_until "$MHA_FAILOVER_WAIT" pid_gone "$pid" \
        || die "mha: the manager did not finish a failover in ${MHA_FAILOVER_WAIT}s; see $MHA_MANAGER_DIR/harvest.log"
    elif mha_topology_healthy || wait_until 5 mha_topology_healthy; then
      wait_stable 30 2 mha_ready || die "mha: running but not ready after 30s: $NOT_READY; see $MHA_MANAGER_DIR/harvest.log"
      primary="$(mha_writable_port)"; printf '%s\n' "$primary" >"$MHA_RUN/primary"
      log "mha: already running (primary 127.0.0.1:$primary, manager pid $pid); left alone"
      return
    else
      log "mha: a replica is down or not replicating; stopping the manager to re-form"
      stop_pid "mha manager" "$pid" 15
    fi
  fi
  mha_reform
  log "mha: nodes up and replicating ($(elapsed_since "$t0")); checking ssh and replication with MHA, then starting its manager"
  primary="$(mha_writable_port)" || die "mha: no writable primary after re-forming; see the error.log files under $MHA_RUN"
  printf '%s\n' "$primary" >"$MHA_RUN/primary"
  mha_manager_start
  log "mha: waiting for both replicas to run both threads caught up with the primary (its binlog file, 0 s behind) and the manager to answer PING_OK, stable for 2s"
  wait_stable 30 2 mha_ready || die "mha: not ready after 30s: $NOT_READY; see the error.log files under $MHA_RUN"
  log "mha: ready in $(elapsed_since "$t0") (primary 127.0.0.1:$primary, 2 semi-sync replicas, manager pid $(mha_manager_pid))"
}

mha_down() {
  local pid name
  mha_lock
  if pid="$(mha_manager_pid)"; then stop_pid "mha manager" "$pid" 15; fi
  for name in "${MHA_NODES[@]}"; do mha_node_stop "$name"; done
  if pid="$(live_pid "$MHA_SSH_DIR/sshd.pid" "$MHA_SSH_DIR/sshd_config")"; then stop_pid "mha sshd" "$pid" 10; fi
  log "mha: stopped (data kept under .cache/run/mha)"
}

# The fault the chaos tests inject: SIGKILL of the current primary's mariadbd, no clean shutdown.
mha_primary_stop() {
  local port name pid
  mha_lock
  port="$(mha_writable_port)" || die "mha: no writable primary to stop; run: bash infra/local/harness up mha"
  name="$(mha_name_of "$port")"
  pid="$(live_pid "$(mha_node_dir "$name")/mariadbd.pid" "--port=$port")" \
    || die "mha: 127.0.0.1:$port answers but was not started by the harness; run: bash infra/local/harness down mha && bash infra/local/harness up mha"
  printf '%s\n' "$port" >"$MHA_RUN/primary" # so `up mha` knows a failover is due
  kill -KILL "$pid"
  wait_until 10 pid_gone "$pid" || die "mha: primary pid $pid survives SIGKILL; inspect it with ps -p $pid"
  log "mha: killed primary 127.0.0.1:$port ($name, pid $pid)"
}

mha_status() {
  local port up=0 primary="" pid="" manager=stopped state=down replicas=0
  for port in "${MHA_PORTS[@]}"; do mha_node_answers "$port" && up=$((up + 1)); done
  if [[ $up -gt 0 ]]; then
    state=partial
    primary="$(mha_writable_port || true)"
    if [[ -n $primary ]]; then
      for port in "${MHA_PORTS[@]}"; do
        [[ $port != "$primary" ]] && mha_replicates_from "$port" "$primary" && replicas=$((replicas + 1))
      done
      pid="$(live_pid "$(mha_node_dir "$(mha_name_of "$primary")")/mariadbd.pid" "--port=$primary" || true)"
    fi
  fi
  mha_manager_pid >/dev/null && manager=running
  [[ $up -eq 3 && $replicas -eq 2 && $manager == running ]] && state=up
  status_line mha "127.0.0.1:3331-3333 ssh 2222" "$state" "$pid" \
    "harness primary=${primary:+127.0.0.1:}${primary:-none} replicas=$replicas/2 manager=$manager"
}
