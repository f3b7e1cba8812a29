using System.Collections;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using PortOne.Sdk.Tests.V2;
using PortOne.Sdk.V2;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using Xunit.Abstractions;

namespace PortOne.Sdk.Tests.Tolerance;

/// <summary>
/// Every V2 operation, over real HTTP, with each field of its success answer removed in turn and each scalar
/// replaced by a value of another JSON kind.
/// </summary>
public sealed class V2ToleranceTests : IDisposable
{
    private const string Tokens = """{ "accessToken": "access-1", "refreshToken": "refresh-1" }""";
    private static readonly IReadOnlySet<string> Identifying = new HashSet<string> { "id", "paymentId", "billingKey", "accessToken", "refreshToken" };
    private static readonly DateTimeOffset Later = DateTimeOffset.UnixEpoch.AddYears(60);

    private static readonly BillingKeyPaymentRequest Charge = new() { BillingKey = "bk-1", OrderName = "o", Amount = new PaymentAmountInput { Total = 100 }, Currency = Currency.Krw };

    internal static readonly Operation<PortOneV2Client>[] Operations =
    [
        new("V2.Auth.LoginViaApiSecret", "POST", "/login/api-secret", 200, Tokens, async c => await c.Auth.LoginViaApiSecretAsync(new LoginViaApiSecretBody { ApiSecret = "s" })),
        new("V2.Auth.RefreshToken", "POST", "/token/refresh", 200, Tokens, async c => await c.Auth.RefreshTokenAsync(new RefreshTokenBody { RefreshToken = "r" })),
        new("V2.Payments.PayWithBillingKey", "POST", "/payments/p-1/billing-key", 200, """{ "payment": { "pgTxId": "pg-1", "paidAt": "2024-05-01T01:00:05Z" } }""",
            async c => await c.Payments.PayWithBillingKeyAsync("p-1", Charge), Accepted: "payment ID \"p-1\""),
        new("V2.Payments.PayInstantly", "POST", "/payments/p-1/instant", 200, """{ "payment": { "pgTxId": "pg-7", "paidAt": "2024-05-01T01:00:05Z" } }""",
            async c => await c.Payments.PayInstantlyAsync("p-1", new InstantPaymentRequest
            {
                Method = InstantPaymentMethodInput.Card(new InstantPaymentMethodInputCard { Credential = new CardCredential { Number = "5358000000000000", ExpiryYear = "30", ExpiryMonth = "01" } }),
                OrderName = "o", Amount = new PaymentAmountInput { Total = 100 }, Currency = Currency.Krw,
            }), Accepted: "payment ID \"p-1\""),
        new("V2.Payments.Get", "GET", "/payments/p-1", 200, V2Samples.PaidPayment, async c => await c.Payments.GetAsync("p-1")),
        new("V2.Payments.List", "GET", "/payments", 200, V2Samples.Page(V2Samples.PaidPayment + "," + V2Samples.PaidPayment, 0, 10, 2),
            async c => await c.Payments.ListPageAsync(), ListPath: "$.items", Items: r => (IList)((GetPaymentsResponse)r).Items),
        new("V2.Payments.Cancel", "POST", "/payments/p-1/cancel", 200,
            """{ "cancellation": { "totalAmount": 3000, "taxFreeAmount": 0, "vatAmount": 273, "status": "SUCCEEDED", "id": "c-1", "reason": "size", "requestedAt": "2024-05-02T00:00:00Z", "cancelledAt": "2024-05-02T00:00:01Z" } }""",
            async c => await c.Payments.CancelAsync("p-1", new CancelPaymentRequest { Reason = "r" }), Accepted: "payment ID \"p-1\""),
        new("V2.Payments.RegisterStoreReceipt", "POST", "/payments/p-1/register-store-receipt", 200, """{ "receiptUrl": "https://receipt.example/2" }""",
            async c => await c.Payments.RegisterStoreReceiptAsync("p-1", new RegisterStoreReceiptRequest
            {
                Items = [new RegisterStoreReceiptItem { StoreBusinessRegistrationNumber = "1", StoreName = "s", TotalAmount = 1, Currency = Currency.Krw }],
            })),
        new("V2.BillingKeys.Issue", "POST", "/billing-keys", 200,
            """
            {
              "billingKeyInfo": { "billingKey": "billing-key-9", "issuedAt": "2024-05-01T00:00:00Z", "channels": [ { "type": "LIVE", "pgProvider": "NICE_V2", "pgMerchantId": "nice-1" } ] },
              "channelSpecificFailures": [ { "channel": { "type": "LIVE", "pgProvider": "KCP_V2", "pgMerchantId": "kcp-1" }, "pgMessage": "declined", "type": "PG_PROVIDER", "pgCode": "E1" } ]
            }
            """,
            async c => await c.BillingKeys.IssueAsync(new IssueBillingKeyRequest
            {
                Method = InstantBillingKeyPaymentMethodInput.Card(new InstantBillingKeyPaymentMethodInputCard { Credential = new CardCredential { Number = "5358000000000000", ExpiryYear = "30", ExpiryMonth = "01" } }),
                Customer = new CustomerInput { Id = "customer-1" },
            }), Accepted: "customer ID \"customer-1\""),
        new("V2.BillingKeys.Get", "GET", "/billing-keys/bk-1", 200, V2Samples.IssuedBillingKeyInfo, async c => await c.BillingKeys.GetAsync("bk-1")),
        new("V2.BillingKeys.List", "GET", "/billing-keys", 200, V2Samples.Page(V2Samples.IssuedBillingKeyInfo + "," + V2Samples.IssuedBillingKeyInfo, 0, 10, 2),
            async c => await c.BillingKeys.ListPageAsync(), ListPath: "$.items", Items: r => (IList)((GetBillingKeyInfosResponse)r).Items),
        new("V2.BillingKeys.Delete", "DELETE", "/billing-keys/bk-1", 200, """{ "deletedAt": "2024-05-03T00:00:00Z" }""", async c => await c.BillingKeys.DeleteAsync("bk-1")),
        new("V2.PaymentSchedules.Create", "POST", "/payments/p-1/schedule", 200, """{ "schedule": { "id": "schedule-1" } }""",
            async c => await c.PaymentSchedules.CreateAsync("p-1", new CreatePaymentScheduleRequest
            {
                Payment = new BillingKeyPaymentScheduleInput { BillingKey = "bk-1", OrderName = "o", Amount = new PaymentAmountInput { Total = 100 }, Currency = Currency.Krw },
                TimeToPay = Later,
            }), Accepted: "payment ID \"p-1\""),
        new("V2.PaymentSchedules.Get", "GET", "/payment-schedules/s-1", 200, V2Samples.ScheduledPaymentSchedule, async c => await c.PaymentSchedules.GetAsync("s-1")),
        new("V2.PaymentSchedules.List", "GET", "/payment-schedules", 200, V2Samples.Page(V2Samples.ScheduledPaymentSchedule + "," + V2Samples.ScheduledPaymentSchedule, 0, 10, 2),
            async c => await c.PaymentSchedules.ListPageAsync(), ListPath: "$.items", Items: r => (IList)((GetPaymentSchedulesResponse)r).Items),
        new("V2.PaymentSchedules.Revoke", "DELETE", "/payment-schedules", 200, """{ "revokedScheduleIds": ["schedule-1", "schedule-2"], "revokedAt": "2024-05-05T00:00:00Z" }""",
            async c => await c.PaymentSchedules.RevokeAsync(new RevokePaymentSchedulesRequest { BillingKey = "bk-1" })),
    ];

    private readonly WireMockServer _server = WireMockServer.Start();
    private readonly FakeLoggerProvider _logs = new();
    private readonly ILoggerFactory _loggerFactory;
    private readonly PortOneV2Client _client;

    private readonly ITestOutputHelper _output;

    public V2ToleranceTests(ITestOutputHelper output)
    {
        _output = output;
        _loggerFactory = LoggerFactory.Create(builder => builder.AddProvider(_logs).SetMinimumLevel(LogLevel.Trace));
        _client = new PortOneV2Client(
            // These tests are about reading answers; settling lost ones is ChargeResolutionTests' and MoneyResolutionTests' subject.
            new PortOneV2Options { ApiSecret = "secret", StoreId = "store-1", BaseAddress = new Uri(_server.Url!), Retry = new PortOneRetryOptions { MaxRetries = 0 }, ResolveUnknownOutcomes = false },
            _loggerFactory);
    }

    public static TheoryData<string> Names => new(Operations.Select(o => o.Name));

    public void Dispose()
    {
        _client.Dispose();
        _loggerFactory.Dispose();
        _server.Stop();
    }

    [Fact]
    public void Every_operation_of_the_client_is_covered()
    {
        // The hand-written operations; the generated ones share their decoding path (V2Api.Decode).
        var declared = V2Operations.All
            .Where(o => PortOne.Sdk.Tests.V2.Generated.V2HandCalls.OperationIds.Contains(o.OperationId))
            .Select(o => o.Name)
            .Order();
        Assert.Equal(declared, Operations.Select(o => o.Name).Order());
        Assert.Equal(16, Operations.Length);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task A_success_answer_that_differs_from_the_spec_still_succeeds_and_leaves_the_field_empty(string name)
    {
        var operation = Operations.Single(o => o.Name == name);
        var ran = await MutationRunner.RunAsync(_server, () => { }, _logs.Collector, _client, operation, "$", body => body, Write, Identifying);
        Assert.True(ran > 0);
        _output.WriteLine($"{name}: {ran} mutations");
    }

    [Fact]
    public async Task A_schedule_page_with_one_item_missing_its_id_returns_the_other_items()
    {
        var broken = JsonNode.Parse(V2Samples.ScheduledPaymentSchedule)!.AsObject();
        broken.Remove("id");
        var lacking = JsonNode.Parse(V2Samples.ScheduledPaymentSchedule)!.AsObject();
        lacking.Remove("orderName");
        lacking["totalAmount"] = "10000";
        Stub("GET", "/payment-schedules", V2Samples.Page(V2Samples.ScheduledPaymentSchedule + "," + broken.ToJsonString() + "," + lacking.ToJsonString(), 0, 10, 3));

        var page = await _client.PaymentSchedules.ListPageAsync();

        Assert.Equal(3, page.Items.Count);
        Assert.Equal("schedule-1", Assert.IsType<ScheduledPaymentSchedule>(page.Items[0]).Id);
        var unknown = Assert.IsType<UnknownPaymentSchedule>(page.Items[1]);
        Assert.Equal("SCHEDULED", unknown.Status);
        Assert.False(unknown.RawJson.TryGetProperty("id", out _));
        var tolerated = Assert.IsType<ScheduledPaymentSchedule>(page.Items[2]);
        Assert.Null(tolerated.OrderName);
        Assert.Equal(0, tolerated.TotalAmount);
        var warning = Assert.Single(_logs.Collector.GetSnapshot(), r => r.Id.Name == "PortOneAnswerDiffersFromSpec");
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("$.items[1]", warning.Message, StringComparison.Ordinal);
        Assert.Contains("$.items[2].orderName", warning.Message, StringComparison.Ordinal);
        Assert.Contains("$.items[2].totalAmount", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreadable_answer_to_a_charge_says_PortOne_accepted_it_and_names_the_payment()
    {
        Stub("POST", "/payments/order-77/billing-key", "<html>gateway hiccup</html>");
        using var client = new PortOneV2Client(
            new PortOneV2Options { ApiSecret = "secret", BaseAddress = new Uri(_server.Url!), ResolveUnknownOutcomes = false },
            _loggerFactory);

        // With resolution off the failure is the caller's to settle (on, the SDK looks the payment up: ChargeResolutionTests).
        var ex = await Assert.ThrowsAsync<PortOneInvalidResponseException>(() => client.Payments.PayWithBillingKeyAsync("order-77", Charge));

        Assert.True(ex.RequestAccepted);
        Assert.Contains("ACCEPTED", ex.Message, StringComparison.Ordinal);
        Assert.Contains("payment ID \"order-77\"", ex.Message, StringComparison.Ordinal);
        Assert.Contains("HTTP 200", ex.Message, StringComparison.Ordinal);
        Assert.Contains("look up", ex.Message, StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.OK, ex.StatusCode);
        Assert.Equal("<html>gateway hiccup</html>", ex.RawBody);
        Assert.NotNull(ex.InnerException);
    }

    [Fact]
    public async Task An_unreadable_answer_to_a_lookup_is_not_reported_as_accepted()
    {
        Stub("GET", "/payments/p-1", "not json");

        var ex = await Assert.ThrowsAsync<PortOneInvalidResponseException>(() => _client.Payments.GetAsync("p-1"));

        Assert.False(ex.RequestAccepted);
        Assert.DoesNotContain("ACCEPTED", ex.Message, StringComparison.Ordinal);
    }

    private static JsonNode? Write(object result) => Writing.Write(result, V2Api.Tolerant.Options);

    private void Stub(string method, string path, string body) =>
        _server.Given(Request.Create().WithPath(path).UsingMethod(method))
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(body));
}
