using System.Text.Json;
using BenchmarkDotNet.Attributes;
using PortOne.Sdk.V1;
using PortOne.Sdk.V2;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace PortOne.Sdk.Benchmarks;

/// <summary>
/// One payment lookup, V2 and V1, by the SDK and by hand-written HttpClient + System.Text.Json code, over the same
/// in-memory handler. The difference is what the SDK's pipeline (diagnostics, resilience, auth, error and union
/// handling) costs per call.
/// </summary>
[MemoryDiagnoser]
public class InMemoryLookup
{
    private CannedHandler _handler = null!;
    private PortOneV2Client _v2 = null!;
    private PortOneV1Client _v1 = null!;
    private HandWritten _handV2 = null!;
    private HandWritten _handV1 = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _handler = new CannedHandler();
        _v2 = new PortOneV2Client(new PortOneV2Options { ApiSecret = "secret", BaseAddress = new Uri("https://v2.bench.test/") }, null, _handler);
        _v1 = new PortOneV1Client(new PortOneV1Options { ApiKey = "key", ApiSecret = "secret", BaseAddress = new Uri("https://v1.bench.test/") }, null, _handler);
        _handV2 = new HandWritten(_handler, new Uri("https://v2.bench.test/"), "PortOne secret");
        _handV1 = new HandWritten(_handler, new Uri("https://v1.bench.test/"), "Bearer token-1");
        await _v1.Payments.GetAsync("imp_000001"); // fetch the V1 token once, as a long-lived client would have
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _v2.Dispose();
        _v1.Dispose();
        _handV2.Dispose();
        _handV1.Dispose();
        _handler.Dispose();
    }

    [Benchmark(Baseline = true, Description = "V2 get payment: hand-written")]
    public Task<HandWritten.PaymentDto> V2HandWritten() => _handV2.GetV2PaymentAsync("order-2025-01");

    [Benchmark(Description = "V2 get payment: SDK")]
    public Task<Payment> V2Sdk() => _v2.Payments.GetAsync("order-2025-01");

    [Benchmark(Description = "V1 get payment: hand-written")]
    public Task<HandWritten.V1PaymentDto> V1HandWritten() => _handV1.GetV1PaymentAsync("imp_000001");

    [Benchmark(Description = "V1 get payment: SDK")]
    public Task<V1Payment> V1Sdk() => _v1.Payments.GetAsync("imp_000001");
}

/// <summary>The same V2 lookup over real HTTP on loopback (WireMock.Net), where the network and server dominate.</summary>
[MemoryDiagnoser]
public class LoopbackLookup
{
    private WireMockServer _server = null!;
    private PortOneV2Client _v2 = null!;
    private HandWritten _hand = null!;
    private HttpMessageHandler _handler = null!;

    [GlobalSetup]
    public void Setup()
    {
        _server = WireMockServer.Start();
        _server.Given(Request.Create().WithPath("/payments/order-2025-01").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(Payloads.V2PaidPayment));
        var baseAddress = new Uri(_server.Url! + "/");
        _v2 = new PortOneV2Client(new PortOneV2Options { ApiSecret = "secret", BaseAddress = baseAddress });
        _handler = new SocketsHttpHandler();
        _hand = new HandWritten(_handler, baseAddress, "PortOne secret");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _v2.Dispose();
        _hand.Dispose();
        _handler.Dispose();
        _server.Stop();
    }

    [Benchmark(Baseline = true, Description = "V2 get payment over loopback: hand-written")]
    public Task<HandWritten.PaymentDto> HandWrittenCall() => _hand.GetV2PaymentAsync("order-2025-01");

    [Benchmark(Description = "V2 get payment over loopback: SDK")]
    public Task<Payment> SdkCall() => _v2.Payments.GetAsync("order-2025-01");
}

/// <summary>Decoding alone: the SDK's union converter (discriminator last, full typed model) against a flat DTO.</summary>
[MemoryDiagnoser]
public class Decode
{
    [Benchmark(Baseline = true, Description = "decode V2 payment: flat DTO, reflection STJ")]
    public HandWritten.PaymentDto HandWrittenDecode() => HandWritten.DecodeV2(Payloads.V2PaidPayment);

    [Benchmark(Description = "decode V2 payment: SDK union (source-generated)")]
    public Payment SdkDecode() => JsonSerializer.Deserialize(Payloads.V2PaidPayment, V2Api.Models.Payment)!;

    [Benchmark(Description = "decode V2 payment: SDK model of the known case, no union")]
    public PaidPayment SdkCaseDecode() => JsonSerializer.Deserialize(Payloads.V2PaidPayment, V2Api.Models.PaidPayment)!;
}
