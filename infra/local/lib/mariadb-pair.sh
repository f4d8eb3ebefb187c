# Two throwaway MariaDB nodes on 127.0.0.1:3317 and :3318 for the database library's failover tests:
# the test makes one writable (read_only=OFF) and one read-only, then swaps them or stops one, the way
# MHA does on promotion. Full MHA with replication is the HA issue's topology (infra/mysql).
# shellcheck shell=bash

MARIADB_PAIR_PORTS=(3317 3318)
MARIADB_PAIR_RUN="$RUN_DIR/mariadb-pair"

mariadb_pair_node_dir() { printf '%s/node-%s' "$MARIADB_PAIR_RUN" "$1"; }

mariadb_pair_node_answers() {
  mariadb -h127.0.0.1 -P"$1" -uroot --connect-timeout=2 -e 'select 1' >/dev/null 2>&1
}

mariadb_pair_node_start() {
  local port="$1" dir pid
  dir="$(mariadb_pair_node_dir "$port")"
  if pid="$(live_pid "$dir/mariadbd.pid" "--port=$port")"; then
    mariadb_pair_node_answers "$port" && return
    # Alive but not answering: a test's SHUTDOWN returns before the process is gone; let it finish.
    wait_until 60 pid_gone "$pid" || die "mariadb-pair: node $port (pid $pid) neither answers nor exits; kill it and rerun"
  fi
  [[ -x /usr/sbin/mariadbd ]] || apt_install mariadb-server
  mkdir -p "$dir"
  if [[ ! -d "$dir/data/mysql" ]]; then
    log "mariadb-pair: initialising node $port"
    mariadb-install-db --user=mysql --datadir="$dir/data" --auth-root-authentication-method=normal \
      --skip-test-db >"$dir/install.log" 2>&1 || die "mariadb-pair: mariadb-install-db failed; see $dir/install.log"
  fi
  chown -R mysql:mysql "$dir"
  start-stop-daemon --start --background --quiet --pidfile "$dir/mariadbd.pid" --exec /usr/sbin/mariadbd -- \
    --no-defaults --user=mysql --datadir="$dir/data" --bind-address=127.0.0.1 --port="$port" \
    --socket="$dir/mariadbd.sock" --pid-file="$dir/mariadbd.pid" --log-error="$dir/error.log" \
    --server-id="$port" --log-bin=mysql-bin --innodb-buffer-pool-size=32M --skip-name-resolve \
    || die "mariadb-pair: node $port did not start; see $dir/error.log"
  wait_until 60 mariadb_pair_node_answers "$port" || die "mariadb-pair: node $port did not answer in 60s; see $dir/error.log"
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
    mariadb_pair_node_answers "$port" && state=up
    pid="$(live_pid "$(mariadb_pair_node_dir "$port")/mariadbd.pid" "--port=$port" || true)"
    status_line "mariadb-pair" "127.0.0.1:$port" "$state" "$pid" harness
  done
}
