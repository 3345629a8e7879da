# Everything the role needs to know about the host, in one read-only call before the package
# install. Arguments, one fact asked each:
#   +pkg / -pkg   wanted / unwanted package: prints "missing pkg" / "present pkg"
#                 (dpkg-query or rpm; never opens apt's cache, which image_cleanup removed)
#   p:/path       prints "path /path" when it exists
#   g:group       prints "group group" when the group exists
#   u:user        lockout guard: "keys user" (non-empty authorized_keys) or "nouser user"
#   s:/path       the sshd binary (default /usr/sbin/sshd)
#   f:/path       prints "line <text>" for every line of the file (/etc/fstab)
# Always: "sshd <version line>" when sshd is found, the lockout guard's "cloud-init",
# "cloud-user <name>" and "eic" (EC2 Instance Connect / AuthorizedKeysCommand) facts, and
# "apt-lists" when apt has package lists (a fresh image may have none).
sshd=/usr/sbin/sshd
for a; do
  case $a in
    p:*) [ -e "${a#p:}" ] && echo "path ${a#p:}" ;;
    g:*) getent group "${a#g:}" >/dev/null 2>&1 && echo "group ${a#g:}" ;;
    s:*) sshd=${a#s:} ;;
    f:*) [ -r "${a#f:}" ] && sed 's/^/line /' "${a#f:}" ;;
    u:*)
      u=${a#u:}; h=$(getent passwd "$u" | cut -d: -f6)
      if [ -z "$h" ]; then echo "nouser $u"; continue; fi
      for f in "$h/.ssh/authorized_keys" "$h/.ssh/authorized_keys2"; do
        if [ -s "$f" ]; then echo "keys $u"; break; fi
      done ;;
    [+-]*)
      p=${a#?}
      if command -v dpkg-query >/dev/null 2>&1; then
        s=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null)
        [ "$s" = installed ] && i=1 || i=0
      else
        rpm -q "$p" >/dev/null 2>&1 && i=1 || i=0
      fi
      case $a in
        +*) [ $i = 1 ] || echo "missing $p" ;;
        -*) [ $i = 0 ] || echo "present $p" ;;
      esac ;;
  esac
done
if [ -x "$sshd" ]; then
  echo "sshd $("$sshd" -V 2>&1 | grep -o 'OpenSSH_[0-9.]*' | head -n1)"
fi
if command -v cloud-init >/dev/null 2>&1 || [ -x /usr/bin/cloud-init ]; then
  echo cloud-init
  if [ -f /etc/cloud/cloud.cfg ]; then
    n=$(awk '/^[[:space:]]*default_user:/ {f=1; next} f && /^[[:space:]]*name:/ {print $2; exit}' /etc/cloud/cloud.cfg)
    [ -n "$n" ] && echo "cloud-user $n"
  fi
fi
if [ -d /usr/share/ec2-instance-connect ] || [ -x /opt/aws/bin/eic_run_authorized_keys ] \
   || grep -qsE '^[[:space:]]*AuthorizedKeysCommand[[:space:]]' /etc/ssh/sshd_config /etc/ssh/sshd_config.d/*.conf; then
  echo eic
fi
if grep -qs '^SELINUX=disabled' /etc/selinux/config; then echo selinux-disabled; fi
for l in /var/lib/apt/lists/*_Packages*; do
  [ -e "$l" ] && echo apt-lists
  break
done
exit 0
