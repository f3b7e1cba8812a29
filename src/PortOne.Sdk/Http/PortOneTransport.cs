using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;

namespace PortOne.Sdk.Http;

/// <summary>An answer read whole: status, body bytes and the server's request id.</summary>
internal readonly struct PortOneResponse
{
    public PortOneResponse(HttpStatusCode statusCode, byte[] body, string? requestId, DateTimeOffset? date)
    {
        StatusCode = statusCode;
        Body = body;
        RequestId = requestId;
        Date = date;
    }

    public HttpStatusCode StatusCode { get; }

    public byte[] Body { get; }

    public string? RequestId { get; }

    /// <summary>The server's <c>Date</c> header, if sent.</summary>
    public DateTimeOffset? Date { get; }

    public bool IsSuccess => (int)StatusCode is >= 200 and <= 299;

    public string BodyText => Encoding.UTF8.GetString(Body);
}

/// <summary>
/// Sends one operation through the client's <see cref="HttpClient"/> (and so through the whole handler chain)
/// and turns transport failures into the SDK's exception types. Knows nothing of V1 or V2 bodies.
/// </summary>
internal sealed class PortOneTransport
{
    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json") { CharSet = "utf-8" };
    private static readonly byte[] EmptyBody = [];

    private readonly Auth.PortOneCredential? _credential;

    /// <param name="httpClient">The client with the whole handler chain.</param>
    /// <param name="credential">
    /// The client's token source, so that an authenticated call gets its token before its own time-outs start (see
    /// <see cref="EnsureTokenAsync"/>); null for the transport that only requests tokens.
    /// </param>
    public PortOneTransport(HttpClient httpClient, Auth.PortOneCredential? credential = null)
    {
        HttpClient = httpClient;
        _credential = credential;
    }

    public HttpClient HttpClient { get; }

    /// <summary>Serializes <paramref name="value"/> once into a re-sendable UTF-8 JSON body.</summary>
    public static HttpContent JsonContent<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(value, typeInfo));
        content.Headers.ContentType = JsonMediaType;
        return content;
    }

    /// <summary>
    /// Gets (or renews) the token before the call enters the pipeline. The auth handler, which runs inside the
    /// call's time-outs, then finds it cached: a token request has its own time budget and does not eat the call's,
    /// and a token that cannot be had is reported as such, never as a time-out of a charge that was never sent.
    /// Immediate when the credential is a fixed API secret or the token is cached.
    /// </summary>
    public ValueTask EnsureTokenAsync(PortOneOperation operation, CancellationToken cancellationToken) =>
        !operation.Authenticated || _credential is null || _credential.IsReady
            ? default
            : FetchAsync(_credential, cancellationToken);

    private static async ValueTask FetchAsync(Auth.PortOneCredential credential, CancellationToken cancellationToken) =>
        _ = await credential.GetAuthorizationAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>Sends the operation and returns its answer read whole, whatever its status.</summary>
    public Task<PortOneResponse> SendAsync(
        PortOneOperation operation,
        HttpMethod method,
        string relativeUri,
        HttpContent? content,
        Action<HttpRequestMessage>? prepare,
        CancellationToken cancellationToken) =>
        SendAsync(operation, method, relativeUri, content, prepare, 0, static (response, _) => response, cancellationToken);

    /// <summary>
    /// Sends the operation and hands its answer, read whole, to <paramref name="read"/> (which decodes it or throws
    /// the API's error), in the same asynchronous step: a call costs one task and, when it fails, one capture of
    /// the exception here rather than one per layer above.
    /// </summary>
    /// <param name="operation">What is sent.</param>
    /// <param name="method">The HTTP method.</param>
    /// <param name="relativeUri">The path and query, relative to the client's base address.</param>
    /// <param name="content">The body, or null.</param>
    /// <param name="prepare">Adds headers of the API's own, or null.</param>
    /// <param name="state">What <paramref name="read"/> needs, passed without a closure.</param>
    /// <param name="read">Turns the answer into the call's result.</param>
    /// <param name="cancellationToken">The caller's token.</param>
    public async Task<TResult> SendAsync<TState, TResult>(
        PortOneOperation operation,
        HttpMethod method,
        string relativeUri,
        HttpContent? content,
        Action<HttpRequestMessage>? prepare,
        TState state,
        Func<PortOneResponse, TState, TResult> read,
        CancellationToken cancellationToken)
    {
        await EnsureTokenAsync(operation, cancellationToken).ConfigureAwait(false);
        // A request that is not safe to repeat always carries a body, if only an empty one. SocketsHttpHandler
        // re-sends a request by itself (up to three times, below every handler of ours) when the connection
        // closes before any byte of the answer arrived, but only while no request body has been sent: once a
        // body is on its way the request is never re-sent. Without this, a POST without a body (V1's schedule
        // retry, which charges a card) reached PortOne up to four times for one call.
        content ??= operation.Retryable ? null : new ByteArrayContent(EmptyBody);
        using var request = new PortOneRequestMessage(method, relativeUri, operation) { Content = content };
        // Added as text: parsed only if someone reads it back, and written to the wire as it is.
        request.Headers.TryAddWithoutValidation("Accept", "application/json");
        prepare?.Invoke(request);

        HttpResponseMessage response;
        try
        {
            // Headers-read: the SDK's buffering handler has already read the body inside the pipeline's time-outs;
            // letting HttpClient buffer it again would only copy it.
            response = await HttpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (PortOneAttemptTimeoutException exception)
        {
            throw new PortOneTimeoutException($"PortOne {operation.Name} timed out after {exception.Timeout.TotalSeconds:0.###} s.", exception);
        }
        catch (OperationCanceledException exception)
        {
            throw new PortOneTimeoutException($"PortOne {operation.Name} timed out.", exception);
        }
        catch (HttpRequestException exception)
        {
            throw new PortOneNetworkException($"PortOne {operation.Name} could not reach the server ({exception.GetType().Name}).", exception);
        }
        catch (System.IO.IOException exception)
        {
            // The answer's body is read inside the pipeline; a connection lost half-way through it lands here.
            throw new PortOneNetworkException($"PortOne {operation.Name}: the answer was cut off ({exception.GetType().Name}).", exception);
        }

        PortOneResponse answer;
        using (response)
        {
            byte[] body;
            try
            {
                if (response.Content is PortOneBufferedContent buffered)
                {
                    body = buffered.Bytes;
                }
                else if (response.Content is null)
                {
                    body = EmptyBody;
                }
                else
                {
#if NET5_0_OR_GREATER
                    body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
#else
                    body = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
#endif
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception exception) when (exception is HttpRequestException or System.IO.IOException)
            {
                throw new PortOneNetworkException($"PortOne {operation.Name}: the answer was cut off.", exception);
            }

            answer = new PortOneResponse(response.StatusCode, body, PortOneDiagnostics.FindRequestId(response), response.Headers.Date);
        }

        return read(answer, state);
    }

    /// <summary>Deserializes a body, reporting malformed JSON as <see cref="PortOneInvalidResponseException"/>.</summary>
    public static T Deserialize<T>(in PortOneResponse response, ReadOnlySpan<byte> json, JsonTypeInfo<T> typeInfo, string operationName)
    {
        try
        {
            var value = JsonSerializer.Deserialize(json, typeInfo);
            if (value is null)
            {
                throw new JsonException("The body was JSON null.");
            }

            return value;
        }
        catch (JsonException exception)
        {
            throw Invalid(response, operationName, exception);
        }
        catch (Exception exception) when (exception is InvalidOperationException or FormatException or NotSupportedException or ArgumentException)
        {
            throw Invalid(response, operationName, exception);
        }
    }

    public static PortOneInvalidResponseException Invalid(in PortOneResponse response, string operationName, Exception? inner) =>
        new(
            $"PortOne {operationName} answered HTTP {(int)response.StatusCode} with a body that is not what the API describes" + (inner is null ? "." : $": {inner.Message}"),
            response.StatusCode,
            response.BodyText,
            response.RequestId,
            inner);
}
