# Set KEY<sep>VALUE lines in one config file, in one call (login.defs, auditd.conf, ...).
# argv: dry(0|1) path sep json{key: value}. The first active line of a key is replaced, else
# the first commented one, else the line is appended. Writes only when something changed
# (atomically, keeping mode and owner); prints the keys it changed (or would change).
import json
import os
import re
import sys
import tempfile

dry, path, sep, want = sys.argv[1] == "1", sys.argv[2], sys.argv[3], json.loads(sys.argv[4])
try:
    with open(path) as f:
        lines = f.read().splitlines()
except FileNotFoundError:
    lines = []
changed = []
for key, value in want.items():
    new = "%s%s%s" % (key, sep, value)
    active = re.compile(r"^\s*%s\s*%s" % (re.escape(key), re.escape(sep.strip()) if sep.strip() else r"\s"))
    commented = re.compile(r"^\s*#\s*%s\s*%s" % (re.escape(key), re.escape(sep.strip()) if sep.strip() else r"\s"))
    idx = next((i for i, l in enumerate(lines) if active.match(l)), None)
    if idx is None:
        idx = next((i for i, l in enumerate(lines) if commented.match(l)), None)
    if idx is None:
        lines.append(new)
        changed.append(key)
    elif lines[idx] != new:
        lines[idx] = new
        changed.append(key)
if changed and not dry:
    st = os.stat(path) if os.path.exists(path) else None
    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path) or ".")
    with os.fdopen(fd, "w") as f:
        f.write("\n".join(lines) + "\n")
    if st:
        os.chmod(tmp, st.st_mode & 0o7777)
        os.chown(tmp, st.st_uid, st.st_gid)
    else:
        os.chmod(tmp, 0o644)
    os.replace(tmp, path)
print("\n".join(changed))
