# The chaos topology's hosts and ports come from one place, infra/ansible/inventory/local/tier.yml, which is
# also what the production templates are rendered with (render.sh).
# shellcheck shell=bash

TIER_INVENTORY="$REPO_ROOT/infra/ansible/inventory/local/tier.yml"
# shellcheck disable=SC2034 # read by the chaos components (sentinel-ha.sh, kafka-cluster.sh, ...)
CHAOS_RUN="$RUN_DIR/chaos"

# tier_var HOST VAR: a host variable of tier.yml (host vars only; group vars are not merged here).
tier_var() {
  python3 - "$TIER_INVENTORY" "$1" "$2" <<'PY' || die "tier: no $2 for host $1 in infra/ansible/inventory/local/tier.yml"
import sys, yaml
inventory, host, var = sys.argv[1:]
def hosts(group):
    yield from (group.get("hosts") or {}).items()
    for child in (group.get("children") or {}).values():
        yield from hosts(child or {})
found = dict(hosts(yaml.safe_load(open(inventory))["all"])).get(host) or {}
if var not in found:
    sys.exit(1)
print(found[var])
PY
}

# tier_hosts GROUP: the hosts of one group of tier.yml, in file order.
tier_hosts() {
  python3 - "$TIER_INVENTORY" "$1" <<'PY'
import sys, yaml
inventory, group = sys.argv[1:]
print("\n".join((yaml.safe_load(open(inventory))["all"]["children"][group].get("hosts") or {}).keys()))
PY
}

# Extra vars as JSON for render_for_host, from NAME=VALUE pairs.
tier_extra_vars() {
  python3 -c 'import json, sys; print(json.dumps(dict(a.split("=", 1) for a in sys.argv[1:]), sort_keys=True))' "$@"
}
