using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PortOne.Sdk.Testing;

namespace PortOne.Sdk.FakeServer;

/// <summary>
/// The fake PortOne served over HTTP by Kestrel: the V1 and V2 APIs on one port (under <c>/v1/</c> and <c>/v2/</c>,
/// or at the root, told apart by path and credential), a page at <c>/</c>, and control endpoints under
/// <c>/_fake/</c>. Every API request is handed to one <see cref="FakePortOne"/>, exactly as an in-memory client's.
/// </summary>
public sealed class FakePortOneHost : IAsyncDisposable
{
    /// <summary>The prefix of the fake's own endpoints; PortOne's APIs have no path starting with an underscore.</summary>
    public const string ControlPrefix = "/_fake/";

    private static readonly HashSet<string> SkippedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Connection", "Transfer-Encoding", "Keep-Alive", "Upgrade", "Expect", "Content-Length", "Content-Type",
    };

    private readonly WebApplication _app;
    private readonly HttpMessageInvoker _invoker;
    private readonly HttpClient _webhookHttp;
    private readonly Action<string>? _log;

    private FakePortOneHost(WebApplication app, FakePortOne fake, FakeServerSettings settings, HttpClient webhookHttp, Action<string>? log)
    {
        _app = app;
        Fake = fake;
        Settings = settings;
        _webhookHttp = webhookHttp;
        _log = log;
        _invoker = new HttpMessageInvoker(fake.CreateHandler());
        Deliveries = new FakeWebhookDeliveries(fake, settings.WebhookUrls.ToArray(), settings.WebhookRetryDelays.ToArray(), webhookHttp);
        V1Deliveries = new FakeV1NotificationDeliveries(fake, settings.V1NotificationUrls.ToArray(), settings.WebhookRetryDelays.ToArray(), webhookHttp);
    }

    /// <summary>The fake behind the server: its state, clock, recorded webhooks and fault injection.</summary>
    public FakePortOne Fake { get; }

    /// <summary>The settings the server started with.</summary>
    public FakeServerSettings Settings { get; }

    /// <summary>Webhook deliveries to the configured URLs, with every attempt.</summary>
    public FakeWebhookDeliveries Deliveries { get; }

    /// <summary>V1 notification deliveries to the configured notice URLs, with every attempt.</summary>
    public FakeV1NotificationDeliveries V1Deliveries { get; }

    /// <summary>Where the server listens, e.g. <c>http://127.0.0.1:8089/</c> (the real port when 0 was asked for).</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>Base address for V1 clients (<c>…/v1/</c>).</summary>
    public Uri V1Address => new(Address, "v1/");

    /// <summary>Base address for V2 clients (<c>…/v2/</c>).</summary>
    public Uri V2Address => new(Address, "v2/");

    /// <summary>Starts a server with <paramref name="settings"/>.</summary>
    /// <param name="settings">Port, credentials, webhook URLs, starting time.</param>
    /// <param name="log">Receives one line per request; null for silence.</param>
    /// <param name="webhookHttp">Sends the webhooks; null for a new client with a 10 second time-out.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The started server; dispose it to stop.</returns>
    public static async Task<FakePortOneHost> StartAsync(FakeServerSettings settings, Action<string>? log = null, HttpClient? webhookHttp = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var fake = new FakePortOne(settings.Start)
        {
            V2ApiSecret = settings.V2ApiSecret,
            V1ApiKey = settings.V1ApiKey,
            V1ApiSecret = settings.V1ApiSecret,
            StoreId = settings.StoreId,
        };
        if (settings.WebhookSecret is not null)
        {
            fake.WebhookSecret = settings.WebhookSecret;
        }

        foreach (var channelKey in settings.KgInicisChannels)
        {
            fake.UseKgInicisRules(channelKey);
        }

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        var host = settings.Host.Contains(':', StringComparison.Ordinal) ? $"[{settings.Host}]" : settings.Host;
        builder.WebHost.UseKestrelCore().UseUrls(string.Create(CultureInfo.InvariantCulture, $"http://{host}:{settings.Port}"));
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        var app = builder.Build();
        var server = new FakePortOneHost(app, fake, settings, webhookHttp ?? new HttpClient { Timeout = TimeSpan.FromSeconds(10) }, log);
        app.Run(server.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var bound = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        server.Address = new Uri(bound.EndsWith('/') ? bound : bound + "/");
        return server;
    }

    /// <summary>Waits until the process is asked to stop (Ctrl+C, SIGTERM).</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>A task that completes at shutdown.</returns>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _invoker.Dispose();
        Deliveries.Dispose();
        V1Deliveries.Dispose();
        _webhookHttp.Dispose();
        await Fake.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Which API a request is for, and its path relative to that API's base address.</summary>
    /// <param name="rawTarget">The request target as sent, e.g. <c>/v2/payments/a?x=1</c>.</param>
    /// <param name="authorization">The Authorization header, if any.</param>
    /// <returns>The fake's base address for that API and the rest of the target.</returns>
    internal static (Uri Base, string Remainder) Route(string rawTarget, string? authorization)
    {
        var path = rawTarget.TrimStart('/');
        if (path.StartsWith("v1/", StringComparison.Ordinal))
        {
            return (FakePortOne.V1BaseAddress, path[3..]);
        }

        if (path.StartsWith("v2/", StringComparison.Ordinal))
        {
            return (FakePortOne.V2BaseAddress, path[3..]);
        }

        var first = path.Split('/', '?')[0];
        if (first is "users" or "subscribe")
        {
            return (FakePortOne.V1BaseAddress, path);
        }

        if (first is "login" or "token")
        {
            return (FakePortOne.V2BaseAddress, path);
        }

        // Both APIs have /payments/…: V2 credentials are "PortOne <secret>" or a JWT (dots); V1 tokens have no dots.
        if (authorization is not null && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && !authorization.Contains('.', StringComparison.Ordinal))
        {
            return (FakePortOne.V1BaseAddress, path);
        }

        return (FakePortOne.V2BaseAddress, path);
    }

    private static string RawTarget(HttpContext context) =>
        context.Features.Get<IHttpRequestFeature>()?.RawTarget is { Length: > 0 } raw ? raw : context.Request.Path + context.Request.QueryString;

    private static bool WantsPage(HttpRequest request) =>
        request.HasFormContentType || request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);

    private static Task WriteAsync(HttpContext context, int status, string contentType, string body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        return context.Response.WriteAsync(body, context.RequestAborted);
    }

    private static Task JsonAsync(HttpContext context, int status, JsonNode body) =>
        WriteAsync(context, status, "application/json; charset=utf-8", body.ToJsonString());

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        try
        {
            if (path == "/")
            {
                if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
                {
                    await WriteAsync(context, 405, "text/plain; charset=utf-8", "The page only answers GET.").ConfigureAwait(false);
                    return;
                }

                await WriteAsync(context, 200, "text/html; charset=utf-8", FakeServerPage.Render(this)).ConfigureAwait(false);
                return;
            }

            if (path.StartsWith(ControlPrefix, StringComparison.Ordinal) || path == "/_fake")
            {
                await ControlAsync(context, path).ConfigureAwait(false);
                return;
            }

            await ForwardAsync(context).ConfigureAwait(false);
        }
        finally
        {
            _log?.Invoke(string.Create(CultureInfo.InvariantCulture, $"{Fake.Clock.GetUtcNow():u} {context.Request.Method} {RawTarget(context)} -> {context.Response.StatusCode}"));
        }

        // Webhooks the request caused go out after its answer, as PortOne's do: a receiver that calls back, or a
        // single-threaded backend still waiting for this answer, is never blocked by its own webhook.
        if (!context.RequestAborted.IsCancellationRequested)
        {
            await context.Response.CompleteAsync().ConfigureAwait(false);
        }

        await RunDeliveriesAsync().ConfigureAwait(false);
    }

    private async Task RunDeliveriesAsync()
    {
        try
        {
            await Deliveries.RunDueAsync(_app.Lifetime.ApplicationStopping).ConfigureAwait(false);
            await V1Deliveries.RunDueAsync(_app.Lifetime.ApplicationStopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Shutting down; the attempts left are abandoned with the process.
        }
    }

    private async Task ForwardAsync(HttpContext context)
    {
        var (target, rest) = Route(RawTarget(context), context.Request.Headers.Authorization.ToString() is { Length: > 0 } a ? a : null);
        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), new Uri(target, rest));
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted).ConfigureAwait(false);
        if (body.Length > 0)
        {
            request.Content = new ByteArrayContent(body.ToArray());
            if (MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var type))
            {
                request.Content.Headers.ContentType = type;
            }
        }

        foreach (var header in context.Request.Headers)
        {
            if (!SkippedHeaders.Contains(header.Key))
            {
                request.Headers.TryAddWithoutValidation(header.Key, (IEnumerable<string>)header.Value);
            }
        }

        HttpResponseMessage answer;
        byte[] bytes;
        try
        {
            answer = await _invoker.SendAsync(request, context.RequestAborted).ConfigureAwait(false);
            bytes = await answer.Content.ReadAsByteArrayAsync(context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException)
        {
            // An injected network fault (request or answer lost, answer cut): the client sees the connection drop.
            context.Abort();
            return;
        }

        using (answer)
        {
            context.Response.StatusCode = (int)answer.StatusCode;
            context.Response.ContentType = answer.Content.Headers.ContentType?.ToString() ?? "application/json";
            await context.Response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
        }
    }

    private async Task ControlAsync(HttpContext context, string path)
    {
        var request = context.Request;
        var segments = path[ControlPrefix.Length..].Trim('/').Split('/');
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in request.Query)
        {
            values[pair.Key] = pair.Value.ToString();
        }

        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
            foreach (var pair in form)
            {
                values[pair.Key] = pair.Value.ToString();
            }
        }

        var isPost = HttpMethods.IsPost(request.Method);
        switch (segments)
        {
            case ["clock"] when HttpMethods.IsGet(request.Method):
                await JsonAsync(context, 200, ClockJson()).ConfigureAwait(false);
                return;
            case ["clock", "advance"] when isPost:
                if (!TryReadDelta(values, out var delta, out var problem))
                {
                    await JsonAsync(context, 400, new JsonObject { ["type"] = "INVALID_REQUEST", ["message"] = problem }).ConfigureAwait(false);
                    return;
                }

                Fake.Clock.Advance(delta);
                break;
            case ["clock", "set"] when isPost:
                if (!values.TryGetValue("to", out var to)
                    || !DateTimeOffset.TryParse(to, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var when)
                    || when < Fake.Clock.GetUtcNow())
                {
                    await JsonAsync(context, 400, new JsonObject { ["type"] = "INVALID_REQUEST", ["message"] = "'to' must be a date and time not earlier than the fake clock (it only moves forward)." }).ConfigureAwait(false);
                    return;
                }

                Fake.Clock.SetUtcNow(when);
                break;
            case ["webhooks"] when HttpMethods.IsGet(request.Method):
                await JsonAsync(context, 200, WebhooksJson()).ConfigureAwait(false);
                return;
            case ["v1", "notifications"] when HttpMethods.IsGet(request.Method):
                await JsonAsync(context, 200, V1NotificationsJson()).ConfigureAwait(false);
                return;
            case ["webhooks", "deliver"] when isPost:
                // Nothing to do here: every control action below makes the due attempts before answering. Scripts
                // call this to know that the webhooks their last API call caused have been sent.
                break;
            case ["webhooks", var index, "resend"] when isPost:
                if (!int.TryParse(index, NumberStyles.None, CultureInfo.InvariantCulture, out var i) || !Deliveries.Resend(i))
                {
                    await JsonAsync(context, 404, new JsonObject { ["type"] = "NOT_FOUND", ["message"] = $"No webhook {index} to resend, or no webhook URL configured." }).ConfigureAwait(false);
                    return;
                }

                break;
            case ["v2", "payments", var paymentId, "deposit"] when isPost:
                long? amount = null;
                if (values.TryGetValue("amount", out var amountText) && amountText.Length > 0)
                {
                    if (!long.TryParse(amountText, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
                    {
                        await JsonAsync(context, 400, new JsonObject { ["type"] = "INVALID_REQUEST", ["message"] = "'amount' must be a whole number." }).ConfigureAwait(false);
                        return;
                    }

                    amount = parsed;
                }

                if (Fake.TryDepositToVirtualAccount(Uri.UnescapeDataString(paymentId), amount) is { } refused)
                {
                    await JsonAsync(context, 409, new JsonObject { ["type"] = "DEPOSIT_REFUSED", ["message"] = refused }).ConfigureAwait(false);
                    return;
                }

                break;
            default:
                await JsonAsync(context, 404, new JsonObject { ["type"] = "NOT_FOUND", ["message"] = $"The fake server has no {request.Method} {path}." }).ConfigureAwait(false);
                return;
        }

        // A control action moved the clock or queued a resend: make what fell due happen before answering, so the
        // page (or the script) that asked sees the result.
        await RunDeliveriesAsync().ConfigureAwait(false);
        if (WantsPage(request))
        {
            context.Response.StatusCode = StatusCodes.Status303SeeOther;
            context.Response.Headers.Location = "/";
            return;
        }

        await JsonAsync(context, 200, ClockJson()).ConfigureAwait(false);
    }

    private static bool TryReadDelta(Dictionary<string, string> values, out TimeSpan delta, out string problem)
    {
        delta = TimeSpan.Zero;
        problem = "Give seconds, minutes, hours and/or days (whole, not negative), e.g. ?minutes=30.";
        var any = false;
        foreach (var (name, unit) in new[] { ("seconds", TimeSpan.FromSeconds(1)), ("minutes", TimeSpan.FromMinutes(1)), ("hours", TimeSpan.FromHours(1)), ("days", TimeSpan.FromDays(1)) })
        {
            if (!values.TryGetValue(name, out var text) || text.Length == 0)
            {
                continue;
            }

            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count > 100_000)
            {
                return false;
            }

            delta += unit * count;
            any = true;
        }

        return any;
    }

    // PortOne's own form (UTC, "Z"): a "+00:00" offset would come out of the JSON writer as "\u002B00:00".
    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private JsonObject ClockJson() => new() { ["now"] = Time(Fake.Clock.GetUtcNow()) };

    private JsonArray V1NotificationsJson()
    {
        var deliveries = V1Deliveries.All;
        var notifications = Fake.V1Notifications;
        var list = new JsonArray();
        for (var i = 0; i < notifications.Count; i++)
        {
            var notification = notifications[i];
            var attempts = new JsonArray();
            foreach (var delivery in deliveries.Where(d => d.Index == i))
            {
                foreach (var attempt in delivery.Attempts)
                {
                    attempts.Add(new JsonObject { ["url"] = delivery.Url.ToString(), ["number"] = attempt.Number, ["at"] = Time(attempt.At), ["status"] = attempt.Status, ["error"] = attempt.Error });
                }
            }

            list.Add(new JsonObject
            {
                ["index"] = i,
                ["at"] = Time(notification.Timestamp),
                ["body"] = JsonNode.Parse(notification.Body),
                ["attempts"] = attempts,
            });
        }

        return list;
    }

    private JsonArray WebhooksJson()
    {
        var deliveries = Deliveries.All;
        var list = new JsonArray();
        var webhooks = Fake.Webhooks;
        for (var i = 0; i < webhooks.Count; i++)
        {
            var webhook = webhooks[i];
            var attempts = new JsonArray();
            foreach (var delivery in deliveries.Where(d => d.Index == i))
            {
                foreach (var attempt in delivery.Attempts)
                {
                    attempts.Add(new JsonObject
                    {
                        ["url"] = delivery.Url.ToString(),
                        ["number"] = attempt.Number,
                        ["at"] = Time(attempt.At),
                        ["status"] = attempt.Status,
                        ["error"] = attempt.Error,
                    });
                }
            }

            list.Add(new JsonObject
            {
                ["index"] = i,
                ["id"] = webhook.Headers.Id,
                ["type"] = webhook.Type,
                ["timestamp"] = Time(webhook.Timestamp),
                ["body"] = JsonNode.Parse(webhook.Body),
                ["attempts"] = attempts,
            });
        }

        return list;
    }
}
