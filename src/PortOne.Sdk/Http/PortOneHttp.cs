using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using PortOne.Sdk.Auth;

namespace PortOne.Sdk.Http;

/// <summary>
/// Everything one configured client shares across requests and handler instances: options, clock, credential,
/// time-out and retry policy. Built once per client (a singleton under DI), never per request.
/// </summary>
internal sealed class PortOneClientRuntime
{
    public PortOneClientRuntime(PortOneClientOptions options, TimeProvider timeProvider, ILoggerFactory loggerFactory, string apiLabel, Func<PortOneClientRuntime, PortOneCredential> credential)
    {
        Options = options;
        TimeProvider = timeProvider;
        LoggerFactory = loggerFactory;
        Logger = loggerFactory.CreateLogger("PortOne.Sdk." + apiLabel);
        ApiLabel = apiLabel;
        Resilience = new PortOneResiliencePolicy(options, timeProvider, Logger);
        Credential = credential(this);
    }

    public PortOneClientOptions Options { get; }

    public TimeProvider TimeProvider { get; }

    public ILoggerFactory LoggerFactory { get; }

    public ILogger Logger { get; }

    public string ApiLabel { get; }

    public PortOneResiliencePolicy Resilience { get; }

    public PortOneCredential Credential { get; }

    /// <summary>How many handlers <see cref="CreateHandler"/> builds.</summary>
    public const int HandlerCount = 4;

    /// <summary>
    /// The handlers, outermost first: diagnostics (one span per call), retry and time-outs, auth (per attempt),
    /// and the body reader that keeps reading the answer inside the time-outs.
    /// </summary>
    /// <param name="index">0 to <see cref="HandlerCount"/> - 1.</param>
    public DelegatingHandler CreateHandler(int index) => index switch
    {
        0 => new PortOneDiagnosticsHandler(Logger, TimeProvider),
        1 => new PortOneResilienceHandler(Resilience),
        2 => new PortOneAuthHandler(Credential, Logger),
        3 => new PortOneBufferingHandler(),
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    /// <summary>An <see cref="HttpClient"/> with the whole chain, for callers who do not use DI.</summary>
    public HttpClient CreateStandaloneClient(HttpMessageHandler? primaryHandler)
    {
        HttpMessageHandler handler = primaryHandler ?? CreatePrimaryHandler();
        for (var i = HandlerCount - 1; i >= 0; i--)
        {
            var outer = CreateHandler(i);
            outer.InnerHandler = handler;
            handler = outer;
        }

        var client = new HttpClient(handler, disposeHandler: primaryHandler is null);
        Configure(client);
        return client;
    }

    /// <summary>Base address, no HttpClient-level time-out (the pipeline owns time-outs), and the User-Agent.</summary>
    public void Configure(HttpClient client)
    {
        var baseAddress = Options.EffectiveBaseAddress.ToString();
        client.BaseAddress = new Uri(baseAddress.EndsWith("/", StringComparison.Ordinal) ? baseAddress : baseAddress + "/");
        client.Timeout = System.Threading.Timeout.InfiniteTimeSpan;
        // Checked once here, then kept as text: HttpClient copies its default headers into every request, and
        // parsed values would be cloned object by object on each call.
        var userAgent = new ProductInfoHeaderValue("PortOne.Sdk", PortOneDiagnostics.Version) + " "
            + new ProductInfoHeaderValue("(" + RuntimeInformation.FrameworkDescription.Trim() + "; " + ApiLabel + ")");
        client.DefaultRequestHeaders.UserAgent.Clear();
        client.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", userAgent);
    }

    private static HttpMessageHandler CreatePrimaryHandler()
    {
#if NET5_0_OR_GREATER
        // Recycle connections so DNS changes on PortOne's side are picked up by long-lived clients.
        return new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
#else
        return new HttpClientHandler();
#endif
    }
}
