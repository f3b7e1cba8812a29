using System;
using System.Text.Json.Serialization;
using PortOne.Sdk.Serialization;

namespace PortOne.Sdk.V1;

/// <summary>Body of <c>POST /users/getToken</c>.</summary>
internal sealed class GetTokenRequest
{
    [JsonPropertyName("imp_key")]
    public required string ImpKey { get; init; }

    [JsonPropertyName("imp_secret")]
    public required string ImpSecret { get; init; }

    public override string ToString() => "GetTokenRequest { (hidden) }";
}

/// <summary>A V1 access token as <c>POST /users/getToken</c> returns it.</summary>
public sealed class V1AccessToken
{
    /// <summary>The token to send as <c>Authorization: Bearer</c>. Never logged by the SDK.</summary>
    [JsonPropertyName("access_token")]
    public required string AccessToken { get; init; }

    /// <summary>The server's clock when it answered.</summary>
    [JsonPropertyName("now")]
    [JsonConverter(typeof(RequiredUnixSecondsConverter))]
    public DateTimeOffset Now { get; init; }

    /// <summary>When the token expires, on the server's clock.</summary>
    [JsonPropertyName("expired_at")]
    [JsonConverter(typeof(RequiredUnixSecondsConverter))]
    public DateTimeOffset ExpiredAt { get; init; }

    /// <summary>How long the token has left, measured on the server's clock alone.</summary>
    [JsonIgnore]
    public TimeSpan RemainingLifetime => ExpiredAt - Now;

    /// <inheritdoc/>
    public override string ToString() => $"V1AccessToken {{ AccessToken = (hidden), Now = {Now:O}, ExpiredAt = {ExpiredAt:O} }}";
}
