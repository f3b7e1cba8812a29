using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using PortOne.Sdk.V1;
using PortOne.Sdk.V2;
using PortOne.Sdk.V2.Webhooks;

namespace PortOne.Sdk.Testing;

/// <summary>
/// A stateful, in-memory PortOne for tests: it answers the V1 and V2 calls of <see cref="PortOneV1Client"/> and
/// <see cref="PortOneV2Client"/> the way PortOne would (billing keys, payments, cancellations, schedules, errors),
/// without a network. Its <see cref="Clock"/> stands still until you move it; moving it runs due payment
/// schedules. Webhooks it would have sent are recorded in <see cref="Webhooks"/>.
/// </summary>
/// <example>
/// <code>
/// await using var fake = new FakePortOne();
/// var portone = fake.CreateV2Client();
/// fake.Clock.Advance(TimeSpan.FromDays(31));
/// </code>
/// </example>
public sealed class FakePortOne : IDisposable, IAsyncDisposable
{
    /// <summary>The base address the fake answers V2 calls on.</summary>
    public static readonly Uri V2BaseAddress = new("https://v2.fake-portone.test/");

    /// <summary>The base address the fake answers V1 calls on.</summary>
    public static readonly Uri V1BaseAddress = new("https://v1.fake-portone.test/");

    private readonly object _gate = new();
    private readonly List<FakeWebhook> _webhooks = [];
    private readonly List<FakeV1Notification> _v1Notifications = [];
    private readonly ConcurrentQueue<(string? PathPrefix, HttpStatusCode Status, string Body)> _faults = new();
    private readonly List<IDisposable> _clients = [];
    private readonly List<FakeFaultPlan> _faultPlans = [];
    private readonly List<FakeCharge> _charges = [];
    private readonly List<FakeRefund> _refunds = [];
    private FakePortOneServer? _server;
    private string _webhookSecret = PortOneWebhookSigner.GenerateSecret();
    private PortOneWebhookSigner? _signer;
    private int _webhookSequence;

    /// <summary>Creates an empty fake whose clock starts at <paramref name="start"/> (default: 2025-01-01 00:00 UTC).</summary>
    /// <param name="start">The initial time of <see cref="Clock"/>.</param>
    public FakePortOne(DateTimeOffset? start = null)
    {
        Clock = new FakePortOneClock(start ?? new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), OnClockAdvanced);
        V2 = new FakeV2(this);
        V1 = new FakeV1(this);
    }

    /// <summary>Card numbers with a fixed behaviour. Any other well-formed number (13 to 19 digits) succeeds.</summary>
    public static class TestCards
    {
        /// <summary>A card that always succeeds.</summary>
        public const string Success = "4242424242424242";

        /// <summary>A card whose issuer refuses to register it: issuing a billing key fails with a PG error.</summary>
        public const string DeclinedOnIssue = "4000000000000002";

        /// <summary>A card that registers, but every charge on it is declined (a PG error, and a failed payment).</summary>
        public const string DeclinedOnPayment = "4000000000000341";
    }

    /// <summary>The fake's clock. Pass it wherever your own code needs "now" so both agree.</summary>
    public FakePortOneClock Clock { get; }

    /// <summary>The V2 API secret the fake accepts. Default: <c>fake-v2-api-secret</c>.</summary>
    public string V2ApiSecret { get; set; } = "fake-v2-api-secret";

    /// <summary>The V1 REST API key the fake accepts. Default: <c>fake-v1-key</c>.</summary>
    public string V1ApiKey { get; set; } = "fake-v1-key";

    /// <summary>The V1 REST API secret the fake accepts. Default: <c>fake-v1-secret</c>.</summary>
    public string V1ApiSecret { get; set; } = "fake-v1-secret";

    /// <summary>The store id the fake belongs to. Default: <c>store-fake</c>.</summary>
    public string StoreId { get; set; } = "store-fake";

    /// <summary>The merchant id the fake reports. Default: <c>merchant-fake</c>.</summary>
    public string MerchantId { get; set; } = "merchant-fake";

    /// <summary>
    /// The secret the fake signs its webhooks with (Standard Webhooks, <c>whsec_</c> form). Configure your webhook
    /// endpoint under test with it. A new random secret per fake unless you set one.
    /// </summary>
    public string WebhookSecret
    {
        get => _webhookSecret;
        set
        {
            _signer = new PortOneWebhookSigner(value ?? throw new ArgumentNullException(nameof(value)));
            _webhookSecret = value;
        }
    }

    /// <summary>Webhooks the fake would have sent, oldest first.</summary>
    public IReadOnlyList<FakeWebhook> Webhooks
    {
        get
        {
            lock (_gate)
            {
                return _webhooks.ToArray();
            }
        }
    }

    /// <summary>
    /// The V1 (iamport) notifications the fake would have posted to a notice URL, oldest first: one each time a V1
    /// payment is paid or fails (including a scheduled one when it runs) and each time it is cancelled, in part or
    /// in full. They are unsigned, like iamport's; the FakeServer delivers them when given a V1 notification URL.
    /// </summary>
    public IReadOnlyList<FakeV1Notification> V1Notifications
    {
        get
        {
            lock (_gate)
            {
                return _v1Notifications.ToArray();
            }
        }
    }

    /// <summary>How many requests of each kind reached the fake (e.g. <c>V1.GetToken</c>, <c>V2.Login</c>, <c>Requests</c>).</summary>
    public FakeCounters Counters { get; } = new();

    internal FakeV2 V2 { get; }

    internal FakeV1 V1 { get; }

    /// <summary>
    /// Makes the next request whose path starts with <paramref name="pathPrefix"/> (any request when null) fail
    /// with the given status and body, before the fake looks at it. Queue several to fail several requests.
    /// </summary>
    /// <param name="status">The HTTP status to answer with, e.g. 503.</param>
    /// <param name="body">The body; defaults to an empty JSON object.</param>
    /// <param name="pathPrefix">e.g. <c>/payments</c>; null for any request.</param>
    public void FailNextRequest(HttpStatusCode status, string body = "{}", string? pathPrefix = null) =>
        _faults.Enqueue((pathPrefix, status, body));

    /// <summary>
    /// Adds a plan of network faults (requests lost, answers lost, silence until the client's time-out, 5xx, answers
    /// cut mid-body) for the requests it selects. Plans are asked in the order they were added; the first that
    /// injects a fault decides. Works for in-memory and loopback clients alike.
    /// </summary>
    /// <param name="plan">The plan, e.g. <c>FakeFaultPlan.ForV2Charges().AtRandom(0.3, seed: 1)</c>.</param>
    public void AddFaultPlan(FakeFaultPlan plan)
    {
        if (plan is null)
        {
            throw new ArgumentNullException(nameof(plan));
        }

        lock (_faultPlans)
        {
            _faultPlans.Add(plan);
        }
    }

    /// <summary>Removes every fault plan: from now on requests are answered normally.</summary>
    public void ClearFaultPlans()
    {
        lock (_faultPlans)
        {
            _faultPlans.Clear();
        }
    }

    /// <summary>
    /// Every charge the fake's payment gateway made, oldest first: one entry per card actually charged
    /// (<c>PAID</c>) or declined (<c>FAILED</c>), whatever became of the answer. Two <c>PAID</c> entries for one
    /// payment id would be a double charge.
    /// </summary>
    public IReadOnlyList<FakeCharge> Charges
    {
        get
        {
            lock (_gate)
            {
                return _charges.ToArray();
            }
        }
    }

    /// <summary>
    /// Every refund the fake's payment gateway made, oldest first, whatever became of the answer. A refund request
    /// (say, told apart by its reason) with two entries would be a double refund.
    /// </summary>
    public IReadOnlyList<FakeRefund> Refunds
    {
        get
        {
            lock (_gate)
            {
                return _refunds.ToArray();
            }
        }
    }

    /// <summary>
    /// The loopback address the fake serves V2 on once <see cref="StartLoopbackServer"/> was called
    /// (<c>http://127.0.0.1:port/v2/</c>); null before.
    /// </summary>
    public Uri? V2LoopbackAddress => _server is null ? null : new Uri(_server.Root, "v2/");

    /// <summary>The loopback address the fake serves V1 on once <see cref="StartLoopbackServer"/> was called; null before.</summary>
    public Uri? V1LoopbackAddress => _server is null ? null : new Uri(_server.Root, "v1/");

    /// <summary>
    /// Also serves the fake over real HTTP on 127.0.0.1 (a free port), for tests that want the whole network path:
    /// sockets, HTTP parsing, the SDK's own primary handler. From then on <see cref="CreateV2Client"/>,
    /// <see cref="CreateV1Client"/>, <see cref="ApplyTo"/> and <c>UseFakePortOne</c> point clients at it. Calling it
    /// again does nothing. The server stops when the fake is disposed.
    /// </summary>
    public void StartLoopbackServer()
    {
        lock (_gate)
        {
            _server ??= new FakePortOneServer(this);
        }
    }

    /// <summary>An <see cref="HttpMessageHandler"/> that answers in memory; use it as a client's primary handler.</summary>
    /// <returns>A new handler bound to this fake.</returns>
    public HttpMessageHandler CreateHandler() => new FakePortOneHandler(this);

    /// <summary>A V2 client talking to this fake, with its clock and credentials. Disposed with the fake.</summary>
    /// <param name="configure">Changes to the options (e.g. <c>AuthMode</c>) before the client is built.</param>
    /// <param name="loggerFactory">Where the client logs; none by default.</param>
    /// <returns>The client.</returns>
    public PortOneV2Client CreateV2Client(Action<PortOneV2Options>? configure = null, ILoggerFactory? loggerFactory = null)
    {
        var options = new PortOneV2Options { ApiSecret = V2ApiSecret, StoreId = StoreId };
        configure?.Invoke(options);
        ApplyTo(options);
        var client = new PortOneV2Client(options, loggerFactory, _server is null ? CreateHandler() : null);
        Track(client);
        return client;
    }

    /// <summary>A V1 client talking to this fake, with its clock and credentials. Disposed with the fake.</summary>
    /// <param name="configure">Changes to the options before the client is built.</param>
    /// <param name="loggerFactory">Where the client logs; none by default.</param>
    /// <returns>The client.</returns>
    public PortOneV1Client CreateV1Client(Action<PortOneV1Options>? configure = null, ILoggerFactory? loggerFactory = null)
    {
        var options = new PortOneV1Options { ApiKey = V1ApiKey, ApiSecret = V1ApiSecret };
        configure?.Invoke(options);
        ApplyTo(options);
        var client = new PortOneV1Client(options, loggerFactory, _server is null ? CreateHandler() : null);
        Track(client);
        return client;
    }

    /// <summary>
    /// Points options at this fake (in memory, or its loopback server once started): its base address, its clock,
    /// and retries without waiting (the clock stands still).
    /// </summary>
    /// <param name="options">V1 or V2 options.</param>
    public void ApplyTo(PortOneClientOptions options)
    {
        if (options is null)
        {
            throw new ArgumentNullException(nameof(options));
        }

        options.BaseAddress = options is PortOneV1Options ? V1LoopbackAddress ?? V1BaseAddress : V2LoopbackAddress ?? V2BaseAddress;
        options.TimeProvider = Clock;
        options.Retry.BaseDelay = TimeSpan.Zero;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var client in _clients)
            {
                client.Dispose();
            }

            _clients.Clear();
            _server?.Dispose();
            _server = null;
        }
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return default;
    }

    /// <summary>
    /// Makes the V2 channel <paramref name="channelKey"/> behave like KG Inicis: instant payments, billing-key issues
    /// and billing-key payments (scheduled ones included, through the channel their billing key was issued on) must
    /// give the customer's name, phone number and e-mail; card expiry must be two-digit YY and MM; virtual accounts
    /// must be fixed ones (option FIXED with an account number). A request that breaks a rule is refused as
    /// PortOne relays a PG's refusal (502, <c>PG_PROVIDER</c>, the rule in the message); a scheduled payment that
    /// breaks one fails when it runs.
    /// </summary>
    /// <param name="channelKey">The channel key requests name in <c>channelKey</c>.</param>
    public void UseKgInicisRules(string channelKey)
    {
        if (string.IsNullOrEmpty(channelKey))
        {
            throw new ArgumentException("Give the channel key requests name.", nameof(channelKey));
        }

        lock (_gate)
        {
            V2.KgInicisChannels.Add(channelKey);
        }
    }

    /// <summary>
    /// Plays a customer finishing a V2 checkout in the browser with the payment left for your server to confirm: the
    /// payment <paramref name="paymentId"/> is recorded <c>READY</c> (a <c>Transaction.Ready</c> webhook is recorded)
    /// and the returned payment token is what the browser would hand your server for <c>confirmPayment</c>. The
    /// charge happens, or is declined by the card, when it is confirmed.
    /// </summary>
    /// <param name="paymentId">The payment id the checkout used.</param>
    /// <param name="total">The amount the customer authorized.</param>
    /// <param name="currency">Its currency; <c>KRW</c> by default.</param>
    /// <param name="cardNumber">The card used; one of <see cref="TestCards"/> to decide the outcome.</param>
    /// <param name="orderName">The order name shown on the payment.</param>
    /// <returns>The payment token.</returns>
    /// <exception cref="InvalidOperationException">The payment id is already taken, or was pre-registered with another amount or currency.</exception>
    public string AuthorizeCheckout(string paymentId, long total, string currency = "KRW", string cardNumber = TestCards.Success, string orderName = "Checkout")
    {
        if (paymentId is null)
        {
            throw new ArgumentNullException(nameof(paymentId));
        }

        lock (_gate)
        {
            var (token, problem) = V2.AuthorizeCheckout(paymentId, total, currency, cardNumber, orderName);
            return token ?? throw new InvalidOperationException(problem);
        }
    }

    /// <summary>
    /// Plays a customer authorizing a V2 billing key in the browser with the issue left for your server to confirm
    /// (<c>confirmBillingKey</c>); nothing is issued until then.
    /// </summary>
    /// <param name="cardNumber">The card registered; <see cref="TestCards.DeclinedOnIssue"/> makes the confirmation fail.</param>
    /// <returns>The billing issue token the browser would hand your server.</returns>
    public string AuthorizeBillingKeyIssue(string cardNumber = TestCards.Success)
    {
        lock (_gate)
        {
            return V2.AuthorizeBillingKeyIssue(cardNumber, null, null, null);
        }
    }

    /// <summary>
    /// Like <see cref="AuthorizeBillingKeyIssue"/>, with a first payment authorized at the same time, both made when
    /// your server calls <c>confirmBillingKeyIssueAndPay</c>.
    /// </summary>
    /// <param name="paymentId">The first payment's id.</param>
    /// <param name="total">Its amount.</param>
    /// <param name="currency">Its currency; <c>KRW</c> by default.</param>
    /// <param name="cardNumber">The card registered and charged; one of <see cref="TestCards"/> to decide the outcome.</param>
    /// <returns>The billing issue token the browser would hand your server.</returns>
    public string AuthorizeBillingKeyIssueAndPay(string paymentId, long total, string currency = "KRW", string cardNumber = TestCards.Success)
    {
        if (paymentId is null)
        {
            throw new ArgumentNullException(nameof(paymentId));
        }

        lock (_gate)
        {
            return V2.AuthorizeBillingKeyIssue(cardNumber, paymentId, total, currency);
        }
    }

    /// <summary>
    /// Plays the customer's bank transfer into the virtual account issued for a V2 payment (an instant payment with
    /// <c>method.virtualAccount</c>): the payment turns <c>PAID</c> at the fake clock's time, a
    /// <c>Transaction.Paid</c> webhook is recorded and the charge enters <see cref="Charges"/>.
    /// </summary>
    /// <param name="paymentId">The payment whose account receives the money.</param>
    /// <param name="amount">The amount deposited; null for the payment's total. Anything else is refused, as the bank would.</param>
    /// <exception cref="InvalidOperationException">
    /// No account was issued for the payment, it is no longer waiting for a deposit (paid, closed, or expired once
    /// the clock passed its due time), or the amount is not the payment's total.
    /// </exception>
    public void DepositToVirtualAccount(string paymentId, long? amount = null)
    {
        if (paymentId is null)
        {
            throw new ArgumentNullException(nameof(paymentId));
        }

        if (TryDepositToVirtualAccount(paymentId, amount) is { } problem)
        {
            throw new InvalidOperationException(problem);
        }
    }

    /// <summary>The deposit of <see cref="DepositToVirtualAccount"/>; null when it went through, else why it was refused.</summary>
    internal string? TryDepositToVirtualAccount(string paymentId, long? amount)
    {
        lock (_gate)
        {
            return V2.Deposit(paymentId, amount);
        }
    }

    // Called under _gate by the V1 half.
    internal void RecordV1Notification(string impUid, string merchantUid, string status, string? customerUid) =>
        _v1Notifications.Add(new FakeV1Notification(impUid, merchantUid, status, customerUid, Clock.GetUtcNow()));

    internal void RecordWebhook(string type, JsonObject data)
    {
        lock (_gate)
        {
            _signer ??= new PortOneWebhookSigner(_webhookSecret);
            var id = "msg_fake_" + (++_webhookSequence).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
            _webhooks.Add(new FakeWebhook(type, Clock.GetUtcNow(), data, id, _signer));
        }
    }

    /// <summary>The fault to inject into this request, and how far a silence moves the clock.</summary>
    internal (FakeFault Fault, TimeSpan SilenceFor) NextFault(HttpRequestMessage request)
    {
        lock (_faultPlans)
        {
            foreach (var plan in _faultPlans)
            {
                var fault = plan.Next(request);
                if (fault != FakeFault.None)
                {
                    return (fault, plan.SilenceFor);
                }
            }
        }

        return (FakeFault.None, TimeSpan.Zero);
    }

    /// <summary>Runs <paramref name="read"/> under the fake's lock, for a consistent snapshot of its state.</summary>
    internal T Read<T>(Func<T> read)
    {
        lock (_gate)
        {
            return read();
        }
    }

    // Called under _gate by the API halves.
    internal void RecordCharge(FakeCharge charge) => _charges.Add(charge);

    // Called under _gate by the API halves.
    internal void RecordRefund(FakeRefund refund) => _refunds.Add(refund);

    internal HttpResponseMessage Handle(HttpRequestMessage request, string? body)
    {
        Counters.Increment("Requests");
        var path = request.RequestUri!.AbsolutePath;
        if (_faults.TryPeek(out var fault) && (fault.PathPrefix is null || path.StartsWith(fault.PathPrefix, StringComparison.Ordinal)) && _faults.TryDequeue(out fault))
        {
            return new HttpResponseMessage(fault.Status) { Content = new StringContent(fault.Body, System.Text.Encoding.UTF8, "application/json") };
        }

        var fakeRequest = new FakeRequest(request, body);
        lock (_gate)
        {
            var host = request.RequestUri.Host;
            if (string.Equals(host, V2BaseAddress.Host, StringComparison.OrdinalIgnoreCase))
            {
                return V2.Handle(fakeRequest);
            }

            if (string.Equals(host, V1BaseAddress.Host, StringComparison.OrdinalIgnoreCase))
            {
                return V1.Handle(fakeRequest);
            }
        }

        return new HttpResponseMessage(HttpStatusCode.NotFound) { Content = new StringContent($"The fake PortOne does not answer on {request.RequestUri.Host}.") };
    }

    private void Track(IDisposable client)
    {
        lock (_gate)
        {
            _clients.Add(client);
        }
    }

    private void OnClockAdvanced()
    {
        lock (_gate)
        {
            V2.ExpireVirtualAccounts();
            V2.RunDueSchedules();
            V1.RunDueSchedules();
        }
    }
}

/// <summary>Request counts by kind, for asserting how often the fake was called.</summary>
public sealed class FakeCounters
{
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    /// <summary>How many times <paramref name="name"/> happened (0 when never).</summary>
    /// <param name="name">e.g. <c>Requests</c>, <c>V1.GetToken</c>, <c>V2.Login</c>.</param>
    public int this[string name] => _counts.TryGetValue(name, out var count) ? count : 0;

    internal void Increment(string name) => _counts.AddOrUpdate(name, 1, static (_, count) => count + 1);
}

internal sealed class FakePortOneHandler : HttpMessageHandler
{
    private readonly FakePortOne _fake;

    public FakePortOneHandler(FakePortOne fake)
    {
        _fake = fake;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var (fault, silenceFor) = _fake.NextFault(request);
        if (fault == FakeFault.RequestLost)
        {
            throw new HttpRequestException("The fake PortOne lost the request (injected fault).");
        }

        var response = _fake.Handle(request, body);
        response.RequestMessage = request;
        switch (fault)
        {
            case FakeFault.AnswerLost:
                response.Dispose();
                throw new HttpRequestException("The fake PortOne closed the connection before answering (injected fault).");
            case FakeFault.Silence:
                response.Dispose();
                _fake.Clock.Advance(silenceFor);
                await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
                throw new HttpRequestException("The fake PortOne closed the connection after staying silent (injected fault).");
            case FakeFault.ServerError:
                response.Dispose();
                return new HttpResponseMessage(HttpStatusCode.InternalServerError) { Content = new StringContent(FakeFaultAnswers.ServerErrorBody), RequestMessage = request };
            case FakeFault.AnswerCut:
                var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
                var cut = new StreamContent(new FakeFaultAnswers.CutStream(bytes, bytes.Length / 2));
                foreach (var header in response.Content.Headers)
                {
                    cut.Headers.TryAddWithoutValidation(header.Key, header.Value);
                }

                cut.Headers.ContentLength = bytes.Length;
                response.Content = cut;
                return response;
            default:
                return response;
        }
    }
}

internal static class FakeFaultAnswers
{
    public const string ServerErrorBody = "fake PortOne: internal error (injected fault)";

    /// <summary>A body that ends in a broken connection after <c>cutAt</c> bytes.</summary>
    internal sealed class CutStream : System.IO.Stream
    {
        private readonly byte[] _bytes;
        private readonly int _cutAt;
        private int _position;

        public CutStream(byte[] bytes, int cutAt)
        {
            _bytes = bytes;
            _cutAt = cutAt;
        }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_position >= _cutAt)
            {
                throw new System.IO.IOException("The fake PortOne cut the answer off (injected fault).");
            }

            var n = Math.Min(count, _cutAt - _position);
            Array.Copy(_bytes, _position, buffer, offset, n);
            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, System.IO.SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
