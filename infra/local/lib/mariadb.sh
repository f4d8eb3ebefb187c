# MariaDB on 127.0.0.1:3306: reuse a server that answers, otherwise install/start one.
# shellcheck shell=bash

MARIADB_PORT=3306
MARIADB_RUN="$RUN_DIR/mariadb"
MARIADB_PIDFILE="$MARIADB_RUN/mariadbd.pid"
# Present only when the harness started the server; `down` leaves a reused server alone.
MARIADB_MARKER="$MARIADB_RUN/started-by-harness"

mariadb_answers() {
  command -v mariadb >/dev/null \
    && mariadb -h127.0.0.1 -P"$MARIADB_PORT" -uroot --connect-timeout=2 -e 'select 1' >/dev/null 2>&1
}

mariadb_socket_answers() {
  mariadb -uroot --connect-timeout=2 -e 'select 1' >/dev/null 2>&1
}

mariadb_up() {
  if mariadb_answers; then
    log "mariadb: already answering on 127.0.0.1:$MARIADB_PORT; left alone"
    return
  fi
  [[ -x /usr/sbin/mariadbd ]] || apt_install mariadb-server
  local t0; t0="$(now)"
  mkdir -p "$MARIADB_RUN"
  # The package's own init script may already have started a server that only takes socket logins.
  if ! mariadb_socket_answers; then
    mkdir -p /run/mysqld
    chown mysql:mysql /run/mysqld
    log "mariadb: starting /usr/sbin/mariadbd on 127.0.0.1:$MARIADB_PORT"
    start-stop-daemon --start --oknodo --background --quiet --pidfile "$MARIADB_PIDFILE" \
      --exec /usr/sbin/mariadbd -- --user=mysql --bind-address=127.0.0.1 --port="$MARIADB_PORT" \
      --pid-file="$MARIADB_PIDFILE" --log-error="$MARIADB_RUN/error.log" \
      || die "mariadb: start-stop-daemon failed; see $MARIADB_RUN/error.log"
    touch "$MARIADB_MARKER"
    wait_until 60 mariadb_socket_answers \
      || die "mariadb did not answer on its socket in 60s; see $MARIADB_RUN/error.log"
  fi
  # Debian's root@localhost authenticates by unix socket only; tests log in over TCP with no password.
  mariadb -uroot -e "ALTER USER root@localhost IDENTIFIED VIA mysql_native_password USING PASSWORD('') OR unix_socket; CREATE DATABASE IF NOT EXISTS test;" \
    || die "mariadb: could not allow passwordless root over TCP; run the ALTER USER by hand"
  wait_until 30 mariadb_answers \
    || die "mariadb did not answer on 127.0.0.1:$MARIADB_PORT in 30s; see $MARIADB_RUN/error.log"
  log "mariadb: started on 127.0.0.1:$MARIADB_PORT in $(elapsed_since "$t0")"
}

mariadb_down() {
  local pid
  if [[ ! -f "$MARIADB_MARKER" ]]; then
    log "mariadb: not started by the harness; left alone"
    return
  fi
  if pid="$(live_pid "$MARIADB_PIDFILE" mariadbd)"; then
    log "mariadb: stopping pid $pid"
    stop_pid mariadb "$pid" 60
  fi
  rm -f "$MARIADB_MARKER"
  log "mariadb: stopped"
}

mariadb_status() {
  local pid="" origin=reused state=down
  mariadb_answers && state=up
  if [[ -f "$MARIADB_MARKER" ]]; then
    origin=harness
    pid="$(live_pid "$MARIADB_PIDFILE" mariadbd || true)"
  else
    command -v pgrep >/dev/null && pid="$(pgrep -x mariadbd | head -n1 || true)"
  fi
  [[ $state == down ]] && origin=-
  status_line mariadb "127.0.0.1:$MARIADB_PORT" "$state" "$pid" "$origin"
}
