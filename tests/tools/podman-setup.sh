#!/usr/bin/env bash
# Prepare podman and the local systemd images for the molecule scenarios and the benchmark.
# Idempotent: installs packages only when missing, builds an image only when it does not exist.
#
#   bash tests/tools/podman-setup.sh          # prints `export CONTAINERS_CONF=...` last
#   eval "$(bash tests/tools/podman-setup.sh --env)"   # only the export line on stdout
#
# Facts behind it (tests/ TESTBED): podman here needs runc and raised default ulimits,
# no container registry is reachable, so the images are built with mmdebstrap from the
# Debian mirror configured in this machine's apt sources (read at run time, never stored).
# Env: SUITES="bookworm trixie"  ROOTFS_SUITE=bookworm (chroot scenario; empty = skip)
#      IMAGEFORGE_CACHE (default ~/.cache/imageforge; "off" = none): the mmdebstrap outputs are kept there,
#      keyed by suite, package list and ISO week, so a fresh clone (CI) imports them instead of rebuilding.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp="$root/.tmp"
mkdir -p "$tmp"
env_only=0
[ "${1:-}" = "--env" ] && env_only=1
log() { if [ $env_only = 1 ]; then echo "$*" >&2; else echo "$*"; fi; }
t0=$(date +%s)

# --- packages --------------------------------------------------------------
need=()
for pair in podman:podman runc:runc mmdebstrap:mmdebstrap debootstrap:debootstrap; do
  cmd=${pair%%:*}; pkg=${pair##*:}
  command -v "$cmd" >/dev/null 2>&1 || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  log "podman-setup: installing ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends "${need[@]}" uidmap slirp4netns fuse-overlayfs >&2 \
    || apt-get install -y -qq "${need[@]}" >&2
fi

# --- containers.conf -------------------------------------------------------
conf="$tmp/containers.conf"
cat > "$conf.new" <<'CONF'
# Written by tests/tools/podman-setup.sh. root here lacks CAP_SYS_RESOURCE (crun setrlimit
# fails without lower default ulimits) and the host cgroups are hybrid (crun refuses them).
[containers]
default_ulimits = ["nofile=1024:20000", "nproc=4096:8192"]
[engine]
runtime = "runc"
CONF
if cmp -s "$conf.new" "$conf"; then rm -f "$conf.new"; else mv "$conf.new" "$conf"; fi
export CONTAINERS_CONF="$conf"

# --- mirror from the host's apt sources --------------------------------------
mirror() {
  local m=""
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    m=$(awk 'tolower($1)=="uris:" {for (i=2;i<=NF;i++) if ($i !~ /security/) {print $i; exit}}' "$f")
    [ -n "$m" ] && break
  done
  if [ -z "$m" ] && [ -f /etc/apt/sources.list ]; then
    m=$(awk '$1=="deb" {for (i=2;i<=NF;i++) if ($i ~ /^(https?|file):/ && $i !~ /security/) {print $i; exit}}' /etc/apt/sources.list)
  fi
  [ -n "$m" ] || { echo "podman-setup: no Debian mirror found in the apt sources" >&2; return 1; }
  echo "${m%/}"
}
MIRROR=${MIRROR:-$(mirror)}

# --- images ----------------------------------------------------------------
include=python3,systemd,systemd-sysv,dbus,openssh-server,python3-apt,sudo
cache=${IMAGEFORGE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/imageforge}
[ "$cache" = off ] || mkdir -p "$cache"
cached() {  # cached <suite> <kind>: the cache file of that build ("" when the cache is off)
  [ "$cache" = off ] && return 0
  echo "$cache/$1-$2-$(echo "$include $(date +%G-%V)" | sha1sum | cut -c1-12).tar"
}
for suite in ${SUITES:-bookworm trixie}; do
  image="localhost/$suite-systemd"
  if podman image exists "$image"; then
    log "podman-setup: $image exists"
    continue
  fi
  s=$(date +%s)
  tar="$tmp/$suite-systemd.tar"
  keep=$(cached "$suite" systemd)
  rm -f "$tar"
  if [ -n "$keep" ] && [ -s "$keep" ]; then
    log "podman-setup: importing $image from $keep"
    tar=$keep
  else
    log "podman-setup: building $image"
    mmdebstrap --quiet --variant=apt --mode=root --include="$include" \
      --components=main "$suite" "$tar" "$MIRROR" >&2
    [ -z "$keep" ] || { cp "$tar" "$keep.new" && mv "$keep.new" "$keep"; }
  fi
  podman import --quiet --change 'CMD ["/sbin/init"]' "$tar" "$image" >/dev/null
  [ "$tar" = "$keep" ] || rm -f "$tar"
  log "podman-setup: $image built in $(( $(date +%s) - s )) s"
done

# --- root filesystem for the chroot scenario ---------------------------------
rsuite=${ROOTFS_SUITE-bookworm}
if [ -n "$rsuite" ]; then
  rootfs="$tmp/rootfs/$rsuite"
  if [ -x "$rootfs/usr/bin/python3" ] && [ -f "$rootfs/.imageforge-complete" ]; then
    log "podman-setup: $rootfs exists"
  else
    s=$(date +%s)
    rm -rf "$rootfs"; mkdir -p "$(dirname "$rootfs")"
    keep=$(cached "$rsuite" rootfs)
    if [ -n "$keep" ] && [ -s "$keep" ]; then
      log "podman-setup: unpacking $rootfs from $keep"
      mkdir -p "$rootfs" && tar -C "$rootfs" -xf "$keep"
    else
      log "podman-setup: building $rootfs"
      mmdebstrap --quiet --variant=apt --mode=root --include="$include" \
        --components=main "$rsuite" "$rootfs" "$MIRROR" >&2
      [ -z "$keep" ] || { tar -C "$rootfs" -cf "$keep.new" . && mv "$keep.new" "$keep"; }
    fi
    touch "$rootfs/.imageforge-complete"
    log "podman-setup: $rootfs built in $(( $(date +%s) - s )) s"
  fi
fi

log "podman-setup: done in $(( $(date +%s) - t0 )) s"
echo "export CONTAINERS_CONF=$conf"
