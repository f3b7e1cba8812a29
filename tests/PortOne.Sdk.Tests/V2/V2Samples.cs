namespace PortOne.Sdk.Tests.V2;

/// <summary>Answers shaped like the V2 spec's schemas, as the server would send them.</summary>
internal static class V2Samples
{
    // The discriminator stands in the middle on purpose.
    public const string PaidPayment = """
        {
          "id": "order-1001",
          "transactionId": "tx-0001",
          "merchantId": "merchant-1",
          "storeId": "store-configured",
          "method": {
            "card": { "brand": "VISA", "type": "CREDIT", "ownerType": "PERSONAL", "number": "4242-****-****-4242" },
            "type": "PaymentMethodCard",
            "approvalNumber": "00112233",
            "installment": { "month": 0, "isInterestFree": false }
          },
          "channel": { "type": "LIVE", "id": "ch-1", "key": "channel-key-1", "name": "main", "pgProvider": "TOSSPAYMENTS", "pgMerchantId": "toss-merchant" },
          "version": "V2",
          "status": "PAID",
          "billingKey": "billing-key-1",
          "requestedAt": "2024-05-01T10:00:00+09:00",
          "updatedAt": "2024-05-01T01:00:05Z",
          "statusChangedAt": "2024-05-01T01:00:05Z",
          "orderName": "Monthly plan",
          "amount": { "total": 10000, "taxFree": 0, "vat": 909, "supply": 9091, "discount": 0, "paid": 10000, "cancelled": 0, "cancelledTaxFree": 0 },
          "currency": "KRW",
          "customer": { "id": "customer-1", "name": "Hong Gildong", "address": { "oneLine": "Seoul", "type": "ONE_LINE" } },
          "origin": { "platformType": "API", "ipAddress": "127.0.0.1" },
          "paidAt": "2024-05-01T01:00:05Z",
          "pgTxId": "pg-tx-1",
          "receiptUrl": "https://receipt.example/1",
          "disputes": [],
          "someFieldAddedLater": { "nested": true }
        }
        """;

    public const string ScheduledPaymentSchedule = """
        {
          "status": "SCHEDULED",
          "id": "schedule-1",
          "merchantId": "merchant-1",
          "storeId": "store-configured",
          "paymentId": "order-2001",
          "billingKey": "billing-key-1",
          "orderName": "Monthly plan",
          "isCulturalExpense": false,
          "isEscrow": false,
          "customer": { "id": "customer-1" },
          "customData": "{}",
          "totalAmount": 10000,
          "currency": "KRW",
          "createdAt": "2024-05-01T00:00:00Z",
          "timeToPay": "2024-06-01T00:00:00Z"
        }
        """;

    // The discriminator stands last on purpose.
    public const string IssuedBillingKeyInfo = """
        {
          "billingKey": "billing-key-1",
          "merchantId": "merchant-1",
          "storeId": "store-configured",
          "methods": [ { "type": "BillingKeyPaymentMethodCard", "card": { "brand": "MASTER", "bin": "535800" } } ],
          "channels": [ { "type": "TEST", "pgProvider": "KCP_V2", "pgMerchantId": "kcp-merchant" } ],
          "customer": { "id": "customer-1" },
          "issuedAt": "2024-05-01T00:00:00Z",
          "status": "ISSUED"
        }
        """;

    public static string Page(string items, int number, int size, int totalCount) =>
        $$"""{ "items": [{{items}}], "page": { "number": {{number}}, "size": {{size}}, "totalCount": {{totalCount}} } }""";
}
