// The official PortOne JS server SDK (@portone/server-sdk) on the same canned answers as the .NET benchmarks
// (benchmarks/payloads/*.json), without a network: the SDK takes no fetch option (it calls the global fetch), so the
// global fetch is replaced in-process by one that answers from the cached bytes, as the .NET CannedHandler does.
// For each scenario and each number of concurrent callers: a warm-up, then N calls shared by the callers, reporting
// calls/s, CPU µs per call (process.cpuUsage), and the GCs seen (PerformanceObserver 'gc' entries). Node has no
// cumulative allocation counter, so bytes per call are not reported.
//
//   node --expose-gc bench.mjs [--calls 200000] [--callers 1,64] [--scenario v2-get,v2-pay-billing-key,v2-schedule-page,v2-404|all]
import { readFileSync } from 'node:fs';
import { PerformanceObserver, performance } from 'node:perf_hooks';
import { loadavg } from 'node:os';
import { PaymentClient } from '@portone/server-sdk';
import { GetPaymentError } from '@portone/server-sdk/payment';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, arg, i, all) => (arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), []));
const calls = Number(args.calls ?? 200000);
const callersList = (args.callers ?? '1,64').split(',').map(Number);
const allScenarios = ['v2-get', 'v2-pay-billing-key', 'v2-schedule-page', 'v2-404'];
const scenarios = !args.scenario || args.scenario === 'all' ? allScenarios : args.scenario.split(',');
const warmup = Number(args.warmup ?? Math.max(Math.floor(calls / 10), 1000));

const payload = (name) => readFileSync(new URL(`../payloads/${name}`, import.meta.url));
const paidCard = payload('v2-payment-paid-card.json');
const payWithBillingKey = payload('v2-pay-with-billing-key.json');
const schedulePage = payload('v2-payment-schedules-page.json');
const notFound = payload('v2-error-payment-not-found.json');
const jsonHeaders = { 'content-type': 'application/json; charset=utf-8' };

// Routed like benchmarks/PortOne.Sdk.Benchmarks/CannedHandler.cs; a fresh Response over the cached bytes per call.
globalThis.fetch = async (input, init) => {
  const url = input instanceof URL ? input : new URL(String(input));
  const path = url.pathname;
  if (init?.method === 'POST' && path.endsWith('/billing-key')) return new Response(payWithBillingKey, { status: 200, headers: jsonHeaders });
  if (path.startsWith('/payments/missing')) return new Response(notFound, { status: 404, headers: jsonHeaders });
  if (path.startsWith('/payment-schedules')) return new Response(schedulePage, { status: 200, headers: jsonHeaders });
  return new Response(paidCard, { status: 200, headers: jsonHeaders });
};

const client = PaymentClient({ secret: 'bench-api-secret', baseUrl: 'https://v2.bench.test' });
const payRequest = {
  paymentId: 'order-2025-01-000123',
  billingKey: 'billing-key-01941f7a-0b1c-7d2e',
  orderName: '프리미엄 구독 1개월',
  customer: { id: 'customer-000042', name: { full: '김포트' }, email: 'port.kim@example.com', phoneNumber: '01012345678' },
  amount: { total: 29900 },
  currency: 'KRW',
};
const calls_ = {
  'v2-get': async () => {
    const payment = await client.getPayment({ paymentId: 'order-2025-01-000123' });
    if (payment.status !== 'PAID') throw new Error('unexpected payment');
  },
  'v2-pay-billing-key': async () => {
    const response = await client.payWithBillingKey(payRequest);
    if (!response.payment.pgTxId) throw new Error('unexpected answer');
  },
  'v2-schedule-page': async () => {
    const page = await client.paymentSchedule.getPaymentSchedules({ page: { number: 0, size: 100 } });
    if (page.items.length !== 100) throw new Error('unexpected page');
  },
  'v2-404': async () => {
    try {
      await client.getPayment({ paymentId: 'missing-order-0001' });
    } catch (e) {
      if (e instanceof GetPaymentError && e.data.type === 'PAYMENT_NOT_FOUND') return;
      throw e;
    }
    throw new Error('no error thrown');
  },
};

let gcMinor = 0;
let gcMajor = 0;
let gcMillis = 0;
const observer = new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    // kind: 1 = minor (scavenge), 2 = major (mark-sweep-compact), 4 = incremental marking, 8 = weak callbacks
    const kind = entry.detail?.kind ?? entry.kind;
    if (kind === 1) gcMinor++;
    else gcMajor++;
    gcMillis += entry.duration;
  }
});
observer.observe({ entryTypes: ['gc'] });

async function runCalls(call, callers, total) {
  let next = 0;
  const loop = async () => {
    while (++next <= total) await call();
  };
  await Promise.all(Array.from({ length: callers }, loop));
}

async function measure(scenario, callers) {
  const call = calls_[scenario];
  if (!call) throw new Error(`unknown scenario ${scenario}; known: ${allScenarios.join(', ')}`);
  await runCalls(call, callers, warmup);
  globalThis.gc?.();
  await new Promise((resolve) => setTimeout(resolve, 50)); // let the observer report the warm-up's GCs first
  gcMinor = gcMajor = gcMillis = 0;
  const cpu = process.cpuUsage();
  const start = performance.now();
  await runCalls(call, callers, calls);
  const elapsed = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  await new Promise((resolve) => setTimeout(resolve, 50));
  return { callsPerSecond: calls / elapsed, cpuMicros: (used.user + used.system) / calls, gcMinor, gcMajor, gcMillis };
}

const fmt = (n, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const lines = [
  `${fmt(calls)} calls per row after ${fmt(warmup)} warm-up calls; Node ${process.version}, @portone/server-sdk ${JSON.parse(readFileSync(new URL('./node_modules/@portone/server-sdk/package.json', import.meta.url))).version}; load average before: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`,
  '',
  '| scenario | callers | client | calls/s | CPU µs/call | minor GCs | major GCs | GC ms |',
  '|---|---:|---|---:|---:|---:|---:|---:|',
];
for (const scenario of scenarios) {
  for (const callers of callersList) {
    const r = await measure(scenario, callers);
    lines.push(`| ${scenario} | ${callers} | JS SDK | ${fmt(r.callsPerSecond)} | ${fmt(r.cpuMicros, 2)} | ${r.gcMinor} | ${r.gcMajor} | ${fmt(r.gcMillis, 1)} |`);
    console.error(`${scenario} x${callers}: ${fmt(r.cpuMicros, 2)} µs CPU/call`);
  }
}
lines.push('', `Load average after: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
observer.disconnect();
console.log(lines.join('\n'));
