using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using PortOne.Sdk.Http;
using PortOne.Sdk.V1;
using PortOne.Sdk.V2;
using WireMock;
using WireMock.Logging;
using WireMock.Server;
using WireMock.Types;
using WireMock.Util;

namespace PortOne.Sdk.Tests.Foundation;

/// <summary>Operations that exist only in the tests, to drive the shared pipeline without any resource client.</summary>
internal static class TestOperations
{
    public static readonly PortOneOperation V1Read = new("Test.V1.Read", "/payments/{imp_uid}", retryable: true);
    public static readonly PortOneOperation V1Charge = new("Test.V1.Charge", "/subscribe/payments/again", retryable: false);
    public static readonly PortOneOperation V2Read = new("Test.V2.Read", "/payments/{paymentId}", retryable: true);
    public static readonly PortOneOperation V2Charge = new("Test.V2.Charge", "/payments/{paymentId}/billing-key", retryable: false);
}

/// <summary>A request body for the tests: optional fields only, so omission on write can be checked.</summary>
internal sealed class EchoBody
{
    public string? Name { get; set; }

    public long? Amount { get; set; }

    public string? Note { get; set; }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(EchoBody))]
[JsonSerializable(typeof(Shape))]
[JsonSerializable(typeof(Circle))]
[JsonSerializable(typeof(Square))]
[JsonSerializable(typeof(Drawing))]
[JsonSerializable(typeof(List<Shape>))]
[JsonSerializable(typeof(Palette))]
internal sealed partial class TestJsonContext : JsonSerializerContext
{
}

/// <summary>Calls through the internal API layers, the way resource clients do.</summary>
internal static class Calls
{
    public static Task<V1Result<JsonElement>> V1GetAsync(this PortOneV1Client client, string path = "payments/imp_1", PortOneOperation? operation = null, CancellationToken cancellationToken = default) =>
        client.Api.SendAsync(operation ?? TestOperations.V1Read, HttpMethod.Get, path, TestJsonContext.Default.JsonElement, cancellationToken);

    public static Task<V1Result<JsonElement>> V1PostAsync(this PortOneV1Client client, EchoBody body, PortOneOperation? operation = null, string path = "subscribe/payments/again", CancellationToken cancellationToken = default) =>
        client.Api.SendAsync(operation ?? TestOperations.V1Charge, HttpMethod.Post, path, body, TestJsonContext.Default.EchoBody, TestJsonContext.Default.JsonElement, cancellationToken);

    public static Task<JsonElement> V2GetAsync(this PortOneV2Client client, string path = "payments/pay_1", PortOneOperation? operation = null, CancellationToken cancellationToken = default) =>
        client.Api.SendAsync(operation ?? TestOperations.V2Read, HttpMethod.Get, path, TestJsonContext.Default.JsonElement, cancellationToken);

    public static Task<JsonElement> V2PostAsync(this PortOneV2Client client, EchoBody body, PortOneOperation? operation = null, string path = "payments/pay_1/billing-key", CancellationToken cancellationToken = default) =>
        client.Api.SendAsync(operation ?? TestOperations.V2Charge, HttpMethod.Post, path, body, TestJsonContext.Default.EchoBody, TestJsonContext.Default.JsonElement, cancellationToken);
}

/// <summary>JSON bodies PortOne sends.</summary>
internal static class Bodies
{
    public const string V1Ok = "{\"code\":0,\"message\":null,\"response\":{\"ok\":true}}";

    public static string V1Error(int code = -1, string message = "refused") =>
        $"{{\"code\":{code},\"message\":\"{message}\",\"response\":null}}";

    public static string V1Token(string token, DateTimeOffset serverNow, TimeSpan lifetime) =>
        $"{{\"code\":0,\"message\":null,\"response\":{{\"access_token\":\"{token}\",\"now\":{serverNow.ToUnixTimeSeconds()},\"expired_at\":{(serverNow + lifetime).ToUnixTimeSeconds()}}}}}";

    public static string V2Tokens(string access, string refresh) =>
        $"{{\"accessToken\":\"{access}\",\"refreshToken\":\"{refresh}\"}}";

    /// <summary>An unsigned JWT with the given claims; the SDK only reads <c>iat</c> and <c>exp</c>.</summary>
    public static string Jwt(string id, DateTimeOffset issuedAt, DateTimeOffset expiresAt) =>
        Base64Url("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." +
        Base64Url($"{{\"jti\":\"{id}\",\"iat\":{issuedAt.ToUnixTimeSeconds()},\"exp\":{expiresAt.ToUnixTimeSeconds()}}}") + ".c2ln";

    private static string Base64Url(string text) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>One WireMock server, one fake clock and one log collector per test.</summary>
internal sealed class Harness : IDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    public Harness()
    {
        LoggerFactory = Microsoft.Extensions.Logging.LoggerFactory.Create(builder => builder.AddProvider(LogProvider).SetMinimumLevel(LogLevel.Trace));
    }

    public WireMockServer Server { get; } = WireMockServer.Start();

    public FakeTimeProvider Time { get; } = new(Start);

    public FakeLoggerProvider LogProvider { get; } = new();

    public ILoggerFactory LoggerFactory { get; }

    public Uri BaseAddress => new(Server.Url!);

    public PortOneV1Client V1(Action<PortOneV1Options>? configure = null, HttpMessageHandler? primaryHandler = null)
    {
        var options = new PortOneV1Options
        {
            ApiKey = "key-123",
            ApiSecret = "v1-secret-456",
            BaseAddress = BaseAddress,
            TimeProvider = Time,
            Retry = new PortOneRetryOptions { BaseDelay = TimeSpan.Zero },
        };
        configure?.Invoke(options);
        return new PortOneV1Client(options, LoggerFactory, primaryHandler);
    }

    public PortOneV2Client V2(Action<PortOneV2Options>? configure = null)
    {
        var options = new PortOneV2Options
        {
            ApiSecret = "v2-secret-789",
            BaseAddress = BaseAddress,
            TimeProvider = Time,
            Retry = new PortOneRetryOptions { BaseDelay = TimeSpan.Zero },
        };
        configure?.Invoke(options);
        return new PortOneV2Client(options, LoggerFactory);
    }

    public IReadOnlyList<ILogEntry> Requests(string path) =>
        Server.LogEntries.Where(e => e.RequestMessage.Path == path).ToList();

    public IReadOnlyList<FakeLogRecord> Logs => LogProvider.Collector.GetSnapshot();

    /// <summary>Waits (real time, as a guard only) until a log line with the event name appears.</summary>
    public async Task WaitForLogAsync(string eventName, int count = 1)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Logs.Count(l => l.Id.Name == eventName) < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No log event {eventName} (x{count}) appeared.");
            }

            await Task.Yield();
            await Task.Delay(5);
        }
    }

    public void Dispose()
    {
        Server.Stop();
        Server.Dispose();
        LoggerFactory.Dispose();
    }

    public static string? Header(ILogEntry entry, string name) => Header(entry.RequestMessage, name);

    public static string? Header(IRequestMessage request, string name) =>
        request.Headers?.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault();
}

/// <summary>Builds WireMock answers in callbacks.</summary>
internal static class Answers
{
    public static IResponseMessage Json(int status, string body, params (string Name, string Value)[] headers)
    {
        var response = new ResponseMessage
        {
            StatusCode = status,
            BodyData = new BodyData { BodyAsString = body, DetectedBodyType = BodyType.String, Encoding = Encoding.UTF8 },
        };
        response.AddHeader("Content-Type", "application/json");
        foreach (var (name, value) in headers)
        {
            response.AddHeader(name, value);
        }

        return response;
    }
}

/// <summary>
/// A stub whose answers are held back until the test releases them, and whose arrivals the test can await:
/// "the request has reached the server" without polling the server's log, which is written only after the answer.
/// </summary>
internal sealed class Gate : IDisposable
{
    private readonly SemaphoreSlim _arrivals = new(0);
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public async Task<IResponseMessage> HoldAsync(Func<IResponseMessage> answer)
    {
        Interlocked.Increment(ref _count);
        _arrivals.Release();
        await _release.Task;
        return answer();
    }

    public async Task WaitForArrivalAsync()
    {
        if (!await _arrivals.WaitAsync(TimeSpan.FromSeconds(10)))
        {
            throw new TimeoutException("The request never reached the server.");
        }
    }

    public void Release() => _release.TrySetResult();

    public void Dispose()
    {
        Release();
        _arrivals.Dispose();
    }
}

/// <summary>A raw loopback HTTP server for the failures WireMock cannot produce (a body that stalls or is cut off).</summary>
internal sealed class RawHttpServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly List<TcpClient> _clients = [];
    private int _requests;

    public RawHttpServer(string rawAnswer, bool closeAfterAnswer)
    {
        _listener.Start();
        Url = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _ = ServeAsync(rawAnswer, closeAfterAnswer);
    }

    public Uri Url { get; }

    public TaskCompletionSource Answered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Requests => Volatile.Read(ref _requests);

    public async Task WaitForRequestsAsync(int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Requests < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The raw server saw {Requests} requests, not {count}.");
            }

            await Task.Delay(5);
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        lock (_clients)
        {
            foreach (var client in _clients)
            {
                client.Dispose();
            }
        }
    }

    private async Task ServeAsync(string rawAnswer, bool closeAfterAnswer)
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync();
                lock (_clients)
                {
                    _clients.Add(client);
                }

                var stream = client.GetStream();
                var buffer = new byte[8192];
                var received = new StringBuilder();
                while (!received.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
                {
                    var read = await stream.ReadAsync(buffer);
                    if (read == 0)
                    {
                        break;
                    }

                    received.Append(Encoding.ASCII.GetString(buffer, 0, read));
                }

                await stream.WriteAsync(Encoding.UTF8.GetBytes(rawAnswer));
                await stream.FlushAsync();
                Interlocked.Increment(ref _requests);
                if (closeAfterAnswer)
                {
                    client.Dispose();
                }

                Answered.TrySetResult();
            }
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException or IOException)
        {
            // The listener was stopped at the end of the test.
        }
    }
}

internal static class TaskGuard
{
    /// <summary>Fails the test instead of hanging it when a task that should finish never does.</summary>
    public static Task<T> Guard<T>(this Task<T> task) => task.WaitAsync(TimeSpan.FromSeconds(20));

    public static Task Guard(this Task task) => task.WaitAsync(TimeSpan.FromSeconds(20));
}
