using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using PortOne.Sdk.V1;
using PortOne.Sdk.V2;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace PortOne.Sdk.Benchmarks;

/// <summary>
/// The SDK against the fair hand-written client (HttpClient + source-generated System.Text.Json into POCOs as deep
/// as the SDK's models, <see cref="Fair"/>), both over the same <see cref="CannedHandler"/> and the same bytes. The
/// ratio is what the SDK's pipeline (validation, diagnostics, resilience, auth, error and union handling) costs on
/// top of what a careful developer would write anyway. One class per call; the fair client is the baseline.
/// </summary>
[MemoryDiagnoser]
[ThreadingDiagnoser]
public abstract class InMemoryBenchmark
{
    private CannedHandler _handler = null!;

    internal BenchClients Clients { get; private set; } = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _handler = new CannedHandler();
        Clients = await BenchClients.CreateAsync(_handler).ConfigureAwait(false);
    }

    [GlobalCleanup]
    public virtual void Cleanup()
    {
        Clients.Dispose();
        _handler.Dispose();
    }
}

/// <summary><c>GET /payments/{id}</c>: a 1.8 KB paid card payment with channel, customer, amount, webhook, product.</summary>
public class V2GetPayment : InMemoryBenchmark
{
    private CannedHandler _bearerHandler = null!;
    private BenchClients _bearer = null!;

    [GlobalSetup(Target = nameof(SdkBearer))]
    public async Task SetupBearerAsync()
    {
        await SetupAsync().ConfigureAwait(false);
        _bearerHandler = new CannedHandler();
        _bearer = await BenchClients.CreateAsync(_bearerHandler, authMode: PortOneV2AuthMode.BearerToken).ConfigureAwait(false);
    }

    [GlobalCleanup(Target = nameof(SdkBearer))]
    public void CleanupBearer()
    {
        Cleanup();
        _bearer.Dispose();
        _bearerHandler.Dispose();
    }

    [Benchmark(Baseline = true, Description = "V2 get payment: fair hand-written")]
    public Task<Fair.Payment> FairClient() => Clients.FairV2.GetPaymentAsync(BenchClients.PaymentId);

    [Benchmark(Description = "V2 get payment: SDK")]
    public Task<Payment> Sdk() => Clients.SdkV2.Payments.GetAsync(BenchClients.PaymentId);

    [Benchmark(Description = "V2 get payment: SDK, bearer-token mode (cached token)")]
    public Task<Payment> SdkBearer() => _bearer.SdkV2.Payments.GetAsync(BenchClients.PaymentId);
}

/// <summary><c>POST /payments/{id}/billing-key</c>: the request serialized, the short answer decoded.</summary>
public class V2PayWithBillingKey : InMemoryBenchmark
{
    [Benchmark(Baseline = true, Description = "V2 pay with billing key: fair hand-written")]
    public Task<Fair.PayWithBillingKeyResponse> FairClient() => Clients.FairV2.PayWithBillingKeyAsync(BenchClients.PaymentId, BenchClients.FairPayRequest);

    [Benchmark(Description = "V2 pay with billing key: SDK")]
    public Task<PayWithBillingKeyResponse> Sdk() => Clients.SdkV2.Payments.PayWithBillingKeyAsync(BenchClients.PaymentId, BenchClients.SdkPayRequest);
}

/// <summary><c>GET /payment-schedules</c>: one page of 100 schedules in six states (72 KB).</summary>
public class V2SchedulePage : InMemoryBenchmark
{
    [Benchmark(Baseline = true, Description = "V2 100-schedule page: fair hand-written")]
    public Task<Fair.GetPaymentSchedulesResponse> FairClient() => Clients.FairV2.GetPaymentSchedulesAsync(BenchClients.FairSchedulePage);

    [Benchmark(Description = "V2 100-schedule page: SDK")]
    public Task<GetPaymentSchedulesResponse> Sdk() => Clients.SdkV2.PaymentSchedules.ListPageAsync(BenchClients.SdkSchedulePage);
}

/// <summary>V1 <c>GET /payments/{imp_uid}</c>: the envelope and the card payment.</summary>
public class V1GetPayment : InMemoryBenchmark
{
    [Benchmark(Baseline = true, Description = "V1 get payment: fair hand-written")]
    public Task<Fair.V1Payment> FairClient() => Clients.FairV1.GetPaymentAsync(BenchClients.ImpUid);

    [Benchmark(Description = "V1 get payment: SDK")]
    public Task<V1Payment> Sdk() => Clients.SdkV1.Payments.GetAsync(BenchClients.ImpUid);
}

/// <summary>A 404 <c>PAYMENT_NOT_FOUND</c> answer, decoded by <c>type</c> and thrown as a typed exception, then caught.</summary>
public class V2NotFound : InMemoryBenchmark
{
    [Benchmark(Baseline = true, Description = "V2 404 -> typed exception: fair hand-written")]
    public Task<Fair.PortOneError> FairClient() => Clients.FairNotFoundAsync();

    [Benchmark(Description = "V2 404 -> typed exception: SDK")]
    public Task<PortOneError> Sdk() => Clients.SdkNotFoundAsync();
}

/// <summary>The V2 lookup over real HTTP on loopback (WireMock.Net), where the network and the server dominate.</summary>
[MemoryDiagnoser]
[ThreadingDiagnoser]
public class LoopbackLookup
{
    private WireMockServer _server = null!;
    private PortOneV2Client _sdk = null!;
    private Fair.FairV2Client _fair = null!;
    private SocketsHttpHandler _handler = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _server = WireMockServer.Start();
        _server.Given(Request.Create().WithPath("/payments/" + BenchClients.PaymentId).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json; charset=utf-8").WithBody(Payloads.V2PaidCardPayment));
        var baseAddress = new Uri(_server.Url! + "/");
        _sdk = new PortOneV2Client(new PortOneV2Options { ApiSecret = BenchClients.ApiSecret, BaseAddress = baseAddress });
        _handler = new SocketsHttpHandler();
        _fair = new Fair.FairV2Client(_handler, baseAddress, BenchClients.ApiSecret);
        await _sdk.Payments.GetAsync(BenchClients.PaymentId).ConfigureAwait(false);
        await _fair.GetPaymentAsync(BenchClients.PaymentId).ConfigureAwait(false);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _sdk.Dispose();
        _fair.Dispose();
        _handler.Dispose();
        _server.Stop();
    }

    [Benchmark(Baseline = true, Description = "V2 get payment over loopback: fair hand-written")]
    public Task<Fair.Payment> FairClient() => _fair.GetPaymentAsync(BenchClients.PaymentId);

    [Benchmark(Description = "V2 get payment over loopback: SDK")]
    public Task<Payment> Sdk() => _sdk.Payments.GetAsync(BenchClients.PaymentId);
}

/// <summary>
/// Decoding alone, from the same bytes: STJ's own polymorphism into the fair POCOs (baseline) against the SDK's union
/// converter, and against the SDK's model of the known case without the union.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class Decode
{
    [BenchmarkCategory("payment")]
    [Benchmark(Baseline = true, Description = "decode V2 payment: fair POCOs, STJ polymorphism (source-generated)")]
    public Fair.Payment FairDecode() => JsonSerializer.Deserialize(Payloads.V2PaidCardPayment, Fair.FairV2Json.Default.Payment)!;

    [BenchmarkCategory("payment")]
    [Benchmark(Description = "decode V2 payment: SDK union (source-generated)")]
    public Payment SdkDecode() => JsonSerializer.Deserialize(Payloads.V2PaidCardPayment, V2Api.Models.Payment)!;

    [BenchmarkCategory("payment")]
    [Benchmark(Description = "decode V2 payment: SDK model of the known case, no union")]
    public PaidPayment SdkCaseDecode() => JsonSerializer.Deserialize(Payloads.V2PaidCardPayment, V2Api.Models.PaidPayment)!;

    [BenchmarkCategory("schedule page")]
    [Benchmark(Baseline = true, Description = "decode 100-schedule page: fair POCOs")]
    public Fair.GetPaymentSchedulesResponse FairSchedules() => JsonSerializer.Deserialize(Payloads.V2PaymentSchedulesPage, Fair.FairV2Json.Default.GetPaymentSchedulesResponse)!;

    [BenchmarkCategory("schedule page")]
    [Benchmark(Description = "decode 100-schedule page: SDK")]
    public GetPaymentSchedulesResponse SdkSchedules() => JsonSerializer.Deserialize(Payloads.V2PaymentSchedulesPage, V2Api.Models.GetPaymentSchedulesResponse)!;
}
