using System.Net;
using System.Text;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PortOne.Sdk.V2.Webhooks;

namespace PortOne.Sdk.AspNetCore.Tests;

public sealed class WebhookEndpointTests
{
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Start);
    private readonly string _secret = PortOneWebhookSigner.GenerateSecret();

    private PortOneWebhookSigner Signer => new(_secret, _time);

    [Fact]
    public async Task A_valid_webhook_reaches_the_handler_typed_and_is_answered_200()
    {
        var calls = new Calls();
        await using var host = await ReceiverHost.StartAsync(b => b.AddHandler(calls.Record), _time, _secret);
        var body = Payloads.Paid("order-1", Start);
        var headers = Signer.Sign(body, "msg_valid");

        using var response = await host.PostAsync(body, headers);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var (webhook, context) = Assert.Single(calls.All);
        var paid = Assert.IsType<WebhookTransactionPaid>(webhook);
        Assert.Equal("order-1", paid.PaymentId);
        Assert.Equal("msg_valid", context.WebhookId);
        Assert.Equal(Start, context.SentAt);
        Assert.Equal(body, Encoding.UTF8.GetString(context.Body.Span));
    }

    [Fact]
    public async Task The_signature_is_checked_on_the_bytes_as_received_not_on_a_re_serialized_body()
    {
        // Spacing, key order and escapes that any JSON round trip would change; the signature covers these bytes.
        var calls = new Calls();
        await using var host = await ReceiverHost.StartAsync(b => b.AddHandler(calls.Record), _time, _secret);
        var body = "{ \"data\" : {\"storeId\":\"store-test\", \"transactionId\":\"tx\",\"paymentId\":\"\\uc8fc\\ubb38-1\"},\n  \"timestamp\":\"2025-03-01T09:00:00Z\", \"type\":\"Transaction.Paid\" }";
        var headers = Signer.Sign(body, "msg_raw");

        using var response = await host.PostAsync(body, headers);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("주문-1", Assert.IsType<WebhookTransactionPaid>(Assert.Single(calls.All).Webhook).PaymentId);
    }

    [Fact]
    public async Task A_tampered_body_is_refused_with_400_and_logged_with_its_reason_but_not_its_body_or_the_secret()
    {
        var calls = new Calls();
        await using var host = await ReceiverHost.StartAsync(b => b.AddHandler(calls.Record), _time, _secret);
        var body = Payloads.Paid("order-1", Start);
        var headers = Signer.Sign(body, "msg_tampered");

        using var response = await host.PostAsync(body.Replace("order-1", "order-2", StringComparison.Ordinal), headers);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("NoMatchingSignature", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, calls.Count);
        var refused = Assert.Single(host.Logs.GetSnapshot(), r => r.Id.Name == "PortOneWebhookRefused");
        Assert.Equal(LogLevel.Warning, refused.Level);
        Assert.Contains("NoMatchingSignature", refused.Message, StringComparison.Ordinal);
        Assert.Contains("msg_tampered", refused.Message, StringComparison.Ordinal);
        foreach (var record in host.Logs.GetSnapshot())
        {
            Assert.DoesNotContain(_secret["whsec_".Length..], record.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("order-2", record.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(headers.Signature, record.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_webhook_signed_with_another_secret_or_without_headers_is_refused()
    {
        var calls = new Calls();
        await using var host = await ReceiverHost.StartAsync(b => b.AddHandler(calls.Record), _time, _secret);
        var body = Payloads.Paid("order-1", Start);

        using var otherSecret = await host.PostAsync(body, new PortOneWebhookSigner(PortOneWebhookSigner.GenerateSecret(), _time).Sign(body));
        using var noHeaders = await host.Client.PostAsync(ReceiverHost.V2Path, new StringContent(body));

        Assert.Equal(HttpStatusCode.BadRequest, otherSecret.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noHeaders.StatusCode);
        Assert.Contains("MissingHeader", await noHeaders.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, calls.Count);
    }

    [Fact]
    public async Task A_replay_of_a_captured_request_after_the_time_window_is_refused_as_too_old()
    {
        var calls = new Calls();
        await using var host = await ReceiverHost.StartAsync(b => b.AddHandler(calls.Record), _time, _secret);
        var body = Payloads.Paid("order-1", Start);
        var headers = Signer.Sign(body, "msg_captured");
        _time.Advance(PortOneWebhookVerifier.TimestampTolerance + TimeSpan.FromSeconds(1));

        using var response = await host.PostAsync(body, headers);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("TooOld", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, calls.Count);
        Assert.Contains(host.Logs.GetSnapshot(), r => r.Id.Name == "PortOneWebhookRefused" && r.Message.Contains("TooOld", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_duplicated_delivery_is_acknowledged_without_calling_the_handler_again()
    {
        var calls = new Calls();
        await using var host = await ReceiverHost.StartAsync(b => b.AddHandler(calls.Record), _time, _secret);
        var body = Payloads.Paid("order-1", Start);
        var headers = Signer.Sign(body, "msg_twice");

        using var first = await host.PostAsync(body, headers);
        _time.Advance(TimeSpan.FromMinutes(1));
        // PortOne's retry: same id, re-signed with a new timestamp.
        using var second = await host.PostAsync(body, Signer.Sign(body, "msg_twice"));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(1, calls.Count);
        Assert.Contains(host.Logs.GetSnapshot(), r => r.Id.Name == "PortOneWebhookDuplicate" && r.Message.Contains("msg_twice", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Concurrent_deliveries_of_one_id_run_the_handler_once()
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var secondWaiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = 0;
        await using var host = await ReceiverHost.StartAsync(
            b => b.AddHandler(async (_, _, _) =>
            {
                Interlocked.Increment(ref calls);
                entered.TrySetResult();
                await release.Task;
            }),
            _time,
            _secret);
        host.Deduplicator.Contended = _ => secondWaiting.TrySetResult();
        var body = Payloads.Paid("order-1", Start);

        var first = host.PostAsync(body, Signer.Sign(body, "msg_concurrent"));
        await entered.Task;
        var second = host.PostAsync(body, Signer.Sign(body, "msg_concurrent"));
        await secondWaiting.Task;
        release.SetResult();

        using var firstResponse = await first;
        using var secondResponse = await second;
        Assert.Equal(HttpStatusCode.OK, firstResponse.StatusCode);
        Assert.Equal(HttpStatusCode.OK, secondResponse.StatusCode);
        Assert.Equal(1, calls);
        Assert.Equal(0, host.Deduplicator.GateCount);
    }

    [Fact]
    public async Task An_oversized_body_is_refused_with_413_from_its_content_length()
    {
        var calls = new Calls();
        await using var host = await ReceiverHost.StartAsync(
            b => b.AddHandler(calls.Record), _time, _secret, settings: new Dictionary<string, string?> { ["PortOne:Webhooks:MaxBodyBytes"] = "1024" });
        var body = new byte[1025];
        Array.Fill(body, (byte)' ');

        using var response = await host.PostAsync(body, Signer.Sign(body));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, calls.Count);
        Assert.Contains(host.Logs.GetSnapshot(), r => r.Id.Name == "PortOneWebhookTooLarge");
    }

    [Fact]
    public async Task An_oversized_body_without_a_length_is_refused_with_413_before_it_is_read_in_full()
    {
        var calls = new Calls();
        await using var host = await ReceiverHost.StartAsync(
            b => b.AddHandler(calls.Record), _time, _secret, settings: new Dictionary<string, string?> { ["PortOne:Webhooks:MaxBodyBytes"] = "1024" });
        // 64 MiB offered in chunks, with no Content-Length.
        using var endless = new CountingStream(64L * 1024 * 1024);
        var request = new HttpRequestMessage(HttpMethod.Post, ReceiverHost.V2Path) { Content = new StreamContent(endless, 1024) };
        foreach (var header in Signer.Sign("{}"))
        {
            request.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        using var response = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, calls.Count);
        Assert.True(endless.Produced < 1024 * 1024, $"the server read {endless.Produced} bytes of a body it refuses after 1 KiB");
    }

    [Fact]
    public async Task A_slow_handler_holds_the_answer_until_it_has_finished()
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var host = await ReceiverHost.StartAsync(
            b => b.AddHandler(async (_, _, _) =>
            {
                entered.SetResult();
                await release.Task;
            }),
            _time,
            _secret);
        var body = Payloads.Paid("order-1", Start);

        var pending = host.PostAsync(body, Signer.Sign(body, "msg_slow"));
        await entered.Task;

        // The handler is running: no answer can have been sent, and the id is not recorded yet.
        Assert.False(pending.IsCompleted);
        Assert.False(await host.Deduplicator.IsHandledAsync("msg_slow", CancellationToken.None));
        release.SetResult();
        using var response = await pending;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(await host.Deduplicator.IsHandledAsync("msg_slow", CancellationToken.None));
    }

    [Fact]
    public async Task A_failing_handler_gets_500_and_the_webhook_is_handled_when_it_comes_again()
    {
        var attempts = 0;
        await using var host = await ReceiverHost.StartAsync(
            b => b.AddHandler((_, _, _) => Interlocked.Increment(ref attempts) == 1
                ? throw new InvalidOperationException("database down")
                : Task.CompletedTask),
            _time,
            _secret);
        var body = Payloads.Paid("order-1", Start);

        using var failed = await host.PostAsync(body, Signer.Sign(body, "msg_fails_once"));
        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.DoesNotContain("database down", await failed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var error = Assert.Single(host.Logs.GetSnapshot(), r => r.Id.Name == "PortOneWebhookHandlerFailed");
        Assert.Equal(LogLevel.Error, error.Level);
        Assert.IsType<InvalidOperationException>(error.Exception);

        using var retried = await host.PostAsync(body, Signer.Sign(body, "msg_fails_once"));
        using var again = await host.PostAsync(body, Signer.Sign(body, "msg_fails_once"));

        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(2, attempts);
    }

    [Fact]
    public async Task Handled_ids_are_kept_for_the_duplicate_window_under_the_configured_prefix()
    {
        var cache = new RecordingCache();
        await using var host = await ReceiverHost.StartAsync(
            b => b.AddHandler((_, _, _) => Task.CompletedTask),
            _time,
            _secret,
            sharedCache: cache,
            settings: new Dictionary<string, string?>
            {
                ["PortOne:Webhooks:DuplicateWindow"] = "1.12:00:00",
                ["PortOne:Webhooks:CacheKeyPrefix"] = "shop-a:portone:",
            });
        var body = Payloads.Paid("order-1", Start);

        using var response = await host.PostAsync(body, Signer.Sign(body, "msg_window"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var (key, options) = Assert.Single(cache.Writes);
        Assert.Equal("shop-a:portone:msg_window", key);
        Assert.Equal(TimeSpan.FromHours(36), options.AbsoluteExpirationRelativeToNow);
    }

    [Fact]
    public async Task When_the_cache_cannot_be_read_the_webhook_is_not_handled_and_gets_503()
    {
        var calls = new Calls();
        var cache = new RecordingCache { FailReads = true };
        await using var host = await ReceiverHost.StartAsync(b => b.AddHandler(calls.Record), _time, _secret, sharedCache: cache);
        var body = Payloads.Paid("order-1", Start);

        using var response = await host.PostAsync(body, Signer.Sign(body, "msg_cache_down"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(0, calls.Count);
    }

    [Fact]
    public async Task When_the_cache_cannot_be_written_the_handled_webhook_is_still_acknowledged()
    {
        var calls = new Calls();
        var cache = new RecordingCache { FailWrites = true };
        await using var host = await ReceiverHost.StartAsync(b => b.AddHandler(calls.Record), _time, _secret, sharedCache: cache);
        var body = Payloads.Paid("order-1", Start);

        using var response = await host.PostAsync(body, Signer.Sign(body, "msg_not_recorded"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, calls.Count);
        Assert.Contains(host.Logs.GetSnapshot(), r => r.Id.Name == "PortOneWebhookNotRecorded");
    }

    [Fact]
    public async Task Several_handlers_run_in_order_and_other_methods_are_not_allowed()
    {
        var order = new List<string>();
        await using var host = await ReceiverHost.StartAsync(
            b => b
                .AddHandler((_, _, _) => { order.Add("first"); return Task.CompletedTask; })
                .AddHandler((_, _, _) => { order.Add("second"); return Task.CompletedTask; }),
            _time,
            _secret);
        var body = Payloads.Paid("order-1", Start);

        using var response = await host.PostAsync(body, Signer.Sign(body));
        using var get = await host.Client.GetAsync(ReceiverHost.V2Path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["first", "second"], order);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, get.StatusCode);
    }

    /// <summary>A body source that counts what the server pulled from it.</summary>
    private sealed class CountingStream(long length) : Stream
    {
        private long _produced;

        public long Produced => Interlocked.Read(ref _produced);

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - Produced);
            Array.Fill(buffer, (byte)' ', offset, n);
            Interlocked.Add(ref _produced, n);
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

/// <summary>An in-memory IDistributedCache that records writes and can be made to fail.</summary>
internal sealed class RecordingCache : IDistributedCache
{
    private readonly MemoryDistributedCache _inner = new(Options.Create(new MemoryDistributedCacheOptions()));
    private readonly List<(string Key, DistributedCacheEntryOptions Options)> _writes = [];

    public bool FailReads { get; init; }

    public bool FailWrites { get; init; }

    public IReadOnlyList<(string Key, DistributedCacheEntryOptions Options)> Writes
    {
        get
        {
            lock (_writes)
            {
                return _writes.ToArray();
            }
        }
    }

    public byte[]? Get(string key) => FailReads ? throw new IOException("cache unreachable") : _inner.Get(key);

    public Task<byte[]?> GetAsync(string key, CancellationToken token = default) =>
        FailReads ? throw new IOException("cache unreachable") : _inner.GetAsync(key, token);

    public void Refresh(string key) => _inner.Refresh(key);

    public Task RefreshAsync(string key, CancellationToken token = default) => _inner.RefreshAsync(key, token);

    public void Remove(string key) => _inner.Remove(key);

    public Task RemoveAsync(string key, CancellationToken token = default) => _inner.RemoveAsync(key, token);

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options)
    {
        Record(key, options);
        _inner.Set(key, value, options);
    }

    public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default)
    {
        Record(key, options);
        return _inner.SetAsync(key, value, options, token);
    }

    private void Record(string key, DistributedCacheEntryOptions options)
    {
        if (FailWrites)
        {
            throw new IOException("cache unreachable");
        }

        lock (_writes)
        {
            _writes.Add((key, options));
        }
    }
}
