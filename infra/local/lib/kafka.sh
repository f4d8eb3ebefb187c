# Single-broker KRaft Kafka on 127.0.0.1:9092 (controller 9093), run from Maven Central jars.
# shellcheck shell=bash

KAFKA_PORT=9092
KAFKA_CONF_DIR="$HARNESS_DIR/kafka"
KAFKA_RUN="$RUN_DIR/kafka"
KAFKA_DATA="$KAFKA_RUN/data"
KAFKA_LOGS="$KAFKA_RUN/logs"
KAFKA_PIDFILE="$KAFKA_RUN/kafka.pid"
KAFKA_LOG_FILE="$KAFKA_LOGS/server.log"

kafka_version() { sed -n 's|.*<kafka.version>\(.*\)</kafka.version>.*|\1|p' "$KAFKA_CONF_DIR/pom.xml"; }

kafka_lib_dir() { printf '%s/kafka/%s/lib' "$CACHE_DIR" "$(kafka_version)"; }

# Downloads the broker classpath once per version; the .complete marker makes an interrupted copy retry.
kafka_ensure_jars() {
  local lib; lib="$(kafka_lib_dir)"
  [[ -f "$lib/.complete" ]] && return
  ensure_maven
  log "kafka: downloading Kafka $(kafka_version) jars from Maven Central (first run only)…"
  rm -rf "$lib"
  mkdir -p "$CACHE_DIR/kafka"
  mvn_cached -Dstyle.color=never -f "$KAFKA_CONF_DIR/pom.xml" \
    org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="$lib" >"$CACHE_DIR/kafka/mvn.log" 2>&1 \
    || die "kafka: Maven could not fetch the broker jars; see .cache/kafka/mvn.log"
  touch "$lib/.complete"
}

# The admin tools (TopicCommand) live in kafka-tools, which the broker's classpath does not need: fetched once
# into a folder of their own, so the broker's classpath stays as it is.
kafka_tools_dir() { printf '%s/kafka/%s/tools' "$CACHE_DIR" "$(kafka_version)"; }

kafka_ensure_tools() {
  local dir; dir="$(kafka_tools_dir)"
  [[ -f "$dir/.complete" ]] && return
  ensure_maven
  log "kafka: downloading kafka-tools $(kafka_version) from Maven Central (first run only)…"
  mkdir -p "$dir"
  mvn_cached -Dstyle.color=never org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
    -Dartifact="org.apache.kafka:kafka-tools:$(kafka_version)" -DoutputDirectory="$dir" \
    >"$CACHE_DIR/kafka/mvn-tools.log" 2>&1 \
    || die "kafka: Maven could not fetch kafka-tools; see .cache/kafka/mvn-tools.log"
  touch "$dir/.complete"
}

# Partitions not yet serving as the tests expect, one line each: no leader, or an ISR smaller than the replica
# list (a restarted broker still catching up). Empty when every partition of every topic is settled.
kafka_unsettled_partitions() {
  local bootstrap="$1" described
  if ! described="$(kafka_java_with_tools org.apache.kafka.tools.TopicCommand --bootstrap-server "$bootstrap" \
    --describe 2>/dev/null)"; then
    echo "no answer from $bootstrap"
    return
  fi
  printf '%s\n' "$described" | awk '/Partition:/ {
        for (i = 1; i <= NF; i++) { if ($i == "Topic:") t = $(i+1); if ($i == "Partition:") p = $(i+1);
          if ($i == "Leader:") l = $(i+1); if ($i == "Replicas:") r = $(i+1); if ($i == "Isr:") s = $(i+1) }
        if (l == "none" || l == "-1" || split(r, a, ",") != split(s, b, ",")) print t "-" p " (leader " l ", replicas " r ", isr " s ")"
      }'
}

# Waits until every partition has a leader and its full ISR; dies naming the ones that never settled.
kafka_wait_partitions_settled() {
  local label="$1" bootstrap="$2" left
  kafka_ensure_tools
  log "$label: waiting for every partition to have a leader and its full ISR"
  wait_until 90 kafka_partitions_settled "$bootstrap" && return
  left="$(kafka_unsettled_partitions "$bootstrap" | head -n 5 | paste -sd ';' -)"
  die "$label: partitions without a leader or full ISR after 90s: $left; see the brokers' server.log"
}

kafka_partitions_settled() { [[ -z "$(kafka_unsettled_partitions "$1")" ]]; }

# Runs a Kafka main class on the cached classpath, bounded in time; tools log under logs/tools,
# not into the broker's file.
kafka_java() { kafka_java_on "$(kafka_lib_dir)/*" "$@"; }

kafka_java_with_tools() { kafka_java_on "$(kafka_lib_dir)/*:$(kafka_tools_dir)/*" "$@"; }

kafka_java_on() {
  local classpath="$1"
  shift
  timeout 60 java -Xmx256m -Dlog4j.configuration="file:$KAFKA_CONF_DIR/log4j.properties" \
    -Dkafka.logs.dir="$KAFKA_LOGS/tools" -cp "$classpath" "$@"
}

kafka_pid() { live_pid "$KAFKA_PIDFILE" kafka.Kafka; }

# Formats the storage only when it has never been formatted, so stop/start keeps topics and offsets.
kafka_ensure_storage() {
  [[ -f "$KAFKA_DATA/meta.properties" ]] && return
  local cluster_id
  log "kafka: formatting KRaft storage in .cache/run/kafka/data"
  cluster_id="$(kafka_java kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n1)"
  [[ -n "$cluster_id" ]] || die "kafka: StorageTool random-uuid failed; check java -version (needs 17)"
  kafka_java kafka.tools.StorageTool format -t "$cluster_id" -c "$KAFKA_RUN/server.properties" \
    >"$KAFKA_LOGS/format.log" 2>&1 || die "kafka: storage format failed; see .cache/run/kafka/logs/format.log"
}

# True once broker PID logged its start (after LOG_OFFSET) and listens; stops the wait if it died.
# Checks the raw pid: right after the fork its command line is not yet java's.
kafka_started() {
  local pid="$1" offset="$2"
  kill -0 "$pid" 2>/dev/null || die "kafka: broker exited during start-up; see .cache/run/kafka/logs/server.log"
  # grep -c, not -q: -q exits at the first match and tail's SIGPIPE fails the pipeline under pipefail.
  [[ "$(tail -c +"$((offset + 1))" "$KAFKA_LOG_FILE" 2>/dev/null | grep -c 'Kafka Server started')" -gt 0 ]] && tcp_open "$KAFKA_PORT"
}

# A real request: the broker must answer ApiVersions on the PLAINTEXT listener.
kafka_answers() {
  [[ "$(kafka_java kafka.admin.BrokerApiVersionsCommand --bootstrap-server "127.0.0.1:$KAFKA_PORT" 2>/dev/null \
    | grep -c '(id: 1 rack')" -gt 0 ]]
}

kafka_up() {
  local pid offset t0
  if pid="$(kafka_pid)" && tcp_open "$KAFKA_PORT"; then
    log "kafka: already running on 127.0.0.1:$KAFKA_PORT (pid $pid); left alone"
    return
  fi
  [[ -n "${pid:-}" ]] || ! tcp_open "$KAFKA_PORT" \
    || die "kafka: port $KAFKA_PORT is taken by another process; stop it (ss -ltnp 'sport = :$KAFKA_PORT')"
  ensure_java
  kafka_ensure_jars
  t0="$(now)"
  mkdir -p "$KAFKA_DATA" "$KAFKA_LOGS/tools"
  sed "s|@DATA_DIR@|$KAFKA_DATA|" "$KAFKA_CONF_DIR/server.properties" >"$KAFKA_RUN/server.properties"
  offset="$(stat -c %s "$KAFKA_LOG_FILE" 2>/dev/null || echo 0)"
  if [[ -z "${pid:-}" ]]; then
    kafka_ensure_storage
    log "kafka: starting broker on 127.0.0.1:$KAFKA_PORT"
    # setsid + redirected stdio: the broker outlives this script and holds no pipe open for its caller.
    setsid java -Xms256m -Xmx512m -XX:+UseG1GC -Djava.awt.headless=true \
      -Dlog4j.configuration="file:$KAFKA_CONF_DIR/log4j.properties" -Dkafka.logs.dir="$KAFKA_LOGS" \
      -cp "$(kafka_lib_dir)/*" kafka.Kafka "$KAFKA_RUN/server.properties" \
      >>"$KAFKA_LOGS/stdout.log" 2>&1 </dev/null &
    pid=$!
    echo "$pid" >"$KAFKA_PIDFILE"
  else
    # The broker is alive but still starting: wait for it instead of starting a second one.
    offset=0
  fi
  wait_until 90 kafka_started "$pid" "$offset" \
    || die "kafka did not start in 90s; see .cache/run/kafka/logs/server.log"
  # Polled, not asked once: on a busy machine the broker logs its start and listens a moment before it answers.
  log "kafka: waiting for the broker to answer ApiVersions on 127.0.0.1:$KAFKA_PORT"
  wait_until 60 kafka_answers || die "kafka: broker does not answer ApiVersions on 127.0.0.1:$KAFKA_PORT after 60s; see .cache/run/kafka/logs/server.log"
  kafka_wait_partitions_settled kafka "127.0.0.1:$KAFKA_PORT"
  log "kafka: started on 127.0.0.1:$KAFKA_PORT in $(elapsed_since "$t0")"
}

# Clean stop (SIGTERM → controlled shutdown); data stays, so `start kafka` resumes with all topics.
kafka_down() {
  local pid t0
  if ! pid="$(kafka_pid)"; then
    log "kafka: not running"
    return
  fi
  t0="$(now)"
  log "kafka: stopping broker (pid $pid)"
  stop_pid kafka "$pid" 60
  rm -f "$KAFKA_PIDFILE"
  log "kafka: stopped in $(elapsed_since "$t0"); data kept in .cache/run/kafka/data"
}

kafka_status() {
  local pid state=down origin=-
  pid="$(kafka_pid || true)"
  if [[ -n $pid ]] && tcp_open "$KAFKA_PORT"; then state=up; origin=harness; fi
  status_line kafka "127.0.0.1:$KAFKA_PORT" "$state" "$pid" "$origin"
}
