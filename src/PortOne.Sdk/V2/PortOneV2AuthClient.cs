using System;
using System.Net.Http;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using PortOne.Sdk.Http;

namespace PortOne.Sdk.V2;

/// <summary>
/// The V2 auth operations. The client calls them for you in <see cref="PortOneV2AuthMode.BearerToken"/> mode;
/// call them yourself only to hand tokens to another process.
/// </summary>
public partial class PortOneV2AuthClient
{
    private readonly V2Api _api;

    internal PortOneV2AuthClient(V2Api api)
    {
        _api = api;
    }

    /// <summary>For mocking frameworks only.</summary>
    protected PortOneV2AuthClient()
    {
        _api = null!;
    }

    /// <summary>Exchanges an API secret for an access and refresh token pair (<c>POST /login/api-secret</c>).</summary>
    /// <param name="body">The API secret to exchange.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The token pair.</returns>
    /// <exception cref="PortOneApiException">The secret was refused (<see cref="UnauthorizedError"/>) or the request was invalid.</exception>
    public virtual async Task<LoginViaApiSecretResponse> LoginViaApiSecretAsync(LoginViaApiSecretBody body, CancellationToken cancellationToken = default)
    {
        if (body is null)
        {
            throw new ArgumentNullException(nameof(body));
        }

        if (string.IsNullOrWhiteSpace(body.ApiSecret))
        {
            throw new ArgumentException("ApiSecret must not be empty.", nameof(body));
        }

        var (response, _) = await LoginCoreAsync(_api, body, cancellationToken).ConfigureAwait(false);
        return response;
    }

    /// <summary>Renews a token pair with its refresh token (<c>POST /token/refresh</c>).</summary>
    /// <param name="body">The refresh token.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The new token pair.</returns>
    /// <exception cref="PortOneApiException">The refresh token was refused (<see cref="UnauthorizedError"/>).</exception>
    public virtual async Task<RefreshTokenResponse> RefreshTokenAsync(RefreshTokenBody body, CancellationToken cancellationToken = default)
    {
        if (body is null)
        {
            throw new ArgumentNullException(nameof(body));
        }

        if (string.IsNullOrWhiteSpace(body.RefreshToken))
        {
            throw new ArgumentException("RefreshToken must not be empty.", nameof(body));
        }

        var (response, _) = await RefreshCoreAsync(_api, body, cancellationToken).ConfigureAwait(false);
        return response;
    }

    internal static async Task<(LoginViaApiSecretResponse Response, DateTimeOffset? ServerDate)> LoginCoreAsync(V2Api api, LoginViaApiSecretBody body, CancellationToken cancellationToken)
    {
        var content = PortOneTransport.JsonContent(body, V2Api.Json.LoginViaApiSecretBody);
        var response = await api.Transport.SendAsync(V2Operations.LoginViaApiSecret, HttpMethod.Post, "login/api-secret", content, null, cancellationToken).ConfigureAwait(false);
        return (DecodeTokens(api, response, V2Api.Json.LoginViaApiSecretResponse, V2Operations.LoginViaApiSecret.Name), response.Date);
    }

    // A success answer that fails to decode may still hold a live token: the exception does not keep its body.
    private static T DecodeTokens<T>(V2Api api, in PortOneResponse response, JsonTypeInfo<T> typeInfo, string operationName)
    {
        try
        {
            return api.Decode(response, typeInfo, operationName, null);
        }
        catch (PortOneInvalidResponseException exception) when (response.IsSuccess)
        {
            throw exception.WithoutBody();
        }
    }

    internal static async Task<(RefreshTokenResponse Response, DateTimeOffset? ServerDate)> RefreshCoreAsync(V2Api api, RefreshTokenBody body, CancellationToken cancellationToken)
    {
        var content = PortOneTransport.JsonContent(body, V2Api.Json.RefreshTokenBody);
        var response = await api.Transport.SendAsync(V2Operations.RefreshToken, HttpMethod.Post, "token/refresh", content, null, cancellationToken).ConfigureAwait(false);
        return (DecodeTokens(api, response, V2Api.Json.RefreshTokenResponse, V2Operations.RefreshToken.Name), response.Date);
    }
}
