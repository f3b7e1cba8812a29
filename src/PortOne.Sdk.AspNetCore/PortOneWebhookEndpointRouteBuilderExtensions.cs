using System;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PortOne.Sdk.AspNetCore;
using PortOne.Sdk.V1;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the PortOne webhook endpoints.</summary>
public static class PortOneWebhookEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>POST <paramref name="pattern"/></c> to the V2 webhook endpoint. For each request it reads the raw body
    /// once (refusing one over <see cref="PortOneWebhookOptions.MaxBodyBytes"/> with 413), verifies the signature and
    /// timestamp (400 when they fail, logged with the reason), acknowledges an id already handled with 200 without
    /// calling the handler, and otherwise calls the registered <see cref="IPortOneWebhookHandler"/>s and answers 200
    /// once they have returned, or 500 when one throws, so that PortOne delivers the webhook again.
    /// </summary>
    /// <param name="endpoints">The application or route group.</param>
    /// <param name="pattern">The route, e.g. <c>/webhooks/portone</c>: the URL registered in the PortOne console.</param>
    /// <returns>The endpoint's builder, to add conventions such as <c>RequireHost</c> or rate limiting.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="endpoints"/> or <paramref name="pattern"/> is null.</exception>
    /// <exception cref="InvalidOperationException">No V2 handler was registered with <c>AddPortOneWebhooks(…).AddHandler&lt;T&gt;()</c>.</exception>
    public static IEndpointConventionBuilder MapPortOneWebhooks(this IEndpointRouteBuilder endpoints, string pattern)
    {
        if (endpoints is null)
        {
            throw new ArgumentNullException(nameof(endpoints));
        }

        if (pattern is null)
        {
            throw new ArgumentNullException(nameof(pattern));
        }

        if (!Registrations(endpoints).HasV2Handler(endpoints.ServiceProvider))
        {
            throw new InvalidOperationException(
                "MapPortOneWebhooks needs a handler: register one with services.AddPortOneWebhooks(…).AddHandler<THandler>().");
        }

        return endpoints
            .MapPost(pattern, static context => context.RequestServices.GetRequiredService<PortOneWebhookEndpoint>().HandleAsync(context))
            .WithDisplayName("PortOne webhooks (V2)");
    }

    /// <summary>Maps the V2 webhook endpoint at the configured <see cref="PortOneWebhookOptions.Path"/> (default <c>/webhooks/portone</c>).</summary>
    /// <param name="endpoints">The application or route group.</param>
    /// <returns>The endpoint's builder.</returns>
    /// <exception cref="InvalidOperationException">No V2 handler was registered.</exception>
    /// <exception cref="OptionsValidationException">The options are not valid (e.g. no webhook secret).</exception>
    public static IEndpointConventionBuilder MapPortOneWebhooks(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPortOneWebhooks(Options(endpoints).Path);

    /// <summary>
    /// Maps <c>POST <paramref name="pattern"/></c> to the V1 (iamport) notification endpoint. For each request it reads
    /// the body once (413 over the limit), parses the notification as JSON or form (400 when it is not one), looks the
    /// payment up by <c>imp_uid</c> through <see cref="IPortOneV1Client"/>, and calls the registered
    /// <see cref="IPortOneV1NotificationHandler"/>s with it, answering 200 once they have returned. A payment PortOne
    /// does not know is acknowledged (200) without calling the handler; one registered under another
    /// <c>merchant_uid</c> than the notification claims is refused (400); a failed look-up answers 503 and a failing
    /// handler 500, so that the notification can come again.
    /// </summary>
    /// <param name="endpoints">The application or route group.</param>
    /// <param name="pattern">The route, e.g. <c>/webhooks/iamport</c>: the notification URL set in the iamport console.</param>
    /// <returns>The endpoint's builder, to add conventions such as <c>RequireHost</c> or rate limiting.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="endpoints"/> or <paramref name="pattern"/> is null.</exception>
    /// <exception cref="InvalidOperationException">
    /// No V1 handler was registered with <c>AddPortOneWebhooks(…).AddV1Handler&lt;T&gt;()</c>, or no
    /// <see cref="IPortOneV1Client"/> (<c>services.AddPortOneV1(…)</c>).
    /// </exception>
    public static IEndpointConventionBuilder MapPortOneV1Notifications(this IEndpointRouteBuilder endpoints, string pattern)
    {
        if (endpoints is null)
        {
            throw new ArgumentNullException(nameof(endpoints));
        }

        if (pattern is null)
        {
            throw new ArgumentNullException(nameof(pattern));
        }

        if (!Registrations(endpoints).HasV1Handler(endpoints.ServiceProvider))
        {
            throw new InvalidOperationException(
                "MapPortOneV1Notifications needs a handler: register one with services.AddPortOneWebhooks(…).AddV1Handler<THandler>().");
        }

        if (endpoints.ServiceProvider.GetService<IServiceProviderIsService>() is { } isService && !isService.IsService(typeof(IPortOneV1Client)))
        {
            throw new InvalidOperationException(
                "MapPortOneV1Notifications looks payments up through IPortOneV1Client: register it with services.AddPortOneV1(…).");
        }

        return endpoints
            .MapPost(pattern, static context => context.RequestServices.GetRequiredService<PortOneV1NotificationEndpoint>().HandleAsync(context))
            .WithDisplayName("PortOne notifications (V1)");
    }

    /// <summary>Maps the V1 notification endpoint at the configured <see cref="PortOneWebhookOptions.V1Path"/> (default <c>/webhooks/iamport</c>).</summary>
    /// <param name="endpoints">The application or route group.</param>
    /// <returns>The endpoint's builder.</returns>
    /// <exception cref="InvalidOperationException">No V1 handler or no <see cref="IPortOneV1Client"/> was registered.</exception>
    /// <exception cref="OptionsValidationException">The options are not valid.</exception>
    public static IEndpointConventionBuilder MapPortOneV1Notifications(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPortOneV1Notifications(Options(endpoints).V1Path);

    private static PortOneWebhookRegistrations Registrations(IEndpointRouteBuilder endpoints) =>
        endpoints.ServiceProvider.GetService<PortOneWebhookRegistrations>()
        ?? throw new InvalidOperationException("Call services.AddPortOneWebhooks(…) before mapping the PortOne webhook endpoints.");

    private static PortOneWebhookOptions Options(IEndpointRouteBuilder endpoints)
    {
        if (endpoints is null)
        {
            throw new ArgumentNullException(nameof(endpoints));
        }

        Registrations(endpoints);
        return endpoints.ServiceProvider.GetRequiredService<IOptions<PortOneWebhookOptions>>().Value;
    }
}
