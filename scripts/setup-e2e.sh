#!/usr/bin/env bash
# Prepare a real VS Code (code-server) + Chromium for Kubilitics end-to-end tests, and Graphviz for the DOT export test.
#
# Idempotent: apt packages are installed only when missing; Node 24 and code-server are installed into
# a cache dir and reused when the marker file is present.
#
#   KUBILITICS_E2E_CACHE   cache dir (default: $HOME/.cache/kubilitics-e2e)
#   KUBILITICS_E2E_FORCE=1 reinstall Node 24 + code-server even if the marker exists
#
# Layout after success:
#   $CACHE/bin/node                                             Node 24 (runs code-server)
#   $CACHE/node_modules/code-server/out/node/entry.js          code-server entry
#   $CACHE/.ready                                               marker (versions)
set -euo pipefail

NODE_MAJOR="24"
CODE_SERVER_VERSION="4.139.1"
CACHE="${KUBILITICS_E2E_CACHE:-$HOME/.cache/kubilitics-e2e}"
MARKER="$CACHE/.ready"
# graphviz: `dot` and `neato` check that the DOT export is valid Graphviz (test/engine/export/diagramText.test.ts).
APT_PACKAGES=(chromium xvfb graphviz libkrb5-dev libsecret-1-dev libxkbfile-dev libx11-dev
  build-essential python3 pkg-config git ca-certificates)

START=$(date +%s)
log() { printf '[setup-e2e %4ss] %s\n' "$(( $(date +%s) - START ))" "$*"; }
fail() { printf '[setup-e2e] ERROR: %s\n' "$*" >&2; exit 1; }
trap 'rc=$?; if [ $rc -ne 0 ]; then printf "[setup-e2e] FAILED (exit %s) after %ss\n" "$rc" "$(( $(date +%s) - START ))" >&2; fi' EXIT

command -v npm >/dev/null || fail "npm not found on PATH (system Node/npm is required to bootstrap)"

# ---------------------------------------------------------------- apt packages
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  log "installing apt packages: ${missing[*]}"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || fail "not root and sudo missing; install manually: apt-get install -y ${missing[*]}"
    SUDO="sudo"
  fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update || fail "apt-get update failed"
  $SUDO apt-get install -y --no-install-recommends "${missing[@]}" || fail "apt-get install failed: ${missing[*]}"
else
  log "apt packages already installed"
fi
[ -x /usr/bin/chromium ] || fail "/usr/bin/chromium missing after apt install"
command -v dot >/dev/null || fail "Graphviz dot missing after apt install"

# ---------------------------------------------------------------- node 24 + code-server
case "$(uname -m)" in
  x86_64) NODE_ARCH=x64 ;;
  aarch64 | arm64) NODE_ARCH=arm64 ;;
  *) fail "unsupported architecture $(uname -m)" ;;
esac
# `node@24` on npm is a stub whose preinstall pulls `node-linux-<arch>`; install that package directly:
# it has no install script, stays in package.json (a later `npm install` won't prune it), and ships
# include/node, so node-gyp builds code-server's native modules against Node 24 headers without
# downloading them (a global `nodedir=/usr` in ~/.npmrc would otherwise point at the system Node's).
NODE_PKG="node-linux-$NODE_ARCH"
NODE_HOME="$CACHE/node_modules/$NODE_PKG"
NODE24="$CACHE/bin/node"
ENTRY="$CACHE/node_modules/code-server/out/node/entry.js"
MARKER_CONTENT="code-server@${CODE_SERVER_VERSION} ${NODE_PKG}@${NODE_MAJOR}"

if [ "${KUBILITICS_E2E_FORCE:-0}" != "1" ] && [ -f "$MARKER" ] && [ "$(cat "$MARKER")" = "$MARKER_CONTENT" ] \
   && [ -x "$NODE24" ] && [ -f "$ENTRY" ]; then
  log "cache hit: $CACHE ($MARKER_CONTENT)"
else
  rm -f "$MARKER"
  mkdir -p "$CACHE/bin" || fail "cannot create cache dir $CACHE"
  [ -f "$CACHE/package.json" ] || echo '{"name":"kubilitics-e2e-cache","private":true}' > "$CACHE/package.json"

  if [ ! -x "$NODE_HOME/bin/node" ] || ! "$NODE_HOME/bin/node" -v | grep -q "^v${NODE_MAJOR}\."; then
    log "installing $NODE_PKG@$NODE_MAJOR (Node $NODE_MAJOR binary + headers) into $CACHE"
    npm install --prefix "$CACHE" --no-audit --no-fund --ignore-scripts "$NODE_PKG@$NODE_MAJOR" \
      || fail "npm install $NODE_PKG@$NODE_MAJOR failed"
  fi
  [ -x "$NODE_HOME/bin/node" ] || fail "Node $NODE_MAJOR binary not found at $NODE_HOME/bin/node"
  [ -f "$NODE_HOME/include/node/common.gypi" ] || fail "Node headers not found in $NODE_HOME/include/node"
  ln -sfn "../node_modules/$NODE_PKG/bin/node" "$NODE24"
  NODE24_VERSION="$("$NODE24" -v)"
  log "node for code-server: $NODE24_VERSION ($NODE24)"

  # Node 24 first on PATH: npm, node-gyp and code-server's scripts run under it.
  export PATH="$CACHE/bin:$PATH"
  export npm_config_nodedir="$NODE_HOME"
  NPM_VERSION="$(npm -v)"

  log "installing code-server@$CODE_SERVER_VERSION (--ignore-scripts)"
  npm install --prefix "$CACHE" --no-audit --no-fund --ignore-scripts --save-exact "code-server@$CODE_SERVER_VERSION" \
    || fail "npm install code-server@$CODE_SERVER_VERSION failed"

  # Its own install script fails as root (bin permission), so run its postinstall by hand.
  log "running code-server postinstall by hand (5-10 min: native modules + VS Code deps)"
  ( cd "$CACHE/node_modules/code-server" \
    && npm_config_user_agent="npm/$NPM_VERSION node/$NODE24_VERSION linux $NODE_ARCH" sh ./postinstall.sh ) \
    || fail "code-server postinstall.sh failed (native build headers missing? see output above)"

  [ -f "$ENTRY" ] || fail "code-server entry not found at $ENTRY"
  "$NODE24" "$ENTRY" --version >/dev/null || fail "code-server does not start: $NODE24 $ENTRY --version"
  # Load every native module of VS Code's server under Node 24, so an ABI mismatch fails here, not in a test.
  ( cd "$CACHE/node_modules/code-server/lib/vscode" && "$NODE24" -e '
      const mods = ["node-pty", "@vscode/spdlog", "@parcel/watcher", "kerberos", "@vscode/native-watchdog",
        "@vscode/sqlite3", "@vscode/fs-copyfile", "@vscode/deviceid"];
      for (const m of mods) { try { require.resolve(m); } catch { continue; } require(m); }
    ' ) || fail "a native module of code-server does not load under $NODE24_VERSION"
  echo "$MARKER_CONTENT" > "$MARKER"
fi

log "code-server: $("$NODE24" "$ENTRY" --version | head -1)"
log "chromium:    $(/usr/bin/chromium --version 2>/dev/null | head -1)"
log "done in $(( $(date +%s) - START ))s  (KUBILITICS_E2E_CACHE=$CACHE)"
