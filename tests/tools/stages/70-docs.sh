#!/usr/bin/env bash
# The documentation: antsibull-docs + Sphinx build a static HTML site (every module, role, guide) in
# .tmp/docs/build/html; headless Chromium opens one module page and the test checks it rendered;
# antsibull-changelog lints the changelog fragments.
set -euo pipefail
source "$(dirname "$0")/../env.sh"
cd "$root"
pip install -q --disable-pip-version-check -r docs/requirements.txt

echo "--- changelog fragments"
antsibull-changelog lint

echo "--- collection docs lint"
antsibull-docs lint-collection-docs .

echo "--- site"
site="$root/.tmp/docs"
rm -rf "$site"; mkdir -m 700 -p "$site"
antsibull-docs sphinx-init --use-current --dest-dir "$site" imageforge.image_builder >/dev/null
# Offline, so no intersphinx: the pages' links into the Ansible docsite (common_return_values, ...) and
# the inventory download are the only warnings allowed; any other warning fails the stage.
echo "intersphinx_mapping = {}" >>"$site/conf.py"
(cd "$site" && mkdir -p rst && chmod og-w rst \
  && antsibull-docs --config-file antsibull-docs.cfg collection --cleanup everything --use-current --dest-dir rst imageforge.image_builder \
  && sphinx-build -M html rst build -c . -w warnings.log) >"$site/build.log" 2>&1 || { tail -40 "$site/build.log"; exit 1; }
external="undefined label: '(common_return_values|action_plugins|ansible_configuration_settings)'|'envvar' reference target not found"
if grep -vE "$external" "$site/warnings.log" | grep WARNING; then
  echo "70-docs: Sphinx warnings (above)"; exit 1
fi
html="$site/build/html/collections/imageforge/image_builder"
python - "$html" "$root" <<'PY'
import pathlib, sys
html, root = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
missing = [m.stem for m in (root / "plugins/modules").glob("*.py") if not (html / f"{m.stem}_module.html").is_file()]
missing += [r.name for r in (root / "roles").iterdir() if (r / "meta/argument_specs.yml").is_file() and not (html / f"{r.name}_role.html").is_file()]
missing += [g for g in ("getting-started", "playbooks", "awx", "sharing-encrypted-amis", "migration", "least-privilege")
            if not (html / "docsite" / f"{g}.html").is_file()]
print(f"site: {len(list(html.glob('*_module.html')))} module pages, {len(list(html.glob('*_role.html')))} role pages")
sys.exit(f"no page for: {missing}" if missing else 0)
PY

echo "--- headless Chromium"
if ! command -v chromium >/dev/null; then
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking
       --disable-component-update --disable-sync --user-data-dir="$profile")
page="file://$html/component_module.html"
timeout 120 chromium "${flags[@]}" --dump-dom "$page" 2>/dev/null >"$site/component.dom.html"
timeout 120 chromium "${flags[@]}" --window-size=1280,1600 --screenshot="$site/component.png" "$page" >/dev/null 2>&1
python - "$site/component.dom.html" "$site/component.png" "$root/plugins/modules/component.py" <<'PY'
import ast, pathlib, re, sys, zlib, yaml
dom, png, module = (pathlib.Path(p) for p in sys.argv[1:])
doc = next(n.value.value for n in ast.parse(module.read_text()).body
           if isinstance(n, ast.Assign) and getattr(n.targets[0], "id", "") == "DOCUMENTATION")
short = yaml.safe_load(doc)["short_description"]
text = re.sub(r"\s+", " ", dom.read_text())
assert short in text, f"the rendered page lacks the short description {short!r}"
assert "Parameters" in text and "purge_tags" in text, "the options table did not render"
data = png.read_bytes()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "no screenshot"
idat = b"".join(data[i + 8:i + 8 + int.from_bytes(data[i:i + 4], "big")]
                for i in [m.start() - 4 for m in re.finditer(b"IDAT", data)])
raw = zlib.decompress(idat)
assert len(set(raw)) > 16, "the screenshot is blank"
print(f"chromium rendered component_module.html: {short!r} found, screenshot {len(data)} bytes, {len(set(raw))} distinct byte values")
PY
echo "70-docs: site in $site/build/html"
