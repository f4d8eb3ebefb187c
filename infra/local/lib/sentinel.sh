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

# True when every sentinel names MASTER and flags it plain master (no s_down, o_down, failover_in_progress).
sentinels_settled_on() {
  local s
  for s in "${SENTINEL_PORTS[@]}"; do
    [[ "$(sentinel_master_field "$s" port)" == "$1" && "$(sentinel_master_field "$s" flags)" == master ]] || return 1
  done
}

# One field of a Redis INFO section (INFO answers with CRLF lines).
redis_info_field() {
  redis-cli -p "$1" info "$2" 2>/dev/null | tr -d '\r' | awk -F: -v f="$3" '$1 == f { print $2 }'
}

# One field of a sentinel's SENTINEL MASTER reply (alternating key and value lines).
sentinel_master_field() {
  redis-cli -p "$1" sentinel master "$SENTINEL_NAME" 2>/dev/null | awk -v k="$2" 'NR % 2 == 1 { key = $0; next } key == k { print }'
}

# The replicas one sentinel knows, one line each: PORT FLAGS MASTER-LINK-STATUS MASTER-PORT.
sentinel_replica_rows() {
  redis-cli -p "$1" sentinel replicas "$SENTINEL_NAME" 2>/dev/null | awk '
    NR % 2 == 1 { key = $0; next }
    key == "name" && port != "" { print port, flags, link, mport; port = flags = link = mport = "" }
    key == "port" { port = $0 }
    key == "flags" { flags = $0 }
    key == "master-link-status" { link = $0 }
    key == "master-port" { mport = $0 }
    END { if (port != "") print port, flags, link, mport }'
}

# Ready = the topology the failover tests start from, as every party sees it, with nothing pending:
# - the master answers as master with every other node connected, and each replica replicates from it with its
#   link up and no sync in progress;
# - every sentinel names that master, flags it plain `master` (no s_down, o_down, failover_in_progress),
#   lists each replica flagged plain `slave` with its link ok and this master (no s_down, disconnected or
#   promoted node left to convert), counts the other sentinels, is not in TILT and passes CKQUORUM.
# A failed check leaves its reason in NOT_READY. sentinel_up requires this to hold for a stability window,
# because a sentinel may still reconfigure a node seconds after a first good snapshot.
sentinel_topology_ready() {
  local m s n row replicas=$((${#SENTINEL_NODE_PORTS[@]} - 1)) sentinels=${#SENTINEL_PORTS[@]}
  m="$(sentinel_reported_master)" || { NOT_READY="no sentinel names a master"; return 1; }
  [[ "$(redis_info_field "$m" replication role)" == master ]] \
    || { NOT_READY="node $m, named master by a sentinel, does not answer as master"; return 1; }
  [[ "$(redis_info_field "$m" replication connected_slaves)" == "$replicas" ]] \
    || { NOT_READY="master $m does not have its $replicas replica(s) connected"; return 1; }
  for n in "${SENTINEL_NODE_PORTS[@]}"; do
    [[ $n == "$m" ]] && continue
    [[ "$(redis_info_field "$n" replication master_port)" == "$m" ]] \
      || { NOT_READY="node $n does not replicate from master $m"; return 1; }
    [[ "$(redis_info_field "$n" replication master_link_status)" == up ]] \
      || { NOT_READY="replica $n: master_link_status not up"; return 1; }
    [[ "$(redis_info_field "$n" replication master_sync_in_progress)" == 0 ]] \
      || { NOT_READY="replica $n: sync in progress"; return 1; }
  done
  for s in "${SENTINEL_PORTS[@]}"; do
    [[ "$(sentinel_master_field "$s" port)" == "$m" ]] || { NOT_READY="sentinel $s does not name $m as master"; return 1; }
    [[ "$(sentinel_master_field "$s" flags)" == master ]] \
      || { NOT_READY="sentinel $s flags master $m '$(sentinel_master_field "$s" flags)'"; return 1; }
    [[ "$(sentinel_master_field "$s" num-other-sentinels)" == $((sentinels - 1)) ]] \
      || { NOT_READY="sentinel $s does not know the $((sentinels - 1)) other sentinels"; return 1; }
    [[ "$(redis_info_field "$s" sentinel sentinel_tilt)" == 0 ]] || { NOT_READY="sentinel $s is in TILT mode"; return 1; }
    [[ "$(redis-cli -p "$s" sentinel ckquorum "$SENTINEL_NAME" 2>/dev/null)" == "OK $sentinels usable"* ]] \
      || { NOT_READY="sentinel $s: CKQUORUM does not see $sentinels usable sentinels"; return 1; }
    for n in "${SENTINEL_NODE_PORTS[@]}"; do
      [[ $n == "$m" ]] && continue
      row="$(sentinel_replica_rows "$s" | awk -v p="$n" '$1 == p')"
      [[ "$row" == "$n slave ok $m" ]] \
        || { NOT_READY="sentinel $s sees replica $n as '${row:-unknown}' (want: $n slave ok $m)"; return 1; }
    done
  done
}

# How long the topology must stay ready before `up` returns (a conversion or resync restarts it).
SENTINEL_STABLE_SECONDS=3

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
  # A node that was hung through a failover (DEBUG SLEEP) wakes up still claiming master; Sentinel converts it
  # only 8-10 s later, so do now what it would do.
  # Only when every sentinel names that master with no failover under way, so a node being promoted is never
  # turned back.
  for port in "${SENTINEL_NODE_PORTS[@]}"; do
    if [[ $port != "$master" && "$(redis_info_field "$port" replication role)" == master ]] \
      && sentinels_settled_on "$master"; then
      log "$SENTINEL_LABEL: node 127.0.0.1:$port still claims master after a failover; making it a replica of 127.0.0.1:$master"
      redis-cli -p "$port" replicaof 127.0.0.1 "$master" >/dev/null || die "$SENTINEL_LABEL: REPLICAOF on node $port failed"
    fi
  done
  log "$SENTINEL_LABEL: waiting for every sentinel to agree on the master and list its replica linked and plain (no s_down/o_down/failover/TILT), stable for ${SENTINEL_STABLE_SECONDS}s"
  wait_stable 30 "$SENTINEL_STABLE_SECONDS" sentinel_topology_ready \
    || die "$SENTINEL_LABEL topology not ready after 30s: $NOT_READY; reset it with: bash infra/local/harness down $SENTINEL_LABEL && bash infra/local/harness up $SENTINEL_LABEL"
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
