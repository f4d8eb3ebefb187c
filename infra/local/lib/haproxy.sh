# Chaos topology's front door: HAProxy on 127.0.0.1:8088 (metrics 8089) from the production
# infra/haproxy/haproxy.cfg.j2 rendered for chaos-lb-1 of inventory/local/tier.yml, whose app hosts are the
# two local instances of catalog (3101, 3111) and orders (3102, 3112).
# shellcheck shell=bash

haproxy_run_dir() { printf '%s/haproxy\n' "$CHAOS_RUN"; }

haproxy_pid() { live_pid "$(haproxy_run_dir)/haproxy.pid" haproxy; }

haproxy_front() { tier_var chaos-lb-1 haproxy_public_bind; }

haproxy_up() {
  local dir pid t0 front
  command -v haproxy >/dev/null || apt_install haproxy
  dir="$(haproxy_run_dir)"; t0="$(now)"; front="$(haproxy_front)"
  mkdir -p "$dir"
  render_for_host chaos-lb-1 infra/haproxy/haproxy.cfg.j2 "$dir/haproxy.cfg" \
    "$(tier_extra_vars "haproxy_stats_socket=$dir/admin.sock")"
  haproxy -c -q -f "$dir/haproxy.cfg" || die "haproxy: rendered $dir/haproxy.cfg does not pass haproxy -c"
  if pid="$(haproxy_pid)"; then
    log "haproxy: already running on $front (pid $pid); left alone"
    return
  fi
  ! tcp_open "${front##*:}" || die "haproxy: port ${front##*:} is taken by another process; stop it"
  log "haproxy: starting on $front"
  haproxy -f "$dir/haproxy.cfg" -D -p "$dir/haproxy.pid" >"$dir/start.log" 2>&1 \
    || die "haproxy: failed to start; see $dir/start.log"
  wait_until 10 tcp_open "${front##*:}" || die "haproxy: not listening on $front after 10s; see $dir/start.log"
  log "haproxy: started on $front in $(elapsed_since "$t0")"
}

haproxy_down() {
  local pid
  pid="$(haproxy_pid)" || { log "haproxy: not running"; return; }
  stop_pid haproxy "$pid" 10
  log "haproxy: stopped"
}

haproxy_status() {
  local pid state=down origin=-
  if pid="$(haproxy_pid)"; then state=up; origin=harness; fi
  status_line haproxy "$(haproxy_front)" "$state" "${pid:-}" "$origin"
}
