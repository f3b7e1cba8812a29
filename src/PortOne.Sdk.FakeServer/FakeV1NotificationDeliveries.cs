using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using PortOne.Sdk.Testing;

namespace PortOne.Sdk.FakeServer;

/// <summary>
/// Posts the V1 (iamport) notifications the fake records to the configured notice URLs, the way
/// <see cref="FakeWebhookDeliveries"/> posts V2 webhooks: first as soon as the server notices one, then, while the
/// receiver answers other than 2xx or not at all, again after the configured delays on the fake clock. The body is
/// the notification's JSON and nothing is signed, as with iamport.
/// </summary>
public sealed class FakeV1NotificationDeliveries : IDisposable
{
    private static readonly KeyValuePair<string, string>[] NoHeaders = [];

    private readonly FakePortOne _fake;
    private readonly IReadOnlyList<Uri> _urls;
    private readonly IReadOnlyList<TimeSpan> _retryDelays;
    private readonly HttpClient _http;
    private readonly SemaphoreSlim _running = new(1, 1);
    private readonly object _gate = new();
    private readonly List<FakeV1NotificationDelivery> _deliveries = [];
    private int _seen;

    internal FakeV1NotificationDeliveries(FakePortOne fake, IReadOnlyList<Uri> urls, IReadOnlyList<TimeSpan> retryDelays, HttpClient http)
    {
        _fake = fake;
        _urls = urls;
        _retryDelays = retryDelays;
        _http = http;
    }

    /// <summary>Every delivery (one per notification and URL), oldest first.</summary>
    public IReadOnlyList<FakeV1NotificationDelivery> All
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
    /// Picks up notifications recorded since the last run and makes every attempt due on the fake clock, one run at
    /// a time; once it returns, everything due by then was attempted.
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
            var notifications = _fake.V1Notifications;
            var now = _fake.Clock.GetUtcNow();
            List<FakeV1NotificationDelivery> due;
            lock (_gate)
            {
                for (; _seen < notifications.Count; _seen++)
                {
                    foreach (var url in _urls)
                    {
                        _deliveries.Add(new FakeV1NotificationDelivery(_seen, notifications[_seen], url, now));
                    }
                }

                due = _deliveries.Where(d => d.NextAttemptAt is { } at && at <= now).ToList();
            }

            foreach (var delivery in due)
            {
                var at = _fake.Clock.GetUtcNow();
                var (status, error) = await FakeDeliveryHttp.PostAsync(_http, delivery.Url, delivery.Notification.Body, NoHeaders, cancellationToken).ConfigureAwait(false);
                lock (_gate)
                {
                    var succeeded = status is >= 200 and < 300;
                    var number = delivery.Attempts.Count + 1;
                    delivery.Record(new FakeWebhookAttempt(number, at, status, error), succeeded ? null : FakeDeliveryHttp.NextAttempt(_retryDelays, number, at), succeeded);
                }
            }
        }
        finally
        {
            _running.Release();
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _running.Dispose();
}

/// <summary>One V1 notification on its way to one notice URL: the attempts so far and when the next is due.</summary>
public sealed class FakeV1NotificationDelivery
{
    private readonly List<FakeWebhookAttempt> _attempts = [];

    internal FakeV1NotificationDelivery(int index, FakeV1Notification notification, Uri url, DateTimeOffset firstAttemptAt)
    {
        Index = index;
        Notification = notification;
        Url = url;
        NextAttemptAt = firstAttemptAt;
    }

    /// <summary>The notification's position in <see cref="FakePortOne.V1Notifications"/>.</summary>
    public int Index { get; }

    /// <summary>The notification being delivered.</summary>
    public FakeV1Notification Notification { get; }

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
