#!/usr/bin/env bash
# Drives the fake PortOne server from outside .NET, as a backend in any language would: curl and python3 only.
# Starts `dotnet run` of src/PortOne.Sdk.FakeServer on a free port, runs a V1 flow (getToken, register a card,
# charge it, look it up, cancel) and a V2 flow (API-secret auth, issue a billing key, pay, cancel, schedule,
# move the fake clock so the schedule runs), checks every answer, and stops the server.
# Usage: scripts/fake-server-smoke.sh [--no-build]   (pass --no-build after building Release yourself)
set -euo pipefail
cd "$(dirname "$0")/.."

build_flag=()
if [ "${1:-}" = "--no-build" ]; then build_flag=(--no-build); fi

port="${PORTONE_FAKE_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')}"
base="http://127.0.0.1:$port"
log="$(mktemp)"
received="$(mktemp)"

# A webhook receiver in python: refuses its first webhook with 500 (to see a retry), accepts the rest with 204,
# and writes one line per webhook it gets.
receiver_port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
python3 - "$receiver_port" "$received" <<'PY' &
import http.server, sys
port, out = int(sys.argv[1]), sys.argv[2]
count = 0
class Receiver(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_POST(self):
        global count
        count += 1
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        status = 500 if count == 1 else 204
        with open(out, "a") as f:
            f.write(f"{self.headers.get('webhook-id')} t={self.headers.get('webhook-timestamp')} signed={self.headers.get('webhook-signature', '')[:3]} -> {status} {body[:60].decode()}\n")
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()
    def log_message(self, *args):
        pass
http.server.ThreadingHTTPServer(("127.0.0.1", port), Receiver).serve_forever()
PY
receiver=$!

dotnet run --project src/PortOne.Sdk.FakeServer -c Release "${build_flag[@]}" -- --port "$port" --v2-api-secret smoke-v2-secret \
  --webhook-url "http://127.0.0.1:$receiver_port/webhooks/portone" > "$log" 2>&1 &
server=$!
cleanup() {
  kill "$server" "$receiver" 2>/dev/null || true
  wait "$server" "$receiver" 2>/dev/null || true
  rm -f "$log" "$received"
}
trap cleanup EXIT

# Wait for the server to answer (it has to start a process, so this is the one place that polls).
for _ in $(seq 1 300); do
  if curl -fsS "$base/_fake/clock" > /dev/null 2>&1; then break; fi
  if ! kill -0 "$server" 2>/dev/null; then cat "$log"; echo "server exited" >&2; exit 1; fi
  sleep 0.5
done
echo "== server start-up output"
sed -n '1,/Ctrl+C/p' "$log"

# post URL JSON [extra curl args...] -> prints the body; fails on a non-2xx status
post() { local url=$1 json=$2; shift 2; curl -fsS -X POST "$base$url" -H 'Content-Type: application/json' "$@" -d "$json"; }
field() { python3 -c 'import json,sys; d=json.load(sys.stdin)
for k in sys.argv[1].split("."): d=d[int(k)] if isinstance(d, list) else d[k]
print(d)' "$1"; }

echo "== V1: POST /users/getToken"
token=$(post /users/getToken '{"imp_key":"fake-v1-key","imp_secret":"fake-v1-secret"}' | field response.access_token)
echo "token ${token:0:12}…"
v1=(-H "Authorization: Bearer $token")
echo "== V1: register a card as customer_uid cust-1, charge it, look it up, cancel half"
post /subscribe/customers/cust-1 '{"card_number":"4242-4242-4242-4242","expiry":"2030-12","birth":"900101"}' "${v1[@]}" | field code
imp_uid=$(post /subscribe/payments/again '{"customer_uid":"cust-1","merchant_uid":"order-v1-1","amount":10000,"name":"Monthly plan"}' "${v1[@]}" | field response.imp_uid)
echo "imp_uid $imp_uid"
status=$(curl -fsS "$base/payments/$imp_uid" "${v1[@]}" | field response.status)
echo "status $status"; [ "$status" = paid ]
post /payments/cancel "{\"imp_uid\":\"$imp_uid\",\"amount\":5000,\"reason\":\"smoke\"}" "${v1[@]}" | field response.cancel_amount
echo "== V1 through the /v1/ prefix"
curl -fsS "$base/v1/payments/$imp_uid" "${v1[@]}" | field response.status

echo "== V2: Authorization: PortOne <secret>; issue a billing key, pay, cancel"
v2=(-H "Authorization: PortOne smoke-v2-secret")
billing_key=$(post /billing-keys '{"method":{"card":{"credential":{"number":"4242424242424242","expiryYear":"30","expiryMonth":"12","birthOrBusinessRegistrationNumber":"900101","passwordTwoDigits":"00"}}}}' "${v2[@]}" | field billingKeyInfo.billingKey)
echo "billing key $billing_key"
post /payments/order-v2-1/billing-key "{\"billingKey\":\"$billing_key\",\"orderName\":\"Monthly plan\",\"amount\":{\"total\":9900},\"currency\":\"KRW\"}" "${v2[@]}" | field payment.paidAt
status=$(curl -fsS "$base/payments/order-v2-1" "${v2[@]}" | field status)
echo "status $status"; [ "$status" = PAID ]
post /payments/order-v2-1/cancel '{"amount":1000,"reason":"smoke"}' "${v2[@]}" | field cancellation.totalAmount
echo "== V2: schedule a payment in 30 days, move the fake clock 31 days, the schedule has run"
now=$(curl -fsS "$base/_fake/clock" | field now)
when=$(python3 -c 'import sys,datetime; t=datetime.datetime.fromisoformat(sys.argv[1].replace("Z","+00:00")); print((t+datetime.timedelta(days=30)).isoformat().replace("+00:00","Z"))' "$now")
post /payments/order-v2-2/schedule "{\"payment\":{\"billingKey\":\"$billing_key\",\"orderName\":\"Next month\",\"amount\":{\"total\":9900},\"currency\":\"KRW\"},\"timeToPay\":\"$when\"}" "${v2[@]}" | field schedule.id
curl -fsS -X POST "$base/_fake/clock/advance?days=31" | field now
status=$(curl -fsS "$base/v2/payments/order-v2-2" "${v2[@]}" | field status)
echo "scheduled payment status $status"; [ "$status" = PAID ]

echo "== webhooks recorded, and their delivery attempts (the first was refused with 500 and retried on the fake clock)"
curl -fsS -X POST "$base/_fake/webhooks/deliver" > /dev/null
# One more minute on the fake clock makes any retry still pending fall due (the first retry comes 1 minute after a
# failure), so every webhook ends up delivered.
curl -fsS -X POST "$base/_fake/clock/advance?minutes=1" > /dev/null
curl -fsS "$base/_fake/webhooks" | python3 -c 'import json,sys
for w in json.load(sys.stdin):
    print(w["index"], w["type"], w["timestamp"], "; ".join("#%s %s -> %s" % (a["number"], a["at"], a["status"] or a["error"]) for a in w["attempts"]))'
curl -fsS "$base/_fake/webhooks" | python3 -c 'import json,sys
undelivered=[w["index"] for w in json.load(sys.stdin) if not any(a["status"] and 200 <= a["status"] < 300 for a in w["attempts"])]
sys.exit(f"not delivered: {undelivered}" if undelivered else 0)'
echo "== what the python receiver got"
cat "$received"
echo "== errors: unknown route, unemulated V2 operation"
curl -sS -o /dev/null -w 'GET /_fake/nothing -> %{http_code}\n' "$base/_fake/nothing"
curl -sS -w ' -> %{http_code}\n' "$base/v2/platform/partners" "${v2[@]}"
echo "== the page"
curl -fsS "$base/" | grep -o '<title>[^<]*</title>\|order-v2-1\|order-v1-1' | sort -u
echo "OK"
