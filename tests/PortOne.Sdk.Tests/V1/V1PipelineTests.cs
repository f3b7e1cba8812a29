using PortOne.Sdk.V1;
using WireMock.RequestBuilders;

namespace PortOne.Sdk.Tests.V1;

public sealed class V1PipelineTests : IDisposable
{
    private readonly V1TestServer _v1 = new();

    public void Dispose() => _v1.Dispose();

    [Fact]
    public async Task A_401_renews_the_token_once_and_resends_the_call_once()
    {
        _v1.Server.Reset();
        _v1.Server.Given(Request.Create().WithPath("/users/getToken").UsingPost()).InScenario("token").WillSetStateTo("second")
            .RespondWith(V1TestServer.Envelope(new { access_token = "token-1", now = 1_700_000_000, expired_at = 1_700_001_800 }));
        _v1.Server.Given(Request.Create().WithPath("/users/getToken").UsingPost()).InScenario("token").WhenStateIs("second")
            .RespondWith(V1TestServer.Envelope(new { access_token = "token-2", now = 1_700_000_000, expired_at = 1_700_001_800 }));
        _v1.Server.Given(Request.Create().WithPath("/subscribe/customers/cust-1").UsingGet().WithHeader("Authorization", "Bearer token-1"))
            .RespondWith(V1TestServer.Envelope(null, 401, -1, "expired"));
        _v1.Server.Given(Request.Create().WithPath("/subscribe/customers/cust-1").UsingGet().WithHeader("Authorization", "Bearer token-2"))
            .RespondWith(V1TestServer.Envelope(V1Samples.Customer()));

        var customer = await _v1.Client.Customers.GetAsync("cust-1");

        Assert.Equal("cust-1", customer.CustomerUid);
        Assert.Equal(2, _v1.Server.LogEntries.Count(e => e.RequestMessage.Path == "/users/getToken"));
        Assert.Equal(["Bearer token-1", "Bearer token-2"], _v1.ApiCalls.Select(c => c.RequestMessage.Headers!["Authorization"].Single()));
    }

    [Fact]
    public async Task A_second_401_is_reported_not_looped_on()
    {
        _v1.StubError("GET", "/subscribe/customers/cust-1", 401, -1, "no");

        var ex = await Assert.ThrowsAsync<PortOneV1ApiException>(() => _v1.Client.Customers.GetAsync("cust-1"));

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, ex.StatusCode);
        Assert.Equal(2, _v1.ApiCalls.Count);
    }

    [Fact]
    public async Task A_401_on_a_charge_is_resent_once_after_renewal_because_it_never_reached_processing()
    {
        _v1.Server.Given(Request.Create().WithPath("/subscribe/payments/again").UsingPost()).InScenario("again").WillSetStateTo("renewed")
            .RespondWith(V1TestServer.Envelope(null, 401, -1, "expired"));
        _v1.Server.Given(Request.Create().WithPath("/subscribe/payments/again").UsingPost()).InScenario("again").WhenStateIs("renewed")
            .RespondWith(V1TestServer.Envelope(V1Samples.Payment()));

        var payment = await _v1.Client.Subscriptions.AgainAsync(new AgainPaymentRequest { CustomerUid = "c", MerchantUid = "m", Amount = 1m, Name = "n" });

        Assert.True(payment.IsPaid);
        Assert.Equal(2, _v1.ApiCalls.Count);
        Assert.All(_v1.ApiCalls, c => Assert.Equal("""{"customer_uid":"c","merchant_uid":"m","amount":1,"name":"n"}""", c.RequestMessage.Body));
    }

    [Fact]
    public async Task Tier_goes_on_API_calls_but_not_on_the_token_request()
    {
        _v1.Stub("GET", "/payments/imp_1", V1Samples.Payment());

        await _v1.Client.Payments.GetAsync("imp_1");

        var token = Assert.Single(_v1.Server.LogEntries, e => e.RequestMessage.Path == "/users/getToken");
        Assert.False(token.RequestMessage.Headers!.ContainsKey("Tier"));
        Assert.Equal("tier-7", _v1.SingleCall.RequestMessage.Headers!["Tier"].Single());
    }

    [Fact]
    public async Task Without_a_tier_no_Tier_header_is_sent()
    {
        using var plain = new V1TestServer(tier: null);
        plain.Stub("GET", "/payments/imp_1", V1Samples.Payment());

        await plain.Client.Payments.GetAsync("imp_1");

        Assert.False(plain.SingleCall.RequestMessage.Headers!.ContainsKey("Tier"));
    }

    [Fact]
    public async Task A_response_that_is_not_JSON_is_a_PortOne_exception_not_a_JsonException()
    {
        _v1.Server.Given(Request.Create().WithPath("/payments/imp_1").UsingGet())
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithStatusCode(200).WithBody("""{"code":0,"response":{"imp_uid":5,"amount":"x"}}"""));

        await Assert.ThrowsAsync<PortOneInvalidResponseException>(() => _v1.Client.Payments.GetAsync("imp_1"));
    }

    [Fact]
    public async Task Success_without_a_response_is_reported()
    {
        _v1.Stub("GET", "/payments/imp_1", null);

        var ex = await Assert.ThrowsAsync<PortOneException>(() => _v1.Client.Payments.GetAsync("imp_1"));

        Assert.Contains("no response", ex.Message);
    }

    [Fact]
    public async Task Enumeration_stops_when_cancelled_between_pages()
    {
        _v1.Stub("GET", "/subscribe/customers/cust-1/payments", new { total = 100, previous = 0, next = 2, list = new[] { V1Samples.Payment() } });
        using var cts = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var p in _v1.Client.Customers.ListPaymentsAsync("cust-1").WithCancellation(cts.Token))
            {
                cts.Cancel();
            }
        });

        Assert.Single(_v1.ApiCalls);
    }

    [Fact]
    public async Task Enumeration_stops_if_the_server_points_back_to_a_page_already_read()
    {
        _v1.Stub("GET", "/subscribe/customers/cust-1/payments", new { total = 100, previous = 0, next = 1, list = new[] { V1Samples.Payment() } });

        var count = 0;
        await foreach (var p in _v1.Client.Customers.ListPaymentsAsync("cust-1"))
        {
            count++;
        }

        Assert.Equal(1, count);
    }

    [Fact]
    public void Resource_clients_are_wired_and_exposed_on_the_interface()
    {
        IPortOneV1Client client = _v1.Client;

        Assert.NotNull(client.Customers);
        Assert.NotNull(client.Subscriptions);
        Assert.NotNull(client.Payments);
        Assert.Same(_v1.Client.Payments, client.Payments);
    }
}
