using System.Net;
using PortOne.Sdk.Tests.Foundation;
using PortOne.Sdk.V2;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace PortOne.Sdk.Tests.V2;

/// <summary>
/// A charge whose answer is lost is settled by the SDK: lookup by payment ID, resend under the same ID only when
/// PortOne shows nothing, and <see cref="PortOneOutcomeUnknownException"/> when that cannot be done in time.
/// Real HTTP (WireMock on loopback), the client's clock faked.
/// </summary>
public sealed class ChargeResolutionTests : IDisposable
{
    private const string ChargePath = "/payments/order-1001/billing-key";
    private const string LookupPath = "/payments/order-1001";
    private const string Ok = """{ "payment": { "pgTxId": "pg-direct", "paidAt": "2024-05-01T01:00:09Z" } }""";

    private static readonly BillingKeyPaymentRequest Charge = new()
    {
        BillingKey = "billing-key-1",
        OrderName = "Monthly plan",
        Amount = new PaymentAmountInput { Total = 10000 },
        Currency = Currency.Krw,
    };

    private static readonly string Failed = V2Samples.PaidPayment
        .Replace("\"status\": \"PAID\"", "\"status\": \"FAILED\"", StringComparison.Ordinal)
        .Replace("\"disputes\": [],", "\"failedAt\": \"2024-05-01T01:00:05Z\", \"failure\": { \"reason\": \"declined\", \"pgCode\": \"F-51\", \"pgMessage\": \"insufficient funds\" },", StringComparison.Ordinal);

    private readonly Harness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task An_accepted_charge_whose_answer_cannot_be_read_returns_the_payment_PortOne_shows_paid()
    {
        Stub("POST", ChargePath, 200, "<html>gateway hiccup</html>");
        Stub("GET", LookupPath, 200, V2Samples.PaidPayment);
        using var client = _h.V2();

        var result = await client.Payments.PayWithBillingKeyAsync("order-1001", Charge);

        Assert.Equal("pg-tx-1", result.Payment.PgTxId);
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 1, 0, 5, TimeSpan.Zero), result.Payment.PaidAt);
        Assert.Single(_h.Requests(ChargePath));
        Assert.Single(_h.Requests(LookupPath));
        Assert.Contains(_h.Logs, l => l.Id.Name == "PortOneOutcomeResolving" && l.Message.Contains("order-1001", StringComparison.Ordinal));
        Assert.Contains(_h.Logs, l => l.Id.Name == "PortOneOutcomeResolved");
        Assert.DoesNotContain(_h.Logs, l => l.Message.Contains("10000", StringComparison.Ordinal) || l.Message.Contains("billing-key-1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_5xx_without_a_documented_error_then_no_payment_sends_again_under_the_same_id_once()
    {
        _h.Server.Given(Request.Create().WithPath(ChargePath).UsingPost()).InScenario("charge").WillSetStateTo("resend")
            .RespondWith(Response.Create().WithStatusCode(503).WithBody("upstream unavailable"));
        _h.Server.Given(Request.Create().WithPath(ChargePath).UsingPost()).InScenario("charge").WhenStateIs("resend")
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(Ok));
        Stub("GET", LookupPath, 404, """{ "type": "PAYMENT_NOT_FOUND", "message": "none" }""");
        using var client = _h.V2();

        var result = await client.Payments.PayWithBillingKeyAsync("order-1001", Charge);

        Assert.Equal("pg-direct", result.Payment.PgTxId);
        Assert.Equal(2, _h.Requests(ChargePath).Count);
        Assert.Single(_h.Requests(LookupPath));
        Assert.Single(_h.Logs, l => l.Id.Name == "PortOneOutcomeResending");
    }

    [Fact]
    public async Task A_charge_that_keeps_showing_no_payment_is_sent_three_times_at_most_then_reported_unknown()
    {
        Stub("POST", ChargePath, 500, "oops");
        Stub("GET", LookupPath, 404, """{ "type": "PAYMENT_NOT_FOUND" }""");
        using var client = _h.V2();

        var ex = await Assert.ThrowsAsync<PortOneOutcomeUnknownException>(() => client.Payments.PayWithBillingKeyAsync("order-1001", Charge));

        Assert.Equal(3, _h.Requests(ChargePath).Count);
        Assert.Equal("order-1001", ex.PaymentId);
        Assert.Equal("paymentId", ex.IdField);
        Assert.Equal("V2.Payments.PayWithBillingKey", ex.Operation);
        Assert.IsType<PortOneInvalidResponseException>(ex.InnerException);
        Assert.Single(_h.Logs, l => l.Id.Name == "PortOneOutcomeUnknown");
    }

    [Fact]
    public async Task A_lost_answer_to_a_charge_that_failed_is_reported_as_the_gateway_failure_PortOne_recorded()
    {
        Stub("POST", ChargePath, 502, "<html>bad gateway</html>");
        Stub("GET", LookupPath, 200, Failed);
        using var client = _h.V2();

        var ex = await Assert.ThrowsAsync<PortOneApiException>(() => client.Payments.PayWithBillingKeyAsync("order-1001", Charge));

        var pg = Assert.IsType<PgProviderError>(ex.Error);
        Assert.Equal("F-51", pg.PgCode);
        Assert.Equal("insufficient funds", pg.PgMessage);
        Assert.Equal(HttpStatusCode.BadGateway, ex.StatusCode);
        Assert.Single(_h.Requests(ChargePath));
    }

    [Fact]
    public async Task A_payment_under_the_id_for_another_amount_is_reported_as_already_paid_and_nothing_is_sent_again()
    {
        Stub("POST", ChargePath, 200, "not json");
        Stub("GET", LookupPath, 200, V2Samples.PaidPayment);
        using var client = _h.V2();

        var ex = await Assert.ThrowsAsync<PortOneApiException>(() => client.Payments.PayWithBillingKeyAsync("order-1001", new BillingKeyPaymentRequest
        {
            BillingKey = "billing-key-1",
            OrderName = "Monthly plan",
            Amount = new PaymentAmountInput { Total = 20000 },
            Currency = Currency.Krw,
        }));

        Assert.IsType<AlreadyPaidError>(ex.Error);
        Assert.Contains("different charge", ex.Message, StringComparison.Ordinal);
        Assert.Single(_h.Requests(ChargePath));
    }

    [Fact]
    public async Task Already_paid_on_the_first_send_is_reported_as_it_is_without_a_lookup()
    {
        Stub("POST", ChargePath, 409, """{ "type": "ALREADY_PAID", "message": "paid" }""");
        Stub("GET", LookupPath, 200, V2Samples.PaidPayment);
        using var client = _h.V2();

        var ex = await Assert.ThrowsAsync<PortOneApiException>(() => client.Payments.PayWithBillingKeyAsync("order-1001", Charge));

        Assert.IsType<AlreadyPaidError>(ex.Error);
        Assert.Equal(HttpStatusCode.Conflict, ex.StatusCode);
        Assert.Empty(_h.Requests(LookupPath));
    }

    [Fact]
    public async Task Already_paid_on_a_resend_is_settled_by_a_lookup()
    {
        _h.Server.Given(Request.Create().WithPath(ChargePath).UsingPost()).InScenario("charge").WillSetStateTo("resend")
            .RespondWith(Response.Create().WithStatusCode(504).WithBody(""));
        _h.Server.Given(Request.Create().WithPath(ChargePath).UsingPost()).InScenario("charge").WhenStateIs("resend")
            .RespondWith(Response.Create().WithStatusCode(409).WithHeader("Content-Type", "application/json").WithBody("""{ "type": "ALREADY_PAID" }"""));
        _h.Server.Given(Request.Create().WithPath(LookupPath).UsingGet()).InScenario("lookup").WillSetStateTo("paid")
            .RespondWith(Response.Create().WithStatusCode(404).WithHeader("Content-Type", "application/json").WithBody("""{ "type": "PAYMENT_NOT_FOUND" }"""));
        _h.Server.Given(Request.Create().WithPath(LookupPath).UsingGet()).InScenario("lookup").WhenStateIs("paid")
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(V2Samples.PaidPayment));
        using var client = _h.V2();

        var result = await client.Payments.PayWithBillingKeyAsync("order-1001", Charge);

        Assert.Equal("pg-tx-1", result.Payment.PgTxId);
        Assert.Equal(2, _h.Requests(ChargePath).Count);
        Assert.Equal(2, _h.Requests(LookupPath).Count);
    }

    [Fact]
    public async Task Lookups_that_keep_failing_end_in_outcome_unknown_with_the_last_failure()
    {
        Stub("POST", ChargePath, 200, "<html/>");
        Stub("GET", LookupPath, 500, "still broken");
        using var client = _h.V2(o => o.Retry.MaxRetries = 0);

        var ex = await Assert.ThrowsAsync<PortOneOutcomeUnknownException>(() => client.Payments.PayWithBillingKeyAsync("order-1001", Charge));

        Assert.Equal(3, _h.Requests(LookupPath).Count);
        Assert.Single(_h.Requests(ChargePath));
        Assert.IsType<PortOneInvalidResponseException>(ex.InnerException);
        Assert.Equal(HttpStatusCode.InternalServerError, ex.StatusCode);
    }

    [Fact]
    public async Task A_charge_that_times_out_is_settled_by_a_lookup_within_the_calls_time()
    {
        using var gate = new Gate();
        _h.Server.Given(Request.Create().WithPath(ChargePath).UsingPost()).RespondWith(Response.Create().WithCallback(_ => gate.HoldAsync(() => Answers.Json(200, Ok))));
        Stub("GET", LookupPath, 200, V2Samples.PaidPayment);
        using var client = _h.V2(o => { o.AttemptTimeout = TimeSpan.FromSeconds(30); o.Timeout = TimeSpan.FromSeconds(60); });

        var call = client.Payments.PayWithBillingKeyAsync("order-1001", Charge);
        await gate.WaitForArrivalAsync();
        _h.Time.Advance(TimeSpan.FromSeconds(30));
        var result = await call;

        Assert.Equal("pg-tx-1", result.Payment.PgTxId);
        Assert.Contains(_h.Logs, l => l.Id.Name == "PortOneOutcomeResolving" && l.Message.Contains(nameof(PortOneTimeoutException), StringComparison.Ordinal));
    }

    [Fact]
    public async Task When_the_calls_time_runs_out_the_outcome_is_unknown()
    {
        using var gate = new Gate();
        _h.Server.Given(Request.Create().WithPath(ChargePath).UsingPost()).RespondWith(Response.Create().WithCallback(_ => gate.HoldAsync(() => Answers.Json(200, Ok))));
        Stub("GET", LookupPath, 200, V2Samples.PaidPayment);
        using var client = _h.V2(o => { o.AttemptTimeout = TimeSpan.FromSeconds(30); o.Timeout = TimeSpan.FromSeconds(30); });

        var call = client.Payments.PayWithBillingKeyAsync("order-1001", Charge);
        await gate.WaitForArrivalAsync();
        _h.Time.Advance(TimeSpan.FromSeconds(30));
        var ex = await Assert.ThrowsAsync<PortOneOutcomeUnknownException>(() => call);

        Assert.Contains("the outcome is unknown; look this payment up later", ex.Message, StringComparison.Ordinal);
        Assert.Single(_h.Logs, l => l.Id.Name == "PortOneOutcomeUnknown");
    }

    [Fact]
    public async Task Cancelling_a_charge_after_it_was_sent_reports_the_outcome_unknown_not_a_plain_cancellation()
    {
        using var gate = new Gate();
        _h.Server.Given(Request.Create().WithPath(ChargePath).UsingPost()).RespondWith(Response.Create().WithCallback(_ => gate.HoldAsync(() => Answers.Json(200, Ok))));
        using var client = _h.V2();
        using var cts = new CancellationTokenSource();

        var call = client.Payments.PayWithBillingKeyAsync("order-1001", Charge, cts.Token);
        await gate.WaitForArrivalAsync();
        cts.Cancel();
        var ex = await Assert.ThrowsAsync<PortOneOutcomeUnknownException>(() => call);

        Assert.IsAssignableFrom<OperationCanceledException>(ex.InnerException);
    }

    [Fact]
    public async Task With_the_switch_off_the_failure_is_thrown_as_it_happened_and_nothing_is_looked_up()
    {
        Stub("POST", ChargePath, 200, "<html/>");
        Stub("GET", LookupPath, 200, V2Samples.PaidPayment);
        using var client = _h.V2(o => o.ResolveUnknownOutcomes = false);

        var ex = await Assert.ThrowsAsync<PortOneInvalidResponseException>(() => client.Payments.PayWithBillingKeyAsync("order-1001", Charge));

        Assert.True(ex.RequestAccepted);
        Assert.Empty(_h.Requests(LookupPath));
    }

    [Fact]
    public async Task PayInstantly_is_settled_the_same_way()
    {
        Stub("POST", "/payments/order-1001/instant", 200, "[]");
        Stub("GET", LookupPath, 200, V2Samples.PaidPayment);
        using var client = _h.V2();

        var result = await client.Payments.PayInstantlyAsync("order-1001", new InstantPaymentRequest
        {
            ChannelKey = "channel-key-1",
            Method = InstantPaymentMethodInput.Card(new InstantPaymentMethodInputCard
            {
                Credential = new CardCredential { Number = "4242424242424242", ExpiryYear = "30", ExpiryMonth = "12" },
            }),
            OrderName = "Monthly plan",
            Amount = new PaymentAmountInput { Total = 10000 },
            Currency = Currency.Krw,
        });

        Assert.Equal("pg-tx-1", result.Payment.PgTxId);
        Assert.Single(_h.Requests("/payments/order-1001/instant"));
    }

    private void Stub(string method, string path, int status, string body) =>
        _h.Server.Given(Request.Create().WithPath(path).UsingMethod(method))
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body));
}
