using System.Net;
using PortOne.Sdk.V2;

namespace PortOne.Sdk.Tests.Foundation;

/// <summary>Failures below HTTP semantics, produced by a raw loopback server.</summary>
public sealed class TransportTests : IDisposable
{
    private readonly Harness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task A_body_that_stalls_after_the_headers_is_ended_by_the_attempt_time_out()
    {
        using var server = new RawHttpServer("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"id\":", closeAfterAnswer: false);
        using var client = _h.V2(o =>
        {
            o.BaseAddress = server.Url;
            o.AttemptTimeout = TimeSpan.FromSeconds(5);
            o.Retry.MaxRetries = 0;
        });

        var call = client.V2GetAsync();
        await server.Answered.Task.Guard();
        _h.Time.Advance(TimeSpan.FromSeconds(5));

        await Assert.ThrowsAsync<PortOneTimeoutException>(() => call.Guard());
    }

    [Fact]
    public async Task A_token_fetch_whose_body_stalls_times_out_and_does_not_block_the_client_for_ever()
    {
        using var server = new RawHttpServer("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"accessToken\":", closeAfterAnswer: false);
        using var client = _h.V2(o =>
        {
            o.BaseAddress = server.Url;
            o.AuthMode = PortOneV2AuthMode.BearerToken;
            o.Timeout = TimeSpan.FromSeconds(10);
            o.AttemptTimeout = TimeSpan.FromSeconds(5);
            o.Retry.MaxRetries = 0;
        });

        var call = client.V2GetAsync();
        await server.Answered.Task.Guard();
        _h.Time.Advance(TimeSpan.FromSeconds(10));

        await Assert.ThrowsAsync<PortOneTimeoutException>(() => call.Guard());

        // The stuck fetch was abandoned (the call that needed it was never sent), so the next call starts a new
        // one instead of waiting on it for ever. The signal is the credential's own line, written once the failed
        // fetch is forgotten: the request's failure line comes earlier, while the fetch is still the pending one,
        // and a call made on seeing it could still join the failing fetch (this test failed that way on busy
        // machines).
        await _h.WaitForLogAsync("PortOneTokenFetchFailed");
        Assert.Contains(_h.Logs, l => l.Id.Name == "PortOneRequestFailed" && l.Message.Contains("V2.Auth.LoginViaApiSecret", StringComparison.Ordinal));
        var again = client.V2GetAsync();
        await server.WaitForRequestsAsync(2);
        _h.Time.Advance(TimeSpan.FromSeconds(10));
        await Assert.ThrowsAsync<PortOneTimeoutException>(() => again.Guard());
    }

    [Fact]
    public async Task A_body_cut_off_by_the_server_is_a_network_failure()
    {
        using var server = new RawHttpServer("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"id\":", closeAfterAnswer: true);
        using var client = _h.V2(o =>
        {
            o.BaseAddress = server.Url;
            o.Retry.MaxRetries = 0;
        });

        var ex = await Assert.ThrowsAsync<PortOneNetworkException>(() => client.V2GetAsync().Guard());

        Assert.NotNull(ex.InnerException);
    }

    [Fact]
    public async Task Calls_after_dispose_fail_with_object_disposed()
    {
        var client = _h.V2();
        client.Dispose();
        client.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => client.V2GetAsync());
    }
}
