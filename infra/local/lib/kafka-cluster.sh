# Chaos topology's Kafka (issue 8): three KRaft brokers (each also a controller) on 127.0.0.1:9101-9103,
# controllers 9111-9113, one cluster id, from the production infra/kafka/server.properties.j2 rendered per
# host of inventory/local/tier.yml (RF 3, min.insync.replicas 2). Jars: the same cache as kafka.sh.
# shellcheck shell=bash

kafka_cluster_dir() { printf '%s/kafka/%s\n' "$CHAOS_RUN" "$1"; }

kafka_cluster_pid() { live_pid "$(kafka_cluster_dir "$1")/kafka.pid" kafka.Kafka; }

# One id for the three storages, made once (a broker formatted with another id never joins).
kafka_cluster_id() {
  local file="$CHAOS_RUN/kafka/cluster-id"
  if [[ ! -s "$file" ]]; then
    mkdir -p "$CHAOS_RUN/kafka"
    kafka_java kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n1 >"$file"
    [[ -s "$file" ]] || die "kafka_cluster: StorageTool random-uuid failed; check java -version (needs 17)"
  fi
  cat "$file"
}

# Renders the broker's properties and formats its storage the first time; returns the log offset to watch.
kafka_cluster_prepare() {
  local host="$1" dir
  dir="$(kafka_cluster_dir "$host")"
  mkdir -p "$dir/data" "$dir/logs/tools"
  render_for_host "$host" infra/kafka/server.properties.j2 "$dir/server.properties" \
    "$(tier_extra_vars "kafka_data_dir=$dir/data")"
  [[ -f "$dir/data/meta.properties" ]] && return
  log "kafka_cluster: formatting $host storage (cluster id $(kafka_cluster_id))"
  kafka_java kafka.tools.StorageTool format -t "$(kafka_cluster_id)" -c "$dir/server.properties" \
    >"$dir/logs/format.log" 2>&1 || die "kafka_cluster: storage format of $host failed; see $dir/logs/format.log"
}

kafka_cluster_launch() {
  local host="$1" dir pid
  dir="$(kafka_cluster_dir "$host")"
  log "kafka_cluster: starting $host on 127.0.0.1:$(tier_var "$host" kafka_port)"
  stat -c %s "$dir/logs/server.log" 2>/dev/null >"$dir/log-offset" || echo 0 >"$dir/log-offset"
  # ~512 MB heap each (issue 8); setsid so the broker outlives the caller's process group.
  setsid java -Xms512m -Xmx512m -XX:+UseG1GC -Djava.awt.headless=true \
    -Dlog4j.configuration="file:$HARNESS_DIR/kafka/log4j.properties" -Dkafka.logs.dir="$dir/logs" \
    -cp "$(kafka_lib_dir)/*" kafka.Kafka "$dir/server.properties" >>"$dir/logs/stdout.log" 2>&1 </dev/null &
  pid=$!
  echo "$pid" >"$dir/kafka.pid"
}

kafka_cluster_started() {
  local host="$1" dir pid
  dir="$(kafka_cluster_dir "$host")"
  pid="$(cat "$dir/kafka.pid")"
  kill -0 "$pid" 2>/dev/null || die "kafka_cluster: $host exited during start-up; see $dir/logs/server.log"
  # grep -c, not -q: -q exits at the first match and tail's SIGPIPE fails the pipeline under pipefail.
  [[ "$(tail -c +"$(($(cat "$dir/log-offset") + 1))" "$dir/logs/server.log" 2>/dev/null | grep -c 'Kafka Server started')" -gt 0 ]] \
    && tcp_open "$(tier_var "$host" kafka_port)"
}

kafka_cluster_bootstrap() {
  local host list=()
  for host in $(tier_hosts kafka); do list+=("127.0.0.1:$(tier_var "$host" kafka_port)"); done
  (IFS=,; printf '%s\n' "${list[*]}")
}

kafka_cluster_up() {
  local host t0 started=()
  ensure_java
  kafka_ensure_jars
  t0="$(now)"
  for host in $(tier_hosts kafka); do
    if kafka_cluster_pid "$host" >/dev/null; then continue; fi
    ! tcp_open "$(tier_var "$host" kafka_port)" \
      || die "kafka_cluster: port $(tier_var "$host" kafka_port) is taken by another process; stop it"
    kafka_cluster_prepare "$host"
    kafka_cluster_launch "$host"
    started+=("$host")
  done
  for host in "${started[@]}"; do
    wait_until 120 kafka_cluster_started "$host" \
      || die "kafka_cluster: $host did not start in 120s; see $(kafka_cluster_dir "$host")/logs/server.log"
  done
  # Every broker registered; and when one was (re)started, every partition led and in full ISR: a broker
  # restarted by a spec rejoins the ISR of its partitions only after catching up, and the next spec (and the
  # chaos run's producers) must not start before that.
  # Budgets as before the one-JVM check: 60 s to register, 90 s more to settle.
  if [[ ${#started[@]} -eq 0 ]]; then
    kafka_wait_ready kafka_cluster "$(kafka_cluster_bootstrap)" "$(tier_hosts kafka | wc -l)" 60 brokers
  else
    kafka_wait_ready kafka_cluster "$(kafka_cluster_bootstrap)" "$(tier_hosts kafka | wc -l)" 150 partitions
  fi
  if [[ ${#started[@]} -gt 0 ]]; then
    log "kafka_cluster: ${started[*]} started; 3 brokers up in $(elapsed_since "$t0") ($(kafka_cluster_bootstrap))"
  else
    log "kafka_cluster: already running ($(kafka_cluster_bootstrap)); left alone"
  fi
}

# All brokers get SIGTERM at once: stopped one by one, the last loses its controller quorum and hangs in
# controlled shutdown until the SIGKILL after 60 s.
kafka_cluster_down() {
  local host pid pids=()
  for host in $(tier_hosts kafka); do
    pid="$(kafka_cluster_pid "$host")" || continue
    log "kafka_cluster: stopping $host (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    pids+=("$host:$pid")
  done
  for pid in "${pids[@]}"; do stop_pid "kafka ${pid%%:*}" "${pid##*:}" 60; done
  log "kafka_cluster: stopped; data kept in .cache/run/chaos/kafka (delete it for an empty cluster)"
}

kafka_cluster_status() {
  local host up=0 total=0 pids=() state=down
  for host in $(tier_hosts kafka); do
    total=$((total + 1))
    if pids+=("$(kafka_cluster_pid "$host")") && tcp_open "$(tier_var "$host" kafka_port)"; then up=$((up + 1)); fi
  done
  [[ $up -gt 0 ]] && state=partial
  [[ $up -eq $total ]] && state=up
  status_line kafka_cluster "$(kafka_cluster_bootstrap)" "$state" "$(IFS=,; echo "${pids[*]}")" "harness running=$up/$total"
}
