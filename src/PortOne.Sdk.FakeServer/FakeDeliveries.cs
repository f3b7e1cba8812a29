using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using PortOne.Sdk.Testing;

namespace PortOne.Sdk.FakeServer;

/// <summary>
/// Posts what the fake records (V2 webhooks, V1 notifications) to the configured URLs. An item is first sent as soon
/// as the fake server notices it (after answering the request that caused it, or right after a clock move); an answer
/// other than 2xx, or no answer, is retried after the configured delays <em>on the fake clock</em>, so retries happen
/// when the clock is moved past them and never on their own. Every attempt is kept.
/// </summary>
/// <typeparam name="TItem">What is delivered.</typeparam>
/// <typeparam name="TDelivery">One item on its way to one URL.</typeparam>
public abstract class FakeDeliveries<TItem, TDelivery> : IDisposable
    where TDelivery : FakeDelivery
{
    private readonly IReadOnlyList<Uri> _urls;
    private readonly IReadOnlyList<TimeSpan> _retryDelays;
    private readonly SemaphoreSlim _running = new(1, 1);
    private readonly object _gate = new();
    private readonly List<TDelivery> _deliveries = [];
    private int _seen;

    private protected FakeDeliveries(FakePortOne fake, IReadOnlyList<Uri> urls, IReadOnlyList<TimeSpan> retryDelays, HttpClient http)
    {
        Fake = fake;
        _urls = urls;
        _retryDelays = retryDelays;
        Http = http;
    }

    /// <summary>Every delivery (one per item and URL, plus one per resend), oldest first.</summary>
    public IReadOnlyList<TDelivery> All
    {
        get
        {
            lock (_gate)
            {
                return _deliveries.ToArray();
            }
        }
    }

    private protected FakePortOne Fake { get; }

    private protected HttpClient Http { get; }

    /// <summary>The items the fake has recorded so far, oldest first.</summary>
    private protected abstract IReadOnlyList<TItem> Recorded { get; }

    /// <summary>
    /// Picks up items recorded since the last run and makes every attempt that is due on the fake clock. Runs one at
    /// a time: a call made while another runs waits for it, then looks again, so once it returns everything due by
    /// then was attempted.
    /// </summary>
    /// <param name="cancellationToken">Stops waiting and sending.</param>
    /// <returns>A task that completes when every due attempt was made.</returns>
    public async Task RunDueAsync(CancellationToken cancellationToken = default)
    {
        if (_urls.Count == 0)
        {
            return;
        }

        await _running.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var recorded = Recorded;
            var now = Fake.Clock.GetUtcNow();
            List<TDelivery> due;
            lock (_gate)
            {
                for (; _seen < recorded.Count; _seen++)
                {
                    foreach (var url in _urls)
                    {
                        _deliveries.Add(Create(_seen, recorded[_seen], url, now));
                    }
                }

                due = _deliveries.Where(d => d.NextAttemptAt is { } at && at <= now).ToList();
            }

            foreach (var delivery in due)
            {
                var at = Fake.Clock.GetUtcNow();
                var (status, error) = await PostAsync(delivery, at, cancellationToken).ConfigureAwait(false);
                lock (_gate)
                {
                    var succeeded = status is >= 200 and < 300;
                    var number = delivery.Attempts.Count + 1;
                    DateTimeOffset? next = succeeded || number > _retryDelays.Count ? null : at + _retryDelays[number - 1];
                    delivery.Record(new FakeWebhookAttempt(number, at, status, error), next, succeeded);
                }
            }
        }
        finally
        {
            _running.Release();
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the lock that keeps runs one at a time.</summary>
    /// <param name="disposing">True when called from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _running.Dispose();
        }
    }

    /// <summary>Queues the item at <paramref name="index"/> again, to every URL, due now.</summary>
    /// <returns>False when there is no such item or no URL to send it to.</returns>
    private protected bool Requeue(int index)
    {
        var recorded = Recorded;
        if (index < 0 || index >= recorded.Count || _urls.Count == 0)
        {
            return false;
        }

        var now = Fake.Clock.GetUtcNow();
        lock (_gate)
        {
            foreach (var url in _urls)
            {
                _deliveries.Add(Create(index, recorded[index], url, now));
            }
        }

        return true;
    }

    /// <summary>A delivery of the item at <paramref name="index"/> to <paramref name="url"/>, first due at <paramref name="at"/>.</summary>
    private protected abstract TDelivery Create(int index, TItem item, Uri url, DateTimeOffset at);

    /// <summary>Makes one attempt at <paramref name="at"/> on the fake clock.</summary>
    private protected abstract Task<(int? Status, string? Error)> PostAsync(TDelivery delivery, DateTimeOffset at, CancellationToken cancellationToken);
}

/// <summary>One item on its way to one URL: the attempts made so far and when the next one is due.</summary>
public abstract class FakeDelivery
{
    private readonly List<FakeWebhookAttempt> _attempts = [];

    private protected FakeDelivery(int index, Uri url, DateTimeOffset firstAttemptAt)
    {
        Index = index;
        Url = url;
        NextAttemptAt = firstAttemptAt;
    }

    /// <summary>The item's position among those the fake recorded, from 0.</summary>
    public int Index { get; }

    /// <summary>Where it is being delivered.</summary>
    public Uri Url { get; }

    /// <summary>When the next attempt is due on the fake clock; null once delivered or given up.</summary>
    public DateTimeOffset? NextAttemptAt { get; private set; }

    /// <summary>True once an attempt got a 2xx answer.</summary>
    public bool Delivered { get; private set; }

    /// <summary>The attempts made, oldest first.</summary>
    public IReadOnlyList<FakeWebhookAttempt> Attempts
    {
        get
        {
            lock (_attempts)
            {
                return _attempts.ToArray();
            }
        }
    }

    /// <summary>One word for the page: delivered, retrying, pending or gave up.</summary>
    public string State => Delivered ? "delivered" : NextAttemptAt is null ? "gave up" : _attempts.Count == 0 ? "pending" : "retrying";

    internal void Record(FakeWebhookAttempt attempt, DateTimeOffset? next, bool delivered)
    {
        lock (_attempts)
        {
            _attempts.Add(attempt);
            NextAttemptAt = next;
            Delivered = delivered;
        }
    }
}

/// <summary>One POST of a webhook or a notification: when (fake clock), and the HTTP status or the error instead.</summary>
/// <param name="Number">1 for the first attempt.</param>
/// <param name="At">When it was made, on the fake clock.</param>
/// <param name="Status">The receiver's HTTP status; null when no answer came.</param>
/// <param name="Error">Why no answer came; null when one did.</param>
public sealed record FakeWebhookAttempt(int Number, DateTimeOffset At, int? Status, string? Error);

/// <summary>One POST of a webhook or a notification, with the outcome as an HTTP status or an error.</summary>
internal static class FakeDeliveryHttp
{
    public static async Task<(int? Status, string? Error)> PostAsync(HttpClient http, Uri url, string body, IEnumerable<KeyValuePair<string, string>> headers, CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url)
            {
                Content = new StringContent(body, Encoding.UTF8, "application/json"),
            };
            foreach (var header in headers)
            {
                request.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            // A fresh connection per attempt: a kept-alive one the receiver has meanwhile closed (Python's
            // http.server closes after every answer) would fail the attempt for no fault of the receiver.
            request.Headers.ConnectionClose = true;

            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            return ((int)response.StatusCode, null);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return (null, exception is TaskCanceledException ? "no answer in time" : Describe(exception));
        }
    }

    // "An error occurred while sending the request." says nothing; the inner exceptions say why (refused, reset, …).
    public static string Describe(Exception exception)
    {
        var messages = new List<string>();
        for (var e = exception; e is not null; e = e.InnerException)
        {
            messages.Add(e.Message);
        }

        return string.Join(" ← ", messages);
    }
}
