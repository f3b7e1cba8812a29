using System;
using System.Collections.Generic;
using System.Net.Http;

namespace PortOne.Sdk.Http;

/// <summary>
/// What the pipeline needs to know about one API operation: a stable name for logs and traces, the path
/// template (no merchant data), whether repeating it can have a second effect, and whether it carries the
/// credential. One static instance per operation; attached to each request.
/// </summary>
internal sealed class PortOneOperation
{
    public PortOneOperation(string name, string pathTemplate, bool retryable, bool authenticated = true)
    {
        Name = name;
        PathTemplate = pathTemplate;
        Retryable = retryable;
        Authenticated = authenticated;
    }

    /// <summary>E.g. <c>V2.Payments.Get</c>.</summary>
    public string Name { get; }

    /// <summary>E.g. <c>/payments/{paymentId}</c>: safe to log, unlike the real path.</summary>
    public string PathTemplate { get; }

    /// <summary>
    /// Whether the retry pipeline may send the request again after a transient failure. A request of an operation
    /// that is not retryable reaches the wire at most once per attempt the SDK decides on: it always carries a body
    /// (an empty one if the operation has none), which stops the HTTP stack from re-sending it on its own.
    /// </summary>
    public bool Retryable { get; }

    /// <summary>Whether the auth handler attaches the credential (false only for token requests).</summary>
    public bool Authenticated { get; }

    /// <summary>The spec's <c>operationId</c> (V2 only), e.g. <c>getPayment</c>.</summary>
    public string? OperationId { get; init; }

    /// <summary>The HTTP method, e.g. <c>GET</c> (set on the generated V2 descriptors).</summary>
    public string? Method { get; init; }

    /// <summary>Whether the spec marks the operation unstable (<c>x-portone-unstable</c>).</summary>
    public bool Unstable { get; init; }

    public override string ToString() => Name;

    /// <summary>
    /// How well a request (method and unescaped path segments) fits this operation: -1 when it does not, else the
    /// number of literal segments that matched, so <c>/billing-keys/confirm</c> beats <c>/billing-keys/{billingKey}</c>.
    /// </summary>
    public int Match(string method, IReadOnlyList<string> segments)
    {
        if (!string.Equals(Method, method, StringComparison.OrdinalIgnoreCase))
        {
            return -1;
        }

        var template = PathTemplate.Trim('/').Split('/');
        if (template.Length != segments.Count)
        {
            return -1;
        }

        var literal = 0;
        for (var i = 0; i < template.Length; i++)
        {
            if (template[i].StartsWith("{", StringComparison.Ordinal))
            {
                continue;
            }

            if (!string.Equals(template[i], segments[i], StringComparison.Ordinal))
            {
                return -1;
            }

            literal++;
        }

        return literal;
    }
}

/// <summary>
/// A request the SDK sends, with the <see cref="PortOneOperation"/> it belongs to, which the handlers read. Carried
/// on the message itself rather than in its option bag, which would cost a dictionary per request.
/// </summary>
internal sealed class PortOneRequestMessage : HttpRequestMessage
{
    public PortOneRequestMessage(HttpMethod method, string relativeUri, PortOneOperation operation)
        : base(method, relativeUri)
    {
        Operation = operation;
    }

    public PortOneOperation Operation { get; }
}

/// <summary>Reads the operation of a request in the handlers.</summary>
internal static class PortOneRequestExtensions
{
    /// <summary>The request's operation; null for a request the SDK did not build (or one a handler replaced).</summary>
    public static PortOneOperation? GetPortOneOperation(this HttpRequestMessage request) =>
        (request as PortOneRequestMessage)?.Operation;
}
