# shellcheck shell=bash
# Go builds shared by build-controlplane.sh and build-tools.sh. The caller defines log and fail, and sets BIN (output
# dir), BUILD_FORCE (1: rebuild what is there) and TIMINGS=() before calling build.

# Finds the go binary (GO, else `go` on PATH, else /usr/local/go/bin/go) and sets GO, P (go build -p) and the build env.
go_toolchain() {
  GO="${GO:-}"
  if [ -z "$GO" ]; then GO="$(command -v go || true)"; fi
  if [ -z "$GO" ] && [ -x /usr/local/go/bin/go ]; then GO=/usr/local/go/bin/go; fi
  [ -n "$GO" ] || fail "go not found (set GO=/path/to/go)"
  export GOTOOLCHAIN=local      # never download another toolchain
  export GOFLAGS=-mod=mod       # module dirs have no vendor/; allow go.sum updates
  export CGO_ENABLED=0          # static binaries, like upstream release builds
  export GOWORK=off
  P="${BUILD_PARALLELISM:-2}"
}

# One Go binary into "$BIN", timed.
build() { # name module-dir package extra-ldflags
  local name="$1" dir="$2" pkg="$3" ld="$4" t0 t
  if [ -x "$BIN/$name" ] && [ "${BUILD_FORCE:-0}" != "1" ]; then
    log "$name: already built, skipping"; return
  fi
  log "$name: go build $pkg"
  t0=$(date +%s)
  (cd "$dir" && "$GO" build -p "$P" -trimpath -ldflags "-s -w$ld" -o "$BIN/.$name.tmp" "$pkg")
  mv -f "$BIN/.$name.tmp" "$BIN/$name"
  t=$(( $(date +%s) - t0 ))
  TIMINGS+=("$name ${t}s $(du -h "$BIN/$name" | cut -f1)")
  log "$name: built in ${t}s ($(du -h "$BIN/$name" | cut -f1))"
}
