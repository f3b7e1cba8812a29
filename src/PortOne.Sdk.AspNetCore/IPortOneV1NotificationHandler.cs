using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using PortOne.Sdk.V1;

namespace PortOne.Sdk.AspNetCore;

/// <summary>
/// Does the application's work for a V1 (iamport) notification, once the payment it names has been looked up.
/// Register it with <c>services.AddPortOneWebhooks(…).AddV1Handler&lt;THandler&gt;()</c>; it is resolved from the
/// request's scope.
/// </summary>
/// <remarks>
/// <para>
/// V1 notifications are not signed, so the endpoint never trusts them: it fetches the payment by <c>imp_uid</c>
/// through <c>IPortOneV1Client</c> and checks that it belongs to the order the notification names. Act on the
/// <see cref="V1Payment"/> passed here (its status and amount), never on <see cref="V1Notification.Status"/>.
/// </para>
/// <para>
/// The endpoint answers 200 only after <see cref="HandleAsync"/> has returned; if it throws, iamport gets a 500 and
/// (when resending is enabled for the account) delivers again. V1 notifications carry no delivery id, so they are
/// not deduplicated: the same notification can reach the handler more than once. Make the work idempotent; since it
/// acts on the payment as the API reports it now, doing it twice normally changes nothing.
/// </para>
/// </remarks>
public interface IPortOneV1NotificationHandler
{
    /// <summary>Handles one notification whose payment was found.</summary>
    /// <param name="notification">The notification as received (unverified; use it only to correlate).</param>
    /// <param name="payment">The payment as the V1 API reports it now: the truth to act on.</param>
    /// <param name="context">The HTTP request the notification came with.</param>
    /// <param name="cancellationToken">Cancelled when the request is aborted.</param>
    /// <returns>A task that completes when the work is safely done.</returns>
    Task HandleAsync(V1Notification notification, V1Payment payment, PortOneV1NotificationContext context, CancellationToken cancellationToken);
}

/// <summary>One V1 notification request, as passed to <see cref="IPortOneV1NotificationHandler"/>.</summary>
public sealed class PortOneV1NotificationContext
{
    /// <summary>Creates the context. The endpoint does this; tests of a handler may too.</summary>
    /// <param name="httpContext">The request.</param>
    /// <exception cref="ArgumentNullException"><paramref name="httpContext"/> is null.</exception>
    public PortOneV1NotificationContext(HttpContext httpContext)
    {
        HttpContext = httpContext ?? throw new ArgumentNullException(nameof(httpContext));
    }

    /// <summary>The HTTP request the notification came with.</summary>
    public HttpContext HttpContext { get; }
}
