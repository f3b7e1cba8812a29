using System.Text.Json;
using PortOne.Sdk.V2.Webhooks;
using static PortOne.Sdk.Tests.Webhooks.WebhookTestData;

namespace PortOne.Sdk.Tests.Webhooks;

public sealed class WebhookPayloadTests
{
    private readonly PortOneWebhookVerifier _verifier = new(Secret, Clock());

    private Webhook Receive(string body) => _verifier.Verify(body, Headers(body));

    public static TheoryData<string, Type> TransactionTypes => new()
    {
        { "Transaction.Ready", typeof(WebhookTransactionReady) },
        { "Transaction.Paid", typeof(WebhookTransactionPaid) },
        { "Transaction.VirtualAccountIssued", typeof(WebhookTransactionVirtualAccountIssued) },
        { "Transaction.Failed", typeof(WebhookTransactionFailed) },
        { "Transaction.PayPending", typeof(WebhookTransactionPayPending) },
        { "Transaction.Confirm", typeof(WebhookTransactionConfirm) },
        { "Transaction.DisputeCreated", typeof(WebhookTransactionDisputeCreated) },
        { "Transaction.DisputeResolved", typeof(WebhookTransactionDisputeResolved) },
    };

    public static TheoryData<string, Type> CancellationTypes => new()
    {
        { "Transaction.PartialCancelled", typeof(WebhookTransactionPartialCancelled) },
        { "Transaction.Cancelled", typeof(WebhookTransactionCancelled) },
        { "Transaction.CancelPending", typeof(WebhookTransactionCancelPending) },
    };

    public static TheoryData<string, Type> BillingKeyTypes => new()
    {
        { "BillingKey.Ready", typeof(WebhookBillingKeyReady) },
        { "BillingKey.Issued", typeof(WebhookBillingKeyIssued) },
        { "BillingKey.Failed", typeof(WebhookBillingKeyFailed) },
        { "BillingKey.Deleted", typeof(WebhookBillingKeyDeleted) },
        { "BillingKey.Updated", typeof(WebhookBillingKeyUpdated) },
    };

    [Theory]
    [MemberData(nameof(TransactionTypes))]
    public void Transaction_webhook_decodes_to_its_class(string type, Type expected)
    {
        var body = $$$"""{"type":"{{{type}}}","timestamp":"2025-06-15T15:06:40+09:00","data":{"paymentId":"pay-1","storeId":"store-1","transactionId":"tx-1"}}""";

        var hook = Receive(body);

        Assert.IsType(expected, hook);
        Assert.Equal(type, hook.Type);
        Assert.Equal(new DateTimeOffset(2025, 6, 15, 15, 6, 40, TimeSpan.FromHours(9)), hook.Timestamp);
        var transaction = Assert.IsAssignableFrom<WebhookTransaction>(hook);
        Assert.IsNotAssignableFrom<WebhookTransactionCancellation>(hook);
        Assert.Equal("pay-1", transaction.PaymentId);
        Assert.Equal("store-1", transaction.StoreId);
        Assert.Equal("tx-1", transaction.TransactionId);
        var data = Assert.IsType<WebhookTransactionData>(expected.GetProperty("Data")!.GetValue(hook));
        Assert.Equal("pay-1", data.PaymentId);
    }

    [Theory]
    [MemberData(nameof(CancellationTypes))]
    public void Cancellation_webhook_decodes_to_its_class_with_the_cancellation_id(string type, Type expected)
    {
        var body = $$$"""{"type":"{{{type}}}","timestamp":"2025-06-15T06:06:40Z","data":{"paymentId":"pay-1","storeId":"store-1","transactionId":"tx-1","cancellationId":"can-1"}}""";

        var hook = Receive(body);

        Assert.IsType(expected, hook);
        Assert.Equal(type, hook.Type);
        var cancellation = Assert.IsAssignableFrom<WebhookTransactionCancellation>(hook);
        Assert.Equal("pay-1", cancellation.PaymentId);
        Assert.Equal("store-1", cancellation.StoreId);
        Assert.Equal("tx-1", cancellation.TransactionId);
        Assert.Equal("can-1", cancellation.CancellationId);
        var data = Assert.IsType<WebhookTransactionCancelledData>(expected.GetProperty("Data")!.GetValue(hook));
        Assert.Equal("can-1", data.CancellationId);
    }

    [Theory]
    [MemberData(nameof(CancellationTypes))]
    public void Cancellation_webhook_without_cancellation_id_is_invalid(string type, Type expected)
    {
        _ = expected;
        var body = $$$"""{"type":"{{{type}}}","timestamp":"2025-06-15T06:06:40Z","data":{"paymentId":"pay-1","storeId":"store-1","transactionId":"tx-1"}}""";

        var ex = Assert.Throws<PortOneWebhookVerificationException>(() => Receive(body));

        Assert.Equal(PortOneWebhookVerificationFailure.InvalidPayload, ex.Reason);
        Assert.IsType<JsonException>(ex.InnerException);
    }

    [Theory]
    [MemberData(nameof(BillingKeyTypes))]
    public void Billing_key_webhook_decodes_to_its_class(string type, Type expected)
    {
        var body = $$$"""{"type":"{{{type}}}","timestamp":"2025-06-15T06:06:40Z","data":{"billingKey":"billing-key-1","storeId":"store-1"}}""";

        var hook = Receive(body);

        Assert.IsType(expected, hook);
        Assert.Equal(type, hook.Type);
        var billingKey = Assert.IsAssignableFrom<WebhookBillingKey>(hook);
        Assert.Equal("billing-key-1", billingKey.BillingKey);
        Assert.Equal("store-1", billingKey.StoreId);
        var data = Assert.IsType<WebhookBillingKeyData>(expected.GetProperty("Data")!.GetValue(hook));
        Assert.Equal("billing-key-1", data.BillingKey);
    }

    [Fact]
    public void Every_known_type_has_a_test_and_a_class_of_its_own()
    {
        var tested = TransactionTypes.Concat(CancellationTypes).Concat(BillingKeyTypes)
            .ToDictionary(row => (string)row[0], row => (Type)row[1]);
        var registered = WebhookConverter.Cases.ToDictionary(pair => pair.Key, pair => pair.Value);
        var caseClasses = typeof(Webhook).Assembly.GetTypes()
            .Where(t => t.IsSealed && typeof(Webhook).IsAssignableFrom(t) && t != typeof(UnknownWebhook));

        Assert.Equal(registered.OrderBy(p => p.Key), tested.OrderBy(p => p.Key));
        Assert.Equal(registered.Values.OrderBy(t => t.Name), caseClasses.OrderBy(t => t.Name));
        Assert.All(registered, pair => Assert.Equal("Webhook" + pair.Key.Replace(".", "", StringComparison.Ordinal), pair.Value.Name));
    }

    [Fact]
    public void Discriminator_may_come_last()
    {
        const string body = """{"data":{"transactionId":"tx-1","storeId":"store-1","paymentId":"pay-1"},"timestamp":"2025-06-15T06:06:40Z","type":"Transaction.Paid"}""";

        var paid = Assert.IsType<WebhookTransactionPaid>(Receive(body));

        Assert.Equal("pay-1", paid.Data.PaymentId);
    }

    [Fact]
    public void Unknown_fields_are_ignored()
    {
        const string body = """{"type":"BillingKey.Issued","extra":{"nested":[1,2]},"timestamp":"2025-06-15T06:06:40Z","data":{"billingKey":"bk","storeId":"s","channelKey":"c"}}""";

        var issued = Assert.IsType<WebhookBillingKeyIssued>(Receive(body));

        Assert.Equal("bk", issued.Data.BillingKey);
    }

    [Fact]
    public void Unknown_type_is_kept_with_its_raw_json()
    {
        const string body = """{"type":"Transaction.SomethingNew","timestamp":"2025-06-15T06:06:40Z","data":{"paymentId":"pay-1","amount":{"total":1000}}}""";

        var unknown = Assert.IsType<UnknownWebhook>(Receive(body));

        Assert.Equal("Transaction.SomethingNew", unknown.Type);
        Assert.Equal("Transaction.SomethingNew", unknown.Discriminator);
        Assert.Equal(new DateTimeOffset(2025, 6, 15, 6, 6, 40, TimeSpan.Zero), unknown.Timestamp);
        Assert.Equal(1000, unknown.RawJson.GetProperty("data").GetProperty("amount").GetProperty("total").GetInt32());
        Assert.Equal("pay-1", unknown.Data.GetProperty("paymentId").GetString());
        Assert.IsAssignableFrom<IPortOneUnknownCase>(unknown);
    }

    [Fact]
    public void Unknown_type_without_timestamp_or_type_is_still_kept()
    {
        const string body = """{"data":{}}""";

        var unknown = Assert.IsType<UnknownWebhook>(Receive(body));

        Assert.Null(unknown.Discriminator);
        Assert.Equal("(none)", unknown.Type);
        Assert.Equal(DateTimeOffset.MinValue, unknown.Timestamp);
    }

    [Fact]
    public void Type_names_are_case_sensitive()
    {
        const string body = """{"type":"transaction.paid","timestamp":"2025-06-15T06:06:40Z","data":{"paymentId":"p","storeId":"s","transactionId":"t"}}""";

        Assert.IsType<UnknownWebhook>(Receive(body));
    }

    [Fact]
    public void Known_case_is_written_back_with_its_type()
    {
        var hook = new WebhookTransactionCancelled
        {
            Timestamp = new DateTimeOffset(2025, 6, 15, 6, 6, 40, TimeSpan.Zero),
            Data = new WebhookTransactionCancelledData { PaymentId = "p", StoreId = "s", TransactionId = "t", CancellationId = "c" },
        };

        var json = JsonSerializer.Serialize<Webhook>(hook, PortOneWebhookJsonContext.Default.Webhook);
        var back = Assert.IsType<WebhookTransactionCancelled>(Receive(json));

        using var written = JsonDocument.Parse(json);
        Assert.Equal(["data", "timestamp", "type"], written.RootElement.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal("Transaction.Cancelled", written.RootElement.GetProperty("type").GetString());
        Assert.Equal(["cancellationId", "paymentId", "storeId", "transactionId"], written.RootElement.GetProperty("data").EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal("c", back.CancellationId);
        Assert.Equal(hook.Timestamp, back.Timestamp);
    }

    [Fact]
    public void Unknown_case_is_written_back_unchanged()
    {
        const string body = """{"type":"Future.Thing","timestamp":"2025-06-15T06:06:40Z","data":{"x":[1,{"y":null}]}}""";

        var json = JsonSerializer.Serialize(Receive(body), PortOneWebhookJsonContext.Default.Webhook);

        Assert.Equal(body, json);
    }

    [Fact]
    public void ToString_names_type_and_time()
    {
        var hook = Receive(PaidBody);

        Assert.Equal("Transaction.Paid at 2025-06-15T15:06:40.1230000+00:00", hook.ToString());
    }
}
