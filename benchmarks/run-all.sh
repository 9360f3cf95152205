#!/usr/bin/env bash
# Reproduces benchmarks/RESULTS.md: starts Vivace (modules/server/target/vivace.jar) on loopback
# with a temporary data directory, runs the load tool (send with the WAL on and fsync, flush,
# read back from blocks), samples the Vivace process's RSS and CPU, prints a summary, stops it.
# Then, unless SKIP_JMH=1, runs every JMH benchmark with its default (short) settings.
#
# Build first:   mvn -B -q install -DskipTests
#                mvn -B -q -f benchmarks/load/pom.xml install -DskipTests
#                mvn -B -q -f benchmarks/jmh/pom.xml package -DskipTests
# Knobs (env):   DURATION=60s RATE=0 CONCURRENCY=32 CONNECTIONS=2 READBACK=2000 SKIP_JMH=1
#                VIVACE_JAR=path/to/vivace.jar  HEAP=2g
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
VIVACE_JAR="${VIVACE_JAR:-$ROOT/modules/server/target/vivace.jar}"
LOAD_JAR="$ROOT/benchmarks/load/target/vivace-load.jar"
JMH_JAR="$ROOT/benchmarks/jmh/target/benchmarks.jar"
DURATION="${DURATION:-60s}"
RATE="${RATE:-0}"
CONCURRENCY="${CONCURRENCY:-32}"
CONNECTIONS="${CONNECTIONS:-2}"
READBACK="${READBACK:-2000}"
HEAP="${HEAP:-2g}"
GRPC_PORT=24317 HTTP_PORT=24318 QUERY_PORT=23200

for f in "$VIVACE_JAR" "$LOAD_JAR"; do
  [[ -f "$f" ]] || { echo "missing $f: build first (see the top of $0)" >&2; exit 2; }
done

WORK="$(mktemp -d /tmp/vivace-bench.XXXXXX)"
VIVACE_PID=""
SAMPLER_PID=""
cleanup() {
  [[ -n "$SAMPLER_PID" ]] && kill "$SAMPLER_PID" 2>/dev/null || true
  if [[ -n "$VIVACE_PID" ]]; then
    kill "$VIVACE_PID" 2>/dev/null || true
    wait "$VIVACE_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK/data"
}
trap cleanup EXIT

cat > "$WORK/vivace.yaml" <<YAML
server:
  http_listen_address: 127.0.0.1
  http_listen_port: $QUERY_PORT
  log_level: warn
distributor:
  receivers:
    otlp:
      protocols:
        grpc:
          endpoint: 127.0.0.1:$GRPC_PORT
        http:
          endpoint: 127.0.0.1:$HTTP_PORT
storage:
  trace:
    local:
      path: $WORK/data/blocks
    wal:
      path: $WORK/data/wal
      sync: true
overrides:
  defaults:
    ingestion:
      # A benchmark measures the server, not Tempo's default 15 MB/s per-tenant limit.
      rate_limit_bytes: 0
      burst_size_bytes: 0
      max_traces_per_user: 0
YAML

echo "== machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB RAM, $(java -version 2>&1 | head -1)"
echo "== load before: $(uptime)"
java -Xmx"$HEAP" -jar "$VIVACE_JAR" -config.file="$WORK/vivace.yaml" > "$WORK/vivace.log" 2>&1 &
VIVACE_PID=$!
for _ in $(seq 1 60); do
  curl -fsS "http://127.0.0.1:$QUERY_PORT/ready" >/dev/null 2>&1 && break
  sleep 1
done
curl -fsS "http://127.0.0.1:$QUERY_PORT/ready" >/dev/null || { cat "$WORK/vivace.log"; exit 1; }

# RSS (KiB) and CPU ticks of Vivace, once a second.
( while kill -0 "$VIVACE_PID" 2>/dev/null; do
    echo "$(date +%s) $(awk '/VmRSS/{print $2}' /proc/$VIVACE_PID/status) $(awk '{print $14+$15}' /proc/$VIVACE_PID/stat)"
    sleep 1
  done ) > "$WORK/samples.txt" &
SAMPLER_PID=$!

ticks() { awk '{print $14+$15}' /proc/$VIVACE_PID/stat; }
HZ=$(getconf CLK_TCK)

echo "== ingest + flush + read back from blocks ($DURATION, rate ${RATE:-max}, concurrency $CONCURRENCY)"
T0=$(ticks)
set +e
java -jar "$LOAD_JAR" --otlp="http://127.0.0.1:$GRPC_PORT" --query="http://127.0.0.1:$QUERY_PORT" \
  --duration="$DURATION" --rate="$RATE" --concurrency="$CONCURRENCY" --connections="$CONNECTIONS" \
  --seed=42 --flush --readback="$READBACK" --json="$WORK/load.json" 2> "$WORK/progress.txt" \
  | tee "$WORK/load.txt"
LOAD_RC=${PIPESTATUS[0]}
set -e
T1=$(ticks)

SPANS=$(grep -o '"spansAccepted":[0-9]*' "$WORK/load.json" | cut -d: -f2)
DATA_BYTES=$(find "$WORK/data/blocks" -name data.parquet -printf '%s\n' | awk '{s+=$1} END{print s+0}')
BLOCK_BYTES=$(du -sb "$WORK/data/blocks" | cut -f1)
MAX_RSS=$(awk '{print $2}' "$WORK/samples.txt" | sort -n | tail -1)
echo "== summary"
echo "vivace cpu during the run: $(( (T1 - T0) / HZ )) s for $SPANS spans ($(awk -v s="$SPANS" -v t="$(( T1 - T0 ))" -v hz="$HZ" 'BEGIN{ if (t>0) printf "%.0f", s/(t/hz); else print "n/a"}') spans per cpu-second)"
echo "bytes per span on disk: data.parquet $(awk -v b="$DATA_BYTES" -v s="$SPANS" 'BEGIN{printf "%.1f", b/s}'), whole blocks dir $(awk -v b="$BLOCK_BYTES" -v s="$SPANS" 'BEGIN{printf "%.1f", b/s}')"
echo "vivace max RSS: $(( MAX_RSS / 1024 )) MiB (heap -Xmx$HEAP)"
echo "load tool exit code: $LOAD_RC"
echo "== load after: $(uptime)"
echo "files kept in $WORK (load.json, load.txt, progress.txt, samples.txt, vivace.log)"

if [[ "${SKIP_JMH:-0}" != "1" ]]; then
  [[ -f "$JMH_JAR" ]] || { echo "missing $JMH_JAR: build first" >&2; exit 2; }
  kill "$VIVACE_PID"; wait "$VIVACE_PID" 2>/dev/null || true; VIVACE_PID=""
  echo "== JMH (all benchmarks, default settings)"
  java -jar "$JMH_JAR" -rf json -rff "$WORK/jmh.json" | tee "$WORK/jmh.txt" | grep -E '^\[|^Benchmark|^d\.v\.|^dev\.'
fi
exit "$LOAD_RC"
