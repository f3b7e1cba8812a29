#!/usr/bin/env bash
# Scripted V1 and V2 flows against the fake PortOne server from outside .NET: bash, curl and python3's standard
# library only. Starts the server on a port the OS picks (--port 0; the address is read from its start-up line),
# waits until it answers, runs the flows, checks every answer with python3 and exits non-zero on the first
# mismatch. The server is stopped on exit, whatever happened.
#
#   V1: getToken -> onetime payment that registers customer_uid -> again payment on it -> get -> partial cancel
#   V2: login with the API secret -> issue a billing key -> pay with it -> get -> cancel -> schedule
#       -> move the fake clock past the schedule (/_fake/clock/advance) -> the scheduled payment is PAID
#
# Usage: scripts/fake-server-flows.sh     (build first: dotnet build src/PortOne.Sdk.FakeServer -c Release)
set -euo pipefail
cd "$(dirname "$0")/.."

log="$(mktemp)"
server=""
cleanup() {
  if [ -n "$server" ]; then
    # setsid made the server its own process group: stop `dotnet run` and the app it started together.
    kill -TERM -- "-$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
  rm -f "$log"
}
trap cleanup EXIT

fail() { echo "FAIL: $*" >&2; exit 1; }

setsid dotnet run --project src/PortOne.Sdk.FakeServer -c Release --no-build -- --port 0 --v2-api-secret flows-v2-secret > "$log" 2>&1 &
server=$!

# The start-up line names the address; then the server must answer. Both are polled a bounded number of times.
base=""
for _ in $(seq 1 600); do
  base="$(sed -n 's|^Fake PortOne listening on \(http://[^ ]*[^/ ]\)/*$|\1|p' "$log" | head -n 1)"
  if [ -n "$base" ] && curl -fsS "$base/_fake/clock" > /dev/null 2>&1; then break; fi
  kill -0 "$server" 2>/dev/null || { cat "$log" >&2; fail "the server exited during start-up"; }
  base=""
  sleep 0.2
done
[ -n "$base" ] || { cat "$log" >&2; fail "the server did not answer within 120 s"; }
echo "server at $base"

# call METHOD PATH [JSON] [curl args...]: prints the body; fails unless the status is 2xx.
call() {
  local method=$1 path=$2 body=${3:-} status
  shift $(( $# >= 3 ? 3 : $# ))
  local out; out="$(mktemp)"
  if [ -n "$body" ]; then
    status=$(curl -sS -o "$out" -w '%{http_code}' -X "$method" "$base$path" -H 'Content-Type: application/json' "$@" -d "$body")
  else
    status=$(curl -sS -o "$out" -w '%{http_code}' -X "$method" "$base$path" "$@")
  fi
  if [ "${status:0:1}" != 2 ]; then
    echo "$method $path answered $status: $(cat "$out")" >&2
    rm -f "$out"
    return 1
  fi
  cat "$out"
  rm -f "$out"
}

# expect 'PYTHON EXPRESSION over d' 'what it checks' < json: fails with the answer when the expression is false.
# t("...") reads an ISO 8601 time, so times compare as instants whatever their precision (.000Z or Z).
expect() {
  python3 -c '
import datetime, json, sys
def t(text):
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
d = json.load(sys.stdin)
if not eval(sys.argv[1], {"d": d, "t": t}):
    sys.exit("mismatch: %s\n  expected: %s\n  answer: %s" % (sys.argv[2], sys.argv[1], json.dumps(d, ensure_ascii=False)))
' "$1" "$2"
}

# get 'PYTHON EXPRESSION over d' < json: prints the value.
get() { python3 -c 'import json, sys; d = json.load(sys.stdin); print(eval(sys.argv[1], {"d": d}))' "$1"; }

echo "== V1"
answer=$(call POST /users/getToken '{"imp_key":"fake-v1-key","imp_secret":"fake-v1-secret"}')
expect 'd["code"] == 0 and len(d["response"]["access_token"]) > 0 and d["response"]["expired_at"] > d["response"]["now"]' "a token that expires later" <<< "$answer"
v1=(-H "Authorization: Bearer $(get 'd["response"]["access_token"]' <<< "$answer")")

answer=$(call POST /subscribe/payments/onetime '{"merchant_uid":"flows-v1-onetime","amount":5000,"name":"First month","customer_uid":"flows-customer","card_number":"4242-4242-4242-4242","expiry":"2030-12","birth":"900101","pwd_2digit":"00"}' "${v1[@]}")
expect 'd["code"] == 0 and d["response"]["status"] == "paid" and d["response"]["amount"] == 5000 and d["response"]["customer_uid"] == "flows-customer"' "onetime paid and registered the customer" <<< "$answer"

answer=$(call GET /subscribe/customers/flows-customer "" "${v1[@]}")
expect 'd["code"] == 0 and d["response"]["customer_uid"] == "flows-customer"' "the onetime payment stored the card as the customer" <<< "$answer"

answer=$(call POST /subscribe/payments/again '{"customer_uid":"flows-customer","merchant_uid":"flows-v1-again","amount":9900,"name":"Second month"}' "${v1[@]}")
expect 'd["code"] == 0 and d["response"]["status"] == "paid" and d["response"]["merchant_uid"] == "flows-v1-again"' "again paid with the stored card" <<< "$answer"
imp_uid=$(get 'd["response"]["imp_uid"]' <<< "$answer")

answer=$(call GET "/payments/$imp_uid" "" "${v1[@]}")
expect "d['response']['imp_uid'] == '$imp_uid' and d['response']['status'] == 'paid' and d['response']['amount'] == 9900" "the payment reads back as paid" <<< "$answer"

answer=$(call POST /payments/cancel "{\"imp_uid\":\"$imp_uid\",\"amount\":1900,\"checksum\":9900,\"reason\":\"pro-rated\"}" "${v1[@]}")
expect 'd["code"] == 0 and d["response"]["cancel_amount"] == 1900 and d["response"]["status"] == "paid"' "a partial cancel leaves it paid with 1900 cancelled" <<< "$answer"

answer=$(call GET "/v1/payments/$imp_uid" "" "${v1[@]}")
expect 'd["response"]["cancel_amount"] == 1900 and len(d["response"]["cancel_history"]) == 1' "the cancellation shows through the /v1/ prefix" <<< "$answer"

echo "== V2"
answer=$(call POST /login/api-secret '{"apiSecret":"flows-v2-secret"}')
expect 'd["accessToken"].count(".") == 2 and len(d["refreshToken"]) > 0' "a JWT access token and a refresh token" <<< "$answer"
v2=(-H "Authorization: Bearer $(get 'd["accessToken"]' <<< "$answer")")

answer=$(call POST /billing-keys '{"method":{"card":{"credential":{"number":"4242424242424242","expiryYear":"30","expiryMonth":"12"}}}}' "${v2[@]}")
expect 'd["billingKeyInfo"]["billingKey"] and d["billingKeyInfo"]["issuedAt"]' "a billing key" <<< "$answer"
billing_key=$(get 'd["billingKeyInfo"]["billingKey"]' <<< "$answer")

answer=$(call POST /payments/flows-v2-1/billing-key "{\"billingKey\":\"$billing_key\",\"orderName\":\"Monthly plan\",\"amount\":{\"total\":9900},\"currency\":\"KRW\"}" "${v2[@]}")
expect 't(d["payment"]["paidAt"]) == t("2025-01-01T00:00:00Z") and d["payment"]["pgTxId"]' "paid now on the fake clock" <<< "$answer"

answer=$(call GET /payments/flows-v2-1 "" "${v2[@]}")
expect "d['status'] == 'PAID' and d['amount']['total'] == 9900 and d['billingKey'] == '$billing_key'" "the payment reads back as PAID" <<< "$answer"

answer=$(call POST /payments/flows-v2-1/cancel '{"amount":1900,"reason":"pro-rated"}' "${v2[@]}")
expect 'd["cancellation"]["status"] == "SUCCEEDED" and d["cancellation"]["totalAmount"] == 1900' "a partial cancellation" <<< "$answer"
answer=$(call GET /payments/flows-v2-1 "" "${v2[@]}")
expect 'd["status"] == "PARTIAL_CANCELLED" and d["amount"]["cancelled"] == 1900' "the payment is partly cancelled" <<< "$answer"

answer=$(call POST /payments/flows-v2-2/schedule "{\"payment\":{\"billingKey\":\"$billing_key\",\"orderName\":\"Next month\",\"amount\":{\"total\":9900},\"currency\":\"KRW\"},\"timeToPay\":\"2025-01-31T00:00:00Z\"}" "${v2[@]}")
schedule_id=$(get 'd["schedule"]["id"]' <<< "$answer")
answer=$(call GET "/payment-schedules/$schedule_id" "" "${v2[@]}")
expect 'd["status"] == "SCHEDULED" and t(d["timeToPay"]) == t("2025-01-31T00:00:00Z") and d["paymentId"] == "flows-v2-2"' "the schedule waits for its time" <<< "$answer"
if call GET /payments/flows-v2-2 "" "${v2[@]}" > /dev/null 2>&1; then fail "the scheduled payment exists before its time"; fi

answer=$(call POST '/_fake/clock/advance?days=31')
expect 't(d["now"]) == t("2025-02-01T00:00:00Z")' "the fake clock moved 31 days" <<< "$answer"

# The access token lived 30 minutes on the fake clock: a month later it is refused, and a new login works.
status=$(curl -sS -o /dev/null -w '%{http_code}' "$base/payments/flows-v2-2" "${v2[@]}")
[ "$status" = 401 ] || fail "the month-old access token answered $status, not 401"
answer=$(call POST /login/api-secret '{"apiSecret":"flows-v2-secret"}')
v2=(-H "Authorization: Bearer $(get 'd["accessToken"]' <<< "$answer")")

answer=$(call GET "/payment-schedules/$schedule_id" "" "${v2[@]}")
expect 'd["status"] == "SUCCEEDED" and t(d["completedAt"]) == t("2025-02-01T00:00:00Z")' "the schedule ran when the clock passed it" <<< "$answer"
answer=$(call GET /payments/flows-v2-2 "" "${v2[@]}")
expect "d['status'] == 'PAID' and d['scheduleId'] == '$schedule_id' and t(d['paidAt']) == t('2025-02-01T00:00:00Z')" "the scheduled payment is PAID" <<< "$answer"

answer=$(call GET /_fake/webhooks)
expect '[w["type"] for w in d] == ["BillingKey.Issued", "Transaction.Paid", "Transaction.PartialCancelled", "Transaction.Paid"]' "the webhooks recorded, in order" <<< "$answer"

echo "OK: V1 and V2 flows passed"
