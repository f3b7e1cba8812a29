// Writes v2-payment-schedules-page.json: one page of GET /payment-schedules (GetPaymentSchedulesResponse) with
// 100 items shaped by the V2 spec's PaymentSchedule cases. Run: node benchmarks/payloads/make-schedule-page.mjs
import { writeFileSync } from 'node:fs';

const statuses = ['SCHEDULED', 'SCHEDULED', 'SCHEDULED', 'SUCCEEDED', 'SUCCEEDED', 'FAILED', 'REVOKED', 'STARTED', 'PENDING', 'SCHEDULED'];
const items = [];
for (let i = 0; i < 100; i++) {
  const status = statuses[i % statuses.length];
  const n = String(i).padStart(6, '0');
  const day = String(1 + (i % 28)).padStart(2, '0');
  const item = {
    status,
    id: `schedule-01941f7b-${n}`,
    merchantId: 'merchant-4f1c2b7a-8d3e',
    storeId: 'store-8a9b0c1d-2e3f',
    paymentId: `subscription-${n}-2025-02`,
    billingKey: `billing-key-01941f7a-${n}`,
    orderName: '프리미엄 구독 1개월',
    isCulturalExpense: false,
    isEscrow: false,
    customer: { id: `customer-${n}`, name: '김포트', email: `customer${i}@example.com`, phoneNumber: '01012345678' },
    customData: '{"plan":"premium"}',
    totalAmount: 29900,
    taxFreeAmount: 0,
    vatAmount: 2718,
    currency: 'KRW',
    installmentMonth: 0,
    noticeUrls: ['https://shop.example.com/portone/webhook'],
    createdAt: `2025-01-${day}T00:00:00.000Z`,
    timeToPay: `2025-02-${day}T00:00:00.000Z`,
  };
  if (['SUCCEEDED', 'FAILED', 'PENDING', 'STARTED'].includes(status)) item.startedAt = `2025-02-${day}T00:00:00.120Z`;
  if (['SUCCEEDED', 'FAILED', 'PENDING'].includes(status)) item.completedAt = `2025-02-${day}T00:00:01.480Z`;
  if (status === 'REVOKED') item.revokedAt = `2025-01-${day}T12:00:00.000Z`;
  items.push(item);
}
const page = { items, page: { number: 0, size: 100, totalCount: 1280 } };
writeFileSync(new URL('./v2-payment-schedules-page.json', import.meta.url), JSON.stringify(page) + '\n');
