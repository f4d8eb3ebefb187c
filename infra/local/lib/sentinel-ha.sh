# Chaos topology's Redis (issue 8): master 6490, replica 6491, sentinels 26490-26492, master name `harvest`,
# from the production files infra/redis/redis.conf.j2, sentinel.conf.j2 and the role's node template,
# rendered per host of inventory/local/tier.yml, with production timers (down-after 5 s). The functions
# of sentinel.sh run it, with their settings swapped in a subshell.
# shellcheck shell=bash

# shellcheck disable=SC2034 # globals read by the functions of sentinel.sh
sentinel_ha_use() {
  local host
  SENTINEL_LABEL=sentinel_ha
  SENTINEL_RUN="$CHAOS_RUN/sentinel"
  SENTINEL_NODE_PORTS=() SENTINEL_PORTS=()
  for host in $(tier_hosts redis); do
    [[ "$(tier_var "$host" redis_port)" == 0 ]] || SENTINEL_NODE_PORTS+=("$(tier_var "$host" redis_port)")
    SENTINEL_PORTS+=("$(tier_var "$host" redis_sentinel_port)")
  done
  SENTINEL_ADDRESS="127.0.0.1:${SENTINEL_NODE_PORTS[*]} sentinels ${SENTINEL_PORTS[*]}"
  # Production timers: down-after 5 s, then an election; a failover under way is given this long.
  SENTINEL_FAILOVER_WAIT=30
  SENTINEL_RENDER_NODE=sentinel_ha_render_node
  SENTINEL_RENDER_SENTINEL=sentinel_ha_render_sentinel
}

# The tier.yml host whose redis_port (or redis_sentinel_port) is PORT.
sentinel_ha_host_of() {
  local port="$1" var="$2" host
  for host in $(tier_hosts redis); do
    [[ "$(tier_var "$host" "$var")" == "$port" ]] && { printf '%s\n' "$host"; return; }
  done
  die "sentinel_ha: no host with $var $port in infra/ansible/inventory/local/tier.yml"
}

# Node: infra/redis/redis.conf.j2 as harvest-base.conf, included by the role's redis.conf.j2, whose
# replicaof names the master chosen now (the initial master after a failover may be the other node).
sentinel_ha_render_node() {
  local port="$1" master="$2" dir="$3" host master_host
  host="$(sentinel_ha_host_of "$port" redis_port)"
  master_host="$(sentinel_ha_host_of "$master" redis_port)"
  rm -f "$dir/dump.rdb"
  render_for_host "$host" infra/redis/redis.conf.j2 "$dir/harvest-base.conf" \
    "$(tier_extra_vars "redis_dir=$dir" "redis_log_dir=$dir")"
  render_for_host "$host" infra/ansible/roles/redis/templates/redis.conf.j2 "$dir/redis.conf" \
    "$(tier_extra_vars "redis_conf_dir=$dir" "redis_initial_master_host=$master_host")"
  # Sentinel rewrites redis.conf; the renderer must not mistake a rewritten file for its own output.
  rm -f "$dir/redis.conf.render-vars"
}

sentinel_ha_render_sentinel() {
  local port="$1" master="$2" dir="$3" host master_host
  host="$(sentinel_ha_host_of "$port" redis_sentinel_port)"
  master_host="$(sentinel_ha_host_of "$master" redis_port)"
  render_for_host "$host" infra/redis/sentinel.conf.j2 "$dir/sentinel.conf" \
    "$(tier_extra_vars "redis_dir=$dir" "redis_log_dir=$dir" "redis_initial_master_host=$master_host")"
  rm -f "$dir/sentinel.conf.render-vars"
}

sentinel_ha_up() { (sentinel_ha_use && sentinel_up); }
sentinel_ha_down() { (sentinel_ha_use && sentinel_down); }
sentinel_ha_status() { (sentinel_ha_use && sentinel_status); }
