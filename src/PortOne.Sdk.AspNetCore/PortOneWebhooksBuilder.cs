using System;
using System.Diagnostics.CodeAnalysis;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using PortOne.Sdk.V1;
using PortOne.Sdk.V2.Webhooks;

namespace PortOne.Sdk.AspNetCore;

/// <summary>Returned by <c>AddPortOneWebhooks</c>: registers the handlers the webhook endpoints call.</summary>
public sealed class PortOneWebhooksBuilder
{
    private readonly PortOneWebhookRegistrations _registrations;

    internal PortOneWebhooksBuilder(IServiceCollection services, PortOneWebhookRegistrations registrations)
    {
        Services = services;
        _registrations = registrations;
    }

    /// <summary>The service collection, to chain further registrations.</summary>
    public IServiceCollection Services { get; }

    /// <summary>
    /// Registers a handler of verified V2 webhooks, resolved from the request's scope. With several handlers, each
    /// runs in the order registered, and the webhook counts as handled only when all have returned.
    /// </summary>
    /// <typeparam name="THandler">The handler type.</typeparam>
    /// <returns>This builder.</returns>
    public PortOneWebhooksBuilder AddHandler<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] THandler>()
        where THandler : class, IPortOneWebhookHandler
    {
        Services.AddScoped<IPortOneWebhookHandler, THandler>();
        _registrations.V2Handlers = true;
        return this;
    }

    /// <summary>Registers a delegate as a handler of verified V2 webhooks (see <see cref="AddHandler{THandler}()"/>).</summary>
    /// <param name="handler">Does the work; it receives the webhook, the delivery and the request's cancellation token.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="handler"/> is null.</exception>
    public PortOneWebhooksBuilder AddHandler(Func<Webhook, PortOneWebhookContext, CancellationToken, Task> handler)
    {
        if (handler is null)
        {
            throw new ArgumentNullException(nameof(handler));
        }

        Services.AddSingleton<IPortOneWebhookHandler>(new DelegateWebhookHandler(handler));
        _registrations.V2Handlers = true;
        return this;
    }

    /// <summary>
    /// Registers a handler of V1 (iamport) notifications, resolved from the request's scope. The endpoint looks the
    /// payment up through <see cref="IPortOneV1Client"/>, so register that too (<c>services.AddPortOneV1(…)</c>).
    /// </summary>
    /// <typeparam name="THandler">The handler type.</typeparam>
    /// <returns>This builder.</returns>
    public PortOneWebhooksBuilder AddV1Handler<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] THandler>()
        where THandler : class, IPortOneV1NotificationHandler
    {
        Services.AddScoped<IPortOneV1NotificationHandler, THandler>();
        _registrations.V1Handlers = true;
        return this;
    }

    /// <summary>Registers a delegate as a handler of V1 notifications (see <see cref="AddV1Handler{THandler}()"/>).</summary>
    /// <param name="handler">Does the work; it receives the notification, the payment as the API reports it, the request and its cancellation token.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="handler"/> is null.</exception>
    public PortOneWebhooksBuilder AddV1Handler(Func<V1Notification, V1Payment, PortOneV1NotificationContext, CancellationToken, Task> handler)
    {
        if (handler is null)
        {
            throw new ArgumentNullException(nameof(handler));
        }

        Services.AddSingleton<IPortOneV1NotificationHandler>(new DelegateV1Handler(handler));
        _registrations.V1Handlers = true;
        return this;
    }

    private sealed class DelegateWebhookHandler(Func<Webhook, PortOneWebhookContext, CancellationToken, Task> handler) : IPortOneWebhookHandler
    {
        public Task HandleAsync(Webhook webhook, PortOneWebhookContext context, CancellationToken cancellationToken) =>
            handler(webhook, context, cancellationToken);
    }

    private sealed class DelegateV1Handler(Func<V1Notification, V1Payment, PortOneV1NotificationContext, CancellationToken, Task> handler) : IPortOneV1NotificationHandler
    {
        public Task HandleAsync(V1Notification notification, V1Payment payment, PortOneV1NotificationContext context, CancellationToken cancellationToken) =>
            handler(notification, payment, context, cancellationToken);
    }
}

/// <summary>What was registered, so start-up validation and the Map methods can tell a missing piece early.</summary>
internal sealed class PortOneWebhookRegistrations
{
    public bool V2Handlers { get; set; }

    public bool V1Handlers { get; set; }

    /// <summary>Whether a V2 handler exists, through the builder or registered directly as <see cref="IPortOneWebhookHandler"/>.</summary>
    public bool HasV2Handler(IServiceProvider services) => V2Handlers || IsService(services, typeof(IPortOneWebhookHandler));

    /// <summary>Whether a V1 handler exists, through the builder or registered directly as <see cref="IPortOneV1NotificationHandler"/>.</summary>
    public bool HasV1Handler(IServiceProvider services) => V1Handlers || IsService(services, typeof(IPortOneV1NotificationHandler));

    private static bool IsService(IServiceProvider services, Type type) =>
        services.GetService<IServiceProviderIsService>()?.IsService(type) == true;
}
