using System;
using System.Collections.Generic;
using System.Net.Http;

namespace PortOne.Sdk.Testing;

/// <summary>
/// Where the network fails a call to <see cref="FakePortOne"/>: before the fake saw the request, or after it acted
/// on it. Inject them with a <see cref="FakeFaultPlan"/> (<see cref="FakePortOne.AddFaultPlan"/>).
/// </summary>
public enum FakeFault
{
    /// <summary>No fault: the request is answered normally.</summary>
    None = 0,

    /// <summary>The request is lost before the fake looks at it: the connection is closed and nothing is recorded.</summary>
    RequestLost,

    /// <summary>The fake acts on the request (a charge is made), then the connection is closed before any answer byte.</summary>
    AnswerLost,

    /// <summary>
    /// The fake acts on the request, then stays silent: it moves its clock by <see cref="FakeFaultPlan.SilenceFor"/>
    /// (so a client on the fake's clock times out without real waiting) and then closes the connection.
    /// </summary>
    Silence,

    /// <summary>The fake acts on the request, then answers 500 with a body that is not an error PortOne documents.</summary>
    ServerError,

    /// <summary>The fake acts on the request, then sends the answer's status and headers and half its body, and closes the connection.</summary>
    AnswerCut,
}

/// <summary>
/// Which requests to fail and how: a queue of faults to inject first, then, optionally, faults at a seeded random
/// rate. Add it to a fake with <see cref="FakePortOne.AddFaultPlan"/>; it applies to in-memory and loopback clients
/// alike. Thread-safe; the same seed gives the same sequence of decisions for the same sequence of requests.
/// </summary>
/// <example>
/// <code>
/// fake.AddFaultPlan(FakeFaultPlan.ForV2Charges().Then(FakeFault.Silence).AtRandom(0.2, seed: 42));
/// </code>
/// </example>
public sealed class FakeFaultPlan
{
    private static readonly FakeFault[] AllFaults = [FakeFault.RequestLost, FakeFault.AnswerLost, FakeFault.Silence, FakeFault.ServerError, FakeFault.AnswerCut];

    private readonly object _gate = new();
    private readonly Func<HttpRequestMessage, bool> _selects;
    private readonly Queue<FakeFault> _queued = new();
    private readonly Dictionary<FakeFault, int> _injected = new();
    private Random? _random;
    private double _rate;
    private FakeFault[] _randomFaults = AllFaults;

    /// <summary>Creates a plan for the requests <paramref name="selects"/> accepts.</summary>
    /// <param name="selects">
    /// Picks the requests the plan applies to. It sees the request as the fake routes it: host
    /// <see cref="FakePortOne.V2BaseAddress"/> or <see cref="FakePortOne.V1BaseAddress"/>, the API's own path.
    /// </param>
    public FakeFaultPlan(Func<HttpRequestMessage, bool> selects)
    {
        _selects = selects ?? throw new ArgumentNullException(nameof(selects));
    }

    /// <summary>
    /// How far the fake moves its clock for a <see cref="FakeFault.Silence"/>. Make it at least the client's
    /// <see cref="PortOneClientOptions.AttemptTimeout"/> so the client gives up. Default: 30 seconds (the SDK's default).
    /// </summary>
    public TimeSpan SilenceFor { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A plan for requests whose API path starts with <paramref name="pathPrefix"/> (V1 or V2), optionally of one method only.</summary>
    /// <param name="pathPrefix">E.g. <c>/payments/</c> or <c>/subscribe/payments/again</c>.</param>
    /// <param name="method">Only requests of this method; null for any.</param>
    /// <returns>A plan with no faults yet.</returns>
    public static FakeFaultPlan ForPathPrefix(string pathPrefix, HttpMethod? method = null)
    {
        if (pathPrefix is null)
        {
            throw new ArgumentNullException(nameof(pathPrefix));
        }

        return new FakeFaultPlan(request =>
            (method is null || request.Method == method) &&
            request.RequestUri is { } uri && uri.AbsolutePath.StartsWith(pathPrefix, StringComparison.Ordinal));
    }

    /// <summary>A plan for the V2 charges: <c>POST /payments/{paymentId}/billing-key</c> and <c>POST /payments/{paymentId}/instant</c>.</summary>
    /// <returns>A plan with no faults yet.</returns>
    public static FakeFaultPlan ForV2Charges() => new(request =>
        request.Method == HttpMethod.Post &&
        request.RequestUri is { } uri &&
        string.Equals(uri.Host, FakePortOne.V2BaseAddress.Host, StringComparison.OrdinalIgnoreCase) &&
        uri.AbsolutePath.StartsWith("/payments/", StringComparison.Ordinal) &&
        (uri.AbsolutePath.EndsWith("/billing-key", StringComparison.Ordinal) || uri.AbsolutePath.EndsWith("/instant", StringComparison.Ordinal)));

    /// <summary>
    /// A plan for every call that moves money, of both APIs: V2 <c>POST /payments/{paymentId}/billing-key</c>,
    /// <c>/instant</c>, <c>/cancel</c>, <c>/schedule</c>; V1 <c>POST /subscribe/payments/again</c>, <c>/onetime</c>,
    /// <c>/schedule</c>, <c>/schedule/{merchant_uid}/retry</c> and <c>POST /payments/cancel</c>.
    /// </summary>
    /// <returns>A plan with no faults yet.</returns>
    public static FakeFaultPlan ForMoneyCalls() => new(request =>
    {
        if (request.Method != HttpMethod.Post || request.RequestUri is not { } uri)
        {
            return false;
        }

        var path = uri.AbsolutePath;
        if (string.Equals(uri.Host, FakePortOne.V2BaseAddress.Host, StringComparison.OrdinalIgnoreCase))
        {
            return path.StartsWith("/payments/", StringComparison.Ordinal)
                && (path.EndsWith("/billing-key", StringComparison.Ordinal) || path.EndsWith("/instant", StringComparison.Ordinal)
                    || path.EndsWith("/cancel", StringComparison.Ordinal) || path.EndsWith("/schedule", StringComparison.Ordinal));
        }

        return string.Equals(uri.Host, FakePortOne.V1BaseAddress.Host, StringComparison.OrdinalIgnoreCase)
            && (path is "/subscribe/payments/again" or "/subscribe/payments/onetime" or "/subscribe/payments/schedule" or "/payments/cancel"
                || (path.StartsWith("/subscribe/payments/schedule/", StringComparison.Ordinal) && path.EndsWith("/retry", StringComparison.Ordinal)));
    });

    /// <summary>
    /// A plan for the lookups the SDK makes to settle a money call: V2 <c>GET /payments/{paymentId}</c> and
    /// <c>GET /payment-schedules</c>; V1 <c>GET /payments/{imp_uid}</c>, <c>GET /payments/find/…</c> and
    /// <c>GET /subscribe/payments/schedule/{merchant_uid}</c>.
    /// </summary>
    /// <returns>A plan with no faults yet.</returns>
    public static FakeFaultPlan ForMoneyLookups() => new(request =>
    {
        if (request.Method != HttpMethod.Get || request.RequestUri is not { } uri)
        {
            return false;
        }

        var segments = uri.AbsolutePath.Trim('/').Split('/');
        if (string.Equals(uri.Host, FakePortOne.V2BaseAddress.Host, StringComparison.OrdinalIgnoreCase))
        {
            return (segments.Length == 2 && segments[0] == "payments") || (segments.Length == 1 && segments[0] == "payment-schedules");
        }

        return string.Equals(uri.Host, FakePortOne.V1BaseAddress.Host, StringComparison.OrdinalIgnoreCase)
            && ((segments.Length >= 2 && segments[0] == "payments")
                || (segments.Length == 4 && segments[0] == "subscribe" && segments[1] == "payments" && segments[2] == "schedule"));
    });

    /// <summary>A plan for the V2 payment lookup <c>GET /payments/{paymentId}</c>.</summary>
    /// <returns>A plan with no faults yet.</returns>
    public static FakeFaultPlan ForV2PaymentLookups() => new(request =>
        request.Method == HttpMethod.Get &&
        request.RequestUri is { } uri &&
        string.Equals(uri.Host, FakePortOne.V2BaseAddress.Host, StringComparison.OrdinalIgnoreCase) &&
        uri.AbsolutePath.StartsWith("/payments/", StringComparison.Ordinal) &&
        uri.AbsolutePath.Trim('/').Split('/').Length == 2);

    /// <summary>Queues <paramref name="fault"/> for the next <paramref name="count"/> selected requests (after those queued before).</summary>
    /// <param name="fault">The fault.</param>
    /// <param name="count">How many requests it hits.</param>
    /// <returns>This plan.</returns>
    public FakeFaultPlan Then(FakeFault fault, int count = 1)
    {
        if (count < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "The count must not be negative.");
        }

        lock (_gate)
        {
            for (var i = 0; i < count; i++)
            {
                _queued.Enqueue(fault);
            }
        }

        return this;
    }

    /// <summary>
    /// Once the queue is empty, fails each selected request with probability <paramref name="rate"/>, with a fault
    /// drawn evenly from <paramref name="faults"/> (all of them when none are given), from a generator seeded with
    /// <paramref name="seed"/>.
    /// </summary>
    /// <param name="rate">Between 0 and 1.</param>
    /// <param name="seed">The seed, so a failing run can be repeated.</param>
    /// <param name="faults">The faults to draw from; empty for all.</param>
    /// <returns>This plan.</returns>
    public FakeFaultPlan AtRandom(double rate, int seed, params FakeFault[] faults)
    {
        if (rate is < 0 or > 1 || double.IsNaN(rate))
        {
            throw new ArgumentOutOfRangeException(nameof(rate), rate, "The rate must be between 0 and 1.");
        }

        lock (_gate)
        {
            _rate = rate;
            _random = new Random(seed);
            _randomFaults = faults is { Length: > 0 } ? (FakeFault[])faults.Clone() : AllFaults;
        }

        return this;
    }

    /// <summary>How many times the plan injected <paramref name="fault"/> so far.</summary>
    /// <param name="fault">The fault.</param>
    /// <returns>The count.</returns>
    public int Injected(FakeFault fault)
    {
        lock (_gate)
        {
            return _injected.TryGetValue(fault, out var count) ? count : 0;
        }
    }

    internal FakeFault Next(HttpRequestMessage request)
    {
        if (!_selects(request))
        {
            return FakeFault.None;
        }

        lock (_gate)
        {
            var fault = FakeFault.None;
            if (_queued.Count > 0)
            {
                fault = _queued.Dequeue();
            }
            else if (_random is not null && _random.NextDouble() < _rate)
            {
                fault = _randomFaults[_random.Next(_randomFaults.Length)];
            }

            if (fault != FakeFault.None)
            {
                _injected[fault] = (_injected.TryGetValue(fault, out var count) ? count : 0) + 1;
            }

            return fault;
        }
    }
}

/// <summary>One charge the fake's payment gateway made: what <see cref="FakePortOne.Charges"/> lists.</summary>
public sealed class FakeCharge
{
    internal FakeCharge(string api, string paymentId, string status, string? pgTxId, long amount, string currency, DateTimeOffset at)
    {
        Api = api;
        PaymentId = paymentId;
        Status = status;
        PgTxId = pgTxId;
        Amount = amount;
        Currency = currency;
        At = at;
    }

    /// <summary><c>V2</c> or <c>V1</c>.</summary>
    public string Api { get; }

    /// <summary>The id the merchant chose: V2 <c>paymentId</c>, V1 <c>merchant_uid</c>.</summary>
    public string PaymentId { get; }

    /// <summary><c>PAID</c> (the card was charged) or <c>FAILED</c> (the gateway declined).</summary>
    public string Status { get; }

    /// <summary>The gateway's transaction id of a paid charge; null for a failed one.</summary>
    public string? PgTxId { get; }

    /// <summary>The amount charged (or declined).</summary>
    public long Amount { get; }

    /// <summary>The currency, e.g. <c>KRW</c>.</summary>
    public string Currency { get; }

    /// <summary>When the fake's clock says it happened.</summary>
    public DateTimeOffset At { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{Api} {PaymentId} {Status}";
}

/// <summary>One refund the fake's payment gateway made: what <see cref="FakePortOne.Refunds"/> lists.</summary>
public sealed class FakeRefund
{
    internal FakeRefund(string api, string paymentId, string cancellationId, long amount, string? reason, DateTimeOffset at)
    {
        Api = api;
        PaymentId = paymentId;
        CancellationId = cancellationId;
        Amount = amount;
        Reason = reason;
        At = at;
    }

    /// <summary><c>V2</c> or <c>V1</c>.</summary>
    public string Api { get; }

    /// <summary>The payment refunded: V2 <c>paymentId</c>, V1 <c>merchant_uid</c>.</summary>
    public string PaymentId { get; }

    /// <summary>The cancellation's id (V2 <c>cancellation.id</c>, V1 <c>cancel_history[].cancellation_id</c>).</summary>
    public string CancellationId { get; }

    /// <summary>The amount paid back.</summary>
    public long Amount { get; }

    /// <summary>The reason the refund request gave.</summary>
    public string? Reason { get; }

    /// <summary>When the fake's clock says it happened.</summary>
    public DateTimeOffset At { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{Api} {PaymentId} refund {Amount}";
}
