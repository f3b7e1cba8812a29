using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using PortOne.Sdk.Http;
using PortOne.Sdk.Testing;
using PortOne.Sdk.V1;
using PortOne.Sdk.V2;

namespace PortOne.Sdk.Tests.Testing;

/// <summary>One answer as the client's transport received it: which operation asked, and the body it got.</summary>
internal sealed record RecordedAnswer(string Operation, string Method, string PathTemplate, string Path, int Status, string Body)
{
    public bool IsSuccess => Status is >= 200 and < 300;

    public override string ToString() => $"{Operation} {Method} {Path} -> {Status}";
}

/// <summary>
/// The innermost handler of a real client: passes each attempt to the fake and keeps a copy of the answer's body
/// with the operation the SDK tagged the request with. The body is handed on as a fresh buffer, so the client
/// reads exactly what the fake sent.
/// </summary>
internal sealed class AnswerRecordingHandler : DelegatingHandler
{
    private readonly List<RecordedAnswer> _answers;

    public AnswerRecordingHandler(HttpMessageHandler inner, List<RecordedAnswer> answers)
        : base(inner)
    {
        _answers = answers;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var copy = new ByteArrayContent(bytes);
        foreach (var header in response.Content.Headers)
        {
            copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        response.Content = copy;
        var operation = request.GetPortOneOperation();
        lock (_answers)
        {
            _answers.Add(new RecordedAnswer(
                operation?.Name ?? "(untagged)",
                request.Method.Method,
                operation?.PathTemplate ?? string.Empty,
                request.RequestUri?.AbsolutePath ?? string.Empty,
                (int)response.StatusCode,
                System.Text.Encoding.UTF8.GetString(bytes)));
        }

        return response;
    }
}

/// <summary>
/// Real V1 and V2 clients wired to a <see cref="FakePortOne"/> through <see cref="AnswerRecordingHandler"/>, and a
/// log collector. Each call made through <see cref="V2Async{T}"/> / <see cref="V1Async{T}"/> has every answer it got
/// checked by <see cref="AnswerChecker"/> against the model the call decodes into; the problems pile up in
/// <see cref="Problems"/> so one run names them all. Tests of answers the fake gains later can use it the same way.
/// </summary>
internal sealed class FakeAnswerProbe : IDisposable
{
    private readonly List<RecordedAnswer> _answers = [];
    private readonly ILoggerFactory _loggerFactory;

    public FakeAnswerProbe(FakePortOne fake, PortOneV2AuthMode authMode = PortOneV2AuthMode.BearerToken)
    {
        Fake = fake;
        _loggerFactory = LoggerFactory.Create(b => b.AddProvider(new FakeLoggerProvider(Logs)).SetMinimumLevel(LogLevel.Debug));
        var v2 = new PortOneV2Options { ApiSecret = fake.V2ApiSecret, StoreId = fake.StoreId, AuthMode = authMode };
        fake.ApplyTo(v2);
        V2 = new PortOneV2Client(v2, _loggerFactory, new AnswerRecordingHandler(Transport(fake), _answers));
        V1 = new PortOneV1Client(V1Options(fake), _loggerFactory, new AnswerRecordingHandler(Transport(fake), _answers));
    }

    public FakePortOne Fake { get; }

    // In memory, or real sockets once the fake serves over loopback (fake.ApplyTo then points at that address).
    private static HttpMessageHandler Transport(FakePortOne fake) =>
        fake.V2LoopbackAddress is null ? fake.CreateHandler() : new SocketsHttpHandler();

    private static PortOneV1Options V1Options(FakePortOne fake)
    {
        var options = new PortOneV1Options { ApiKey = fake.V1ApiKey, ApiSecret = fake.V1ApiSecret };
        fake.ApplyTo(options);
        return options;
    }

    public PortOneV2Client V2 { get; }

    public PortOneV1Client V1 { get; }

    public FakeLogCollector Logs { get; } = new();

    public List<string> Problems { get; } = [];

    public IReadOnlyList<RecordedAnswer> Answers
    {
        get
        {
            lock (_answers)
            {
                return _answers.ToList();
            }
        }
    }

    /// <summary>Runs a V2 call and checks every answer it caused; the success answer against <typeparamref name="T"/>.</summary>
    public Task<T> V2Async<T>(Func<PortOneV2Client, Task<T>> call) => RunAsync(() => call(V2), typeof(T), v1: false);

    /// <summary>Runs a V1 call and checks every answer it caused; <paramref name="wire"/> is the model of <c>response</c> when it is not <typeparamref name="T"/>.</summary>
    public Task<T> V1Async<T>(Func<PortOneV1Client, Task<T>> call, Type? wire = null) => RunAsync(() => call(V1), wire ?? typeof(T), v1: true);

    /// <summary>Runs a V2 call that must be refused, and checks the error answer decodes into a known error case.</summary>
    public async Task<PortOneApiException> V2RefusedAsync(Func<PortOneV2Client, Task> call)
    {
        var start = Answers.Count;
        var exception = await Assert.ThrowsAsync<PortOneApiException>(() => call(V2));
        CheckSince(start, typeof(PortOneError), v1: false);
        if (exception.Error is IPortOneUnknownCase unknown)
        {
            Problems.Add($"error answer \"{unknown.Discriminator}\" decoded as an unknown error case");
        }

        return exception;
    }

    private async Task<T> RunAsync<T>(Func<Task<T>> call, Type wire, bool v1)
    {
        var start = Answers.Count;
        var result = await call();
        CheckSince(start, wire, v1);
        if (result is IPortOneUnknownCase unknown)
        {
            Problems.Add($"a {typeof(T).Name} answer decoded as the unknown case \"{unknown.Discriminator}\"");
        }

        return result;
    }

    private void CheckSince(int start, Type wire, bool v1)
    {
        foreach (var answer in Answers.Skip(start))
        {
            var problems = Check(answer, wire, v1);
            Problems.AddRange(problems.Select(p => $"{answer}: {p}"));
        }
    }

    private static IReadOnlyList<string> Check(RecordedAnswer answer, Type wire, bool v1)
    {
        // Token answers can arrive inside any call; they are checked against their own models.
        if (answer.Path.EndsWith("/login/api-secret", StringComparison.Ordinal))
        {
            return answer.IsSuccess ? AnswerChecker.Check(typeof(LoginViaApiSecretResponse), answer.Body) : AnswerChecker.Check(typeof(PortOneError), answer.Body);
        }

        if (answer.Path.EndsWith("/token/refresh", StringComparison.Ordinal))
        {
            return answer.IsSuccess ? AnswerChecker.Check(typeof(RefreshTokenResponse), answer.Body) : AnswerChecker.Check(typeof(PortOneError), answer.Body);
        }

        if (answer.Path.EndsWith("/users/getToken", StringComparison.Ordinal))
        {
            return AnswerChecker.CheckV1(typeof(V1AccessToken), answer.Body);
        }

        if (v1)
        {
            return answer.IsSuccess ? AnswerChecker.CheckV1(wire, answer.Body) : AnswerChecker.CheckV1Error(answer.Body);
        }

        return AnswerChecker.Check(answer.IsSuccess ? wire : typeof(PortOneError), answer.Body);
    }

    public void Dispose()
    {
        V2.Dispose();
        V1.Dispose();
        _loggerFactory.Dispose();
    }
}
