using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using PortOne.Sdk.AspNetCore;
using PortOne.Sdk.V2.Webhooks;

namespace PortOne.Sdk.AspNetCore.Tests;

/// <summary>
/// An application that maps the PortOne endpoints, served by TestServer (in memory) or by Kestrel on 127.0.0.1.
/// </summary>
internal sealed class ReceiverHost : IAsyncDisposable
{
    public const string V2Path = "/webhooks/portone";
    public const string V1Path = "/webhooks/iamport";

    private readonly WebApplication _app;
    private bool _disposed;

    private ReceiverHost(WebApplication app, HttpClient client)
    {
        _app = app;
        Client = client;
    }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public FakeLogCollector Logs => _app.Services.GetFakeLogCollector();

    internal PortOneWebhookDeduplicator Deduplicator => _app.Services.GetRequiredService<PortOneWebhookDeduplicator>();

    /// <summary>Starts an application. Configuration comes only from <paramref name="settings"/>: nothing from the machine.</summary>
    public static async Task<ReceiverHost> StartAsync(
        Action<PortOneWebhooksBuilder> handlers,
        TimeProvider time,
        string? secret,
        IDistributedCache? sharedCache = null,
        Action<IServiceCollection>? services = null,
        IDictionary<string, string?>? settings = null,
        bool kestrel = false,
        bool mapV1 = false)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.Services.AddRouting();
        builder.Logging.AddFakeLogging();
        var configuration = new Dictionary<string, string?> { ["PortOne:V2:WebhookSecret"] = secret };
        foreach (var setting in settings ?? new Dictionary<string, string?>())
        {
            configuration[setting.Key] = setting.Value;
        }

        builder.Configuration.AddInMemoryCollection(configuration);
        builder.Services.AddSingleton(time);
        if (sharedCache is not null)
        {
            // What AddStackExchangeRedisCache or AddDistributedSqlServerCache do: one cache all instances see.
            builder.Services.AddSingleton(sharedCache);
        }

        handlers(builder.Services.AddPortOneWebhooks(builder.Configuration.GetSection("PortOne")));
        services?.Invoke(builder.Services);

        if (kestrel)
        {
            builder.WebHost.UseKestrelCore().UseUrls("http://127.0.0.1:0");
            // A stop aborts requests in progress at once, as the end of a process would.
            builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.Zero);
        }
        else
        {
            builder.WebHost.UseTestServer();
        }

        var app = builder.Build();
        app.MapPortOneWebhooks(V2Path);
        if (mapV1)
        {
            app.MapPortOneV1Notifications(V1Path);
        }

        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        HttpClient client;
        if (kestrel)
        {
            var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
            client = new HttpClient { BaseAddress = new Uri(address) };
        }
        else
        {
            client = app.GetTestClient();
        }

        return new ReceiverHost(app, client);
    }

    public Task<HttpResponseMessage> PostAsync(string body, PortOneWebhookHeaders headers, string path = V2Path) =>
        PostAsync(Encoding.UTF8.GetBytes(body), headers, path);

    public Task<HttpResponseMessage> PostAsync(byte[] body, PortOneWebhookHeaders headers, string path = V2Path)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        foreach (var header in headers)
        {
            request.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        return Client.SendAsync(request);
    }

    public Task<HttpResponseMessage> PostV1Async(string body, string contentType = "application/json")
    {
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        return Client.PostAsync(V1Path, content);
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        // The server first: a request in progress then ends the way it would if the process stopped, not because
        // its client went away.
        await _app.DisposeAsync();
        Client.Dispose();
    }
}

/// <summary>Webhook bodies in PortOne's shape.</summary>
internal static class Payloads
{
    public static string Paid(string paymentId, DateTimeOffset at) =>
        $$$"""{"type":"Transaction.Paid","timestamp":"{{{at.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ}}}","data":{"paymentId":"{{{paymentId}}}","storeId":"store-test","transactionId":"tx-{{{paymentId}}}"}}""";
}

/// <summary>Records what a handler saw; thread-safe.</summary>
internal sealed class Calls
{
    private readonly List<(Webhook Webhook, PortOneWebhookContext Context)> _calls = [];

    public int Count
    {
        get
        {
            lock (_calls)
            {
                return _calls.Count;
            }
        }
    }

    public IReadOnlyList<(Webhook Webhook, PortOneWebhookContext Context)> All
    {
        get
        {
            lock (_calls)
            {
                return _calls.ToArray();
            }
        }
    }

    public Task Record(Webhook webhook, PortOneWebhookContext context, CancellationToken cancellationToken)
    {
        lock (_calls)
        {
            _calls.Add((webhook, context));
        }

        return Task.CompletedTask;
    }
}
