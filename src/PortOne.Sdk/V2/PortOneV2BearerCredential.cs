using System;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using PortOne.Sdk.Auth;

namespace PortOne.Sdk.V2;

/// <summary>
/// V2 bearer mode: logs in with the API secret, then renews with the refresh token; when the refresh token is
/// refused (or known to be expired) it logs in afresh.
/// </summary>
internal sealed class PortOneV2BearerCredential : CachingTokenCredential
{
    // Used only when a token is not a readable JWT; PortOne's access tokens are.
    private static readonly TimeSpan FallbackLifetime = TimeSpan.FromMinutes(10);

    private readonly Func<V2Api> _api;
    private readonly string _apiSecret;

    public PortOneV2BearerCredential(Func<V2Api> api, string apiSecret, TimeProvider timeProvider, TimeSpan renewBefore, ILogger logger)
        : base(timeProvider, renewBefore, logger)
    {
        _api = api;
        _apiSecret = apiSecret;
    }

    public override string ToString() => "PortOne V2 bearer token credential";

    protected override async Task<IssuedToken> FetchAsync(IssuedToken? previous, CancellationToken cancellationToken)
    {
        var api = _api();
        if (previous?.RefreshToken is { } refreshToken && (previous.RefreshTokenExpiresAt is null || TimeProvider.GetUtcNow() < previous.RefreshTokenExpiresAt))
        {
            try
            {
                var (refreshed, date) = await PortOneV2AuthClient.RefreshCoreAsync(api, new RefreshTokenBody { RefreshToken = refreshToken }, cancellationToken).ConfigureAwait(false);
                return ToIssued(refreshed.AccessToken, refreshed.RefreshToken, date);
            }
            catch (PortOneApiException exception) when (exception.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.BadRequest or HttpStatusCode.Forbidden)
            {
                // The refresh token was refused: fall through to a fresh login.
            }
        }

        var (login, loginDate) = await PortOneV2AuthClient.LoginCoreAsync(api, new LoginViaApiSecretBody { ApiSecret = _apiSecret }, cancellationToken).ConfigureAwait(false);
        return ToIssued(login.AccessToken, login.RefreshToken, loginDate);
    }

    private IssuedToken ToIssued(string accessToken, string refreshToken, DateTimeOffset? serverDate)
    {
        var now = TimeProvider.GetUtcNow();
        var accessExpiry = Jwt.LocalExpiry(accessToken, now, serverDate, FallbackLifetime);
        DateTimeOffset? refreshExpiry = Jwt.TryReadTimes(refreshToken, out _, out var exp) && exp is not null
            ? Jwt.LocalExpiry(refreshToken, now, serverDate, FallbackLifetime)
            : null;
        return new IssuedToken(accessToken, accessExpiry, refreshToken, refreshExpiry);
    }
}
