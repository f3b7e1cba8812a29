using System.Net;
using System.Net.Http.Headers;

namespace PortOne.Sdk.Benchmarks;

/// <summary>
/// Answers every request in memory with fixed bytes: the clients' own cost, without a network in the way. Both sides
/// get a fresh <see cref="ByteArrayContent"/> over the same cached byte[] (nothing else is allocated per call besides
/// the response message), routed by method and path. A request body is read to the end first, as a real handler
/// writes it to the wire, so a client that serializes lazily pays for it too:
/// <list type="bullet">
/// <item><c>POST /login/api-secret</c>, <c>POST /users/getToken</c>: tokens (the SDK logs in once, then uses its cached token).</item>
/// <item><c>GET /payments/missing…</c>: 404 <c>PAYMENT_NOT_FOUND</c>.</item>
/// <item><c>POST /payments/{id}/billing-key</c>: the pay-with-billing-key answer.</item>
/// <item><c>GET /payment-schedules</c>: a 100-item page.</item>
/// <item><c>GET /payments/{id}</c>: the V1 payment envelope on a <c>v1.</c> host, the V2 paid card payment otherwise.</item>
/// </list>
/// </summary>
internal sealed class CannedHandler : HttpMessageHandler
{
    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is { } sent)
        {
            // A real handler writes the request body to the wire. Without this, a lazily serialized body
            // (JsonContent) would never be serialized at all and its client would look cheaper than it is.
            return SendAfterReadingAsync(request, sent, cancellationToken);
        }

        return Task.FromResult(Answer(request));
    }

    private static async Task<HttpResponseMessage> SendAfterReadingAsync(HttpRequestMessage request, HttpContent sent, CancellationToken cancellationToken)
    {
        await sent.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
        return Answer(request);
    }

    private static HttpResponseMessage Answer(HttpRequestMessage request)
    {
        var (status, body) = Route(request);
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = Json;
        return new HttpResponseMessage(status) { Content = content, RequestMessage = request };
    }

    internal static (HttpStatusCode Status, byte[] Body) Route(HttpRequestMessage request)
    {
        var uri = request.RequestUri!;
        var path = uri.AbsolutePath;
        if (request.Method == HttpMethod.Post)
        {
            return path switch
            {
                "/login/api-secret" => (HttpStatusCode.OK, Payloads.V2Login),
                "/users/getToken" => (HttpStatusCode.OK, Payloads.V1Token),
                _ when path.EndsWith("/billing-key", StringComparison.Ordinal) => (HttpStatusCode.OK, Payloads.V2PayWithBillingKey),
                _ => (HttpStatusCode.NotFound, Payloads.V2PaymentNotFound),
            };
        }

        if (path.StartsWith("/payments/missing", StringComparison.Ordinal))
        {
            return (HttpStatusCode.NotFound, Payloads.V2PaymentNotFound);
        }

        if (path.StartsWith("/payment-schedules", StringComparison.Ordinal))
        {
            return (HttpStatusCode.OK, Payloads.V2PaymentSchedulesPage);
        }

        return uri.Host.StartsWith("v1", StringComparison.Ordinal) ? (HttpStatusCode.OK, Payloads.V1Payment) : (HttpStatusCode.OK, Payloads.V2PaidCardPayment);
    }
}
