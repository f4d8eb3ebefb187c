# Private OpenLDAP slapd on 127.0.0.1:3890 seeded from infra/ldap/harvest.ldif: the staff directory the
# Keycloak `harvest` realm federates (infra/local/lib/keycloak.sh, docs/identity.md).
# shellcheck shell=bash

LDAP_PORT=3890
LDAP_URL="ldap://127.0.0.1:$LDAP_PORT"
LDAP_SUFFIX="dc=harvest,dc=local"
LDAP_ROOT_DN="cn=admin,$LDAP_SUFFIX"
# Dev-only bind password for 127.0.0.1, also in the realm file's LDAP component; a real directory has its own.
LDAP_ROOT_PASSWORD=local-ldap-password
LDAP_SEED="$REPO_ROOT/infra/ldap/harvest.ldif"
LDAP_RUN="$RUN_DIR/ldap"
LDAP_CONF="$LDAP_RUN/slapd.conf"
LDAP_PIDFILE="$LDAP_RUN/slapd.pid"
# Hash of the seed and the config the data was loaded with: a changed LDIF reloads the directory from it.
LDAP_SEED_STAMP="$LDAP_RUN/seeded.sha256"

ldap_pid() { live_pid "$LDAP_PIDFILE" "$LDAP_CONF"; }

# Debian's postinst would configure and start the system slapd on 389; answering "omit configuration"
# beforehand leaves it unconfigured (and policy-rc.d, where present, keeps it from starting at all).
ldap_ensure_binaries() {
  [[ -x /usr/sbin/slapd ]] && command -v ldapmodify >/dev/null && return
  log "ldap: installing slapd and ldap-utils from Debian (no system instance is configured)"
  echo 'slapd slapd/no_configuration boolean true' | debconf-set-selections \
    || die "ldap: debconf-set-selections failed; install slapd by hand and answer 'omit configuration'"
  apt_install slapd ldap-utils
}

ldap_seed_hash() { cat "$LDAP_SEED" "$REPO_ROOT/infra/ldap/slapd.conf.template" | sha256sum | cut -d' ' -f1; }

ldap_answers() {
  ldapsearch -x -H "$LDAP_URL" -D "$LDAP_ROOT_DN" -w "$LDAP_ROOT_PASSWORD" -b "$LDAP_SUFFIX" -s base \
    -o nettimeout=2 dn >/dev/null 2>&1
}

ldap_render_conf() {
  mkdir -p "$LDAP_RUN/data"
  sed -e "s|@RUN_DIR@|$LDAP_RUN|g" -e "s|@ROOT_PASSWORD@|$LDAP_ROOT_PASSWORD|g" \
    "$REPO_ROOT/infra/ldap/slapd.conf.template" >"$LDAP_CONF"
  chmod 600 "$LDAP_CONF"
}

# Loads the LDIF offline into an empty database (slapadd), only while slapd is stopped.
ldap_seed() {
  log "ldap: loading infra/ldap/harvest.ldif into a fresh directory"
  rm -rf "$LDAP_RUN/data"
  mkdir -p "$LDAP_RUN/data"
  slapadd -q -f "$LDAP_CONF" -l "$LDAP_SEED" >"$LDAP_RUN/slapadd.log" 2>&1 \
    || die "ldap: slapadd rejected infra/ldap/harvest.ldif; see .cache/run/ldap/slapadd.log"
  ldap_seed_hash >"$LDAP_SEED_STAMP"
}

ldap_up() {
  local pid t0
  ldap_ensure_binaries
  if pid="$(ldap_pid)" && ldap_answers; then
    if [[ "$(cat "$LDAP_SEED_STAMP" 2>/dev/null)" == "$(ldap_seed_hash)" ]]; then
      log "ldap: already running on $LDAP_URL (pid $pid); left alone"
      return
    fi
    log "ldap: infra/ldap changed since the directory was loaded; restarting slapd to reload it"
    stop_pid ldap "$pid" 15
  fi
  [[ -n "$(ldap_pid || true)" ]] || ! tcp_open "$LDAP_PORT" \
    || die "ldap: port $LDAP_PORT is taken by another process; stop it (ss -ltnp 'sport = :$LDAP_PORT')"
  t0="$(now)"
  ldap_render_conf
  [[ "$(cat "$LDAP_SEED_STAMP" 2>/dev/null)" == "$(ldap_seed_hash)" ]] || ldap_seed
  log "ldap: starting slapd on $LDAP_URL"
  # slapd forks into the background itself; setsid so it leaves the caller's process group.
  setsid /usr/sbin/slapd -f "$LDAP_CONF" -h "$LDAP_URL/" </dev/null >>"$LDAP_RUN/slapd.out" 2>&1 \
    || die "ldap: slapd failed to start; run /usr/sbin/slapd -d 1 -f $LDAP_CONF -h $LDAP_URL/ to see why"
  wait_until 15 ldap_answers || die "ldap: slapd does not answer on $LDAP_URL after 15s; see .cache/run/ldap/slapd.out"
  log "ldap: started on $LDAP_URL in $(elapsed_since "$t0")"
}

# The directory stays in .cache/run/ldap/data (with any change a spec made); a changed LDIF reloads it on up.
ldap_down() {
  local pid
  if ! pid="$(ldap_pid)"; then
    log "ldap: not running"
    return
  fi
  log "ldap: stopping slapd (pid $pid)"
  stop_pid ldap "$pid" 15
  log "ldap: stopped"
}

ldap_status() {
  local pid state=down origin=-
  pid="$(ldap_pid || true)"
  if [[ -n $pid ]] && ldap_answers; then state=up; origin=harness; fi
  status_line ldap "127.0.0.1:$LDAP_PORT" "$state" "$pid" "$origin"
}
