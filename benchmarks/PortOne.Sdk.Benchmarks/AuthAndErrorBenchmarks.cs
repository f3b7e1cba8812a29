using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using PortOne.Sdk;
using PortOne.Sdk.V1;
using PortOne.Sdk.V2;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace PortOne.Sdk.Benchmarks;

/// <summary>
/// The SDK's token calls against a hand-written HttpClient + System.Text.Json call doing the same POST and decode,
/// both against the same loopback WireMock server. The difference is the SDK's pipeline (diagnostics, retry
/// policy, time-outs, envelope reading).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Throughput, launchCount: 1, warmupCount: 3, iterationCount: 5)]
public class AuthCallBenchmarks : IDisposable
{
    private WireMockServer _server = null!;
    private PortOneV1Client _v1 = null!;
    private PortOneV2Client _v2 = null!;
    private HttpClient _plain = null!;
    private readonly LoginViaApiSecretBody _login = new() { ApiSecret = "bench-secret" };

    [GlobalSetup]
    public void Setup()
    {
        _server = WireMockServer.Start();
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        _server.Given(Request.Create().WithPath("/users/getToken").UsingPost()).RespondWith(Response.Create()
            .WithHeader("Content-Type", "application/json")
            .WithBody($"{{\"code\":0,\"message\":null,\"response\":{{\"access_token\":\"tok\",\"now\":{now},\"expired_at\":{now + 1800}}}}}"));
        _server.Given(Request.Create().WithPath("/login/api-secret").UsingPost()).RespondWith(Response.Create()
            .WithHeader("Content-Type", "application/json")
            .WithBody("{\"accessToken\":\"a.b.c\",\"refreshToken\":\"r\"}"));
        var baseAddress = new Uri(_server.Url!);
        _v1 = new PortOneV1Client(new PortOneV1Options { ApiKey = "key", ApiSecret = "secret", BaseAddress = baseAddress });
        _v2 = new PortOneV2Client(new PortOneV2Options { ApiSecret = "bench-secret", BaseAddress = baseAddress });
        _plain = new HttpClient { BaseAddress = baseAddress };
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _v1.Dispose();
        _v2.Dispose();
        _plain.Dispose();
        _server.Stop();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Description = "V1 getToken: SDK")]
    public Task<V1AccessToken> V1Sdk() => _v1.Auth.GetTokenAsync();

    [Benchmark(Description = "V1 getToken: HttpClient + STJ")]
    public async Task<PlainV1Token?> V1Plain()
    {
        using var response = await _plain.PostAsJsonAsync("users/getToken", new PlainGetToken("key", "secret"), PlainJson.Default.PlainGetToken);
        response.EnsureSuccessStatusCode();
        var envelope = await response.Content.ReadFromJsonAsync(PlainJson.Default.PlainV1Envelope);
        return envelope!.Code == 0 ? envelope.Response : throw new InvalidOperationException(envelope.Message);
    }

    [Benchmark(Description = "V2 login: SDK")]
    public Task<LoginViaApiSecretResponse> V2Sdk() => _v2.Auth.LoginViaApiSecretAsync(_login);

    [Benchmark(Description = "V2 login: HttpClient + STJ")]
    public async Task<PlainTokens?> V2Plain()
    {
        using var response = await _plain.PostAsJsonAsync("login/api-secret", new PlainLogin("bench-secret"), PlainJson.Default.PlainLogin);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync(PlainJson.Default.PlainTokens);
    }
}

/// <summary>
/// Decoding a V2 error body: the fair baseline (STJ's own polymorphism by <c>type</c> into the spec's error classes,
/// source-generated) against the SDK's <c>PortOneError</c> union converter, with <c>type</c> first, last and unknown.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Throughput, launchCount: 1, warmupCount: 3, iterationCount: 5)]
public class ErrorDecodeBenchmarks
{
    private static readonly byte[] TypeFirst = "{\"type\":\"UNAUTHORIZED\",\"message\":\"The API secret is not valid.\"}"u8.ToArray();
    private static readonly byte[] TypeLast = "{\"message\":\"The API secret is not valid.\",\"type\":\"UNAUTHORIZED\"}"u8.ToArray();
    private static readonly byte[] Unknown = "{\"type\":\"SOMETHING_NEW\",\"message\":\"later\",\"detail\":{\"a\":1}}"u8.ToArray();

    [Benchmark(Baseline = true, Description = "fair POCOs (STJ polymorphism, source-gen), type first")]
    public Fair.PortOneError FairFirst() => Fair.FairErrors.Decode(TypeFirst);

    [Benchmark(Description = "fair POCOs, type last")]
    public Fair.PortOneError FairLast() => Fair.FairErrors.Decode(TypeLast);

    [Benchmark(Description = "fair POCOs, unknown type (STJ throws; caught, base class)")]
    public Fair.PortOneError FairUnknown() => Fair.FairErrors.Decode(Unknown);

    [Benchmark(Description = "SDK union, type first")]
    public PortOneError? UnionFirst() => JsonSerializer.Deserialize(TypeFirst, V2Api.Models.PortOneError);

    [Benchmark(Description = "SDK union, type last")]
    public PortOneError? UnionLast() => JsonSerializer.Deserialize(TypeLast, V2Api.Models.PortOneError);

    [Benchmark(Description = "SDK union, unknown type")]
    public PortOneError? UnionUnknown() => JsonSerializer.Deserialize(Unknown, V2Api.Models.PortOneError);
}

public sealed record PlainGetToken([property: JsonPropertyName("imp_key")] string ImpKey, [property: JsonPropertyName("imp_secret")] string ImpSecret);

public sealed record PlainV1Token([property: JsonPropertyName("access_token")] string AccessToken, [property: JsonPropertyName("now")] long Now, [property: JsonPropertyName("expired_at")] long ExpiredAt);

public sealed record PlainV1Envelope(int Code, string? Message, PlainV1Token? Response);

public sealed record PlainLogin(string ApiSecret);

public sealed record PlainTokens(string AccessToken, string RefreshToken);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(PlainGetToken))]
[JsonSerializable(typeof(PlainV1Envelope))]
[JsonSerializable(typeof(PlainLogin))]
[JsonSerializable(typeof(PlainTokens))]
internal sealed partial class PlainJson : JsonSerializerContext
{
}
