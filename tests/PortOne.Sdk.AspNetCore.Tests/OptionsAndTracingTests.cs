using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Time.Testing;
using PortOne.Sdk.V2.Webhooks;

namespace PortOne.Sdk.AspNetCore.Tests;

public sealed class OptionsTests
{
    [Fact]
    public async Task A_missing_secret_stops_the_start_up_with_a_message_that_names_the_setting()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            ReceiverHost.StartAsync(b => b.AddHandler((_, _, _) => Task.CompletedTask), TimeProvider.System, secret: null));

        Assert.Contains("PortOne:V2:WebhookSecret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_handler_registered_straight_into_DI_counts_as_a_V2_handler_too()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            ReceiverHost.StartAsync(b => b.Services.AddScoped<IPortOneWebhookHandler, NothingHandler>(), TimeProvider.System, secret: null));

        Assert.Contains("PortOne:V2:WebhookSecret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_secret_that_is_not_base64_stops_the_start_up_without_being_echoed()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            ReceiverHost.StartAsync(b => b.AddHandler((_, _, _) => Task.CompletedTask), TimeProvider.System, secret: "whsec_not*base64!"));

        Assert.Contains("not a webhook secret", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not*base64", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_are_read_from_the_PortOne_section()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PortOne:V2:WebhookSecret"] = "whsec_c2VjcmV0",
            ["PortOne:Webhooks:Path"] = "/hooks/v2",
            ["PortOne:Webhooks:V1Path"] = "/hooks/v1",
            ["PortOne:Webhooks:MaxBodyBytes"] = "2048",
            ["PortOne:Webhooks:DuplicateWindow"] = "7.00:00:00",
            ["PortOne:Webhooks:CacheKeyPrefix"] = "app:",
        }).Build();
        var services = new ServiceCollection();
        services.AddPortOneWebhooks(configuration.GetSection("PortOne")).AddHandler((_, _, _) => Task.CompletedTask);

        using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<IOptions<PortOneWebhookOptions>>().Value;

        Assert.Equal("whsec_c2VjcmV0", options.WebhookSecret);
        Assert.Equal("/hooks/v2", options.Path);
        Assert.Equal("/hooks/v1", options.V1Path);
        Assert.Equal(2048, options.MaxBodyBytes);
        Assert.Equal(TimeSpan.FromDays(7), options.DuplicateWindow);
        Assert.Equal("app:", options.CacheKeyPrefix);
        Assert.DoesNotContain("c2VjcmV0", options.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_limits_are_reported_together()
    {
        var services = new ServiceCollection();
        services.AddPortOneWebhooks(o =>
        {
            o.MaxBodyBytes = 0;
            o.DuplicateWindow = TimeSpan.Zero;
            o.Path = "webhooks";
        });

        using var provider = services.BuildServiceProvider();
        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<PortOneWebhookOptions>>().Value);

        Assert.Equal(3, error.Failures.Count());
    }

    [Fact]
    public void Mapping_the_V2_endpoint_without_a_handler_says_what_is_missing()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddRouting();
        builder.Services.AddPortOneWebhooks(o => o.WebhookSecret = PortOneWebhookSigner.GenerateSecret());
        builder.WebHost.UseTestServer();
        var app = builder.Build();

        var error = Assert.Throws<InvalidOperationException>(() => app.MapPortOneWebhooks());

        Assert.Contains("AddHandler", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_endpoint_can_be_mapped_at_the_configured_path()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddRouting();
        var secret = PortOneWebhookSigner.GenerateSecret();
        builder.Services.AddPortOneWebhooks(o => { o.WebhookSecret = secret; o.Path = "/custom/portone"; }).AddHandler((_, _, _) => Task.CompletedTask);
        builder.WebHost.UseTestServer();
        await using var app = builder.Build();
        app.MapPortOneWebhooks().RequireHost("localhost");
        await app.StartAsync();
        var body = Payloads.Paid("order-1", DateTimeOffset.UtcNow);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/custom/portone") { Content = new StringContent(body) };
        foreach (var header in new PortOneWebhookSigner(secret).Sign(body))
        {
            request.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        using var client = app.GetTestClient();
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}

internal sealed class NothingHandler : IPortOneWebhookHandler
{
    public Task HandleAsync(Webhook webhook, PortOneWebhookContext context, CancellationToken cancellationToken) => Task.CompletedTask;
}

[CollectionDefinition(nameof(TracingCollection), DisableParallelization = true)]
public sealed class TracingCollection
{
}

/// <summary>Listens to a process-wide ActivitySource, so it runs alone.</summary>
[Collection(nameof(TracingCollection))]
public sealed class TracingTests
{
    [Fact]
    public async Task Each_delivery_is_one_span_tagged_with_its_id_type_and_outcome()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 3, 1, 9, 0, 0, TimeSpan.Zero));
        var secret = PortOneWebhookSigner.GenerateSecret();
        var stopped = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == PortOneWebhookDiagnostics.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                lock (stopped)
                {
                    stopped.Add(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        var attempts = 0;
        await using var host = await ReceiverHost.StartAsync(
            b => b.AddHandler((_, _, _) => Interlocked.Increment(ref attempts) == 2 ? throw new InvalidOperationException() : Task.CompletedTask),
            time,
            secret);
        var signer = new PortOneWebhookSigner(secret, time);
        var body = Payloads.Paid("order-1", time.GetUtcNow());

        (await host.PostAsync(body, signer.Sign(body, "msg_span"))).Dispose();
        (await host.PostAsync(body, signer.Sign(body, "msg_span"))).Dispose();
        (await host.PostAsync(body + " ", signer.Sign(body, "msg_span_tampered"))).Dispose();
        (await host.PostAsync(body, signer.Sign(body, "msg_span_fails"))).Dispose();

        Activity[] spans;
        lock (stopped)
        {
            spans = stopped.ToArray();
        }

        Assert.All(spans, s => Assert.Equal(PortOneWebhookDiagnostics.WebhookActivityName, s.OperationName));
        Assert.Collection(
            spans,
            s => AssertSpan(s, "msg_span", WebhookOutcomeNames.Handled, ActivityStatusCode.Unset),
            s => AssertSpan(s, "msg_span", WebhookOutcomeNames.Duplicate, ActivityStatusCode.Unset),
            s =>
            {
                Assert.Equal(WebhookOutcomeNames.Refused, s.GetTagItem(PortOneWebhookDiagnostics.OutcomeTag));
                Assert.Equal(nameof(PortOneWebhookVerificationFailure.NoMatchingSignature), s.GetTagItem(PortOneWebhookDiagnostics.FailureReasonTag));
            },
            s => AssertSpan(s, "msg_span_fails", WebhookOutcomeNames.HandlerFailed, ActivityStatusCode.Error));
    }

    private static void AssertSpan(Activity span, string id, string outcome, ActivityStatusCode status)
    {
        Assert.Equal(id, span.GetTagItem(PortOneWebhookDiagnostics.WebhookIdTag));
        Assert.Equal("Transaction.Paid", span.GetTagItem(PortOneWebhookDiagnostics.WebhookTypeTag));
        Assert.Equal(outcome, span.GetTagItem(PortOneWebhookDiagnostics.OutcomeTag));
        Assert.Equal(status, span.Status);
    }

    private static class WebhookOutcomeNames
    {
        public const string Handled = "handled";
        public const string Duplicate = "duplicate";
        public const string Refused = "refused";
        public const string HandlerFailed = "handler_failed";
    }
}
