#!/usr/bin/env bash
# Peer benchmark: fits scikit-learn, XGBoost (Debian's python3-sklearn, python3-xgboost) and LightGBM on exactly the
# training rows of this project's training job and scores exactly its test rows; see docs/BENCHMARKS.md.
#   bench/peer_models.sh                          # label deposit, all features, then without duration
#   bench/peer_models.sh --label default          # the training job's --label, --seed, --test_fraction
# Reads the warehouse's cleaned table (bin/pipeline run or bin/pipeline clean makes it; cleaned here if absent).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/bin/lib/build.sh"
ensure_built "$root"

# Debian's scikit-learn, XGBoost and pandas, with LightGBM and pyarrow from the local wheel mirror.
py="$("$root/bench/peer_env.sh")"

cleaned="$root/warehouse/cleaned/outcomes"
[ -d "$cleaned" ] || "$root/bin/pipeline" clean
out="$root/bench-work/peers"
mkdir -p "$out"
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
# shellcheck disable=SC2046
java $(cat "$root/local-runner/target/classes/jvm-flags.txt") -Xmx2g -Djava.io.tmpdir="${TMPDIR:-/tmp}" \
  -Dbankml.project.root="$root" \
  -cp "$root/local-runner/target/classes:$(cat "$root/local-runner/target/classpath.txt")" \
  dev.bankml.local.PeerData --source_path "$cleaned" --output "$out/split.csv" "$@" 2>/dev/null
"$py" "$root/bench/peer_models.py" "$out/split.csv" --json "$out/peers-all-features.json"
echo
"$py" "$root/bench/peer_models.py" "$out/split.csv" --exclude duration --json "$out/peers-without-duration.json"
