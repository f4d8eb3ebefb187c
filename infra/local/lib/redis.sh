# Standalone Redis on 127.0.0.1:6379: reuse one that answers, otherwise start one without persistence.
# shellcheck shell=bash

REDIS_PORT=6379
REDIS_RUN="$RUN_DIR/redis"
REDIS_PIDFILE="$REDIS_RUN/redis.pid"
REDIS_MARKER="$REDIS_RUN/started-by-harness"

redis_ping() {
  [[ "$(redis-cli -h 127.0.0.1 -p "$1" ping 2>/dev/null)" == PONG ]]
}

redis_up() {
  ensure_redis_binaries
  if redis_ping "$REDIS_PORT"; then
    log "redis: already answering on 127.0.0.1:$REDIS_PORT; left alone"
    return
  fi
  local t0; t0="$(now)"
  mkdir -p "$REDIS_RUN"
  log "redis: starting redis-server on 127.0.0.1:$REDIS_PORT"
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no \
    --daemonize yes --pidfile "$REDIS_PIDFILE" --logfile "$REDIS_RUN/redis.log" --dir "$REDIS_RUN" \
    || die "redis: redis-server failed to start; see $REDIS_RUN/redis.log"
  touch "$REDIS_MARKER"
  wait_until 15 redis_ping "$REDIS_PORT" \
    || die "redis did not answer PING on 127.0.0.1:$REDIS_PORT in 15s; see $REDIS_RUN/redis.log"
  log "redis: started on 127.0.0.1:$REDIS_PORT in $(elapsed_since "$t0")"
}

redis_down() {
  local pid
  if [[ ! -f "$REDIS_MARKER" ]]; then
    log "redis: not started by the harness; left alone"
    return
  fi
  if pid="$(live_pid "$REDIS_PIDFILE" "redis-server")"; then
    log "redis: stopping pid $pid"
    stop_pid redis "$pid" 15
  fi
  rm -f "$REDIS_MARKER"
  log "redis: stopped"
}

redis_status() {
  local pid="" origin=reused state=down
  redis_ping "$REDIS_PORT" && state=up
  if [[ -f "$REDIS_MARKER" ]]; then
    origin=harness
    pid="$(live_pid "$REDIS_PIDFILE" redis-server || true)"
  elif [[ $state == up ]]; then
    pid="$(redis-cli -p "$REDIS_PORT" info server 2>/dev/null | sed -n 's/^process_id:\([0-9]*\).*/\1/p')"
  fi
  [[ $state == down ]] && origin=-
  status_line redis "127.0.0.1:$REDIS_PORT" "$state" "$pid" "$origin"
}
