#!/usr/bin/env bash
# The Python the peer benchmarks run on, made once in bench-work/peer-venv: Debian's scikit-learn, XGBoost
# and pandas (apt-get, as root) seen through a virtual environment that adds LightGBM and pyarrow from the
# local wheel mirror (/opt/pypi/simple; see docs/BENCHMARKS.md). Prints the interpreter's path on stdout;
# without the mirror it prints Debian's python3, and the peers say LightGBM is missing.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mirror=/opt/pypi/simple
venv="$root/bench-work/peer-venv"

missing=()
for pkg in python3-sklearn python3-xgboost python3-pandas python3-venv; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "Installing ${missing[*]} (Debian packages) ..." >&2
    apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
  else
    echo "Needs Debian packages: sudo apt-get install -y ${missing[*]}" >&2
    exit 2
  fi
fi

if [ -x "$venv/bin/python" ] && "$venv/bin/python" -c "import lightgbm, pyarrow" 2>/dev/null; then
  echo "$venv/bin/python"
elif [ -d "$mirror" ]; then
  echo "Making $venv (LightGBM and pyarrow from $mirror) ..." >&2
  /usr/bin/python3 -m venv --system-site-packages "$venv" >&2
  # Without --index-url pip would wait on an index it cannot reach.
  "$venv/bin/pip" install -q --disable-pip-version-check --index-url "file://$mirror" lightgbm pyarrow >&2
  echo "$venv/bin/python"
else
  echo "No wheel mirror at $mirror: LightGBM and pyarrow are left out of the peers." >&2
  echo /usr/bin/python3
fi
