using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using PortOne.Sdk.V1;
using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace PortOne.Sdk.Tests.V1;

/// <summary>
/// A WireMock server on loopback that hands out V1 tokens, plus a real <see cref="PortOneV1Client"/> pointed at it
/// with a fake clock (2030-01-01) and no retry delay.
/// </summary>
public sealed class V1TestServer : IDisposable
{
    public static readonly DateTimeOffset Now = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public V1TestServer(string? tier = "tier-7")
    {
        Server = WireMockServer.Start();
        Clock = new FakeTimeProvider(Now);
        Server.Given(Request.Create().WithPath("/users/getToken").UsingPost())
            .RespondWith(Envelope(new { access_token = "token-1", now = 1_700_000_000, expired_at = 1_700_001_800 }));
        Client = new PortOneV1Client(new PortOneV1Options
        {
            ApiKey = "key",
            ApiSecret = "secret",
            Tier = tier,
            BaseAddress = new Uri(Server.Url!),
            TimeProvider = Clock,
            Retry = new PortOneRetryOptions { BaseDelay = TimeSpan.Zero, MaxDelay = TimeSpan.Zero },
        });
    }

    public WireMockServer Server { get; }

    public FakeTimeProvider Clock { get; }

    public PortOneV1Client Client { get; }

    /// <summary>Every request except token requests, in order.</summary>
    public IReadOnlyList<ILogEntry> ApiCalls =>
        Server.LogEntries.Where(e => e.RequestMessage.Path != "/users/getToken").OrderBy(e => e.RequestMessage.DateTime).ToList();

    public ILogEntry SingleCall => Assert.Single(ApiCalls);

    public static IResponseBuilder Envelope(object? response, int status = 200, int code = 0, string? message = null) =>
        Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json")
            .WithBody(JsonSerializer.Serialize(new { code, message, response }));

    public void Stub(string method, string path, object? response, int status = 200) =>
        Server.Given(Request.Create().WithPath(path).UsingMethod(method)).RespondWith(Envelope(response, status));

    public void StubError(string method, string path, int status, int code, string message) =>
        Server.Given(Request.Create().WithPath(path).UsingMethod(method)).RespondWith(Envelope(null, status, code, message));

    /// <summary>The raw request target as it arrived (path and query, still percent-encoded).</summary>
    public static string RawTarget(ILogEntry entry) => new Uri(entry.RequestMessage.AbsoluteUrl).PathAndQuery;

    public static JsonElement Body(ILogEntry entry) => JsonDocument.Parse(entry.RequestMessage.Body!).RootElement;

    public void Dispose()
    {
        Client.Dispose();
        Server.Stop();
    }
}

/// <summary>Response shapes as PortOne sends them, shared by the V1 tests.</summary>
public static class V1Samples
{
    public static object Payment(string impUid = "imp_1", string status = "paid", string merchantUid = "order-1") => new
    {
        imp_uid = impUid,
        merchant_uid = merchantUid,
        status,
        amount = 1000.5,
        cancel_amount = 0,
        currency = "KRW",
        pay_method = "card",
        sandbox = false,
        paid_at = status == "paid" ? 1_700_000_100 : 0,
        failed_at = status == "failed" ? 1_700_000_100 : 0,
        fail_reason = status == "failed" ? "limit exceeded" : null,
        cancelled_at = 0,
        customer_uid = "cust-1",
        cancel_history = new[] { new { pg_tid = "t", amount = 100, cancelled_at = 1_700_000_200, reason = "r", cancellation_id = "c1" } },
    };

    public static object Customer(string customerUid = "cust-1") => new
    {
        customer_uid = customerUid,
        pg_provider = "nice",
        pg_id = "mid",
        card_name = "BC",
        card_number = "1234-****-****-5678",
        card_type = 0,
        sandbox = true,
        inserted = 1_700_000_000,
        updated = 0,
    };

    public static object Schedule(string merchantUid = "sched-1", string status = "scheduled") => new
    {
        customer_uid = "cust-1",
        merchant_uid = merchantUid,
        schedule_at = 1_900_000_000,
        executed_at = 0,
        revoked_at = 0,
        amount = 9900,
        currency = "KRW",
        name = "monthly",
        schedule_status = status,
        payment_status = (string?)null,
    };
}
