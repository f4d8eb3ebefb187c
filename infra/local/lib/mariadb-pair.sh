# Two throwaway MariaDB nodes on 127.0.0.1:3317 and :3318 for the database library's failover tests:
# the test makes one writable (read_only=OFF) and one read-only, then swaps them or stops one, the way
# MHA does on promotion. Full MHA with replication is the HA issue's topology (infra/mysql).
# shellcheck shell=bash

MARIADB_PAIR_PORTS=(3317 3318)
MARIADB_PAIR_RUN="$RUN_DIR/mariadb-pair"

mariadb_pair_node_dir() { printf '%s/node-%s' "$MARIADB_PAIR_RUN" "$1"; }

# Throwaway MariaDB node code shared with lib/mha.sh.
mariadb_node_answers() {
  mariadb -h127.0.0.1 -P"$1" -uroot --connect-timeout=2 -e 'select 1' >/dev/null 2>&1
}

# mariadb_node_start LABEL DIR PORT OPTION_FILES [MARIADBD_ARG...]
# Starts /usr/sbin/mariadbd on 127.0.0.1:PORT with its data in DIR/data (initialised on first use), its
# socket, pid file and error.log in DIR, unless it already answers. OPTION_FILES is --no-defaults or
# --defaults-file=FILE (mariadbd takes it only as the first argument); MARIADBD_ARGs follow the common ones.
# The server does not inherit fd 9 (lib/mha.sh's lock).
mariadb_node_start() {
  local label="$1" dir="$2" port="$3" option_files="$4" pid
  shift 4
  if pid="$(live_pid "$dir/mariadbd.pid" "--port=$port")"; then
    mariadb_node_answers "$port" && return
    # Alive but not answering: a test's SHUTDOWN returns before the process is gone; let it finish.
    wait_until 60 pid_gone "$pid" || die "$label: node $port (pid $pid) neither answers nor exits; kill it and rerun"
  fi
  [[ -x /usr/sbin/mariadbd ]] || apt_install mariadb-server
  mkdir -p "$dir"
  if [[ ! -d "$dir/data/mysql" ]]; then
    log "$label: initialising node $port"
    mariadb-install-db --user=mysql --datadir="$dir/data" --auth-root-authentication-method=normal \
      --skip-test-db >"$dir/install.log" 2>&1 || die "$label: mariadb-install-db failed; see $dir/install.log"
  fi
  chown -R mysql:mysql "$dir"
  start-stop-daemon --start --background --quiet --pidfile "$dir/mariadbd.pid" --exec /usr/sbin/mariadbd -- \
    "$option_files" --user=mysql --datadir="$dir/data" --bind-address=127.0.0.1 --port="$port" \
    --socket="$dir/mariadbd.sock" --pid-file="$dir/mariadbd.pid" --log-error="$dir/error.log" "$@" 9>&- \
    || die "$label: node $port did not start; see $dir/error.log"
  wait_until 60 mariadb_node_answers "$port" || die "$label: node $port did not answer in 60s; see $dir/error.log"
}

mariadb_pair_node_start() {
  mariadb_node_start mariadb-pair "$(mariadb_pair_node_dir "$1")" "$1" --no-defaults \
    --server-id="$1" --log-bin=mysql-bin --innodb-buffer-pool-size=32M --skip-name-resolve
}

mariadb_pair_up() {
  local t0 port; t0="$(now)"
  for port in "${MARIADB_PAIR_PORTS[@]}"; do mariadb_pair_node_start "$port"; done
  log "mariadb-pair: nodes up on 127.0.0.1:${MARIADB_PAIR_PORTS[0]} and :${MARIADB_PAIR_PORTS[1]} ($(elapsed_since "$t0"))"
}

mariadb_pair_down() {
  local port pid
  for port in "${MARIADB_PAIR_PORTS[@]}"; do
    if pid="$(live_pid "$(mariadb_pair_node_dir "$port")/mariadbd.pid" "--port=$port")"; then
      stop_pid "mariadb-pair node $port" "$pid" 60
    fi
  done
  log "mariadb-pair: stopped"
}

mariadb_pair_status() {
  local port state pid
  for port in "${MARIADB_PAIR_PORTS[@]}"; do
    state=down
    mariadb_node_answers "$port" && state=up
    pid="$(live_pid "$(mariadb_pair_node_dir "$port")/mariadbd.pid" "--port=$port" || true)"
    status_line "mariadb-pair" "127.0.0.1:$port" "$state" "$pid" harness
  done
}
