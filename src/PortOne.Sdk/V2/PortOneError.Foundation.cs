using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;
using PortOne.Sdk.Serialization;

namespace PortOne.Sdk.V2;

// The error cases the auth endpoints return. The V2 model generator replaces this file with every error case
// of the API.

/// <summary>The request was malformed or a field was invalid.</summary>
public sealed class InvalidRequestError : PortOneError
{
    /// <inheritdoc/>
    [JsonPropertyName("type")]
    public override string Type => "INVALID_REQUEST";
}

/// <summary>The credential was missing, wrong or expired.</summary>
public sealed class UnauthorizedError : PortOneError
{
    /// <inheritdoc/>
    [JsonPropertyName("type")]
    public override string Type => "UNAUTHORIZED";
}

/// <summary>The credential is valid but not allowed to do this.</summary>
public sealed class ForbiddenError : PortOneError
{
    /// <inheritdoc/>
    [JsonPropertyName("type")]
    public override string Type => "FORBIDDEN";
}

internal sealed class PortOneErrorConverter : UnionConverter<PortOneError>
{
    private static readonly KeyValuePair<string, System.Type>[] Cases =
    [
        new("INVALID_REQUEST", typeof(InvalidRequestError)),
        new("UNAUTHORIZED", typeof(UnauthorizedError)),
        new("FORBIDDEN", typeof(ForbiddenError)),
    ];

    public PortOneErrorConverter()
        : base("type", Cases)
    {
    }

    protected override PortOneError CreateUnknown(string? discriminator, JsonElement rawJson) => new UnknownPortOneError(discriminator, rawJson);
}
