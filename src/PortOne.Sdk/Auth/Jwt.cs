using System;
using System.Text.Json;

namespace PortOne.Sdk.Auth;

/// <summary>Reads the <c>exp</c> and <c>iat</c> claims of a JWT. The signature is not checked: the token came straight from PortOne over TLS and is only used to time its renewal.</summary>
internal static class Jwt
{
    public static bool TryReadTimes(string token, out DateTimeOffset? issuedAt, out DateTimeOffset? expiresAt)
    {
        issuedAt = null;
        expiresAt = null;
        var parts = token.Split('.');
        if (parts.Length < 2)
        {
            return false;
        }

        try
        {
            var payload = parts[1].Replace('-', '+').Replace('_', '/');
            payload = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
            using var document = JsonDocument.Parse(Convert.FromBase64String(payload));
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            if (root.TryGetProperty("exp", out var exp) && exp.TryGetInt64(out var expSeconds))
            {
                expiresAt = DateTimeOffset.FromUnixTimeSeconds(expSeconds);
            }

            if (root.TryGetProperty("iat", out var iat) && iat.TryGetInt64(out var iatSeconds))
            {
                issuedAt = DateTimeOffset.FromUnixTimeSeconds(iatSeconds);
            }

            return expiresAt is not null;
        }
        catch (Exception exception) when (exception is FormatException or JsonException or ArgumentException)
        {
            return false;
        }
    }

    /// <summary>
    /// Turns a token's expiry into a local-clock instant without trusting the local clock's absolute value:
    /// the token's lifetime is measured on the server's clock (from <c>iat</c>, else the answer's <c>Date</c>
    /// header) and added to the local time at which the token arrived.
    /// </summary>
    public static DateTimeOffset LocalExpiry(string token, DateTimeOffset receivedAtLocal, DateTimeOffset? serverDate, TimeSpan fallbackLifetime)
    {
        if (!TryReadTimes(token, out var issuedAt, out var expiresAt) || expiresAt is null)
        {
            return receivedAtLocal + fallbackLifetime;
        }

        var serverNow = issuedAt ?? serverDate;
        if (serverNow is null)
        {
            return expiresAt.Value;
        }

        var lifetime = expiresAt.Value - serverNow.Value;
        return receivedAtLocal + (lifetime < TimeSpan.Zero ? TimeSpan.Zero : lifetime);
    }
}
