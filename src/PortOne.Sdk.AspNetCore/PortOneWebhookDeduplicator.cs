using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Options;

namespace PortOne.Sdk.AspNetCore;

/// <summary>
/// Remembers handled webhook ids in <see cref="IDistributedCache"/>, and lets only one delivery of an id at a time
/// through on this instance.
/// </summary>
internal sealed class PortOneWebhookDeduplicator
{
    private static readonly byte[] Handled = [1];

    private readonly IDistributedCache _cache;
    private readonly PortOneWebhookOptions _options;
    private readonly Dictionary<string, Gate> _gates = new(StringComparer.Ordinal);

    public PortOneWebhookDeduplicator(IDistributedCache cache, IOptions<PortOneWebhookOptions> options)
    {
        _cache = cache;
        _options = options.Value;
    }

    /// <summary>How many ids have a delivery in progress or waiting on this instance (for tests).</summary>
    internal int GateCount
    {
        get
        {
            lock (_gates)
            {
                return _gates.Count;
            }
        }
    }

    /// <summary>Called with the id when a delivery has to wait for another delivery of the same id (a test hook).</summary>
    internal Action<string>? Contended { get; set; }

    /// <summary>
    /// Waits until no other delivery of <paramref name="webhookId"/> is in progress on this instance, then holds the
    /// id until the returned lease is disposed. A second delivery of an id being handled therefore waits for the
    /// first, and then finds it recorded (or runs the handler itself when the first failed).
    /// </summary>
    public async Task<IDisposable> EnterAsync(string webhookId, CancellationToken cancellationToken)
    {
        Gate gate;
        bool contended;
        lock (_gates)
        {
            if (!_gates.TryGetValue(webhookId, out gate!))
            {
                gate = new Gate();
                _gates.Add(webhookId, gate);
            }

            contended = ++gate.Users > 1;
        }

        if (contended)
        {
            Contended?.Invoke(webhookId);
        }

        try
        {
            await gate.Semaphore.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Leave(webhookId, gate);
            throw;
        }

        return new Lease(this, webhookId, gate);
    }

    /// <summary>Whether the id was recorded as handled (here or by another instance sharing the cache).</summary>
    public async Task<bool> IsHandledAsync(string webhookId, CancellationToken cancellationToken) =>
        await _cache.GetAsync(Key(webhookId), cancellationToken).ConfigureAwait(false) is not null;

    /// <summary>Records the id as handled for <see cref="PortOneWebhookOptions.DuplicateWindow"/>.</summary>
    public Task MarkHandledAsync(string webhookId, CancellationToken cancellationToken) =>
        _cache.SetAsync(
            Key(webhookId),
            Handled,
            new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = _options.DuplicateWindow },
            cancellationToken);

    private string Key(string webhookId) => _options.CacheKeyPrefix + webhookId;

    private void Leave(string webhookId, Gate gate)
    {
        lock (_gates)
        {
            if (--gate.Users == 0)
            {
                _gates.Remove(webhookId);
            }
        }
    }

    private sealed class Gate
    {
        public SemaphoreSlim Semaphore { get; } = new(1, 1);

        // Guarded by the dictionary's lock: deliveries holding or waiting for the semaphore.
        public int Users { get; set; }
    }

    private sealed class Lease(PortOneWebhookDeduplicator owner, string webhookId, Gate gate) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                gate.Semaphore.Release();
                owner.Leave(webhookId, gate);
            }
        }
    }
}
