# Lockout guard probe (read-only). Arguments: user names. Prints one fact per line:
#   keys <user>        the user has a non-empty authorized_keys file
#   nouser <user>      no such user
#   cloud-init         cloud-init is installed (injects keys at first boot)
#   cloud-user <name>  cloud-init's default user
#   eic                EC2 Instance Connect / an AuthorizedKeysCommand is configured
for u in "$@"; do
  h=$(getent passwd "$u" | cut -d: -f6)
  if [ -z "$h" ]; then echo "nouser $u"; continue; fi
  for f in "$h/.ssh/authorized_keys" "$h/.ssh/authorized_keys2"; do
    if [ -s "$f" ]; then echo "keys $u"; break; fi
  done
done
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
exit 0
