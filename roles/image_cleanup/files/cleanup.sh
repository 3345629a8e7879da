# image_cleanup in one call. $1 = 1 for a dry run (check mode), then KEY=VALUE settings.
# Prints one line per thing it removed or emptied (or would); nothing when already clean,
# so a second run reports no change.
dry=$1; shift
for kv; do k=${kv%%=*}; v=${kv#*=}; eval "$k=\$v"; done
say() { echo "$1"; }
rmglob() {  # remove paths matching the globs given, report each
  for g; do
    for p in $g; do
      if [ -e "$p" ] || [ -L "$p" ]; then say "removed $p"; [ "$dry" = 1 ] || rm -rf -- "$p"; fi
    done
  done
}
empty() {  # truncate regular, non-empty files
  for p; do
    if [ -f "$p" ] && [ ! -L "$p" ] && [ -s "$p" ]; then say "emptied $p"; [ "$dry" = 1 ] || : > "$p"; fi
  done
}
if [ "$HOSTKEYS" = 1 ]; then rmglob '/etc/ssh/ssh_host_*_key' '/etc/ssh/ssh_host_*_key.pub'; fi
if [ "$MACHINEID" = 1 ]; then
  empty /etc/machine-id
  # D-Bus: a plain copy would keep the old id; make it the standard link to /etc/machine-id.
  if [ -e /var/lib/dbus/machine-id ] && [ ! -L /var/lib/dbus/machine-id ]; then
    say "linked /var/lib/dbus/machine-id"
    [ "$dry" = 1 ] || { rm -f /var/lib/dbus/machine-id; ln -s /etc/machine-id /var/lib/dbus/machine-id; }
  fi
  rmglob /var/lib/systemd/random-seed /var/lib/systemd/credential.secret
fi
if [ "$CLOUDINIT" = 1 ] && command -v cloud-init >/dev/null 2>&1; then
  if [ -n "$(ls -A /var/lib/cloud/instances 2>/dev/null)" ] || [ -e /var/lib/cloud/instance ] \
     || ls /var/log/cloud-init*.log >/dev/null 2>&1; then
    say "cloud-init clean --logs"
    [ "$dry" = 1 ] || cloud-init clean --logs >/dev/null 2>&1 || rm -rf /var/lib/cloud/instances/* /var/lib/cloud/instance /var/log/cloud-init*.log
  fi
fi
if [ "$LOGS" = 1 ]; then
  # Empty the text logs (keep files: daemons hold them and logrotate expects them), drop
  # rotated ones and the journal.
  for f in $(find /var/log -type f \( -name '*.log' -o -name 'syslog' -o -name 'messages' -o -name 'wtmp' -o -name 'btmp' -o -name 'lastlog' -o -name 'secure' -o -name 'dmesg' \) 2>/dev/null); do empty "$f"; done
  for f in $(find /var/log -type f \( -name '*.gz' -o -name '*.[0-9]' -o -name '*.old' -o -name '*.xz' \) 2>/dev/null); do rmglob "$f"; done
  # Archived journals always; the active journal only when nothing runs (chroot).
  rmglob '/var/log/journal/*/*@*' '/var/log/journal/*/*.journal~' '/var/log/audit/audit.log.*'
  if [ "$CONTEXT" = chroot ]; then rmglob '/var/log/journal/*/*'; fi
  empty /var/log/audit/audit.log
fi
if [ "$HISTORY" = 1 ]; then
  rmglob /root/.bash_history '/home/*/.bash_history' /root/.zsh_history '/home/*/.zsh_history' \
         /root/.python_history '/home/*/.python_history' /root/.lesshst '/home/*/.lesshst' \
         /root/.viminfo '/home/*/.viminfo' /root/.wget-hsts '/home/*/.wget-hsts' \
         /root/.cache '/home/*/.cache'
fi
if [ "$TMP" = 1 ]; then
  # Keeps systemd's per-service private dirs, the X/ICE socket dirs and Ansible's own files.
  for p in $(find /tmp /var/tmp -mindepth 1 -maxdepth 1 ! -name 'systemd-private-*' ! -name '.*-unix' \
             ! -name 'ansible*' ! -name '.ansible*' 2>/dev/null); do rmglob "$p"; done
fi
if [ "$PKGCACHE" = 1 ]; then
  rmglob '/var/cache/apt/archives/*.deb' '/var/cache/apt/*.bin' '/var/lib/apt/lists/*_*' \
         '/var/cache/dnf/*' '/var/cache/yum/*'
fi
if [ -n "$EXTRA" ]; then rmglob $EXTRA; fi
exit 0
