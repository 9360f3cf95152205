#!/usr/bin/env bash
# Posts one OTLP/JSON span with a known trace ID to a running Vivace (or Tempo) and reads it back
# through both trace-by-ID API versions. Plain curl and grep: what a user would type.
#
#   OTLP_HTTP_URL=http://localhost:4318 QUERY_URL=http://localhost:3200 ./otlp-json-roundtrip.sh
set -euo pipefail

OTLP_HTTP_URL=${OTLP_HTTP_URL:-http://localhost:4318}
QUERY_URL=${QUERY_URL:-http://localhost:3200}
TENANT=${TENANT:-}

# A fresh trace ID per run: 32 hex digits.
TRACE_ID=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
SPAN_ID=$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')
NOW_NS=$(($(date +%s) * 1000000000))
headers=(-H 'Content-Type: application/json')
if [ -n "$TENANT" ]; then headers+=(-H "X-Scope-OrgID: $TENANT"); fi

fail() { echo "FAIL: $*" >&2; exit 1; }

body=$(cat <<JSON
{"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"curl-roundtrip"}}]},
 "scopeSpans":[{"scope":{"name":"curl"},"spans":[{"traceId":"$TRACE_ID","spanId":"$SPAN_ID",
 "name":"GET /roundtrip","kind":2,"startTimeUnixNano":"$NOW_NS","endTimeUnixNano":"$((NOW_NS + 250000000))",
 "attributes":[{"key":"http.status_code","value":{"intValue":"200"}}],"status":{"code":1}}]}]}]}
JSON
)

code=$(curl -sS -o /tmp/roundtrip-post.$$ -w '%{http_code}' "${headers[@]}" -X POST --data "$body" "$OTLP_HTTP_URL/v1/traces")
[ "$code" = 200 ] || fail "POST /v1/traces answered $code: $(cat /tmp/roundtrip-post.$$)"
rm -f /tmp/roundtrip-post.$$
echo "posted span $SPAN_ID of trace $TRACE_ID"

# The query side may lag ingest slightly; retry for a few seconds.
tenant_header=()
if [ -n "$TENANT" ]; then tenant_header=(-H "X-Scope-OrgID: $TENANT"); fi
for attempt in $(seq 1 20); do
  v1=$(curl -sS -w '\n%{http_code}' "${tenant_header[@]}" "$QUERY_URL/api/traces/$TRACE_ID")
  [ "$(tail -n1 <<<"$v1")" = 200 ] && break
  sleep 0.5
done
[ "$(tail -n1 <<<"$v1")" = 200 ] || fail "GET /api/traces/$TRACE_ID answered $(tail -n1 <<<"$v1")"
grep -q '"batches":\[' <<<"$v1" || fail "v1 JSON has no batches: $v1"
grep -q '"name":"GET /roundtrip"' <<<"$v1" || fail "v1 JSON lacks the span: $v1"
grep -q '"kind":"SPAN_KIND_SERVER"' <<<"$v1" || fail "v1 JSON lacks the kind: $v1"
echo "v1 found the trace"

v2=$(curl -sS -w '\n%{http_code}' "${tenant_header[@]}" "$QUERY_URL/api/v2/traces/$TRACE_ID")
[ "$(tail -n1 <<<"$v2")" = 200 ] || fail "GET /api/v2/traces/$TRACE_ID answered $(tail -n1 <<<"$v2")"
grep -q '"trace":{"resourceSpans":\[' <<<"$v2" || fail "v2 JSON lacks the trace: $v2"
grep -q '"name":"GET /roundtrip"' <<<"$v2" || fail "v2 JSON lacks the span: $v2"
echo "v2 found the trace"

# Unknown IDs: v1 404, v2 200 with an empty trace (Grafana relies on both).
missing=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
code=$(curl -sS -o /dev/null -w '%{http_code}' "${tenant_header[@]}" "$QUERY_URL/api/traces/$missing")
[ "$code" = 404 ] || fail "v1 for an unknown trace answered $code"
empty=$(curl -sS "${tenant_header[@]}" "$QUERY_URL/api/v2/traces/$missing")
[ "$empty" = '{"trace":{},"metrics":{}}' ] || fail "v2 for an unknown trace answered $empty"
echo "unknown trace: v1 404, v2 empty trace"
echo "roundtrip OK"
