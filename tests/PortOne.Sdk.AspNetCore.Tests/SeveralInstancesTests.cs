using System.Net;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PortOne.Sdk.V2.Webhooks;

namespace PortOne.Sdk.AspNetCore.Tests;

/// <summary>Two application instances behind one load balancer, sharing one distributed cache (Redis, SQL Server…).</summary>
public sealed class SeveralInstancesTests
{
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Start);
    private readonly string _secret = PortOneWebhookSigner.GenerateSecret();
    private readonly IDistributedCache _sharedCache = new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions()));

    private PortOneWebhookSigner Signer => new(_secret, _time);

    [Fact]
    public async Task A_webhook_handled_by_one_instance_is_not_handled_again_by_the_other()
    {
        var callsA = new Calls();
        var callsB = new Calls();
        await using var a = await ReceiverHost.StartAsync(b => b.AddHandler(callsA.Record), _time, _secret, _sharedCache);
        await using var b = await ReceiverHost.StartAsync(b => b.AddHandler(callsB.Record), _time, _secret, _sharedCache);
        var body = Payloads.Paid("order-1", Start);

        using var first = await a.PostAsync(body, Signer.Sign(body, "msg_shared"));
        using var redelivered = await b.PostAsync(body, Signer.Sign(body, "msg_shared"));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, redelivered.StatusCode);
        Assert.Equal(1, callsA.Count);
        Assert.Equal(0, callsB.Count);
    }

    [Fact]
    public async Task Instances_with_their_own_in_memory_caches_do_not_see_each_others_records()
    {
        // The default without a shared cache: documented as good for a single instance only.
        var calls = new Calls();
        await using var a = await ReceiverHost.StartAsync(b => b.AddHandler(calls.Record), _time, _secret);
        await using var b = await ReceiverHost.StartAsync(b => b.AddHandler(calls.Record), _time, _secret);
        var body = Payloads.Paid("order-1", Start);

        using var first = await a.PostAsync(body, Signer.Sign(body, "msg_not_shared"));
        using var second = await b.PostAsync(body, Signer.Sign(body, "msg_not_shared"));

        Assert.Equal(2, calls.Count);
    }

    [Fact]
    public async Task A_process_stopped_while_handling_gives_no_2xx_and_the_redelivery_is_handled_exactly_once()
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var doomed = await ReceiverHost.StartAsync(
            b => b.AddHandler(async (_, _, cancellationToken) =>
            {
                entered.SetResult();
                // Work still in progress when the process goes away.
                await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            }),
            _time,
            _secret,
            _sharedCache,
            kestrel: true);
        var body = Payloads.Paid("order-1", Start);

        var delivery = doomed.PostAsync(body, Signer.Sign(body, "msg_crash"));
        await entered.Task;
        var doomedLogsSource = doomed.Logs;
        await doomed.DisposeAsync();
        var doomedLogs = doomedLogsSource.GetSnapshot().Select(r => r.Id.Name).ToArray();

        // PortOne sees a broken connection (or at worst an error status), never a 2xx: it will deliver again.
        var outcome = await Record.ExceptionAsync(async () =>
        {
            using var response = await delivery;
            Assert.False(response.IsSuccessStatusCode, $"the stopped instance answered {(int)response.StatusCode}");
        });
        Assert.True(outcome is null or HttpRequestException or IOException, outcome?.ToString());
        Assert.Contains("PortOneWebhookAborted", doomedLogs);
        Assert.Null(await _sharedCache.GetAsync(PortOneWebhookOptions.DefaultCacheKeyPrefix + "msg_crash"));

        var calls = new Calls();
        await using var survivor = await ReceiverHost.StartAsync(b => b.AddHandler(calls.Record), _time, _secret, _sharedCache, kestrel: true);
        _time.Advance(TimeSpan.FromMinutes(1));
        using var redelivered = await survivor.PostAsync(body, Signer.Sign(body, "msg_crash"));
        using var duplicate = await survivor.PostAsync(body, Signer.Sign(body, "msg_crash"));

        Assert.Equal(HttpStatusCode.OK, redelivered.StatusCode);
        Assert.Equal(HttpStatusCode.OK, duplicate.StatusCode);
        Assert.Equal(1, calls.Count);
    }
}
