using System;
using System.Net.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PortOne.Sdk.Auth;
using PortOne.Sdk.Http;

namespace PortOne.Sdk.V2;

/// <summary>The V2 client's surface, for callers who prefer to depend on an interface.</summary>
public partial interface IPortOneV2Client
{
    /// <summary>Token operations (bearer mode).</summary>
    PortOneV2AuthClient Auth { get; }

    /// <summary>Billing keys: issue, look up, search, delete.</summary>
    PortOneV2BillingKeysClient BillingKeys { get; }

    /// <summary>Payments: pay with a billing key or instantly, look up, search, cancel.</summary>
    PortOneV2PaymentsClient Payments { get; }

    /// <summary>Payment schedules: book, look up, search, revoke.</summary>
    PortOneV2PaymentSchedulesClient PaymentSchedules { get; }
}

/// <summary>
/// Client of PortOne's V2 API (<c>https://api.portone.io</c>). Thread-safe; create one and keep it (or let DI do
/// it through <c>services.AddPortOneV2(...)</c>). Operations are grouped by resource.
/// </summary>
public partial class PortOneV2Client : IPortOneV2Client, IDisposable
{
    private readonly HttpClient? _ownedHttpClient;

    /// <summary>Creates a client that owns its own HTTP stack. Prefer DI in applications.</summary>
    /// <param name="options">Credentials and settings; validated here.</param>
    /// <param name="loggerFactory">Where the SDK logs (allow-listed facts only); none by default.</param>
    /// <exception cref="ArgumentException">The options are incomplete; the message names each setting.</exception>
    public PortOneV2Client(PortOneV2Options options, ILoggerFactory? loggerFactory = null)
        : this(options, loggerFactory, primaryHandler: null)
    {
    }

    /// <summary>Creates a client over a given innermost handler (a test server's, a proxy's), with the SDK's handlers on top.</summary>
    /// <param name="options">Credentials and settings; validated here.</param>
    /// <param name="loggerFactory">Where the SDK logs; none when null.</param>
    /// <param name="primaryHandler">The handler that does the actual I/O. The caller keeps ownership.</param>
    public PortOneV2Client(PortOneV2Options options, ILoggerFactory? loggerFactory, HttpMessageHandler? primaryHandler)
    {
        if (options is null)
        {
            throw new ArgumentNullException(nameof(options));
        }

        options.ThrowIfInvalid();
        V2Api? api = null;
        var runtime = CreateRuntime(options, loggerFactory ?? NullLoggerFactory.Instance, () => api!);
        _ownedHttpClient = runtime.CreateStandaloneClient(primaryHandler);
        api = new V2Api(new PortOneTransport(_ownedHttpClient, runtime.Credential), options) { Logger = runtime.Logger };
        Api = api;
        Initialize();
    }

    internal PortOneV2Client(HttpClient httpClient, PortOneV2Options options, PortOneCredential credential, ILogger logger)
    {
        Api = new V2Api(new PortOneTransport(httpClient, credential), options) { Logger = logger };
        Initialize();
    }

    /// <summary>For mocking frameworks only.</summary>
    protected PortOneV2Client()
    {
        Api = null!;
        Auth = null!;
        BillingKeys = null!;
        Payments = null!;
        PaymentSchedules = null!;
    }

    /// <inheritdoc/>
    public virtual PortOneV2AuthClient Auth { get; private set; } = null!;

    internal V2Api Api { get; }

    /// <summary>Releases the HTTP stack this client created; a client from DI owns nothing.</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    internal static PortOneClientRuntime CreateRuntime(PortOneV2Options options, ILoggerFactory loggerFactory, Func<V2Api> api) =>
        new(options, options.TimeProvider ?? TimeProvider.System, loggerFactory, "V2", runtime => options.AuthMode == PortOneV2AuthMode.BearerToken
            ? new PortOneV2BearerCredential(api, options.ApiSecret!, runtime.TimeProvider, options.TokenRenewBefore, runtime.Logger)
            : new ApiSecretCredential(options.ApiSecret!));

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
        Auth = new PortOneV2AuthClient(Api);
        InitializeResources();
        InitializeAreas();
    }

    // Each resource group (billing keys, payments, schedules) adds itself in its own partial file.
    partial void InitializeResources();
}
