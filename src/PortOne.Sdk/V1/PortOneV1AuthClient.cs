using System;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using PortOne.Sdk.Auth;
using PortOne.Sdk.Http;

namespace PortOne.Sdk.V1;

/// <summary>
/// The V1 token operation. The client gets, caches and renews tokens by itself; call this only to hand a token
/// to something else.
/// </summary>
public class PortOneV1AuthClient
{
    internal static readonly PortOneOperation GetTokenOperation = new("V1.Auth.GetToken", "/users/getToken", retryable: true, authenticated: false);

    private readonly V1Api _api;

    internal PortOneV1AuthClient(V1Api api)
    {
        _api = api;
    }

    /// <summary>For mocking frameworks only.</summary>
    protected PortOneV1AuthClient()
    {
        _api = null!;
    }

    /// <summary>Requests an access token with the configured key and secret (<c>POST /users/getToken</c>).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The token and its life on the server's clock. Asking again before it expires returns the same token.</returns>
    /// <exception cref="PortOneV1ApiException">The key or secret was refused.</exception>
    public virtual Task<V1AccessToken> GetTokenAsync(CancellationToken cancellationToken = default) =>
        RequestAsync(_api, cancellationToken);

    internal static async Task<V1AccessToken> RequestAsync(V1Api api, CancellationToken cancellationToken)
    {
        var body = new GetTokenRequest { ImpKey = api.Options.ApiKey!, ImpSecret = api.Options.ApiSecret! };
        V1Result<V1AccessToken> result;
        try
        {
            result = await api.SendAsync(GetTokenOperation, HttpMethod.Post, "users/getToken", body, V1Api.Json.GetTokenRequest, V1Api.Json.V1AccessToken, cancellationToken).ConfigureAwait(false);
        }
        catch (PortOneInvalidResponseException exception) when (exception.StatusCode is HttpStatusCode.OK)
        {
            throw exception.WithoutBody();
        }

        return result.Value ?? throw new PortOneException("PortOne V1 getToken succeeded but returned no token.");
    }
}

/// <summary>
/// V1 tokens: fetched with <c>POST /users/getToken</c>; the expiry is placed on the local clock as
/// <c>local now + (expired_at - now)</c>, so a local clock that is off does not shorten or stretch the token's life.
/// </summary>
internal sealed class PortOneV1TokenCredential : CachingTokenCredential
{
    private readonly Func<V1Api> _api;

    public PortOneV1TokenCredential(Func<V1Api> api, TimeProvider timeProvider, TimeSpan renewBefore, ILogger logger)
        : base(timeProvider, renewBefore, logger)
    {
        _api = api;
    }

    public override string ToString() => "PortOne V1 access token credential";

    protected override async Task<IssuedToken> FetchAsync(IssuedToken? previous, CancellationToken cancellationToken)
    {
        var token = await PortOneV1AuthClient.RequestAsync(_api(), cancellationToken).ConfigureAwait(false);
        var lifetime = token.RemainingLifetime;
        return new IssuedToken(token.AccessToken, TimeProvider.GetUtcNow() + (lifetime < TimeSpan.Zero ? TimeSpan.Zero : lifetime));
    }
}
