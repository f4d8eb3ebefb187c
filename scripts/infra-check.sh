#!/usr/bin/env bash
# npm run infra:check — validates every deployment manifest with the real tool where one exists here.
# Installs the Debian tools it needs when missing (needs root for that), starts no daemon (config tests
# only), and ends with one line: "infra:check: ok (...)" or "infra:check: FAILED: <step>" and exit 1.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
# shellcheck source=scripts/ensure-node.sh
source scripts/ensure-node.sh
root=$PWD
started=$(date +%s)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=()

step() { printf '\n== %s\n' "$*"; }
# run LABEL CMD...: runs a check, prints its output, records a failure without stopping the others.
run() {
  local label=$1 begin=$SECONDS
  shift
  if "$@"; then
    echo "ok: $label ($((SECONDS - begin))s)"
  else
    echo "FAILED: $label ($((SECONDS - begin))s)"
    failures+=("$label")
  fi
}

ensure_tools() {
  local missing=()
  command -v haproxy >/dev/null || missing+=(haproxy)
  command -v nginx >/dev/null || missing+=(nginx)
  command -v keepalived >/dev/null || missing+=(keepalived)
  command -v promtool >/dev/null || missing+=(prometheus)
  command -v ansible-playbook >/dev/null || missing+=(ansible)
  command -v ansible-lint >/dev/null || missing+=(ansible-lint)
  command -v yamllint >/dev/null || missing+=(yamllint)
  command -v shellcheck >/dev/null || missing+=(shellcheck)
  command -v redis-server >/dev/null || missing+=(redis-server)
  command -v mariadbd >/dev/null || missing+=(mariadb-server)
  command -v java >/dev/null || missing+=(openjdk-17-jre-headless)
  command -v mvn >/dev/null || [ -n "$(find .cache/kafka -name .complete 2>/dev/null)" ] || missing+=(maven)
  command -v python3 >/dev/null && python3 -c 'import yaml' 2>/dev/null || missing+=(python3-yaml)
  [ ${#missing[@]} -eq 0 ] && { echo "tools present"; return 0; }
  echo "installing: ${missing[*]}"
  [ "$(id -u)" = 0 ] || { echo "infra:check: FAILED: missing ${missing[*]} (run as root, or apt-get install them)" >&2; exit 1; }
  # policy-rc.d exit 101 keeps the packages from starting nginx/haproxy/prometheus while installing;
  # an existing policy (e.g. in a container image) is left as it is.
  local policy=/usr/sbin/policy-rc.d own_policy=""
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod +x "$policy" && own_policy=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >"$work/apt.log" 2>&1
  local rc=$?
  [ -n "$own_policy" ] && rm -f "$policy"
  [ $rc -eq 0 ] || { tail -20 "$work/apt.log"; echo "infra:check: FAILED: apt-get install ${missing[*]}" >&2; exit 1; }
}

# keepalived 2.2.7 (Debian 12) kills itself with SIGTERM after a *successful* config test whenever a
# script_user is configured (acassen/keepalived#2587, fixed in 2.2.8). A real error exits 1-6 with a
# message, so 143 with no message is a pass.
keepalived_test() {
  local id=$1 out rc
  out=$(keepalived -t -i "$id" -f infra/keepalived/keepalived.conf 2>&1)
  rc=$?
  [ -n "$out" ] && echo "$out"
  [ $rc -eq 0 ] || { [ $rc -eq 143 ] && { [ -z "$out" ] || ! grep -qv '^Terminated$' <<<"$out"; }; }
}

# Redis has no config-test flag, but with --port 0 it loads the whole file, then says "not listen anywhere"
# and exits: a bad directive stops it earlier with FATAL CONFIG FILE ERROR. Nothing listens meanwhile.
redis_test() {
  local file=$1 copy
  copy="$work/redis-$(basename "$1")"
  shift
  cp "$file" "$copy" # Sentinel insists on a writable config file
  timeout 10 redis-server "$copy" "$@" --port 0 --bind 127.0.0.1 --logfile "" --daemonize no >"$copy.out" 2>&1
  grep -q 'Configured to not listen anywhere' "$copy.out" || { cat "$copy.out"; return 1; }
}

# mariadbd --help --verbose reads the option files and rejects unknown or malformed variables (exit 7)
# without opening a data directory. The shared file and one rendered per-host file are read together.
mariadb_test() {
  cat infra/mysql/harvest.cnf "$work/rendered/mysql-1/61-harvest-host.cnf" >"$work/mariadb.cnf"
  mariadbd --defaults-file="$work/mariadb.cnf" --help --verbose >/dev/null 2>"$work/mariadb.err" ||
    { grep -v '\[Note\]\|\[Warning\]' "$work/mariadb.err"; return 1; }
}

# Kafka's own config parser (KafkaConfig, via StorageTool info) on each rendered broker file: an unknown
# type, a bad quorum or listener set throws. "info" then only reports that /var/lib/kafka/data does not
# exist here, which is expected. Jars: the harness's Maven cache, fetched with its pom when absent.
kafka_test() {
  local lib out file
  lib=$(find .cache/kafka -mindepth 2 -maxdepth 2 -name lib -type d 2>/dev/null | sort | tail -1)
  if [ -z "$lib" ] || [ ! -f "$lib/.complete" ]; then
    lib=.cache/kafka/infra-check/lib
    if [ ! -f "$lib/.complete" ]; then
      echo "kafka: fetching broker jars with infra/local/kafka/pom.xml (first run only)"
      mvn -q -B -Dstyle.color=never -Dmaven.repo.local="$root/.cache/m2" -f infra/local/kafka/pom.xml \
        org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies \
        -DincludeScope=runtime -DoutputDirectory="$root/$lib" >"$work/mvn.log" 2>&1 || { tail -20 "$work/mvn.log"; return 1; }
      touch "$lib/.complete"
    fi
  fi
  for file in "$work"/rendered/kafka-*/kafka.properties; do
    out=$(timeout 60 java -Xmx128m -cp "$lib/*" kafka.tools.StorageTool info -c "$file" 2>&1)
    if grep -q 'Exception' <<<"$out"; then
      echo "$file:"
      grep -v '^\s*at \|log4j' <<<"$out" | head -5
      return 1
    fi
  done
}

nginx_test() {
  # A private prefix, error log and temp paths: the system nginx and its pid are never touched.
  local file=$1 prefix
  prefix="$work/nginx-$(basename "$(dirname "$file")")"
  mkdir -p "$prefix/logs"
  nginx -q -t -p "$prefix/" -c "$root/$file" -g "error_log $prefix/logs/error.log;"
}

# Every tracked or new shell script outside node_modules and .cache.
shell_scripts() {
  find . \( -path ./node_modules -o -path ./.cache -o -path ./.git -o -path ./.nx -o -path ./dist \) -prune -o \
    -type f -name '*.sh' -print | sort
}

step "tools"
ensure_tools
# The chart check runs TypeScript through @swc-node/register from node_modules.
bash scripts/ensure-node-modules.sh || { echo "infra:check: FAILED: npm dependencies" >&2; exit 1; }

step "nginx"
run "nginx -t infra/nginx/nginx.conf" nginx_test infra/nginx/nginx.conf

step "keepalived"
run "keepalived -t (lb-1)" keepalived_test lb-1
run "keepalived -t (lb-2)" keepalived_test lb-2

step "prometheus"
run "promtool check config" promtool check config infra/prometheus/prometheus.yml
run "promtool check rules" promtool check rules infra/prometheus/rules/*.yml
run "promtool test rules" promtool test rules infra/prometheus/tests/*.test.yml

step "yamllint"
run "yamllint" yamllint --strict -c .yamllint .

step "shellcheck"
mapfile -t scripts < <(shell_scripts)
echo "${#scripts[@]} scripts"
run "shellcheck" shellcheck -x "${scripts[@]}"

step "ansible"
# ansible.cfg in infra/ansible is read only when run from there.
run "ansible-playbook --syntax-check" bash -c 'cd infra/ansible && ANSIBLE_CONFIG=ansible.cfg ansible-playbook --syntax-check site.yml'
run "ansible-lint" bash -c 'cd infra/ansible && ANSIBLE_CONFIG=ansible.cfg ansible-lint --offline -q'
# Per-host templates rendered with the production inventory and throwaway secrets (nothing is contacted).
secret=$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
run "ansible templates render for every host" bash -c "cd infra/ansible && ANSIBLE_CONFIG=ansible.cfg \
  ansible-playbook --forks 25 render-check.yml -e render_dir='$work/rendered' -e vault_mha_mysql_password=$secret \
  -e vault_mysql_replication_password=$secret -e vault_mysql_exporter_password=$secret >'$work/render.log' \
  || { tail -30 '$work/render.log'; exit 1; }"

step "haproxy (haproxy.cfg.j2 as rendered for lb-1 and lb-2)"
run "haproxy -c lb-1" haproxy -c -q -f "$work/rendered/lb-1/haproxy.cfg"
run "haproxy -c lb-2" haproxy -c -q -f "$work/rendered/lb-2/haproxy.cfg"

step "redis and mariadb (option files read by the real servers, nothing listening)"
run "redis-server reads infra/redis/redis.conf.j2 (redis-1)" redis_test "$work/rendered/redis-1/harvest-base.conf"
run "redis-server --sentinel reads infra/redis/sentinel.conf.j2 (redis-1)" redis_test "$work/rendered/redis-1/sentinel.conf" --sentinel
run "mariadbd reads infra/mysql/harvest.cnf + per-host cnf" mariadb_test

step "kafka (KafkaConfig parses each rendered broker config)"
run "kafka config of kafka-1..3" kafka_test

step "dockerfiles and compose"
run "dockerfile structure" node scripts/infra-check/dockerfile-structure.js docker
# Each service compiled as its image is (docker/build-service.js): no test support, no test code, no dev dependency.
run "image contents" node -r @swc-node/register scripts/infra-check/image-contents.ts

step "helm chart structure (subset renderer, not helm)"
run "chart structure" node -r @swc-node/register scripts/infra-check/chart-structure.ts charts/harvest
run "chart env accepted by each service's config validation" \
  node -r @swc-node/register scripts/infra-check/chart-env.ts charts/harvest

elapsed=$(($(date +%s) - started))
if [ ${#failures[@]} -gt 0 ]; then
  echo "infra:check: FAILED: ${failures[*]} (${elapsed}s)" >&2
  exit 1
fi
echo "infra:check: ok (haproxy, nginx, keepalived, promtool, yamllint, shellcheck, ansible, redis, mariadb, kafka, dockerfiles, image contents, chart) in ${elapsed}s"
