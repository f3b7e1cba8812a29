using System;
using System.Net.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PortOne.Sdk.Auth;
using PortOne.Sdk.Http;

namespace PortOne.Sdk.V1;

/// <summary>The V1 client's surface, for callers who prefer to depend on an interface.</summary>
public interface IPortOneV1Client
{
    /// <summary>The token operation.</summary>
    PortOneV1AuthClient Auth { get; }

    /// <summary>Billing-key customers: issue, look up and delete billing keys; list their payments and schedules.</summary>
    PortOneV1CustomersClient Customers { get; }

    /// <summary>Billing-key charges (<c>onetime</c>, <c>again</c>) and payment schedules.</summary>
    PortOneV1SubscriptionsClient Subscriptions { get; }

    /// <summary>Payment look-ups and refunds.</summary>
    PortOneV1PaymentsClient Payments { get; }
}

/// <summary>
/// Client of PortOne's V1 (iamport) API (<c>https://api.iamport.kr</c>). Thread-safe; create one and keep it (or
/// let DI do it through <c>services.AddPortOneV1(...)</c>). Tokens are fetched, cached and renewed for you.
/// </summary>
public partial class PortOneV1Client : IPortOneV1Client, IDisposable
{
    private readonly HttpClient? _ownedHttpClient;

    /// <summary>Creates a client that owns its own HTTP stack. Prefer DI in applications.</summary>
    /// <param name="options">Credentials and settings; validated here.</param>
    /// <param name="loggerFactory">Where the SDK logs (allow-listed facts only); none by default.</param>
    /// <exception cref="ArgumentException">The options are incomplete; the message names each setting.</exception>
    public PortOneV1Client(PortOneV1Options options, ILoggerFactory? loggerFactory = null)
        : this(options, loggerFactory, primaryHandler: null)
    {
    }

    /// <summary>Creates a client over a given innermost handler (a test server's, a proxy's), with the SDK's handlers on top.</summary>
    /// <param name="options">Credentials and settings; validated here.</param>
    /// <param name="loggerFactory">Where the SDK logs; none when null.</param>
    /// <param name="primaryHandler">The handler that does the actual I/O. The caller keeps ownership.</param>
    public PortOneV1Client(PortOneV1Options options, ILoggerFactory? loggerFactory, HttpMessageHandler? primaryHandler)
    {
        if (options is null)
        {
            throw new ArgumentNullException(nameof(options));
        }

        options.ThrowIfInvalid();
        V1Api? api = null;
        var runtime = CreateRuntime(options, loggerFactory ?? NullLoggerFactory.Instance, () => api!);
        _ownedHttpClient = runtime.CreateStandaloneClient(primaryHandler);
        api = new V1Api(new PortOneTransport(_ownedHttpClient, runtime.Credential), options) { Logger = runtime.Logger };
        Api = api;
        Initialize();
    }

    internal PortOneV1Client(HttpClient httpClient, PortOneV1Options options, PortOneCredential credential, ILogger logger)
    {
        Api = new V1Api(new PortOneTransport(httpClient, credential), options) { Logger = logger };
        Initialize();
    }

    /// <summary>For mocking frameworks only.</summary>
    protected PortOneV1Client()
    {
        Api = null!;
    }

    /// <inheritdoc/>
    public virtual PortOneV1AuthClient Auth { get; private set; } = null!;

    internal V1Api Api { get; }

    /// <summary>Releases the HTTP stack this client created; a client from DI owns nothing.</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    internal static PortOneClientRuntime CreateRuntime(PortOneV1Options options, ILoggerFactory loggerFactory, Func<V1Api> api) =>
        new(options, options.TimeProvider ?? TimeProvider.System, loggerFactory, "V1", runtime =>
            new PortOneV1TokenCredential(api, runtime.TimeProvider, options.TokenRenewBefore, runtime.Logger));

    /// <summary>Releases owned resources.</summary>
    /// <param name="disposing">True from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _ownedHttpClient?.Dispose();
        }
    }

    private void Initialize()
    {
        Auth = new PortOneV1AuthClient(Api);
        InitializeResources();
    }

    // Each resource group (customers, subscriptions, payments) is wired up in its own partial file.
    partial void InitializeResources();
}
