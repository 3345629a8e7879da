#!/usr/bin/env bash
# Build the execution environment image with podman (ansible-builder build), when the base image that
# execution-environment.yml names is in podman's local storage; otherwise say what is missing and exit 1.
# No registry is reached: pull or load the base image first. EE_DEFINITION and EE_TAG override the defaults
# (execution-environment.yml and its first options.tags entry).
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$root"
definition=${EE_DEFINITION:-$root/execution-environment.yml}
read -r base tag < <(python - "$definition" <<'PY'
import sys, yaml
data = yaml.safe_load(open(sys.argv[1]))
print(data["images"]["base_image"]["name"], (data.get("options", {}).get("tags") or ["imageforge-ee:latest"])[0])
PY
)
tag=${EE_TAG:-$tag}
if ! command -v podman >/dev/null 2>&1; then
  echo "ee-image: podman is not installed; install it (apt-get install podman, or dnf install podman) and rerun" >&2
  exit 1
fi
if ! podman image exists "$base"; then
  cat >&2 <<MSG
ee-image: the base image '$base' that $(basename "$definition") names is not in podman's local storage
(podman image exists $base: no). Pull it where a registry is reachable (podman pull $base), or load a saved
copy (podman load -i base-image.tar), then rerun make ee-image.
MSG
  exit 1
fi
ansible-galaxy collection build --force --output-path "$(dirname "$definition")/.tmp/dist" "$root" >/dev/null
ansible-builder build -f "$definition" -c "$(dirname "$definition")/.tmp/ee-context" -t "$tag" \
  --container-runtime podman -v 2
echo "ee-image: built $tag; push it with: podman push $tag <registry>/<namespace>/$tag"
