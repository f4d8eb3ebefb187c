# Shared helpers: progress lines, failing with one line, installs, pid files, waits.
# shellcheck shell=bash

log() { printf '%s\n' "$*"; }

# One line on stderr saying what to do, then a non-zero exit.
die() {
  printf 'harness: %s\n' "$*" >&2
  exit 1
}

now() { date +%s.%N; }

elapsed_since() { awk -v s="$1" -v e="$(now)" 'BEGIN { printf "%.1fs", e - s }'; }

prepare_dirs() {
  mkdir -p "$RUN_DIR"
  # Elasticsearch (harvest-es) and the chaos MariaDB nodes (mysql) run as unprivileged users that must
  # traverse into .cache.
  chmod 755 "$CACHE_DIR" "$RUN_DIR"
  ensure_traversable_ancestors "$CACHE_DIR"
}

# A clone inside a private folder (mktemp -d makes it 0700) hides .cache from those users: grant the
# folders above it search permission for others (o+x: enter by name, not list), and say so.
ensure_traversable_ancestors() {
  local dir
  dir="$(dirname "$(readlink -f "$1")")"
  while [[ "$dir" != / ]]; do
    if [[ "$(stat -c %A "$dir")" != *[xt] ]]; then
      log "harness: granting o+x on $dir so the harness's daemon users (harvest-es, mysql) can reach .cache"
      chmod o+x "$dir" || die "cannot make $dir traversable; run chmod o+x $dir or clone the project elsewhere"
    fi
    dir="$(dirname "$dir")"
  done
}

APT_UPDATED=0
# Installs Debian packages; refreshes the package index once per run, and only when something is missing.
apt_install() {
  [[ $EUID -eq 0 ]] || die "installing $* needs root; rerun as root or install them yourself"
  command -v apt-get >/dev/null || die "apt-get not found; install $* by hand"
  if [[ $APT_UPDATED -eq 0 ]]; then
    log "harness: apt-get update (installing $*)"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null \
      || die "apt-get update failed; check network access to the Debian mirror"
    APT_UPDATED=1
  fi
  log "harness: apt-get install $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null \
    || die "apt-get install $* failed; run it by hand to see why"
}

ensure_java() {
  command -v java >/dev/null || apt_install openjdk-17-jre-headless
}

ensure_maven() {
  ensure_java
  command -v mvn >/dev/null || apt_install maven
}

ensure_redis_binaries() {
  if ! command -v redis-server >/dev/null || ! command -v redis-cli >/dev/null; then
    apt_install redis-server redis-tools
  fi
}

# Runs Maven quietly against the harness's own local repository in .cache/m2.
mvn_cached() {
  mvn -B -q --no-transfer-progress -Dmaven.repo.local="$CACHE_DIR/m2" "$@"
}

# Copies one artifact (group:artifact:version:type) from Maven Central into .cache/COMPONENT/download, its Maven
# output in .cache/COMPONENT/mvn.log; dies naming that log. The one download path of the distributions.
mvn_fetch_artifact() {
  local component="$1" artifact="$2"
  mkdir -p "$CACHE_DIR/$component/download"
  mvn_cached -Dstyle.color=never org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
    -Dartifact="$artifact" -DoutputDirectory="$CACHE_DIR/$component/download" \
    >"$CACHE_DIR/$component/mvn.log" 2>&1 \
    || die "$component: Maven could not fetch $artifact; see .cache/$component/mvn.log"
}

tcp_open() {
  local port="$1"
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null
}

# Prints the pid stored in FILE if that process is alive and its command line contains PATTERN
# (guards against a stale pid file pointing at a recycled pid).
live_pid() {
  local file="$1" pattern="$2" pid
  [[ -s "$file" ]] || return 1
  pid="$(tr -d '[:space:]' <"$file")"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  [[ -r "/proc/$pid/cmdline" ]] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$pattern" || return 1
  printf '%s\n' "$pid"
}

# Polls COMMAND... every half second until it succeeds or SECONDS_MAX pass.
wait_until() {
  local max="$1"; shift
  local deadline=$((SECONDS + max))
  until "$@"; do
    ((SECONDS < deadline)) || return 1
    sleep 0.5
  done
}

# Why the last readiness check failed, set by the *_ready functions, so a timeout names what never became ready.
NOT_READY=""

# Polls CHECK... every half second until it has succeeded on every poll for WINDOW seconds in a row (a topology
# that settles and then moves again, such as a sentinel converting a node, restarts the window), or until
# SECONDS_MAX pass. On failure NOT_READY holds the check's last reason.
wait_stable() {
  local max="$1" window="$2"; shift 2
  local deadline=$((SECONDS + max)) held_since=""
  NOT_READY=""
  while ((SECONDS < deadline)); do
    if "$@"; then
      [[ -n $held_since ]] || held_since=$SECONDS
      ((SECONDS - held_since >= window)) && return 0
    else
      held_since=""
    fi
    sleep 0.5
  done
  [[ -n $held_since ]] && NOT_READY="ready for less than ${window}s (${NOT_READY:-it kept changing})"
  return 1
}

# SIGTERM, wait up to SECONDS_MAX for exit, then SIGKILL as a last resort.
stop_pid() {
  local name="$1" pid="$2" max="$3"
  kill -TERM "$pid" 2>/dev/null || return 0
  if ! wait_until "$max" pid_gone "$pid"; then
    log "$name: did not exit ${max}s after SIGTERM; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    wait_until 10 pid_gone "$pid" || die "$name (pid $pid) survives SIGKILL; inspect it with ps -p $pid"
  fi
}

pid_gone() { ! kill -0 "$1" 2>/dev/null; }

# One status line: component, address, up/down, pid, origin.
status_line() {
  printf '%-14s %-40s %-5s pid=%-8s %s\n' "$1" "$2" "$3" "${4:--}" "${5:--}"
}
