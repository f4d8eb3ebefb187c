# Renders a template from infra/ for one host of the local inventory (infra/ansible/inventory/local/),
# with Ansible's own template module and the same group_vars production gets, so the local tier runs the
# files a deployment would, with loopback addresses and ports instead of the production ones.
# shellcheck shell=bash

LOCAL_INVENTORY="$REPO_ROOT/infra/ansible/inventory/local"

ensure_ansible() {
  command -v ansible >/dev/null || apt_install ansible
}

# render_for_host HOST TEMPLATE DEST [EXTRA_VARS_JSON]
# HOST is an inventory name (e.g. mysql-1); TEMPLATE is a path under the repo. Skips the (2-3 s) Ansible
# run when DEST is newer than the template, the local inventory and group_vars, and the extra vars match.
render_for_host() {
  local host="$1" template="$2" dest="$3" extra="${4:-{\}}"
  local src="$REPO_ROOT/$template" stamp="$dest.render-vars"
  [[ -f "$src" ]] || die "render: $template does not exist"
  if [[ -f "$dest" && -f "$stamp" ]] && [[ "$(cat "$stamp")" == "$extra" ]] \
    && [[ -z "$(find "$src" "$LOCAL_INVENTORY" "$REPO_ROOT/infra/ansible/group_vars" -newer "$dest" -print -quit)" ]]; then
    return 0
  fi
  ensure_ansible
  mkdir -p "$(dirname "$dest")"
  dest="$(cd "$(dirname "$dest")" && pwd)/$(basename "$dest")" # Ansible resolves relative paths elsewhere
  stamp="$dest.render-vars"
  local out
  if ! out="$(ANSIBLE_CONFIG="$REPO_ROOT/infra/ansible/ansible.cfg" ANSIBLE_STDOUT_CALLBACK=minimal \
    ansible "$host" -i "$LOCAL_INVENTORY" --playbook-dir "$REPO_ROOT/infra/ansible" -c local \
    -m ansible.builtin.template -a "src=$src dest=$dest mode=0600" -e "$extra" 2>&1)"; then
    printf '%s\n' "$out" | tail -5 >&2
    die "render: $template for $host failed (see above); check infra/ansible/inventory/local"
  fi
  printf '%s' "$extra" >"$stamp"
  touch "$dest" # Ansible leaves an unchanged file's time alone; without this every later call renders again
}
