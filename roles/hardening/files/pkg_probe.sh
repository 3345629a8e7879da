# Which of the wanted packages are missing (+name) and which unwanted ones are installed
# (-name), in one read-only call that never opens the package manager's cache (apt would
# rebuild /var/cache/apt/*.bin that image_cleanup removed). Prints "missing X" / "present X".
for a; do
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
  esac
done
exit 0
