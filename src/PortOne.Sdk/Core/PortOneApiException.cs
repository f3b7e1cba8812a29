using System.Net;
using PortOne.Sdk.V2;

namespace PortOne.Sdk;

/// <summary>
/// The V2 API refused the request with an error body. <see cref="Error"/> is the decoded error, one subtype per
/// error <c>type</c> the API documents (<see cref="UnknownPortOneError"/> for one it adds later): match on it with
/// <c>catch (PortOneApiException ex) when (ex.Error is BillingKeyNotFoundError)</c>.
/// </summary>
public class PortOneApiException : PortOneException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="error">The decoded error body.</param>
    /// <param name="statusCode">The HTTP status.</param>
    /// <param name="rawBody">The body as text.</param>
    /// <param name="requestId">The server's request id, if any.</param>
    public PortOneApiException(PortOneError error, HttpStatusCode statusCode, string? rawBody, string? requestId)
        : base(FormatMessage(error, statusCode), statusCode, rawBody, requestId, null)
    {
        Error = error;
    }

    /// <summary>The decoded error.</summary>
    public PortOneError Error { get; }

    private static string FormatMessage(PortOneError error, HttpStatusCode statusCode) =>
        $"PortOne API error {error.Type} (HTTP {(int)statusCode})" + (string.IsNullOrEmpty(error.Message) ? "." : $": {error.Message}");
}
