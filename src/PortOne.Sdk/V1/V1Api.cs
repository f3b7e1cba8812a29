using System;
using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PortOne.Sdk.Http;
using PortOne.Sdk.Serialization;

namespace PortOne.Sdk.V1;

/// <summary>The answer of a V1 call once its envelope is opened.</summary>
/// <typeparam name="T">The type of <c>response</c>.</typeparam>
internal readonly struct V1Result<T>
{
    public V1Result(T? value, HttpStatusCode statusCode)
    {
        Value = value;
        StatusCode = statusCode;
    }

    /// <summary>The envelope's <c>response</c>; null when the server sent null.</summary>
    public T? Value { get; }

    public HttpStatusCode StatusCode { get; }
}

/// <summary>
/// The V1 wire conventions in one place: the <c>{ code, message, response }</c> envelope (any <c>code</c> but
/// 0 is a failure, whatever the HTTP status), the <c>Tier</c> header, and escaping of path segments.
/// </summary>
internal sealed class V1Api
{
    private static readonly byte[] CodeName = "code"u8.ToArray();
    private static readonly byte[] MessageName = "message"u8.ToArray();
    private static readonly byte[] ResponseName = "response"u8.ToArray();

    private readonly Action<HttpRequestMessage>? _addTier;

    public V1Api(PortOneTransport transport, PortOneV1Options options)
    {
        Transport = transport;
        Options = options;
        var tier = options.Tier;
        if (!string.IsNullOrEmpty(tier))
        {
            _addTier = request => request.Headers.TryAddWithoutValidation("Tier", tier);
        }
    }

    public PortOneTransport Transport { get; }

    public PortOneV1Options Options { get; }

    public static PortOneV1JsonContext Json => PortOneV1JsonContext.Default;

    /// <summary>
    /// Reads a <c>response</c> that the strict metadata refuses. Never guessed at: the ids of payments, orders and
    /// billing-key customers. One bad item does not sink a page or list of payments, schedules or customers.
    /// </summary>
    public static TolerantReader Tolerant { get; } = new(
        PortOneV1JsonContext.Default.Options,
        PortOneV1JsonContext.Default,
        new[] { "imp_uid", "merchant_uid", "customer_uid", "access_token" },
        new TolerantListConverter<V1Payment>(),
        new TolerantListConverter<V1Schedule>(),
        new TolerantListConverter<V1Customer>());

    /// <summary>Where warnings about answers that differ from the API description go.</summary>
    public ILogger Logger { get; init; } = NullLogger.Instance;

    /// <summary>Escapes one merchant-chosen path segment (<c>customer_uid</c>, <c>merchant_uid</c>, <c>imp_uid</c>).</summary>
    public static string Segment(string value) => Uri.EscapeDataString(value);

    /// <summary>Sends an operation with an optional JSON body and opens the envelope.</summary>
    public Task<V1Result<TResponse>> SendAsync<TRequest, TResponse>(
        PortOneOperation operation,
        HttpMethod method,
        string relativeUri,
        TRequest? body,
        JsonTypeInfo<TRequest> requestType,
        JsonTypeInfo<TResponse> responseType,
        CancellationToken cancellationToken)
        where TRequest : class =>
        SendAsync(operation, method, relativeUri, body, requestType, responseType, accepted: null, cancellationToken);

    /// <summary>
    /// Sends an operation that moves money or stores a card, with an optional JSON body: an answer that cannot be
    /// read after PortOne accepted the request says so, naming <paramref name="accepted"/>.
    /// </summary>
    public Task<V1Result<TResponse>> SendAsync<TRequest, TResponse>(
        PortOneOperation operation,
        HttpMethod method,
        string relativeUri,
        TRequest? body,
        JsonTypeInfo<TRequest> requestType,
        JsonTypeInfo<TResponse> responseType,
        string? accepted,
        CancellationToken cancellationToken)
        where TRequest : class
    {
        var content = body is null ? null : PortOneTransport.JsonContent(body, requestType);
        return Send(operation, method, relativeUri, content, responseType, accepted, OpenState<TResponse>.Read, cancellationToken);
    }

    /// <summary>Sends an operation without a body and opens the envelope.</summary>
    public Task<V1Result<TResponse>> SendAsync<TResponse>(
        PortOneOperation operation,
        HttpMethod method,
        string relativeUri,
        JsonTypeInfo<TResponse> responseType,
        CancellationToken cancellationToken) =>
        SendAsync(operation, method, relativeUri, responseType, accepted: null, cancellationToken);

    /// <summary>
    /// Sends an operation without a body; for one that moves money, <paramref name="accepted"/> names what it was
    /// about (see the overload with a body).
    /// </summary>
    public Task<V1Result<TResponse>> SendAsync<TResponse>(
        PortOneOperation operation,
        HttpMethod method,
        string relativeUri,
        JsonTypeInfo<TResponse> responseType,
        string? accepted,
        CancellationToken cancellationToken) =>
        Send(operation, method, relativeUri, null, responseType, accepted, OpenState<TResponse>.Read, cancellationToken);

    /// <summary>
    /// Sends an operation with a JSON body and opens the envelope, whose <c>response</c> must be there: it is the
    /// call's value. <paramref name="accepted"/> as for <see cref="SendAsync{TRequest, TResponse}(PortOneOperation, HttpMethod, string, TRequest, JsonTypeInfo{TRequest}, JsonTypeInfo{TResponse}, string, CancellationToken)"/>.
    /// </summary>
    public Task<TResponse> SendForValueAsync<TRequest, TResponse>(
        PortOneOperation operation,
        HttpMethod method,
        string relativeUri,
        TRequest body,
        JsonTypeInfo<TRequest> requestType,
        JsonTypeInfo<TResponse> responseType,
        string? accepted,
        CancellationToken cancellationToken)
        where TRequest : class
    {
        HttpContent content;
        try
        {
            content = PortOneTransport.JsonContent(body, requestType);
        }
        catch (Exception exception)
        {
            // Through the task, as from the async methods these calls used to be.
            return Task.FromException<TResponse>(exception);
        }

        return Send(operation, method, relativeUri, content, responseType, accepted, OpenState<TResponse>.ReadValue, cancellationToken);
    }

    /// <summary>Sends an operation without a body and opens the envelope, whose <c>response</c> must be there: it is the call's value.</summary>
    public Task<TResponse> SendForValueAsync<TResponse>(
        PortOneOperation operation,
        HttpMethod method,
        string relativeUri,
        JsonTypeInfo<TResponse> responseType,
        string? accepted,
        CancellationToken cancellationToken) =>
        Send(operation, method, relativeUri, null, responseType, accepted, OpenState<TResponse>.ReadValue, cancellationToken);

    // Every send of this API: the tier header on authenticated operations, and the envelope opened by `read` in the
    // transport's own async step.
    private Task<TResult> Send<TResponse, TResult>(
        PortOneOperation operation,
        HttpMethod method,
        string relativeUri,
        HttpContent? content,
        JsonTypeInfo<TResponse> responseType,
        string? accepted,
        Func<PortOneResponse, OpenState<TResponse>, TResult> read,
        CancellationToken cancellationToken) =>
        Transport.SendAsync(operation, method, relativeUri, content, operation.Authenticated ? _addTier : null, new OpenState<TResponse>(responseType, operation.Name, accepted, Logger), read, cancellationToken);

    /// <summary>What <see cref="Open"/> needs, handed to the transport by value, so the envelope is opened in the transport's own async step.</summary>
    private readonly struct OpenState<TResponse>
    {
        /// <summary>One delegate per answer type, made once.</summary>
        public static readonly Func<PortOneResponse, OpenState<TResponse>, V1Result<TResponse>> Read =
            static (response, state) => Open(response, state.ResponseType, state.OperationName, state.Accepted, state.Logger);

        /// <summary>The same, for a call whose envelope must carry a <c>response</c>.</summary>
        public static readonly Func<PortOneResponse, OpenState<TResponse>, TResponse> ReadValue =
            static (response, state) =>
            {
                var result = Open(response, state.ResponseType, state.OperationName, state.Accepted, state.Logger);
                return result.Value ?? throw new PortOneException($"PortOne {state.OperationName} succeeded (HTTP {(int)result.StatusCode}) but returned no response.", result.StatusCode, null, null, null);
            };

        public OpenState(JsonTypeInfo<TResponse> responseType, string operationName, string? accepted, ILogger logger)
        {
            ResponseType = responseType;
            OperationName = operationName;
            Accepted = accepted;
            Logger = logger;
        }

        public JsonTypeInfo<TResponse> ResponseType { get; }

        public string OperationName { get; }

        public string? Accepted { get; }

        public ILogger Logger { get; }
    }


    /// <summary>
    /// Opens the envelope without building a DOM: reads <c>code</c> and <c>message</c>, remembers where
    /// <c>response</c> lies, and deserializes only that slice (tolerantly when it differs from the description).
    /// </summary>
    /// <param name="response">The answer.</param>
    /// <param name="responseType">The metadata of <c>response</c>.</param>
    /// <param name="operationName">The operation, for messages and logs.</param>
    /// <param name="accepted">For a call that moves money or stores a card, what it was about; null otherwise.</param>
    /// <param name="logger">Where the warning about fields left empty goes.</param>
    public static V1Result<T> Open<T>(in PortOneResponse response, JsonTypeInfo<T> responseType, string operationName, string? accepted, ILogger logger)
    {
        int? code = null;
        string? message = null;
        int responseStart = -1, responseLength = 0;
        T? decoded = default;
        try
        {
            var reader = new Utf8JsonReader(response.Body);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw PortOneAnswers.Invalid(response, operationName, accepted, null);
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals(CodeName))
                {
                    reader.Read();
                    code = reader.TokenType switch
                    {
                        JsonTokenType.Number when reader.TryGetInt32(out var number) => number,
                        JsonTokenType.String when int.TryParse(reader.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) => parsed,
                        _ => null,
                    };

                    // A code that is an object or array must be stepped over whole, or its insides would be read
                    // as envelope properties. Skip() does nothing on a single-token value.
                    reader.Skip();
                }
                else if (reader.ValueTextEquals(MessageName))
                {
                    reader.Read();
                    message = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                    reader.Skip();
                }
                else if (reader.ValueTextEquals(ResponseName))
                {
                    reader.Read();
                    responseStart = (int)reader.TokenStartIndex;
                    if (code == 0 && response.IsSuccess && reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && TryReadInPlace(ref reader, responseType, out var inPlace))
                    {
                        // The usual envelope ({"code":0,"message":…,"response":{…}}) is read in one pass: the
                        // payload is decoded where it stands instead of being stepped over and read a second time.
                        decoded = inPlace;
                    }
                    else
                    {
                        reader.Skip();
                    }

                    responseLength = (int)reader.BytesConsumed - responseStart;
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
        }
        catch (JsonException exception)
        {
            throw PortOneAnswers.Invalid(response, operationName, accepted, exception);
        }

        if (code is null)
        {
            throw PortOneAnswers.Invalid(response, operationName, accepted, null);
        }

        if (code.Value != 0 || (int)response.StatusCode >= 400)
        {
            throw new PortOneV1ApiException(code.Value, message, response.StatusCode, response.BodyText, response.RequestId);
        }

        if (decoded is not null)
        {
            return new V1Result<T>(decoded, response.StatusCode);
        }

        if (responseStart < 0 || IsNull(response.Body, responseStart, responseLength))
        {
            return new V1Result<T>(default, response.StatusCode);
        }

        // Token answers stay strict: their times decide when the token is renewed and must not be guessed.
        var tolerant = string.Equals(operationName, PortOneV1AuthClient.GetTokenOperation.Name, StringComparison.Ordinal) ? null : Tolerant;
        var value = PortOneAnswers.Read(response, response.Body.AsSpan(responseStart, responseLength), responseType, tolerant, "$.response", operationName, accepted, logger);
        return new V1Result<T>(value, response.StatusCode);
    }

    /// <summary>
    /// Strictly decodes the value the reader stands on, leaving the reader on its last token. False (and the reader
    /// where it was) when the value is not what the API describes: the caller then steps over it, and the slice is
    /// read again the usual way, tolerantly if need be.
    /// </summary>
    private static bool TryReadInPlace<T>(ref Utf8JsonReader reader, JsonTypeInfo<T> responseType, out T? value)
    {
        value = default;
        if (responseType.Converter is not JsonConverter<T> converter)
        {
            return false;
        }

        var start = reader;
        try
        {
            value = converter.Read(ref reader, typeof(T), responseType.Options);
            return value is not null;
        }
        catch (Exception exception) when (TolerantReader.IsReadFailure(exception))
        {
            reader = start;
            value = default;
            return false;
        }
    }

    private static bool IsNull(byte[] body, int start, int length) =>
        length == 4 && body[start] == (byte)'n' && body[start + 1] == (byte)'u' && body[start + 2] == (byte)'l' && body[start + 3] == (byte)'l';
}
