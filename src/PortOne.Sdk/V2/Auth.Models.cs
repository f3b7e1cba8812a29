using System.Text.Json.Serialization;

namespace PortOne.Sdk.V2;

/// <summary>Body of <c>POST /login/api-secret</c>.</summary>
public sealed class LoginViaApiSecretBody
{
    /// <summary>The V2 API secret to exchange for tokens.</summary>
    [JsonPropertyName("apiSecret")]
    public required string ApiSecret { get; init; }

    /// <inheritdoc/>
    public override string ToString() => "LoginViaApiSecretBody { ApiSecret = (hidden) }";
}

/// <summary>Answer of <c>POST /login/api-secret</c>: a new token pair.</summary>
public sealed class LoginViaApiSecretResponse
{
    /// <summary>The access token (a JWT) to send as <c>Authorization: Bearer</c>.</summary>
    [JsonPropertyName("accessToken")]
    public required string AccessToken { get; init; }

    /// <summary>The token that renews the pair through <c>POST /token/refresh</c>.</summary>
    [JsonPropertyName("refreshToken")]
    public required string RefreshToken { get; init; }

    /// <inheritdoc/>
    public override string ToString() => "LoginViaApiSecretResponse { AccessToken = (hidden), RefreshToken = (hidden) }";
}

/// <summary>Body of <c>POST /token/refresh</c>.</summary>
public sealed class RefreshTokenBody
{
    /// <summary>The refresh token of the pair to renew.</summary>
    [JsonPropertyName("refreshToken")]
    public required string RefreshToken { get; init; }

    /// <inheritdoc/>
    public override string ToString() => "RefreshTokenBody { RefreshToken = (hidden) }";
}

/// <summary>Answer of <c>POST /token/refresh</c>: the renewed token pair.</summary>
public sealed class RefreshTokenResponse
{
    /// <summary>The new access token (a JWT).</summary>
    [JsonPropertyName("accessToken")]
    public required string AccessToken { get; init; }

    /// <summary>The new refresh token; the old one should no longer be used.</summary>
    [JsonPropertyName("refreshToken")]
    public required string RefreshToken { get; init; }

    /// <inheritdoc/>
    public override string ToString() => "RefreshTokenResponse { AccessToken = (hidden), RefreshToken = (hidden) }";
}
