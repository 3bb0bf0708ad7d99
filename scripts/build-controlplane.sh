#!/usr/bin/env bash
# Build a real Kubernetes control plane from Go modules (no container images, no release downloads):
#   etcd, kube-apiserver, kube-controller-manager, kube-scheduler (one Kubernetes release) + kwok (fake nodes)
#   + metrics-server (serves metrics.k8s.io from kwok's simulated kubelet /metrics/resource).
#
# Idempotent: binaries are built once into a cache dir outside the repo and reused when the marker is present.
#
#   KUBILITICS_CONTROLPLANE_CACHE   cache root (default: $HOME/.cache/kubilitics-controlplane)
#   KUBILITICS_CONTROLPLANE_FORCE=1 rebuild even if the marker exists
#   GO                              go binary (default: `go` on PATH, else /usr/local/go/bin/go)
#   BUILD_PARALLELISM               go build -p (default: 2)
#
# Versions are pinned in test/cluster/controlplane/versions.env (shared with the TypeScript harness).
# The Go modules used for the build live in test/cluster/controlplane/modules/{kubernetes,etcd,kwok}/;
# their go.mod/go.sum are (re)generated here when missing or when a pinned version changes.
#
# Layout after success:
#   $CACHE/<key>/bin/{etcd,kube-apiserver,kube-controller-manager,kube-scheduler,kwok}
#   $CACHE/<key>/bin/metrics-server (built when missing or when METRICS_SERVER_VERSION changes; not in <key>)
#   $CACHE/<key>/kwok-metrics.yaml kwok's Metrics resource (/metrics/resource per node), copied from the kwok module
#   $CACHE/<key>/kwok-stages.yaml  kwok Stage objects (node init + lease heartbeat, pod ready/complete/delete),
#                                  copied from the kwok module: the kwok binary has no built-in stages
#   $CACHE/<key>/build-times.log   elapsed time per binary of every build run (appended)
#   $CACHE/<key>/.ready            marker (versions, go version)
# where <key> = k8s-<K8S_VERSION>_etcd-<ETCD_VERSION>_kwok-<KWOK_VERSION>.
#
# Prints the bin dir as the last line of stdout ("BIN_DIR=<path>").
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
CP_DIR="$ROOT/test/cluster/controlplane"
MOD_DIR="$CP_DIR/modules"
# shellcheck source=../test/cluster/controlplane/versions.env
source "$CP_DIR/versions.env"
: "${K8S_VERSION:?}" "${ETCD_VERSION:?}" "${KWOK_VERSION:?}" "${METRICS_SERVER_VERSION:?}"

CACHE_ROOT="${KUBILITICS_CONTROLPLANE_CACHE:-$HOME/.cache/kubilitics-controlplane}"
KEY="k8s-${K8S_VERSION}_etcd-${ETCD_VERSION}_kwok-${KWOK_VERSION}"
OUT="$CACHE_ROOT/$KEY"
BIN="$OUT/bin"
MARKER="$OUT/.ready"
BINARIES=(etcd kube-apiserver kube-controller-manager kube-scheduler kwok metrics-server)
MS_MARKER="$OUT/metrics-server.version"

START=$(date +%s)
log() { printf '[build-controlplane %5ss] %s\n' "$(( $(date +%s) - START ))" "$*" >&2; }
fail() { printf '[build-controlplane] ERROR: %s\n' "$*" >&2; exit 1; }
trap 'rc=$?; if [ $rc -ne 0 ]; then printf "[build-controlplane] FAILED (exit %s) after %ss\n" "$rc" "$(( $(date +%s) - START ))" >&2; fi' EXIT

all_present() {
  local b
  [ -f "$MARKER" ] && [ -s "$OUT/kwok-stages.yaml" ] && [ -s "$OUT/kwok-metrics.yaml" ] || return 1
  [ "$(cat "$MS_MARKER" 2>/dev/null)" = "$METRICS_SERVER_VERSION" ] || return 1
  for b in "${BINARIES[@]}"; do [ -x "$BIN/$b" ] || return 1; done
}

if [ "${KUBILITICS_CONTROLPLANE_FORCE:-0}" != "1" ] && all_present; then
  log "reusing $BIN ($(head -n1 "$MARKER"))"
  echo "BIN_DIR=$BIN"
  exit 0
fi

# ---------------------------------------------------------------- Go toolchain
BUILD_FORCE="${KUBILITICS_CONTROLPLANE_FORCE:-0}"
# shellcheck source=lib/go-build.sh
source "$ROOT/scripts/lib/go-build.sh"
go_toolchain
log "go: $("$GO" version) (GOMODCACHE=$("$GO" env GOMODCACHE), GOCACHE=$("$GO" env GOCACHE))"
log "versions: kubernetes $K8S_VERSION, etcd $ETCD_VERSION, kwok $KWOK_VERSION; output $BIN"

# ---------------------------------------------------------------- go.mod generation
# A module dir is regenerated when its go.mod does not mention the pinned version.
needs_gen() { # dir pinned-module version
  [ -f "$1/go.mod" ] && [ -f "$1/go.sum" ] && grep -qE "(^|[[:space:]])$2 $3([[:space:]]|$)" "$1/go.mod" && return 1
  return 0
}

gen_kubernetes() {
  local dir="$MOD_DIR/kubernetes" gomod staging minor go_line godebug
  log "generating $dir/go.mod for k8s.io/kubernetes $K8S_VERSION"
  gomod="$(cd /tmp && "$GO" mod download -json "k8s.io/kubernetes@$K8S_VERSION" | sed -n 's/^[[:space:]]*"GoMod": "\(.*\)",\{0,1\}$/\1/p')"
  [ -f "$gomod" ] || fail "could not download k8s.io/kubernetes@$K8S_VERSION go.mod"
  minor="v0.${K8S_VERSION#v1.}"   # v1.37.2 -> v0.37.2
  go_line="$(grep -m1 -E '^go [0-9]' "$gomod")"
  godebug="$(grep -E '^godebug ' "$gomod" || true)"
  # Staging modules = `k8s.io/x => ./staging/src/k8s.io/x` replaces that are also required
  # (sample-cli-plugin/sample-controller are replaced but not required, and not always published).
  staging="$(sed -n 's#^[[:space:]]*\(k8s.io/[a-z0-9-]*\) => ./staging/src/.*#\1#p' "$gomod" |
    while read -r m; do grep -qE "^[[:space:]]+$m v" "$gomod" && echo "$m"; done)"
  [ -n "$staging" ] || fail "no staging modules found in $gomod"
  mkdir -p "$dir"
  {
    echo "// Generated by scripts/build-controlplane.sh from k8s.io/kubernetes $K8S_VERSION's go.mod."
    echo "// Do not edit: change test/cluster/controlplane/versions.env and rerun the script."
    echo "module kubilitics.local/controlplane/kubernetes"
    echo
    echo "$go_line"
    echo
    [ -n "$godebug" ] && { echo "$godebug"; echo; }
    echo "tool ("
    echo "	k8s.io/kubernetes/cmd/kube-apiserver"
    echo "	k8s.io/kubernetes/cmd/kube-controller-manager"
    echo "	k8s.io/kubernetes/cmd/kube-scheduler"
    echo ")"
    echo
    echo "require k8s.io/kubernetes $K8S_VERSION"
    echo
    echo "replace ("
    for m in $staging; do echo "	$m => $m $minor"; done
    echo ")"
  } > "$dir/go.mod"
  rm -f "$dir/go.sum"
  (cd "$dir" && "$GO" mod tidy)
}

gen_simple() { # dir module-name go-version require-module version tool-pkg...
  local dir="$1" name="$2" gover="$3" mod="$4" ver="$5"; shift 5
  log "generating $dir/go.mod for $mod $ver"
  mkdir -p "$dir"
  {
    echo "// Generated by scripts/build-controlplane.sh. Do not edit: change"
    echo "// test/cluster/controlplane/versions.env and rerun the script."
    echo "module $name"
    echo
    echo "go $gover"
    echo
    echo "tool ("
    for t in "$@"; do echo "	$t"; done
    echo ")"
    echo
    echo "require $mod $ver"
  } > "$dir/go.mod"
  rm -f "$dir/go.sum"
  (cd "$dir" && "$GO" mod tidy)
}

needs_gen "$MOD_DIR/kubernetes" k8s.io/kubernetes "$K8S_VERSION" && gen_kubernetes
needs_gen "$MOD_DIR/etcd" go.etcd.io/etcd/server/v3 "$ETCD_VERSION" &&
  gen_simple "$MOD_DIR/etcd" kubilitics.local/controlplane/etcd 1.26.0 go.etcd.io/etcd/server/v3 "$ETCD_VERSION" go.etcd.io/etcd/server/v3
needs_gen "$MOD_DIR/kwok" sigs.k8s.io/kwok "$KWOK_VERSION" &&
  gen_simple "$MOD_DIR/kwok" kubilitics.local/controlplane/kwok 1.26.0 sigs.k8s.io/kwok "$KWOK_VERSION" sigs.k8s.io/kwok/cmd/kwok
needs_gen "$MOD_DIR/metrics-server" sigs.k8s.io/metrics-server "$METRICS_SERVER_VERSION" &&
  gen_simple "$MOD_DIR/metrics-server" kubilitics.local/controlplane/metrics-server 1.26.0 sigs.k8s.io/metrics-server \
    "$METRICS_SERVER_VERSION" sigs.k8s.io/metrics-server/cmd/metrics-server

# ---------------------------------------------------------------- build
mkdir -p "$BIN"
rm -f "$MARKER"
# buildDate = the release's publication time (from the module proxy), so rebuilds are reproducible.
BUILD_DATE="$(cd "$MOD_DIR/kubernetes" && "$GO" list -m -f '{{.Time.UTC.Format "2006-01-02T15:04:05Z"}}' k8s.io/kubernetes)"
K8S_MAJOR="${K8S_VERSION#v}"; K8S_MAJOR="${K8S_MAJOR%%.*}"
K8S_MINOR="${K8S_VERSION#v*.}"; K8S_MINOR="${K8S_MINOR%%.*}"
K8S_LDFLAGS=""
for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
  K8S_LDFLAGS+=" -X $pkg.gitVersion=$K8S_VERSION -X $pkg.gitMajor=$K8S_MAJOR -X $pkg.gitMinor=$K8S_MINOR"
  K8S_LDFLAGS+=" -X $pkg.gitTreeState=clean -X $pkg.buildDate=$BUILD_DATE"
done

TIMINGS=()

build etcd "$MOD_DIR/etcd" go.etcd.io/etcd/server/v3 " -X go.etcd.io/etcd/api/v3/version.GitSHA=$ETCD_VERSION"
build kwok "$MOD_DIR/kwok" sigs.k8s.io/kwok/cmd/kwok " -X sigs.k8s.io/kwok/pkg/consts.Version=$KWOK_VERSION"
# kwokctl passes these stages to kwok (pkg/kwokctl/runtime/cluster.go); the bare kwok binary needs them in --config.
write_kwok_stages() {
  local kdir f
  kdir="$(cd "$MOD_DIR/kwok" && "$GO" list -m -f '{{.Dir}}' sigs.k8s.io/kwok)"
  : > "$OUT/.kwok-stages.tmp"
  for f in node/fast/node-initialize.yaml node/heartbeat-with-lease/node-heartbeat-with-lease.yaml \
    pod/fast/pod-ready.yaml pod/fast/pod-complete.yaml pod/fast/pod-delete.yaml; do
    [ -f "$kdir/kustomize/stage/$f" ] || fail "kwok stage $f not found in $kdir"
    { echo "---"; cat "$kdir/kustomize/stage/$f"; } >> "$OUT/.kwok-stages.tmp"
  done
  mv -f "$OUT/.kwok-stages.tmp" "$OUT/kwok-stages.yaml"
}
write_kwok_stages
# kwok's Metrics resource serves /metrics/nodes/<node>/metrics/resource from the usage rules the harness adds.
kdir_metrics="$(cd "$MOD_DIR/kwok" && "$GO" list -m -f '{{.Dir}}' sigs.k8s.io/kwok)/kustomize/metrics/resource/metrics-resource.yaml"
[ -f "$kdir_metrics" ] || fail "kwok metrics resource not found at $kdir_metrics"
cp -f "$kdir_metrics" "$OUT/kwok-metrics.yaml"
if [ "$(cat "$MS_MARKER" 2>/dev/null)" != "$METRICS_SERVER_VERSION" ]; then rm -f "$BIN/metrics-server"; fi
build metrics-server "$MOD_DIR/metrics-server" sigs.k8s.io/metrics-server/cmd/metrics-server ""
echo "$METRICS_SERVER_VERSION" > "$MS_MARKER"
build kube-apiserver "$MOD_DIR/kubernetes" k8s.io/kubernetes/cmd/kube-apiserver "$K8S_LDFLAGS"
build kube-scheduler "$MOD_DIR/kubernetes" k8s.io/kubernetes/cmd/kube-scheduler "$K8S_LDFLAGS"
build kube-controller-manager "$MOD_DIR/kubernetes" k8s.io/kubernetes/cmd/kube-controller-manager "$K8S_LDFLAGS"

ELAPSED=$(( $(date +%s) - START ))
{
  echo "$(date -u +%Y-%m-%dT%H:%M:%SZ) go=$("$GO" env GOVERSION) p=$P total=${ELAPSED}s"
  for t in "${TIMINGS[@]+"${TIMINGS[@]}"}"; do echo "  $t"; done
} >> "$OUT/build-times.log"
echo "kubernetes=$K8S_VERSION etcd=$ETCD_VERSION kwok=$KWOK_VERSION go=$("$GO" env GOVERSION)" > "$MARKER"
"$BIN/kube-apiserver" --version >&2 || true
for t in "${TIMINGS[@]+"${TIMINGS[@]}"}"; do log "timing: $t"; done
log "done: total ${ELAPSED}s"
echo "BIN_DIR=$BIN"
