using System;
using System.Diagnostics.CodeAnalysis;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using PortOne.Sdk.Http;

namespace PortOne.Sdk.Auth;

/// <summary>
/// Supplies the <c>Authorization</c> header for API calls. One instance per configured client, shared by every
/// request and every handler instance.
/// </summary>
internal abstract class PortOneCredential
{
    /// <summary>Whether a 401 can be cured by getting a new token (false for a fixed API secret).</summary>
    public abstract bool CanRenew { get; }

    /// <summary>Returns the header to send now, fetching or renewing a token first when needed.</summary>
    public abstract ValueTask<AuthenticationHeaderValue> GetAuthorizationAsync(CancellationToken cancellationToken);

    /// <summary>The header when it never changes (a fixed API secret); null for a credential that fetches tokens.</summary>
    public virtual AuthenticationHeaderValue? FixedAuthorization => null;

    /// <summary>Whether <see cref="GetAuthorizationAsync"/> would answer at once, without fetching.</summary>
    public virtual bool IsReady => FixedAuthorization is not null;

    /// <summary>Forgets <paramref name="rejected"/> if it is still the current token, so the next call renews.</summary>
    public virtual void Invalidate(AuthenticationHeaderValue rejected)
    {
    }
}

/// <summary>V2 with an API secret: <c>Authorization: PortOne &lt;secret&gt;</c>. Nothing to renew.</summary>
internal sealed class ApiSecretCredential : PortOneCredential
{
    private readonly AuthenticationHeaderValue _header;

    public ApiSecretCredential(string apiSecret)
    {
        _header = new AuthenticationHeaderValue("PortOne", apiSecret);
    }

    public override bool CanRenew => false;

    public override AuthenticationHeaderValue? FixedAuthorization => _header;

    public override ValueTask<AuthenticationHeaderValue> GetAuthorizationAsync(CancellationToken cancellationToken) => new(_header);

    public override string ToString() => "PortOne API secret (hidden)";
}

/// <summary>A token as the SDK keeps it: its value, when to stop using it by the local clock, and provider state.</summary>
internal sealed class IssuedToken
{
    public IssuedToken(string accessToken, DateTimeOffset expiresAt, string? refreshToken = null, DateTimeOffset? refreshTokenExpiresAt = null)
    {
        AccessToken = accessToken;
        ExpiresAt = expiresAt;
        RefreshToken = refreshToken;
        RefreshTokenExpiresAt = refreshTokenExpiresAt;
        Header = new AuthenticationHeaderValue("Bearer", accessToken);
    }

    public string AccessToken { get; }

    /// <summary>Expiry on the local clock, computed from the server's own clock (issued-at/now vs. expiry).</summary>
    public DateTimeOffset ExpiresAt { get; }

    public string? RefreshToken { get; }

    public DateTimeOffset? RefreshTokenExpiresAt { get; }

    public AuthenticationHeaderValue Header { get; }

    public override string ToString() => $"IssuedToken {{ ExpiresAt = {ExpiresAt:O} }}";
}

/// <summary>
/// A credential that fetches bearer tokens and caches them. However many callers find the token missing or
/// about to expire at the same moment, exactly one fetch runs and all of them await it (single flight). The
/// fetch itself is not tied to any one caller's cancellation: a caller that gives up stops waiting, the others
/// still get the token.
/// </summary>
internal abstract class CachingTokenCredential : PortOneCredential
{
    private readonly object _gate = new();
    private readonly ILogger _logger;
    private IssuedToken? _current;
    private DateTimeOffset _renewAt;
    private Task<IssuedToken>? _pending;

    // _current and _renewAt as one object, published for the lock-free read; null whenever _current is null.
    private FreshToken? _fresh;

    protected CachingTokenCredential(TimeProvider timeProvider, TimeSpan renewBefore, ILogger logger)
    {
        TimeProvider = timeProvider;
        RenewBefore = renewBefore;
        _logger = logger;
    }

    public override bool CanRenew => true;

    public override bool IsReady => TryGetFresh(out _);

    protected TimeProvider TimeProvider { get; }

    /// <summary>How long before its expiry a token is renewed.</summary>
    protected TimeSpan RenewBefore { get; }

    /// <summary>How long a token that arrived without any life left is used before the next fetch.</summary>
    internal static readonly TimeSpan MinimumReuse = TimeSpan.FromSeconds(30);

    /// <summary>The cached token, if any (for tests and diagnostics).</summary>
    internal IssuedToken? Current
    {
        get
        {
            lock (_gate)
            {
                return _current;
            }
        }
    }

    public override ValueTask<AuthenticationHeaderValue> GetAuthorizationAsync(CancellationToken cancellationToken)
    {
        // Every attempt of every call asks; a cached token is answered without an async step.
        return TryGetFresh(out var token) ? new(token.Header) : FetchedAsync(this, cancellationToken);

        static async ValueTask<AuthenticationHeaderValue> FetchedAsync(CachingTokenCredential credential, CancellationToken cancellationToken) =>
            (await credential.GetTokenAsync(cancellationToken).ConfigureAwait(false)).Header;
    }

    public async ValueTask<IssuedToken> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (TryGetFresh(out var cached))
        {
            return cached;
        }

        Task<IssuedToken> pending;
        lock (_gate)
        {
            if (_current is { } current && TimeProvider.GetUtcNow() < _renewAt)
            {
                return current;
            }

            if (_pending is null)
            {
                var previous = _current;
                // Task.Run: the fetch never completes inside this lock, and never captures a caller's context.
                _pending = Task.Run(() => FetchAndStoreAsync(previous));
            }

            pending = _pending;
        }

        return await pending.WaitForAsync(cancellationToken).ConfigureAwait(false);
    }

    // The common case, a cached token still good, is read without taking the lock: every call of every caller
    // passes here, and under many concurrent callers the lock itself became the cost.
    private bool TryGetFresh([NotNullWhen(true)] out IssuedToken? token)
    {
        var fresh = Volatile.Read(ref _fresh);
        if (fresh is not null && TimeProvider.GetUtcNow() < fresh.RenewAt)
        {
            token = fresh.Token;
            return true;
        }

        token = null;
        return false;
    }

    public override void Invalidate(AuthenticationHeaderValue rejected)
    {
        lock (_gate)
        {
            if (_current is not null && string.Equals(_current.Header.Parameter, rejected.Parameter, StringComparison.Ordinal))
            {
                _current = null;
                Volatile.Write(ref _fresh, null);
            }
        }
    }

    /// <summary>Gets a new token; <paramref name="previous"/> is the last one held (expired or rejected), if any.</summary>
    protected abstract Task<IssuedToken> FetchAsync(IssuedToken? previous, CancellationToken cancellationToken);

    /// <summary>
    /// When to stop handing out <paramref name="token"/>: <see cref="RenewBefore"/> ahead of its expiry, but never
    /// earlier than half-way through its life. A token that arrives with less life than the margin (V1 answers
    /// with the same token and its remaining minute) is then still used for a while instead of being fetched
    /// again on every call.
    /// </summary>
    private DateTimeOffset RenewalTime(IssuedToken token)
    {
        var now = TimeProvider.GetUtcNow();
        var lifetime = token.ExpiresAt - now;
        if (lifetime <= TimeSpan.Zero)
        {
            // The server handed out a token that its own clock says has expired (PortOne extends a token that is
            // about to expire instead, but another server may not). Fetching again at once would put a token
            // request before every call; the token is used for a short while instead, and a 401 still drops it.
            _logger.LogTokenWithoutLife(GetType().Name, MinimumReuse.TotalSeconds);
            return now + MinimumReuse;
        }

        var half = TimeSpan.FromTicks(lifetime.Ticks / 2);
        return token.ExpiresAt - (RenewBefore < half ? RenewBefore : half);
    }

    private async Task<IssuedToken> FetchAndStoreAsync(IssuedToken? previous)
    {
        _logger.LogTokenRenewing(GetType().Name);
        try
        {
            var token = await FetchAsync(previous, CancellationToken.None).ConfigureAwait(false);
            var renewAt = RenewalTime(token);
            lock (_gate)
            {
                _current = token;
                _renewAt = renewAt;
                _pending = null;
                Volatile.Write(ref _fresh, new FreshToken(token, renewAt));
            }

            return token;
        }
        catch (Exception exception)
        {
            lock (_gate)
            {
                _pending = null;
            }

            // Written only now that the failed fetch is forgotten: whoever reads this line and then calls starts
            // a new fetch rather than receiving this failure. (The request's own failure line, written by the
            // diagnostics handler inside the fetch, comes before this point and does not promise that.)
            _logger.LogTokenFetchFailed(GetType().Name, exception.GetType().Name);
            if (exception is PortOneException)
            {
                throw;
            }

            throw new PortOneException("Could not obtain a PortOne access token: " + exception.GetType().Name + ".", exception);
        }
    }
}

/// <summary>A cached token with the time to stop handing it out, swapped as one reference.</summary>
internal sealed class FreshToken
{
    public FreshToken(IssuedToken token, DateTimeOffset renewAt)
    {
        Token = token;
        RenewAt = renewAt;
    }

    public IssuedToken Token { get; }

    public DateTimeOffset RenewAt { get; }
}
