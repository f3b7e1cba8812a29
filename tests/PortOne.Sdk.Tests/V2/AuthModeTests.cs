using System.Text;
using Microsoft.Extensions.Time.Testing;
using PortOne.Sdk.V2;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace PortOne.Sdk.Tests.V2;

/// <summary>Both V2 auth modes, end to end through a real operation.</summary>
public sealed class AuthModeTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2024, 5, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly V2TestServer _mock = new();

    public void Dispose() => _mock.Dispose();

    [Fact]
    public async Task Api_secret_mode_sends_the_secret_on_every_call()
    {
        _mock.Stub("GET", "/payments/p-1", 200, V2Samples.PaidPayment);
        using var client = _mock.CreateClient();

        await client.Payments.GetAsync("p-1");
        await client.Payments.GetAsync("p-1");

        Assert.All(_mock.Server.LogEntries, e => Assert.Equal("PortOne " + V2TestServer.Secret, e.RequestMessage.Headers!["Authorization"].Single()));
        Assert.DoesNotContain(_mock.Server.LogEntries, e => e.RequestMessage.Path == "/login/api-secret");
    }

    [Fact]
    public async Task Bearer_mode_logs_in_once_then_refreshes_when_the_token_expires()
    {
        var clock = new FakeTimeProvider(Start);
        var first = Jwt(Start, TimeSpan.FromMinutes(30), "first");
        var second = Jwt(Start.AddMinutes(31), TimeSpan.FromMinutes(30), "second");
        _mock.Server.Given(Request.Create().WithPath("/login/api-secret").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody($$"""{ "accessToken": "{{first}}", "refreshToken": "refresh-1" }"""));
        _mock.Server.Given(Request.Create().WithPath("/token/refresh").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody($$"""{ "accessToken": "{{second}}", "refreshToken": "refresh-2" }"""));
        _mock.Stub("GET", "/payments/p-1", 200, V2Samples.PaidPayment);
        using var client = _mock.CreateClient(configure: o =>
        {
            o.AuthMode = PortOneV2AuthMode.BearerToken;
            o.TimeProvider = clock;
        });

        await client.Payments.GetAsync("p-1");
        await client.Payments.GetAsync("p-1");
        clock.Advance(TimeSpan.FromMinutes(31));
        await client.Payments.GetAsync("p-1");

        var log = _mock.Server.LogEntries.Select(e => e.RequestMessage).ToList();
        Assert.Equal(["/login/api-secret", "/payments/p-1", "/payments/p-1", "/token/refresh", "/payments/p-1"], log.Select(r => r.Path));
        Assert.Contains(V2TestServer.Secret, log[0].Body, StringComparison.Ordinal);
        Assert.False(log[0].Headers!.ContainsKey("Authorization"));
        Assert.Equal("Bearer " + first, log[1].Headers!["Authorization"].Single());
        Assert.Equal("Bearer " + first, log[2].Headers!["Authorization"].Single());
        V2TestServer.JsonEqual("""{ "refreshToken": "refresh-1" }""", V2TestServer.Body(log[3]));
        Assert.Equal("Bearer " + second, log[4].Headers!["Authorization"].Single());
    }

    private static string Jwt(DateTimeOffset issuedAt, TimeSpan lifetime, string subject)
    {
        static string Part(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var header = Part("""{"alg":"HS256","typ":"JWT"}""");
        var payload = Part($$"""{"sub":"{{subject}}","iat":{{issuedAt.ToUnixTimeSeconds()}},"exp":{{issuedAt.Add(lifetime).ToUnixTimeSeconds()}}}""");
        return $"{header}.{payload}.c2lnbmF0dXJl";
    }
}
