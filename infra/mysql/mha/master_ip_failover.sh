#!/usr/bin/env bash
# MHA master_ip_failover_script and master_ip_online_change_script for Harvest
# (/usr/local/bin/harvest-master-ip-failover on the MHA manager).
#
# There is no virtual IP to move: every service lists all candidate nodes in DB_HOSTS and writes to the one
# answering read_only=OFF (libs/platform/database). So this hook's job is to make that answer correct:
#   stop/stopssh: fence the old primary (read_only=ON) if it still answers; a dead one is fenced already,
#                 because every node boots read_only=ON (infra/mysql/harvest.cnf).
#   start:        make the new primary writable (read_only=OFF); services rediscover it on their next
#                 failed write or primary check (DB_PRIMARY_CHECK_MS) and count harvest_db_failovers_total.
#   status:       nothing to check.
# Then, optionally, it asks each URL in /etc/masterha/harvest-notify-urls (one per line, e.g. a service's
# /health/ready) so the log shows whether services see a writer; that never fails the failover.
# Exit codes as MHA expects: 0 ok, 10 warn and go on, anything else aborts the failover.
set -uo pipefail

CREDENTIALS=${HARVEST_MHA_CREDENTIALS:-/etc/masterha/harvest-hook.cnf}
NOTIFY_URLS=${HARVEST_MHA_NOTIFY_URLS:-/etc/masterha/harvest-notify-urls}

command="" orig_host="" orig_port=3306 new_host="" new_port=3306
for arg in "$@"; do
  case "$arg" in
    --command=*) command=${arg#*=} ;;
    --orig_master_host=*) orig_host=${arg#*=} ;;
    --orig_master_port=*) orig_port=${arg#*=} ;;
    --new_master_host=*) new_host=${arg#*=} ;;
    --new_master_port=*) new_port=${arg#*=} ;;
    *) ;; # MHA passes more (ssh user, passwords, ips); credentials come from $CREDENTIALS instead
  esac
done

log() { echo "harvest-master-ip-failover: $*" >&2; }

sql() { # host port statement
  mysql --defaults-extra-file="$CREDENTIALS" --connect-timeout=5 -h "$1" -P "$2" -N -e "$3"
}

notify_services() {
  [ -r "$NOTIFY_URLS" ] || return 0
  while read -r url; do
    case "$url" in '' | '#'*) continue ;; esac
    code=$(curl -s -o /dev/null -m 5 -w '%{http_code}' "$url") || code=unreachable
    log "notify $url -> $code"
  done <"$NOTIFY_URLS"
}

case "$command" in
  status)
    exit 0
    ;;
  stop | stopssh)
    [ -n "$orig_host" ] || { log "stop without --orig_master_host"; exit 1; }
    if sql "$orig_host" "$orig_port" "SET GLOBAL read_only = ON" 2>/dev/null; then
      log "old primary $orig_host:$orig_port fenced (read_only=ON)"
    else
      log "old primary $orig_host:$orig_port unreachable: it boots read_only=ON, nothing to fence"
    fi
    exit 0
    ;;
  start)
    [ -n "$new_host" ] || { log "start without --new_master_host"; exit 1; }
    if ! sql "$new_host" "$new_port" "SET GLOBAL read_only = OFF"; then
      log "could not make $new_host:$new_port writable: aborting so a human looks"
      exit 1
    fi
    state=$(sql "$new_host" "$new_port" "SELECT @@global.read_only")
    [ "$state" = "0" ] || { log "$new_host:$new_port still read_only=$state"; exit 1; }
    log "new primary $new_host:$new_port is writable (read_only=OFF)"
    notify_services
    exit 0
    ;;
  *)
    log "unknown --command=$command"
    exit 1
    ;;
esac
