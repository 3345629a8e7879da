# Make files at most as permissive as asked, in one call. $1 = 1 for a dry run (check mode);
# then "path|maxmode|owner|group" specs. Missing paths are skipped. Bits are only ever
# removed (a stricter mode stays). Prints each path it changed (or would change).
dry=$1; shift
for spec; do
  p=${spec%%|*}; r=${spec#*|}; mode=${r%%|*}; r=${r#*|}; owner=${r%%|*}; group=${r#*|}
  [ -e "$p" ] || continue
  cur=$(stat -c '%a' "$p"); cu=$(stat -c '%U' "$p"); cg=$(stat -c '%G' "$p")
  new=$(printf '%o' $(( 0$cur & 0$mode )))
  if [ "$new" != "$cur" ] || [ "$cu" != "$owner" ] || [ "$cg" != "$group" ]; then
    echo "$p"
    if [ "$dry" != 1 ]; then
      chown "$owner:$group" "$p" && chmod "$new" "$p" || exit 1
    fi
  fi
done
exit 0
