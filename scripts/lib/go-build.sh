# shellcheck shell=bash
# One Go binary into "$BIN", timed, shared by build-controlplane.sh and build-tools.sh. The caller sets GO (go
# binary), P (go build -p), BIN (output dir), BUILD_FORCE (1: rebuild what is there), TIMINGS=() and a log function.
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
