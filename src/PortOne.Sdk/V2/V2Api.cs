using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PortOne.Sdk.Http;
using PortOne.Sdk.Serialization;

namespace PortOne.Sdk.V2;

/// <summary>
/// The V2 wire conventions in one place: JSON bodies, <c>requestBody</c> query parameters for GET and DELETE,
/// and error bodies decoded into <see cref="PortOneApiException"/>.
/// </summary>
internal sealed class V2Api
{
    public V2Api(PortOneTransport transport, PortOneV2Options options)
    {
        Transport = transport;
        Options = options;
    }

    public PortOneTransport Transport { get; }

    public PortOneV2Options Options { get; }

    /// <summary>The configured store id, used when a call does not give its own.</summary>
    public string? StoreId => Options.StoreId;

    public static PortOneV2JsonContext Json => PortOneV2JsonContext.Default;

    /// <summary>The generated models' metadata (requests, answers, unions, errors).</summary>
    public static PortOneV2ModelsJsonContext Models => PortOneV2ModelsJsonContext.Default;

    /// <summary>
    /// Reads success answers that the strict metadata refuses. Never guessed at: the result's own ids and the
    /// tokens of a token answer. One bad item does not sink a page of payments, schedules or billing keys.
    /// </summary>
    public static TolerantReader Tolerant { get; } = new(
        PortOneV2ModelsJsonContext.Default.Options,
        JsonTypeInfoResolver.Combine(PortOneV2ModelsJsonContext.Default, PortOneV2JsonContext.Default),
        new[] { "id", "paymentId", "billingKey", "accessToken", "refreshToken" },
        new TolerantListConverter<Payment>(),
        new TolerantListConverter<PaymentSchedule>(),
        new TolerantListConverter<BillingKeyInfo>(),
        new TolerantListConverter<PaymentCancellation>());

    /// <summary>Where warnings about answers that differ from the API description go.</summary>
    public ILogger Logger { get; init; } = NullLogger.Instance;

    /// <summary>Sends an operation with an optional JSON body and decodes a JSON answer.</summary>
    public Task<TResponse> SendAsync<TRequest, TResponse>(
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
    /// Sends an operation with an optional JSON body. For one that moves money or stores a card,
    /// <paramref name="accepted"/> names what it was about (e.g. <c>payment ID "x"</c>), so an answer that cannot be
    /// read after PortOne accepted the request says so; null for every other operation.
    /// </summary>
    public Task<TResponse> SendAsync<TRequest, TResponse>(
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
        return Transport.SendAsync(operation, method, relativeUri, content, null, new DecodeState<TResponse>(this, responseType, operation.Name, accepted), DecodeState<TResponse>.Read, cancellationToken);
    }

    /// <summary>Sends an operation without a body and decodes a JSON answer.</summary>
    public Task<TResponse> SendAsync<TResponse>(
        PortOneOperation operation,
        HttpMethod method,
        string relativeUri,
        JsonTypeInfo<TResponse> responseType,
        CancellationToken cancellationToken) =>
        Transport.SendAsync(operation, method, relativeUri, null, null, new DecodeState<TResponse>(this, responseType, operation.Name, null), DecodeState<TResponse>.Read, cancellationToken);


    /// <summary>Sends an operation whose success answer is a file (CSV text) and returns that text.</summary>
    public async Task<string> SendForTextAsync(PortOneOperation operation, HttpMethod method, string relativeUri, HttpContent? content, CancellationToken cancellationToken)
    {
        var response = await Transport.SendAsync(operation, method, relativeUri, content, null, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccess)
        {
            throw Error(response, operation.Name);
        }

        return response.BodyText;
    }

    /// <summary>Sends an operation whose success answer has no body.</summary>
    public async Task SendForNothingAsync(PortOneOperation operation, HttpMethod method, string relativeUri, HttpContent? content, CancellationToken cancellationToken)
    {
        var response = await Transport.SendAsync(operation, method, relativeUri, content, null, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccess)
        {
            throw Error(response, operation.Name);
        }
    }

    /// <summary>The JSON content of a request body, or null when there is none.</summary>
    public static HttpContent? Content<T>(T? body, JsonTypeInfo<T> typeInfo)
        where T : class => body is null ? null : PortOneTransport.JsonContent(body, typeInfo);

    /// <summary><c>PATCH</c>, which netstandard2.0's <see cref="HttpMethod"/> does not name.</summary>
    public static HttpMethod Patch { get; } = new("PATCH");

    /// <summary>Builds <c>?requestBody=&lt;url-encoded JSON&gt;</c> for GET and DELETE operations that take a body.</summary>
    public static string RequestBodyQuery<T>(T body, JsonTypeInfo<T> typeInfo) =>
        "requestBody=" + Uri.EscapeDataString(JsonSerializer.Serialize(body, typeInfo));

    /// <summary>
    /// Appends <c>?name=value</c> (the value escaped), or returns <paramref name="path"/> unchanged when the value is
    /// null: the one-parameter case of the overload below, without its array and builder.
    /// </summary>
    public static string WithQuery(string path, (string Name, string? Value) parameter) =>
        parameter.Value is null ? path : path + "?" + parameter.Name + "=" + Uri.EscapeDataString(parameter.Value);

    /// <summary>
    /// Appends a query string built from the parameters that have a value (<c>?a=1&amp;b=2</c>, each escaped), or
    /// returns <paramref name="path"/> unchanged when none has.
    /// </summary>
    public static string WithQuery(string path, params (string Name, string? Value)[] parameters)
    {
        if (Array.TrueForAll(parameters, static parameter => parameter.Value is null))
        {
            return path;
        }

        var builder = new StringBuilder(path);
        var separator = '?';
        foreach (var (name, value) in parameters)
        {
            if (value is null)
            {
                continue;
            }

            builder.Append(separator).Append(name).Append('=').Append(Uri.EscapeDataString(value));
            separator = '&';
        }

        return builder.ToString();
    }

    /// <summary>
    /// Walks a page-numbered search from the request's page (0 when it gives none): fetches a page, yields its
    /// items, and moves on until a page comes back shorter than the page size the server reports (or empty).
    /// </summary>
    /// <param name="first">The caller's page, if any; its size is kept for every page (null lets the server choose).</param>
    /// <param name="fetch">Fetches one page: (page, token) → answer.</param>
    /// <param name="items">The items of an answer.</param>
    /// <param name="page">The page information of an answer.</param>
    /// <param name="cancellationToken">Cancels the walk.</param>
    public static async IAsyncEnumerable<TItem> PaginateAsync<TAnswer, TItem>(
        PageInput? first,
        Func<PageInput, CancellationToken, Task<TAnswer>> fetch,
        Func<TAnswer, IReadOnlyList<TItem>> items,
        Func<TAnswer, PageInfo> page,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // PageInfo.totalCount is not used to stop: the spec's wording leaves open whether it counts the page or
        // the whole result. A page shorter than the server's own page size is unambiguous.
        var number = first?.Number ?? 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var answer = await fetch(new PageInput { Number = number, Size = first?.Size }, cancellationToken).ConfigureAwait(false);
            // An answer read tolerantly may lack its items or page information: that ends the walk, it does not crash it.
            var list = items(answer) ?? Array.Empty<TItem>();
            foreach (var item in list)
            {
                yield return item;
            }

            var served = page(answer)?.Size ?? 0;
            if (list.Count == 0 || served <= 0 || list.Count < served)
            {
                yield break;
            }

            number++;
        }
    }

    /// <summary>
    /// Throws <see cref="ArgumentException"/> naming <paramref name="name"/> when an ID cannot stand in a path: null,
    /// empty, blank, <c>.</c>, <c>..</c> or with an unpaired surrogate (see <see cref="PathSegment.Check"/>).
    /// </summary>
    public static void RequireId(string? value, string name) => PathSegment.Check(value, name);

    /// <summary>Checks an ID chosen by the merchant or PortOne and escapes it as exactly one path segment.</summary>
    public static string Segment(string? value, string name) => PathSegment.Escape(value, name);

    /// <summary>What <see cref="Decode"/> needs, handed to the transport by value.</summary>
    private readonly struct DecodeState<TResponse>
    {
        /// <summary>One delegate per answer type, made once: decodes the answer with the state's settings.</summary>
        public static readonly Func<PortOneResponse, DecodeState<TResponse>, TResponse> Read =
            static (response, state) => state.Api.Decode(response, state.ResponseType, state.OperationName, state.Accepted);

        public DecodeState(V2Api api, JsonTypeInfo<TResponse> responseType, string operationName, string? accepted)
        {
            Api = api;
            ResponseType = responseType;
            OperationName = operationName;
            Accepted = accepted;
        }

        public V2Api Api { get; }

        public JsonTypeInfo<TResponse> ResponseType { get; }

        public string OperationName { get; }

        public string? Accepted { get; }
    }

    /// <summary>Decodes a success answer (tolerantly when it differs from the description) or throws the error.</summary>
    public TResponse Decode<TResponse>(in PortOneResponse response, JsonTypeInfo<TResponse> responseType, string operationName, string? accepted)
    {
        if (!response.IsSuccess)
        {
            throw Error(response, operationName);
        }

        return PortOneAnswers.Read(response, response.Body, responseType, Tolerant, "$", operationName, accepted, Logger);
    }

    public static PortOneException Error(in PortOneResponse response, string operationName)
    {
        PortOneError? error;
        try
        {
            error = response.Body.Length == 0 ? null : JsonSerializer.Deserialize(response.Body, Models.PortOneError);
        }
        catch (JsonException exception)
        {
            return PortOneTransport.Invalid(response, operationName, exception);
        }

        if (error is null)
        {
            return PortOneTransport.Invalid(response, operationName, null);
        }

        return new PortOneApiException(error, response.StatusCode, response.BodyText, response.RequestId);
    }
}
