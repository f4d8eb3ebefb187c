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

# The readiness check (KafkaSettled.java: brokers registered, every partition led and in full ISR) polls in one
# JVM; compiled once per source change against the broker's own kafka-clients, into the cache.
kafka_settled_dir() {
  printf '%s/kafka/%s/settled/%s' "$CACHE_DIR" "$(kafka_version)" \
    "$(sha256sum "$KAFKA_CONF_DIR/KafkaSettled.java" | cut -c1-12)"
}

kafka_ensure_settled_tool() {
  local dir; dir="$(kafka_settled_dir)"
  [[ -f "$dir/KafkaSettled.class" ]] && return
  command -v javac >/dev/null || apt_install openjdk-17-jdk-headless
  mkdir -p "$dir"
  javac -d "$dir" -cp "$(kafka_lib_dir)/*" "$KAFKA_CONF_DIR/KafkaSettled.java" 2>"$dir/javac.log" \
    || die "kafka: could not compile infra/local/kafka/KafkaSettled.java; see $dir/javac.log"
}

# Waits until BROKERS brokers answer through BOOTSTRAP and, in mode `partitions`, every partition has a leader
# and its full ISR (a restarted broker caught up); dies naming what never became ready.
kafka_wait_ready() {
  local label="$1" bootstrap="$2" brokers="$3" seconds="$4" mode="$5" left
  kafka_ensure_settled_tool
  if [[ $mode == partitions ]]; then
    log "$label: waiting for $brokers broker(s) to answer and every partition to have a leader and its full ISR"
  else
    log "$label: waiting for $brokers broker(s) to answer on $bootstrap"
  fi
  left="$(kafka_java_on $((seconds + 30)) "$(kafka_lib_dir)/*:$(kafka_settled_dir)" KafkaSettled "$bootstrap" "$brokers" "$seconds" "$mode" \
    2>/dev/null)" && return
  die "$label: not ready after ${seconds}s: $(printf '%s\n' "${left:-the check itself failed}" | paste -sd ';' -); see the brokers' server.log"
}

# Runs a Kafka main class on the cached classpath, bounded in time; tools log under logs/tools,
# not into the broker's file.
kafka_java() { kafka_java_on 60 "$(kafka_lib_dir)/*" "$@"; }

kafka_java_on() {
  local seconds="$1" classpath="$2"
  shift 2
  timeout "$seconds" java -Xmx256m -Dlog4j.configuration="file:$KAFKA_CONF_DIR/log4j.properties" \
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
  # Polled, not asked once: on a busy machine the broker logs its start and listens a moment before it answers
  # (budgets as before the one-JVM check: 60 s to answer, 90 s more to settle).
  kafka_wait_ready kafka "127.0.0.1:$KAFKA_PORT" 1 150 partitions
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
