# Debian's Chromium for the headless-browser sign-in spec (Keycloak's login page, authorization code + PKCE;
# apps/identity-browser-sign-in.int.spec.ts drives it with playwright-core). Not a server: `up` installs the
# package when /usr/bin/chromium is missing, `down` leaves it installed.
# shellcheck shell=bash

CHROMIUM_BIN=/usr/bin/chromium

chromium_up() {
  if [[ -x $CHROMIUM_BIN ]]; then
    log "chromium: $("$CHROMIUM_BIN" --version 2>/dev/null || echo installed) at $CHROMIUM_BIN"
    return
  fi
  log "chromium: installing Debian's chromium (headless sign-in spec)"
  apt_install chromium
  [[ -x $CHROMIUM_BIN ]] || die "chromium: apt-get installed chromium but $CHROMIUM_BIN is missing"
}

chromium_down() { :; }

# Not a server: "up" means installed.
chromium_status() {
  local state=down
  [[ -x $CHROMIUM_BIN ]] && state=up
  status_line chromium "$CHROMIUM_BIN (installed, not running)" "$state" "" apt
}
