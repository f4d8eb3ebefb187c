# Keycloak 26 (Quarkus distribution from Maven Central) on 127.0.0.1:8180 with its database in the machine's
# MariaDB, importing the realms of infra/keycloak/ at start; the `harvest` realm federates the `ldap`
# component (lib/ldap.sh), so `up keycloak` brings that up first. docs/identity.md says what it serves.
# shellcheck shell=bash

KC_VERSION=26.7.3
KC_PORT=8180
KC_URL="http://127.0.0.1:$KC_PORT"
KC_REALM=harvest
# Temurin 25: Keycloak 26 needs Java 17+ and the machine's default java is 17; 25 is what it is tested on here.
KC_JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
KC_HOME="$CACHE_DIR/keycloak/keycloak-$KC_VERSION"
KC_RUN="$RUN_DIR/keycloak"
KC_PIDFILE="$KC_RUN/keycloak.pid"
KC_LOG="$KC_RUN/keycloak.log"
KC_CONF="$HARNESS_DIR/keycloak/keycloak.conf"
KC_REALM_DIR="$REPO_ROOT/infra/keycloak"
# Our Keycloak extensions (one Maven project each), built into jars that go into providers/ before `kc.sh build`.
KC_EXTENSIONS_DIR="$KC_REALM_DIR/extensions"
KC_EXTENSION_JARS="$CACHE_DIR/keycloak/extensions"
# Hash of the realm files the `harvest` realm was last imported from (a changed file is imported again).
KC_REALM_STAMP="$KC_RUN/realms.sha256"
# Dev-only administrator of the master realm, created at the first start (bootstrap admin); loopback only.
KC_ADMIN_USER="admin"
KC_ADMIN_PASSWORD=local-keycloak-admin
# Modest heap: the machine has 24 GiB but Keycloak's default takes 70% of it.
KC_HEAP="-Xms128m -Xmx512m"
# Seconds to wait for the realm to answer; the first start on an empty database creates the schema first
# (Liquibase, ~150 tables: 335 s measured at load 20 on 2 cores), so it gets longer.
KC_START_TIMEOUT=300
KC_FIRST_START_TIMEOUT=900

kc_pid() { live_pid "$KC_PIDFILE" "$KC_HOME/bin/kc.sh"; }

kc_java_ok() {
  [[ -x "$KC_JAVA_HOME/bin/java" ]] \
    || die "keycloak: $KC_JAVA_HOME/bin/java not found; install Temurin 25 (temurin-25-jdk) or set KC_JAVA_HOME in infra/local/lib/keycloak.sh"
}

# Downloads the .tar.gz through the harness's Maven cache once per version and unpacks it; the .complete marker
# makes an interrupted unpack retry.
kc_ensure_dist() {
  [[ -f "$KC_HOME/.complete" ]] && return
  ensure_maven
  local dl="$CACHE_DIR/keycloak/download"
  log "keycloak: downloading $KC_VERSION from Maven Central (first run only, ~170 MB)…"
  mvn_fetch_artifact keycloak "org.keycloak:keycloak-quarkus-dist:$KC_VERSION:tar.gz"
  log "keycloak: unpacking into .cache/keycloak/"
  rm -rf "$KC_HOME"
  tar xzf "$dl/keycloak-quarkus-dist-$KC_VERSION.tar.gz" -C "$CACHE_DIR/keycloak" \
    || die "keycloak: unpacking failed; delete .cache/keycloak and retry"
  rm -f "$dl/keycloak-quarkus-dist-$KC_VERSION.tar.gz" # the copy in .cache/m2 stays
  touch "$KC_HOME/.complete"
}

kc_sh() {
  JAVA_HOME="$KC_JAVA_HOME" JAVA="$KC_JAVA_HOME/bin/java" JAVA_OPTS_KC_HEAP="$KC_HEAP" "$KC_HOME/bin/kc.sh" "$@"
}

# Hash of one extension's sources (its pom.xml and src/, not Maven's target/).
kc_extension_hash() {
  (cd "$1" && find pom.xml src -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum) | sha256sum | cut -d' ' -f1
}

# Builds each extension under infra/keycloak/extensions/ (its Java tests run first) into
# .cache/keycloak/extensions/harvest-<name>-<source hash>.jar, once per source change.
kc_ensure_extension_jars() {
  local dir name hash jar
  mkdir -p "$KC_EXTENSION_JARS"
  for dir in "$KC_EXTENSIONS_DIR"/*/; do
    [[ -f "$dir/pom.xml" ]] || continue
    name="$(basename "$dir")"
    hash="$(kc_extension_hash "$dir")"
    jar="$KC_EXTENSION_JARS/harvest-$name-$hash.jar"
    [[ -f "$jar" ]] && continue
    ensure_maven
    log "keycloak: building extension $name (Maven, tests included; once per source change)…"
    mvn_cached -Dstyle.color=never -f "$dir/pom.xml" package >"$KC_RUN/extension-$name.log" 2>&1 \
      || die "keycloak: building extension $name failed; see .cache/run/keycloak/extension-$name.log"
    rm -f "$KC_EXTENSION_JARS/harvest-$name"-*.jar
    cp "$dir"/target/*.jar "$jar"
  done
}

# What `kc.sh build` depends on: keycloak.conf and the extension jars (by their sources).
kc_build_inputs_hash() {
  local dir
  {
    sha256sum "$KC_CONF" | cut -d' ' -f1
    for dir in "$KC_EXTENSIONS_DIR"/*/; do [[ -f "$dir/pom.xml" ]] && kc_extension_hash "$dir"; done
  } | sha256sum | cut -d' ' -f1
}

kc_build_is_current() { [[ "$(cat "$KC_HOME/.built-from" 2>/dev/null)" == "$(kc_build_inputs_hash)" ]]; }

# `kc.sh build` bakes the build-time options and the providers/ jars in once (30-90 s); later starts use
# --optimized and skip it. It runs again when keycloak.conf or an extension's sources change.
kc_ensure_build() {
  local stamp="$KC_HOME/.built-from" want
  kc_ensure_extension_jars
  want="$(kc_build_inputs_hash)"
  cp "$KC_CONF" "$KC_HOME/conf/keycloak.conf"
  [[ "$(cat "$stamp" 2>/dev/null)" == "$want" ]] && return
  rm -f "$KC_HOME/providers"/harvest-*.jar
  cp "$KC_EXTENSION_JARS"/*.jar "$KC_HOME/providers/" 2>/dev/null || true
  local t0; t0="$(now)"
  log "keycloak: kc.sh build (once per version, keycloak.conf and extension sources; 30-90 s)…"
  kc_sh build >"$KC_RUN/build.log" 2>&1 || die "keycloak: kc.sh build failed; see .cache/run/keycloak/build.log"
  printf '%s' "$want" >"$stamp"
  log "keycloak: built in $(elapsed_since "$t0")"
}

# Creates the `keycloak` database in the machine's MariaDB when missing; returns 0 when it was just created.
kc_ensure_database() {
  mariadb_answers || die "keycloak: MariaDB does not answer on 127.0.0.1:3306; run harness up mariadb first"
  [[ -n "$(mariadb -h127.0.0.1 -uroot -N -e "SHOW DATABASES LIKE 'keycloak'")" ]] && return 1
  log "keycloak: creating database keycloak in MariaDB on 127.0.0.1:3306"
  mariadb -h127.0.0.1 -uroot -e 'CREATE DATABASE IF NOT EXISTS keycloak CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci' \
    || die "keycloak: could not create database keycloak; check root access to MariaDB on 127.0.0.1:3306"
  return 0
}

kc_realm_hash() { cat "$KC_REALM_DIR"/*-realm.json | sha256sum | cut -d' ' -f1; }

kc_realm_answers() {
  curl -fsS --max-time 5 "$KC_URL/realms/$KC_REALM/.well-known/openid-configuration" >/dev/null 2>&1
}

# True once the realm answers; stops the wait with the log's last error if Keycloak died.
kc_started() {
  local pid="$1"
  kill -0 "$pid" 2>/dev/null \
    || die "keycloak exited during start-up: $(kc_this_start_log | grep -E 'ERROR|FATAL' | tail -n1 | cut -c1-200); see .cache/run/keycloak/keycloak.log"
  kc_realm_answers
}

# The log of this start only: Keycloak moves the previous one to keycloak.log.1 when its logging starts (~20-60 s
# into the JVM), so until then the file still holds the last run's lines.
kc_this_start_log() {
  if [[ -f "$KC_LOG" ]] && (($(stat -c %Y "$KC_LOG") >= ${KC_LAUNCHED_EPOCH:-0})); then cat "$KC_LOG"; fi
}

# The log's last line without its timestamp and level, as progress.
kc_last_log_line() {
  local line; line="$(kc_this_start_log | tail -n1 | sed 's/^[^]]*] //' | cut -c1-100)"
  printf '%s' "${line:-JVM starting, no log yet}"
}

kc_admin_token() {
  curl -fsS --max-time 10 "$KC_URL/realms/master/protocol/openid-connect/token" \
    -d grant_type=password -d client_id=admin-cli \
    --data-urlencode "username=$KC_ADMIN_USER" --data-urlencode "password=$KC_ADMIN_PASSWORD" \
    | python3 -c 'import json, sys; print(json.load(sys.stdin)["access_token"])'
}

# --import-realm skips a realm that exists, so a changed realm file is imported through the admin API: the realm
# is deleted and created from the file (its users imported from LDAP come back at their next sign-in).
kc_reimport_realms() {
  local token file realm
  token="$(kc_admin_token)" || die "keycloak: the master admin ($KC_ADMIN_USER) cannot sign in; delete database keycloak and run up keycloak again"
  for file in "$KC_REALM_DIR"/*-realm.json; do
    realm="$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["realm"])' "$file")"
    log "keycloak: $(basename "$file") changed since it was imported; importing realm $realm again"
    curl -fsS --max-time 30 -X DELETE -H "Authorization: Bearer $token" "$KC_URL/admin/realms/$realm" >/dev/null 2>&1 || true
    curl -fsS --max-time 60 -X POST -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
      --data-binary "@$file" "$KC_URL/admin/realms" >/dev/null \
      || die "keycloak: importing $file through the admin API failed; see .cache/run/keycloak/keycloak.log"
  done
  kc_realm_hash >"$KC_REALM_STAMP"
}

kc_sync_realms() {
  [[ "$(cat "$KC_REALM_STAMP" 2>/dev/null)" == "$(kc_realm_hash)" ]] || kc_reimport_realms
}

keycloak_up() {
  local pid t0 fresh_db=0
  ldap_up
  if pid="$(kc_pid)" && kc_realm_answers; then
    if kc_build_is_current; then
      kc_sync_realms
      log "keycloak: already running on $KC_URL (pid $pid); left alone"
      return
    fi
    # A running server keeps the providers it was built with: rebuild and restart (the database stays). The
    # extensions are compiled first, while it still serves; `kc.sh build` rewrites the distribution, so it waits.
    log "keycloak: keycloak.conf or an extension changed since the running server was built; restarting it"
    mkdir -p "$KC_RUN"
    kc_ensure_extension_jars
    keycloak_down
    pid=""
  fi
  command -v curl >/dev/null || apt_install curl
  kc_java_ok
  mkdir -p "$KC_RUN"
  t0="$(now)"
  if [[ -z "${pid:-}" ]]; then
    ! tcp_open "$KC_PORT" \
      || die "keycloak: port $KC_PORT is taken by another process; stop it (ss -ltnp 'sport = :$KC_PORT')"
    kc_ensure_dist
    kc_ensure_build
    kc_ensure_database && fresh_db=1
    mkdir -p "$KC_HOME/data/import"
    rm -f "$KC_HOME/data/import"/*.json
    cp "$KC_REALM_DIR"/*-realm.json "$KC_HOME/data/import/"
    KC_LAUNCHED_EPOCH="$(date +%s)"
    log "keycloak: starting $KC_VERSION on $KC_URL (Java 25, heap ≤ 512 MB; about 2 min on a busy machine)"
    # setsid + redirected stdio: the server outlives this script; the bootstrap admin is created on the first
    # start only (an empty master realm).
    setsid env JAVA_HOME="$KC_JAVA_HOME" JAVA="$KC_JAVA_HOME/bin/java" JAVA_OPTS_KC_HEAP="$KC_HEAP" \
      KC_BOOTSTRAP_ADMIN_USERNAME="$KC_ADMIN_USER" KC_BOOTSTRAP_ADMIN_PASSWORD="$KC_ADMIN_PASSWORD" \
      "$KC_HOME/bin/kc.sh" start --optimized --import-realm --log-file="$KC_LOG" \
      >>"$KC_RUN/stdout.log" 2>&1 </dev/null &
    pid=$!
    echo "$pid" >"$KC_PIDFILE"
  else
    log "keycloak: running (pid $pid) but its realm does not answer yet; waiting for it"
  fi
  local waited=0 timeout=$KC_START_TIMEOUT
  ((fresh_db)) && timeout=$KC_FIRST_START_TIMEOUT && log "keycloak: empty database: creating its schema first (several minutes on a busy machine)"
  until wait_until 15 kc_started "$pid"; do
    waited=$((waited + 15))
    ((waited < timeout)) \
      || die "keycloak: $KC_URL/realms/$KC_REALM/.well-known/openid-configuration did not answer in ${timeout}s; see .cache/run/keycloak/keycloak.log"
    log "keycloak: still starting after ${waited}s ($(kc_last_log_line))"
  done
  ((fresh_db)) && kc_realm_hash >"$KC_REALM_STAMP"
  kc_sync_realms
  log "keycloak: started on $KC_URL in $(elapsed_since "$t0"); realm $KC_REALM ready"
}

# The database `keycloak` stays; drop it for an empty Keycloak (the next up imports the realms again).
keycloak_down() {
  local pid t0
  if ! pid="$(kc_pid)"; then
    log "keycloak: not running"
    return
  fi
  t0="$(now)"
  log "keycloak: stopping (pid $pid)"
  stop_pid keycloak "$pid" 60
  rm -f "$KC_PIDFILE"
  log "keycloak: stopped in $(elapsed_since "$t0")"
}

keycloak_status() {
  local pid state=down origin=-
  pid="$(kc_pid || true)"
  if [[ -n $pid ]] && kc_realm_answers; then state=up; origin=harness; fi
  status_line keycloak "127.0.0.1:$KC_PORT" "$state" "$pid" "$origin"
}
