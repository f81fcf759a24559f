# Shared by the bench/ scripts (sourced, not run).
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
source "$ROOT/bin/jdk"

# Debian's python3 has python3-sklearn; a pyenv or venv python3 first on PATH usually has not.
bench_python() {
  if [ -n "${BENCH_PYTHON:-}" ]; then echo "$BENCH_PYTHON"
  elif [ -x /usr/bin/python3 ]; then echo /usr/bin/python3
  else command -v python3; fi
}

# Builds the packaged service (target/quarkus-app) when it is missing or older than the sources.
ensure_build() {
  local jar="$ROOT/target/quarkus-app/quarkus-run.jar" newer=""
  if [ -f "$jar" ]; then
    newer=$(cd "$ROOT" && find pom.xml src/main training-data -newer "$jar" 2>/dev/null | head -1 || true)
  fi
  if [ ! -f "$jar" ] || [ -n "$newer" ]; then
    echo "[bench] building the service (mvn -B -q package -DskipTests)${newer:+: $newer changed}" >&2
    (cd "$ROOT" && mvn -B -q package -DskipTests) >&2
  fi
}

# The same for the PostgreSQL build (target/postgresql-app), which Maven makes only in the
# pre-integration-test phase (execution build-postgresql): verify with every test skipped.
ensure_postgresql_build() {
  local jar="$ROOT/target/postgresql-app/quarkus-run.jar" newer=""
  if [ -f "$jar" ]; then
    newer=$(cd "$ROOT" && find pom.xml src/main training-data -newer "$jar" 2>/dev/null | head -1 || true)
  fi
  if [ ! -f "$jar" ] || [ -n "$newer" ]; then
    echo "[bench] building the service for PostgreSQL (mvn -B -q verify -DskipTests)${newer:+: $newer changed}" >&2
    (cd "$ROOT" && mvn -B -q verify -DskipTests -DskipPostgresTests=false) >&2
  fi
}

# The JVM option that starts the packaged service with the AOT cache the build recorded, if any
# (as bin/serve does).
aot_cache_opt() {
  local cache="$ROOT/target/quarkus-app/app.aot"
  if [ -f "$cache" ]; then echo "-XX:AOTCache=$cache"; fi
}

# The machine is shared (2 cores): with BENCH_QUIET_WAIT=SECONDS, wait up to that long for the
# 1-minute load average to fall below BENCH_QUIET_LOAD (default 1.0) before measuring. Either
# way the load average is written into the results.
wait_quiet() {
  local limit="${BENCH_QUIET_WAIT:-0}" max="${BENCH_QUIET_LOAD:-1.0}" waited=0
  while [ "$waited" -lt "$limit" ]; do
    local load; load=$(cut -d' ' -f1 /proc/loadavg)
    if awk -v l="$load" -v m="$max" 'BEGIN { exit !(l < m) }'; then break; fi
    [ $(( waited % 60 )) = 0 ] && echo "[bench] load average $load; waiting for < $max (up to ${limit}s)" >&2
    sleep 5; waited=$(( waited + 5 ))
  done
  BENCH_LOADAVG_START="$(cut -d' ' -f1-3 /proc/loadavg)"
  export BENCH_LOADAVG_START
}

need() {
  local cmd="$1" pkg="$2"
  if ! command -v "$cmd" >/dev/null 2>&1; then
    echo "[bench] '$cmd' not found; install the Debian package: apt-get install -y $pkg" >&2
    exit 3
  fi
}
