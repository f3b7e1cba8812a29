using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using PortOne.Sdk.Testing;
using PortOne.Sdk.V2.Webhooks;

namespace PortOne.Sdk.FakeServer;

/// <summary>
/// Posts the V2 webhooks the fake records to the configured URLs. A webhook is first sent as soon as the fake
/// server notices it (after answering the request that caused it, or right after a clock move); an answer other
/// than 2xx, or no answer, is retried after the configured delays <em>on the fake clock</em>, so retries happen
/// when the clock is moved past them and never on their own. Every attempt is kept.
/// </summary>
public sealed class FakeWebhookDeliveries : IDisposable
{
    private readonly FakePortOne _fake;
    private readonly IReadOnlyList<Uri> _urls;
    private readonly IReadOnlyList<TimeSpan> _retryDelays;
    private readonly HttpClient _http;
    private readonly SemaphoreSlim _running = new(1, 1);
    private readonly object _gate = new();
    private readonly List<FakeWebhookDelivery> _deliveries = [];
    private int _seen;

    internal FakeWebhookDeliveries(FakePortOne fake, IReadOnlyList<Uri> urls, IReadOnlyList<TimeSpan> retryDelays, HttpClient http)
    {
        _fake = fake;
        _urls = urls;
        _retryDelays = retryDelays;
        _http = http;
    }

    /// <summary>Every delivery (one per webhook and URL, plus one per resend), oldest first.</summary>
    public IReadOnlyList<FakeWebhookDelivery> All
    {
        get
        {
            lock (_gate)
            {
                return _deliveries.ToArray();
            }
        }
    }

    /// <summary>
    /// Picks up webhooks recorded since the last run and makes every attempt that is due on the fake clock.
    /// Runs one at a time: a call made while another runs waits for it, then looks again, so once it returns
    /// everything due by then was attempted.
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
            var webhooks = _fake.Webhooks;
            var now = _fake.Clock.GetUtcNow();
            List<FakeWebhookDelivery> due;
            lock (_gate)
            {
                for (; _seen < webhooks.Count; _seen++)
                {
                    foreach (var url in _urls)
                    {
                        _deliveries.Add(new FakeWebhookDelivery(_seen, webhooks[_seen], url, now));
                    }
                }

                due = _deliveries.Where(d => d.NextAttemptAt is { } at && at <= now).ToList();
            }

            foreach (var delivery in due)
            {
                await AttemptAsync(delivery, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _running.Release();
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _running.Dispose();

    /// <summary>Queues the webhook at <paramref name="index"/> (in <see cref="FakePortOne.Webhooks"/>) again, to every URL, due now.</summary>
    /// <param name="index">The webhook's position, from 0.</param>
    /// <returns>False when there is no such webhook or no URL to send it to.</returns>
    public bool Resend(int index)
    {
        var webhooks = _fake.Webhooks;
        if (index < 0 || index >= webhooks.Count || _urls.Count == 0)
        {
            return false;
        }

        var now = _fake.Clock.GetUtcNow();
        lock (_gate)
        {
            foreach (var url in _urls)
            {
                _deliveries.Add(new FakeWebhookDelivery(index, webhooks[index], url, now));
            }
        }

        return true;
    }

    private async Task AttemptAsync(FakeWebhookDelivery delivery, CancellationToken cancellationToken)
    {
        var at = _fake.Clock.GetUtcNow();

        // Each attempt is signed at its own time, as PortOne does, so a receiver that checks the timestamp against
        // the same fake clock accepts a late retry. The webhook id stays the same: that is how receivers skip repeats.
        var headers = new PortOneWebhookSigner(_fake.WebhookSecret).Sign(delivery.Webhook.Body, delivery.Webhook.Headers.Id, at);
        var (status, error) = await FakeDeliveryHttp.PostAsync(_http, delivery.Url, delivery.Webhook.Body, headers, cancellationToken).ConfigureAwait(false);

        lock (_gate)
        {
            var succeeded = status is >= 200 and < 300;
            var failures = delivery.Attempts.Count + 1;
            DateTimeOffset? next = succeeded || failures > _retryDelays.Count ? null : at + _retryDelays[failures - 1];
            delivery.Record(new FakeWebhookAttempt(failures, at, status, error), next, succeeded);
        }
    }
}

/// <summary>One webhook on its way to one URL: the attempts made so far and when the next one is due.</summary>
public sealed class FakeWebhookDelivery
{
    private readonly List<FakeWebhookAttempt> _attempts = [];

    internal FakeWebhookDelivery(int index, FakeWebhook webhook, Uri url, DateTimeOffset firstAttemptAt)
    {
        Index = index;
        Webhook = webhook;
        Url = url;
        NextAttemptAt = firstAttemptAt;
    }

    /// <summary>The webhook's position in <see cref="FakePortOne.Webhooks"/>.</summary>
    public int Index { get; }

    /// <summary>The webhook being delivered.</summary>
    public FakeWebhook Webhook { get; }

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

/// <summary>One POST of a webhook: when (fake clock), and the HTTP status or the error instead.</summary>
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

    /// <summary>When the next attempt is due after <paramref name="attempts"/> failed ones at <paramref name="at"/>; null to give up.</summary>
    public static DateTimeOffset? NextAttempt(IReadOnlyList<TimeSpan> retryDelays, int attempts, DateTimeOffset at) =>
        attempts > retryDelays.Count ? null : at + retryDelays[attempts - 1];

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
