# Shared by the bin/ launchers: build the modules with Maven when their output is missing or older
# than any source file, so a fresh clone needs no separate build step.
ensure_built() {
  local root="$1"
  local stamp="$root/local-runner/target/.built"
  local needed=("$stamp" "$root/local-runner/target/classpath.txt"
    "$root/jobs-cleaning/target/jobs-cleaning-glue.jar" "$root/jobs-training/target/jobs-training-glue.jar")
  local stale=""
  for f in "${needed[@]}"; do
    [ -f "$f" ] || stale="missing $f"
  done
  if [ -z "$stale" ]; then
    local newer
    newer=$(find "$root/pom.xml" "$root"/workflow "$root"/jobs "$root"/jobs-cleaning "$root"/jobs-training "$root"/local-runner \
      \( -path '*/target' -prune \) -o \( -type f \( -name '*.java' -o -name 'pom.xml' -o -path '*/src/main/resources/*' \) \
      -newer "$stamp" -print -quit \) 2>/dev/null)
    [ -z "$newer" ] || stale="$newer changed"
  fi
  if [ -n "$stale" ]; then
    echo "Building the jobs ($stale) ..." >&2
    (cd "$root" && mvn -B -q -DskipTests package -pl local-runner -am) >&2
    touch "$stamp"
  fi
}
