using System.Text;

namespace PortOne.Sdk.Benchmarks;

/// <summary>Answers shaped like PortOne's, used by every benchmark so the SDK and the hand-written code read the same bytes.</summary>
internal static class Payloads
{
    public static readonly byte[] V2PaidPayment = Encoding.UTF8.GetBytes("""
    {
      "id": "order-2025-01", "transactionId": "tx-0001", "merchantId": "merchant-1", "storeId": "store-1",
      "method": { "type": "PaymentMethodCard", "card": { "bin": "424242", "number": "424242******4242", "brand": "VISA", "type": "CREDIT", "ownerType": "PERSONAL" },
                  "approvalNumber": "12345678", "installment": { "month": 0, "isInterestFree": false }, "pointUsed": false },
      "channel": { "type": "LIVE", "id": "channel-1", "key": "channel-key-1", "name": "KG INICIS", "pgProvider": "INICIS_V2", "pgMerchantId": "pg-merchant" },
      "version": "V2", "billingKey": "billing-key-1", "webhooks": [],
      "requestedAt": "2025-01-01T00:00:00.000Z", "updatedAt": "2025-01-01T00:00:01.000Z", "statusChangedAt": "2025-01-01T00:00:01.000Z",
      "orderName": "Monthly plan", "amount": { "total": 9900, "taxFree": 0, "vat": 900, "supply": 9000, "discount": 0, "paid": 9900, "cancelled": 0, "cancelledTaxFree": 0 },
      "currency": "KRW", "customer": { "id": "customer-42", "name": "Kim", "email": "kim@example.com" },
      "origin": { "platformType": "API", "ipAddress": "127.0.0.1" }, "products": [], "productCount": 1, "customData": "{\"plan\":\"monthly\"}",
      "country": "KR", "paidAt": "2025-01-01T00:00:01.000Z", "pgTxId": "pg-tx-0001", "receiptUrl": "https://example.com/receipt",
      "disputes": [], "cancellations": [],
      "status": "PAID"
    }
    """);

    public static readonly byte[] V1Payment = Encoding.UTF8.GetBytes("""
    {
      "code": 0, "message": null,
      "response": {
        "imp_uid": "imp_000001", "merchant_uid": "order-2025-01", "pay_method": "card", "channel": "api", "pg_provider": "html5_inicis",
        "pg_tid": "pg-tx-0001", "pg_id": "pg-merchant", "sandbox": false, "escrow": false, "apply_num": "12345678",
        "card_code": "361", "card_name": "BC", "card_quota": 0, "card_number": "424242******4242", "card_type": 0,
        "name": "Monthly plan", "amount": 9900, "cancel_amount": 0, "currency": "KRW",
        "buyer_name": "Kim", "buyer_email": "kim@example.com", "buyer_tel": "010-0000-0000", "custom_data": "{\"plan\":\"monthly\"}",
        "status": "paid", "started_at": 1735689600, "paid_at": 1735689601, "failed_at": 0, "cancelled_at": 0,
        "fail_reason": null, "cancel_reason": null, "receipt_url": "https://example.com/receipt",
        "cancel_history": [], "cancel_receipt_urls": [], "cash_receipt_issued": false,
        "customer_uid": "customer-42", "customer_uid_usage": "payment"
      }
    }
    """);

    public static readonly byte[] V1Token = Encoding.UTF8.GetBytes("""
    { "code": 0, "message": null, "response": { "access_token": "token-1", "now": 1735689600, "expired_at": 1735691400 } }
    """);
}
