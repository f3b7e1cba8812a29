using System.Text.Json;
using System.Text.Json.Serialization;

namespace PortOne.Sdk.V2;

/// <summary>
/// An error body of the V2 API, decoded by its <c>type</c>. Each documented type has its own sealed subtype
/// (e.g. <see cref="UnauthorizedError"/>); a type this SDK version does not know becomes
/// <see cref="UnknownPortOneError"/>, which keeps the whole body.
/// </summary>
[JsonConverter(typeof(PortOneErrorConverter))]
public abstract partial class PortOneError
{
    // Only the SDK defines cases: the generated ones and UnknownPortOneError.
    private protected PortOneError()
    {
    }

    /// <summary>The error type as the server names it, e.g. <c>BILLING_KEY_NOT_FOUND</c>.</summary>
    [JsonPropertyName("type")]
    public abstract string Type { get; }

    /// <summary>The server's human-readable explanation, if it gave one. Do not branch on it.</summary>
    [JsonPropertyName("message")]
    public string? Message { get; init; }

    /// <inheritdoc/>
    public override string ToString() => $"{Type}: {Message}";
}

/// <summary>An error whose <c>type</c> this SDK version does not know. The whole body is kept.</summary>
public sealed class UnknownPortOneError : PortOneError, IPortOneUnknownCase
{
    /// <summary>Creates the unknown error from its discriminator and raw JSON.</summary>
    /// <param name="type">The <c>type</c> the server sent, or null when it sent none.</param>
    /// <param name="rawJson">The whole error object.</param>
    public UnknownPortOneError(string? type, JsonElement rawJson)
    {
        Discriminator = type;
        RawJson = rawJson;
        if (rawJson.ValueKind == JsonValueKind.Object && rawJson.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String)
        {
            Message = message.GetString();
        }
    }

    /// <inheritdoc/>
    public override string Type => Discriminator ?? "(none)";

    /// <inheritdoc/>
    public string? Discriminator { get; }

    /// <inheritdoc/>
    public JsonElement RawJson { get; }
}
