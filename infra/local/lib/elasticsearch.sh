# Single-node Elasticsearch 8.19 on 127.0.0.1:9200 from the Maven Central integ-test zip, run as harvest-es.
# shellcheck shell=bash

ES_VERSION=8.19.21
ES_PORT=9200
ES_USER=harvest-es
ES_HOME="$CACHE_DIR/elasticsearch/elasticsearch-$ES_VERSION"
ES_RUN="$RUN_DIR/elasticsearch"
ES_PIDFILE="$ES_RUN/elasticsearch.pid"
# Green: every shard assigned (the indices the code creates have 0 replicas, so a single node reaches it) and
# none still initializing, i.e. a search right after `up`/`start` finds every index it expects.
ES_HEALTH_STATUS=green
ES_HEALTH_URL="http://127.0.0.1:$ES_PORT/_cluster/health?wait_for_status=$ES_HEALTH_STATUS&wait_for_no_initializing_shards=true&timeout=60s"
# Settings on top of elasticsearch.yml (-E); the chaos node (elasticsearch-ha.sh) sets its ports here.
ES_EXTRA_SETTINGS=()
ES_LABEL=elasticsearch

es_pid() { live_pid "$ES_PIDFILE" org.elasticsearch; }

# Downloads and unpacks the zip once per version; the .complete marker makes an interrupted unpack retry.
es_ensure_dist() {
  [[ -f "$ES_HOME/.complete" ]] && return
  ensure_maven
  command -v unzip >/dev/null || apt_install unzip
  local dl="$CACHE_DIR/elasticsearch/download"
  log "elasticsearch: downloading $ES_VERSION from Maven Central (first run only)…"
  mvn_fetch_artifact elasticsearch "org.elasticsearch.distribution.integ-test-zip:elasticsearch:$ES_VERSION:zip"
  log "elasticsearch: unpacking into .cache/elasticsearch/"
  rm -rf "$ES_HOME"
  unzip -q -o "$dl/elasticsearch-$ES_VERSION.zip" -d "$CACHE_DIR/elasticsearch" \
    || die "elasticsearch: unzip failed; delete .cache/elasticsearch and retry"
  touch "$ES_HOME/.complete"
}

es_ensure_user() {
  id -u "$ES_USER" >/dev/null 2>&1 && return
  log "elasticsearch: creating system user $ES_USER (it refuses to run as root)"
  useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$ES_USER" \
    || die "elasticsearch: could not create user $ES_USER; create it with useradd --system $ES_USER"
}

# ES has no bundled JDK in this zip and reads ES_JAVA_HOME only.
es_java_home() {
  local java; java="$(readlink -f "$(command -v java)")"
  dirname "$(dirname "$java")"
}

# Per-clone config dir: the distribution's defaults plus our elasticsearch.yml (ES writes a keystore here).
es_prepare_config() {
  local conf="$ES_RUN/config"
  mkdir -p "$conf" "$ES_RUN/data" "$ES_RUN/logs"
  [[ -f "$conf/jvm.options" ]] || cp -r "$ES_HOME/config/." "$conf/"
  cp "$HARNESS_DIR/elasticsearch/elasticsearch.yml" "$conf/elasticsearch.yml"
  chown -R "$ES_USER:" "$ES_HOME" "$ES_RUN"
}

es_healthy() { curl -fsS --max-time 65 "$ES_HEALTH_URL" >/dev/null 2>&1; }

es_listening() {
  [[ -f "$ES_PIDFILE" ]] && ! es_pid >/dev/null \
    && die "elasticsearch exited during start-up; see .cache/run/elasticsearch/logs/harvest.log"
  tcp_open "$ES_PORT"
}

# Starts the node without waiting, so `up` can boot Kafka while Elasticsearch warms up (its ~15s dominate).
elasticsearch_launch() {
  es_pid >/dev/null && return
  ! tcp_open "$ES_PORT" \
    || die "elasticsearch: port $ES_PORT is taken by another process; stop it (ss -ltnp 'sport = :$ES_PORT')"
  ensure_java
  command -v curl >/dev/null || apt_install curl
  es_ensure_dist
  es_ensure_user
  es_prepare_config
  rm -f "$ES_PIDFILE"
  ES_LAUNCHED_AT="$(now)"
  log "elasticsearch: starting on 127.0.0.1:$ES_PORT as $ES_USER"
  # Own session: the daemon must outlive the caller's process group (a test run killed with its group).
  setsid --wait runuser -u "$ES_USER" -- env ES_JAVA_HOME="$(es_java_home)" ES_JAVA_OPTS="-Xms512m -Xmx512m" \
    ES_PATH_CONF="$ES_RUN/config" "$ES_HOME/bin/elasticsearch" -d -p "$ES_PIDFILE" \
    -Epath.data="$ES_RUN/data" -Epath.logs="$ES_RUN/logs" "${ES_EXTRA_SETTINGS[@]}" \
    >>"$ES_RUN/logs/stdout.log" 2>&1 </dev/null \
    || die "elasticsearch failed to start; see .cache/run/elasticsearch/logs/stdout.log and harvest.log"
}

elasticsearch_up() {
  local pid
  if [[ -z "${ES_LAUNCHED_AT:-}" ]] && pid="$(es_pid)" && es_healthy; then
    log "elasticsearch: already running on 127.0.0.1:$ES_PORT (pid $pid); left alone"
    return
  fi
  elasticsearch_launch
  wait_until 90 es_listening \
    || die "elasticsearch did not listen on 127.0.0.1:$ES_PORT in 90s; see .cache/run/elasticsearch/logs/harvest.log"
  log "$ES_LABEL: waiting for cluster health $ES_HEALTH_STATUS with no initializing shards"
  es_healthy \
    || die "$ES_LABEL did not reach cluster health $ES_HEALTH_STATUS in 60s ($(curl -fsS --max-time 3 "http://127.0.0.1:$ES_PORT/_cluster/health" 2>/dev/null || echo 'no answer')); see $ES_RUN/logs/harvest.log"
  log "elasticsearch: started on 127.0.0.1:$ES_PORT in $(elapsed_since "${ES_LAUNCHED_AT:-$(now)}")"
}

# Data stays in .cache/run/elasticsearch/data; delete that folder for an empty cluster.
elasticsearch_down() {
  local pid t0
  if ! pid="$(es_pid)"; then
    log "elasticsearch: not running"
    return
  fi
  t0="$(now)"
  log "elasticsearch: stopping (pid $pid)"
  stop_pid elasticsearch "$pid" 60
  rm -f "$ES_PIDFILE"
  log "elasticsearch: stopped in $(elapsed_since "$t0")"
}

# Uses _cluster/health: this stripped zip does not serve GET /.
elasticsearch_status() {
  local pid state=down origin=-
  pid="$(es_pid || true)"
  if [[ -n $pid ]] && curl -fsS --max-time 3 "http://127.0.0.1:$ES_PORT/_cluster/health" >/dev/null 2>&1; then
    state=up; origin=harness
  fi
  status_line "$ES_LABEL" "127.0.0.1:$ES_PORT" "$state" "$pid" "$origin"
}
