# Shared by the bench/ scripts (sourced, not run): the JDK (bin/jdk), building, starting the
# packaged service and waiting until it is ready, stopping it, retrain-and-activate, the meta.env
# notes the report scripts read, and small helpers.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
source "$ROOT/bin/jdk"

# Debian's python3 has python3-sklearn; a pyenv or venv python3 first on PATH usually has not.
bench_python() {
  if [ -n "${BENCH_PYTHON:-}" ]; then echo "$BENCH_PYTHON"
  elif [ -x /usr/bin/python3 ]; then echo /usr/bin/python3
  else command -v python3; fi
}

now_ms() { date +%s%3N; }

free_port() {
  "$(bench_python)" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# A random password for the service's users in one run (prefix, then 24 hex digits).
random_secret() { echo "${1:-bench}-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"; }

# note KEY VALUE: one line KEY=VALUE in $meta (the report scripts read it); meta_init FILE
# starts that file empty.
meta_init() { meta="$1"; : > "$meta"; }
note() { echo "$1=$2" >> "$meta"; }

# json_field NAME < JSON: the top-level field NAME of a JSON object ("" when missing; booleans
# as true/false)
json_field() {
  "$(bench_python)" -c 'import json,sys; v=json.load(sys.stdin).get(sys.argv[1]); print("" if v is None else str(v).lower() if isinstance(v,bool) else v)' "$1"
}

# ---- building

# build_if_stale APP DESCRIPTION MAVEN-ARGS...: runs Maven with MAVEN-ARGS when APP/quarkus-run.jar
# is missing or older than the sources.
build_if_stale() {
  local jar="$ROOT/$1/quarkus-run.jar" what="$2" newer=""
  shift 2
  if [ -f "$jar" ]; then
    newer=$(cd "$ROOT" && find pom.xml src/main training-data -newer "$jar" 2>/dev/null | head -1 || true)
  fi
  if [ ! -f "$jar" ] || [ -n "$newer" ]; then
    echo "[bench] building $what (mvn $*)${newer:+: $newer changed}" >&2
    (cd "$ROOT" && mvn "$@") >&2
  fi
}

# The packaged service (target/quarkus-app).
ensure_build() {
  build_if_stale target/quarkus-app "the service" -B -q package -DskipTests
}

# The same for the PostgreSQL build (target/postgresql-app), which Maven makes only in the
# pre-integration-test phase (execution build-postgresql): verify with every test skipped.
ensure_postgresql_build() {
  build_if_stale target/postgresql-app "the service for PostgreSQL" -B -q verify -DskipTests -DskipPostgresTests=false
}

# ensure_build unless BENCH_NO_BUILD is set (the scripts' --no-build)
maybe_build() {
  if [ -z "${BENCH_NO_BUILD:-}" ]; then ensure_build; fi
}

# The JVM option that starts the packaged service with the AOT cache the build recorded, if any
# (as bin/serve does).
aot_cache_opt() {
  local cache="$ROOT/target/quarkus-app/app.aot"
  if [ -f "$cache" ]; then echo "-XX:AOTCache=$cache"; fi
}

# ---- the service

# launch_service APP LOG JVM-OPTIONS [VAR=VALUE...]: starts APP/quarkus-run.jar (APP relative to
# the repository, e.g. target/quarkus-app) in the background with the environment VAR=VALUE on
# top of this one and JVM-OPTIONS (one string, split on spaces), output to LOG; sets
# SERVICE_PID. Not in a command substitution: the caller's shell must own the process.
launch_service() {
  local app="$1" log="$2" opts="$3"
  shift 3
  # shellcheck disable=SC2086 # JVM-OPTIONS are words
  env "$@" "$JAVA_HOME/bin/java" $opts -jar "$ROOT/$app/quarkus-run.jar" > "$log" 2>&1 &
  SERVICE_PID=$!
}

# start_service DATA_DIR PORT LOG [VAR=VALUE...]: the packaged service as the benchmarks run it:
# target/quarkus-app with the build's AOT cache, H2 in DATA_DIR, QUARKUS_HTTP_PORT=PORT,
# JAVA_OPTS and SERVICE_JAVA_OPTS for its JVM, API keys, passwords and the rate limit from the
# VAR=VALUE given; sets SERVICE_PID and SERVICE_STARTED_MS.
start_service() {
  local data="$1" port="$2" log="$3"
  shift 3
  SERVICE_STARTED_MS=$(now_ms)
  launch_service target/quarkus-app "$log" "$(aot_cache_opt) ${JAVA_OPTS:-} ${SERVICE_JAVA_OPTS:-}" \
    COMMENTSHIELD_DATA_DIR="$data" QUARKUS_HTTP_PORT="$port" "$@"
}

# wait_ready NAME PID BASE_URL LOG TIMEOUT_S [CHECK...]: polls BASE_URL/q/health/ready every
# READY_POLL seconds (default 0.05) until it is UP and, when given, the command CHECK... succeeds
# too; stops the calling script with the end of LOG when the process exits first or TIMEOUT_S
# pass. Sets READY_MS to the milliseconds it waited.
wait_ready() {
  local name="$1" pid="$2" base="$3" log="$4" timeout_s="$5" t0
  shift 5
  t0=$(now_ms)
  while :; do
    if curl -sf -o /dev/null "$base/q/health/ready" && { [ $# = 0 ] || "$@"; }; then break; fi
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "$name: the service exited; see $log" >&2; tail -20 "$log" >&2; exit 1
    fi
    if [ $(( $(now_ms) - t0 )) -gt $(( timeout_s * 1000 )) ]; then
      echo "$name: not ready after $timeout_s s; see $log" >&2; exit 1
    fi
    sleep "${READY_POLL:-0.05}"
  done
  READY_MS=$(( $(now_ms) - t0 ))
}

# stop_pid PID [TENTHS]: SIGTERM, up to TENTHS tenths of a second (default 100) for it to exit,
# then SIGKILL; nothing when PID is empty or gone
stop_pid() {
  local p="$1" tenths="${2:-100}"
  [ -n "$p" ] && kill -0 "$p" 2>/dev/null || return 0
  kill "$p" 2>/dev/null || true
  for _ in $(seq 1 "$tenths"); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$p" 2>/dev/null || true
  wait "$p" 2>/dev/null || true
}

# bench_service_setup NAME: for a script that runs the packaged service: a temporary directory
# ($tmp), a free port ($port, $base) and the users' passwords ($admin_pw, $moderator_pw).
# Install the exit trap with the script's helper processes: trap 'bench_cleanup "$pid1" ...' EXIT
bench_service_setup() {
  tmp="$(mktemp -d "/tmp/commentshield-$1.XXXXXX")"
  port="$(free_port)"
  base="http://127.0.0.1:$port"
  admin_pw="$(random_secret)"
  moderator_pw="$admin_pw-m"
  SERVICE_PID=""
}

# bench_cleanup [PID...]: stops those helper processes and the service (SERVICE_PID), removes $tmp
bench_cleanup() {
  local p
  for p in "$@"; do
    [ -n "$p" ] && kill "$p" 2>/dev/null || true
  done
  stop_pid "${SERVICE_PID:-}"
  [ -n "${tmp:-}" ] && rm -rf "$tmp"
  return 0
}

# bench_start NAME DATA_DIR LOG [VAR=VALUE...]: start_service on DATA_DIR and $port with the
# passwords of bench_service_setup and the environment given, then wait_ready (180 s); READY_MS
bench_start() {
  local name="$1" data="$2" log="$3"
  shift 3
  start_service "$data" "$port" "$log" \
    COMMENTSHIELD_ADMIN_PASSWORD="$admin_pw" COMMENTSHIELD_MODERATOR_PASSWORD="$moderator_pw" "$@"
  echo "[$name] service pid $SERVICE_PID on port $port, data in $data" >&2
  wait_ready "bench/$name" "$SERVICE_PID" "$base" "$log" 180
}

# first_classify BASE KEY OUT NAME: one POST /classify with the first comment of
# bench/lib/comments.tsv, its answer in OUT; stops the script when it is not 200, so a broken key
# or body fails loudly here and not as many errors under load
first_classify() {
  local base="$1" key="$2" out="$3" name="$4" first code
  first=$(head -2 "$ROOT/bench/lib/comments.tsv" | tail -1 | cut -f2)
  code=$(curl -s -o "$out" -w '%{http_code}' "$base/classify" -H "X-Api-Key: $key" \
    -H 'Content-Type: application/json' -d "{\"content\":\"$first\"}")
  if [ "$code" != 200 ]; then
    echo "$name: POST /classify answered $code: $(cat "$out")" >&2; exit 1
  fi
}

# retrain_and_activate BASE ADMIN_PASSWORD OUT_DIR TIMEOUT_S: POST /admin/retrain, polls the job
# every 0.1 s until it is no longer running (or TIMEOUT_S pass), then activates its version when
# the quality gate did not. Writes retrain.json, job.json, activate.json in OUT_DIR and the notes
# job_id, job_state, job_model_version, job_activated, activated_by_bench; sets JOB_ID, JOB_STATE,
# JOB_VERSION, JOB_ACTIVATED and JOB_DONE_MS (epoch ms when the job was seen done, before the
# activation). Stops the script when the job does not start.
retrain_and_activate() {
  local base="$1" pw="$2" out="$3" timeout_s="$4" t0
  t0=$(now_ms)
  curl -s -u "admin:$pw" -X POST "$base/admin/retrain" -H 'Content-Type: application/json' \
    -d '{}' -D "$out/retrain.headers" -o "$out/retrain.json"
  JOB_ID=$(json_field id < "$out/retrain.json" 2>/dev/null || true)
  [ -n "$JOB_ID" ] || { echo "retrain did not start: $(cat "$out/retrain.json")" >&2; exit 1; }
  note job_id "$JOB_ID"
  JOB_STATE=running
  while [ "$JOB_STATE" = running ]; do
    sleep 0.1
    curl -s -u "admin:$pw" "$base/admin/jobs/$JOB_ID" -o "$out/job.json"
    JOB_STATE=$(json_field state < "$out/job.json" 2>/dev/null || true)
    if [ $(( $(now_ms) - t0 )) -gt $(( timeout_s * 1000 )) ]; then
      echo "job $JOB_ID still $JOB_STATE after $timeout_s s" >&2; break
    fi
  done
  JOB_DONE_MS=$(now_ms)
  note job_state "$JOB_STATE"
  JOB_VERSION=$(json_field modelVersion < "$out/job.json")
  JOB_ACTIVATED=$(json_field activated < "$out/job.json")
  note job_model_version "$JOB_VERSION"; note job_activated "$JOB_ACTIVATED"
  if [ "$JOB_STATE" = succeeded ] && [ "$JOB_ACTIVATED" != true ] && [ -n "$JOB_VERSION" ]; then
    curl -s -u "admin:$pw" -X POST "$base/admin/models/$JOB_VERSION/activate" -o "$out/activate.json" \
      -w '%{http_code}' > "$out/activate.status"
    note activated_by_bench "$(cat "$out/activate.status")"
  fi
}

# ---- the machine

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
