# Redis Sentinel topology for failover tests: data nodes 6390/6391, sentinels 26390-26392, master `harvest`.
# shellcheck shell=bash

SENTINEL_NAME=harvest
SENTINEL_NODE_PORTS=(6390 6391)
SENTINEL_PORTS=(26390 26391 26392)
SENTINEL_RUN="$RUN_DIR/sentinel"
SENTINEL_TEMPLATES="$HARNESS_DIR/redis"
# How long to let Sentinel finish a failover already under way before trusting its old answer.
SENTINEL_FAILOVER_WAIT=15
# The same functions run the chaos topology (sentinel-ha.sh), which swaps these and the two renderers.
SENTINEL_LABEL=sentinel
SENTINEL_ADDRESS="127.0.0.1:6390,6391 sentinels 26390-26392"
SENTINEL_RENDER_NODE=sentinel_render_node_test
SENTINEL_RENDER_SENTINEL=sentinel_render_sentinel_test

# Port of the master as the first answering sentinel sees it; fails if no sentinel answers.
sentinel_reported_master() {
  local s reply
  for s in "${SENTINEL_PORTS[@]}"; do
    reply="$(redis-cli -p "$s" sentinel get-master-addr-by-name "$SENTINEL_NAME" 2>/dev/null | sed -n 2p)"
    [[ "$reply" =~ ^[0-9]+$ ]] && { printf '%s\n' "$reply"; return 0; }
  done
  return 1
}

node_role() { redis-cli -p "$1" role 2>/dev/null | head -n1; }

reported_master_alive() {
  local m; m="$(sentinel_reported_master)" && redis_ping "$m"
}

# Decides which node is master now, so a restarted node joins it instead of becoming a second master.
sentinel_pick_master() {
  local m n
  if m="$(sentinel_reported_master)"; then
    if ! redis_ping "$m"; then
      # The master is dead; if a replica survives, Sentinel is (or soon will be) promoting it.
      for n in "${SENTINEL_NODE_PORTS[@]}"; do
        if [[ $n != "$m" ]] && redis_ping "$n"; then
          wait_until "$SENTINEL_FAILOVER_WAIT" reported_master_alive || true
          m="$(sentinel_reported_master)"
          break
        fi
      done
    fi
    printf '%s\n' "$m"; return
  fi
  for n in "${SENTINEL_NODE_PORTS[@]}"; do
    [[ "$(node_role "$n")" == master ]] && { printf '%s\n' "$n"; return; }
  done
  printf '%s\n' "${SENTINEL_NODE_PORTS[0]}"
}

# Renders TEMPLATE into DIR/NAME, filling in the port, the directory and the master port.
render_template() {
  local template="$1" dir="$2" name="$3" port="$4" master="$5"
  sed -e "s|@PORT@|$port|g" -e "s|@DIR@|$dir|g" -e "s|@MASTER_PORT@|$master|g" "$template" >"$dir/$name"
}

# Test topology: infra/local/redis templates; a replica gets `replicaof` appended.
sentinel_render_node_test() {
  local port="$1" master="$2" dir="$3"
  render_template "$SENTINEL_TEMPLATES/node.conf.template" "$dir" redis.conf "$port" "$master"
  [[ $port == "$master" ]] || printf 'replicaof 127.0.0.1 %s\n' "$master" >>"$dir/redis.conf"
}

sentinel_render_sentinel_test() {
  render_template "$SENTINEL_TEMPLATES/sentinel.conf.template" "$3" sentinel.conf "$1" "$2"
}

start_node() {
  local port="$1" master="$2" dir="$SENTINEL_RUN/node-$1"
  mkdir -p "$dir"
  rm -f "$dir/dump.rdb"
  "$SENTINEL_RENDER_NODE" "$port" "$master" "$dir"
  if [[ $port != "$master" ]]; then
    log "$SENTINEL_LABEL: starting node 127.0.0.1:$port as replica of 127.0.0.1:$master"
  else
    log "$SENTINEL_LABEL: starting node 127.0.0.1:$port as master"
  fi
  redis-server "$dir/redis.conf" --daemonize yes --pidfile "$dir/redis.pid" \
    || die "$SENTINEL_LABEL: node $port failed to start; see $dir/redis.log"
  wait_until 10 redis_ping "$port" || die "$SENTINEL_LABEL: node $port did not answer PING in 10s; see $dir/redis.log"
}

start_sentinel() {
  local port="$1" master="$2" dir="$SENTINEL_RUN/sentinel-$1"
  mkdir -p "$dir"
  "$SENTINEL_RENDER_SENTINEL" "$port" "$master" "$dir"
  log "$SENTINEL_LABEL: starting sentinel 127.0.0.1:$port (monitoring 127.0.0.1:$master)"
  redis-server "$dir/sentinel.conf" --sentinel --daemonize yes --pidfile "$dir/sentinel.pid" \
    || die "$SENTINEL_LABEL: sentinel $port failed to start; see $dir/sentinel.log"
  wait_until 10 redis_ping "$port" || die "$SENTINEL_LABEL: sentinel $port did not answer PING in 10s; see $dir/sentinel.log"
}

# Ready = every sentinel agrees on a live master that has exactly one replica with its link up,
# and each sentinel counts 3 usable sentinels (so a failover can be authorised).
sentinel_topology_ready() {
  local m s n reply
  m="$(sentinel_reported_master)" || return 1
  [[ "$(node_role "$m")" == master ]] || return 1
  for s in "${SENTINEL_PORTS[@]}"; do
    reply="$(redis-cli -p "$s" sentinel get-master-addr-by-name "$SENTINEL_NAME" 2>/dev/null | sed -n 2p)"
    [[ "$reply" == "$m" ]] || return 1
    redis-cli -p "$s" sentinel ckquorum "$SENTINEL_NAME" 2>/dev/null | grep -q '^OK 3 usable' || return 1
  done
  redis-cli -p "$m" info replication 2>/dev/null | grep -q '^connected_slaves:1' || return 1
  for n in "${SENTINEL_NODE_PORTS[@]}"; do
    [[ $n == "$m" ]] && continue
    redis-cli -p "$n" info replication 2>/dev/null | grep -q "^master_port:$m" || return 1
    redis-cli -p "$n" info replication 2>/dev/null | grep -q '^master_link_status:up' || return 1
  done
}

sentinel_up() {
  ensure_redis_binaries
  mkdir -p "$SENTINEL_RUN"
  local t0 master port started=0
  t0="$(now)"
  master="$(sentinel_pick_master)"
  for port in "${SENTINEL_NODE_PORTS[@]}"; do
    redis_ping "$port" && continue
    start_node "$port" "$master"; started=1
  done
  for port in "${SENTINEL_PORTS[@]}"; do
    redis_ping "$port" && continue
    start_sentinel "$port" "$master"; started=1
  done
  wait_until 30 sentinel_topology_ready \
    || die "$SENTINEL_LABEL topology not consistent after 30s; reset it with: bash infra/local/harness down $SENTINEL_LABEL && bash infra/local/harness up $SENTINEL_LABEL"
  master="$(sentinel_reported_master)"
  if [[ $started -eq 1 ]]; then
    log "$SENTINEL_LABEL: ready in $(elapsed_since "$t0") (master 127.0.0.1:$master, 1 replica, 3 sentinels, name $SENTINEL_NAME)"
  else
    log "$SENTINEL_LABEL: already running (master 127.0.0.1:$master); left alone"
  fi
}

# Stops one redis process by port: pid file first, SHUTDOWN NOSAVE if the file is gone.
stop_redis_port() {
  local port="$1" pidfile="$2" pid
  if pid="$(live_pid "$pidfile" "127.0.0.1:$port")"; then
    stop_pid "redis $port" "$pid" 15
  elif redis_ping "$port"; then
    redis-cli -p "$port" shutdown nosave >/dev/null 2>&1 || true
    wait_until 10 bash -c "! (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null" \
      || die "$SENTINEL_LABEL: 127.0.0.1:$port still answers after SHUTDOWN; stop it by hand"
  fi
}

# Stops everything and forgets all state, so the next `up` starts from a clean topology.
sentinel_down() {
  local port
  for port in "${SENTINEL_PORTS[@]}"; do
    stop_redis_port "$port" "$SENTINEL_RUN/sentinel-$port/sentinel.pid"
  done
  for port in "${SENTINEL_NODE_PORTS[@]}"; do
    stop_redis_port "$port" "$SENTINEL_RUN/node-$port/redis.pid"
  done
  rm -rf "$SENTINEL_RUN"
  log "$SENTINEL_LABEL: stopped, state under ${SENTINEL_RUN#"$REPO_ROOT"/} removed"
}

# TARGET is node-PORT or master (whichever node Sentinel reports as master now).
sentinel_node_port() {
  local target="$1" port
  if [[ $target == master ]]; then
    port="$(sentinel_reported_master)" || die "$SENTINEL_LABEL: no sentinel answers; run: bash infra/local/harness up sentinel"
  else
    port="${target#node-}"
  fi
  [[ " ${SENTINEL_NODE_PORTS[*]} " == *" $port "* ]] || die "unknown sentinel node '$target'; use node-6390, node-6391 or master"
  printf '%s\n' "$port"
}

# Simulates a crash of one data node (no save, no failover hand-off).
sentinel_node_stop() {
  local port; port="$(sentinel_node_port "$1")"
  redis_ping "$port" || { log "$SENTINEL_LABEL: node 127.0.0.1:$port already down"; return; }
  stop_redis_port "$port" "$SENTINEL_RUN/node-$port/redis.pid"
  log "$SENTINEL_LABEL: node 127.0.0.1:$port stopped"
}

sentinel_node_start() {
  ensure_redis_binaries
  local port master t0; port="$(sentinel_node_port "$1")"; t0="$(now)"
  if redis_ping "$port"; then log "$SENTINEL_LABEL: node 127.0.0.1:$port already running; left alone"; return; fi
  master="$(sentinel_pick_master)"
  start_node "$port" "$master"
  if [[ $port != "$master" ]]; then
    wait_until 30 bash -c "redis-cli -p $port info replication | grep -q '^master_link_status:up'" \
      || die "$SENTINEL_LABEL: node $port did not sync from 127.0.0.1:$master in 30s; see $SENTINEL_RUN/node-$port/redis.log"
  fi
  log "$SENTINEL_LABEL: node 127.0.0.1:$port started in $(elapsed_since "$t0")"
}

sentinel_status() {
  local up=0 total=0 port m="" pid="" state=down origin=-
  for port in "${SENTINEL_NODE_PORTS[@]}" "${SENTINEL_PORTS[@]}"; do
    total=$((total + 1))
    redis_ping "$port" && up=$((up + 1))
  done
  if [[ $up -gt 0 ]]; then
    state=partial
    m="$(sentinel_reported_master || true)"
    sentinel_topology_ready && state=up
    [[ -n $m ]] && pid="$(live_pid "$SENTINEL_RUN/node-$m/redis.pid" "127.0.0.1:$m" || true)"
    origin="harness master=${m:-?} running=$up/$total"
  fi
  status_line "$SENTINEL_LABEL" "$SENTINEL_ADDRESS" "$state" "$pid" "$origin"
}
