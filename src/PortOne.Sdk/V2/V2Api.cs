using System;
using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using PortOne.Sdk.Http;

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

    /// <summary>Sends an operation with an optional JSON body and decodes a JSON answer.</summary>
    public async Task<TResponse> SendAsync<TRequest, TResponse>(
        PortOneOperation operation,
        HttpMethod method,
        string relativeUri,
        TRequest? body,
        JsonTypeInfo<TRequest> requestType,
        JsonTypeInfo<TResponse> responseType,
        CancellationToken cancellationToken)
        where TRequest : class
    {
        var content = body is null ? null : PortOneTransport.JsonContent(body, requestType);
        var response = await Transport.SendAsync(operation, method, relativeUri, content, null, cancellationToken).ConfigureAwait(false);
        return Decode(response, responseType, operation.Name);
    }

    /// <summary>Sends an operation without a body and decodes a JSON answer.</summary>
    public async Task<TResponse> SendAsync<TResponse>(
        PortOneOperation operation,
        HttpMethod method,
        string relativeUri,
        JsonTypeInfo<TResponse> responseType,
        CancellationToken cancellationToken)
    {
        var response = await Transport.SendAsync(operation, method, relativeUri, null, null, cancellationToken).ConfigureAwait(false);
        return Decode(response, responseType, operation.Name);
    }

    /// <summary>Builds <c>?requestBody=&lt;url-encoded JSON&gt;</c> for GET and DELETE operations that take a body.</summary>
    public static string RequestBodyQuery<T>(T body, JsonTypeInfo<T> typeInfo) =>
        "requestBody=" + Uri.EscapeDataString(JsonSerializer.Serialize(body, typeInfo));

    /// <summary>Escapes one path segment chosen by the merchant (ids may hold any character).</summary>
    public static string Segment(string value) => Uri.EscapeDataString(value);

    public static TResponse Decode<TResponse>(in PortOneResponse response, JsonTypeInfo<TResponse> responseType, string operationName)
    {
        if (!response.IsSuccess)
        {
            throw Error(response, operationName);
        }

        return PortOneTransport.Deserialize(response, response.Body, responseType, operationName);
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
