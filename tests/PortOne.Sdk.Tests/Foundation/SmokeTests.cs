using System.Net;
using PortOne.Sdk.V1;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace PortOne.Sdk.Tests.Foundation;

public sealed class SmokeTests : IDisposable
{
    private readonly WireMockServer _server = WireMockServer.Start();

    public void Dispose() => _server.Stop();

    [Fact]
    public async Task V1_token_is_requested_with_key_and_secret()
    {
        _server.Given(Request.Create().WithPath("/users/getToken").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithBodyAsJson(new
            {
                code = 0,
                message = (string?)null,
                response = new { access_token = "tok", now = 1_700_000_000, expired_at = 1_700_001_800 },
            }));
        using var client = new PortOneV1Client(new PortOneV1Options { ApiKey = "key", ApiSecret = "secret", BaseAddress = new Uri(_server.Url!) });

        var token = await client.Auth.GetTokenAsync();

        Assert.Equal("tok", token.AccessToken);
        Assert.Equal(TimeSpan.FromMinutes(30), token.RemainingLifetime);
        var body = Assert.Single(_server.LogEntries).RequestMessage.Body;
        Assert.Contains("\"imp_key\":\"key\"", body);
        Assert.DoesNotContain("tok", token.ToString());
    }

    [Fact]
    public async Task V1_error_envelope_becomes_typed_exception()
    {
        _server.Given(Request.Create().WithPath("/users/getToken").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(401).WithBody("{\"code\":-1,\"message\":\"bad key\",\"response\":null}"));
        using var client = new PortOneV1Client(new PortOneV1Options { ApiKey = "key", ApiSecret = "secret", BaseAddress = new Uri(_server.Url!) });

        var ex = await Assert.ThrowsAsync<PortOneV1ApiException>(() => client.Auth.GetTokenAsync());

        Assert.Equal(-1, ex.Code);
        Assert.Equal(HttpStatusCode.Unauthorized, ex.StatusCode);
        Assert.DoesNotContain("secret", ex.Message);
    }
}
