using System;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;

namespace PortOne.Sdk.V2.Webhooks;

/// <summary>
/// The Standard Webhooks signing scheme PortOne uses: HMAC-SHA256, keyed with the decoded secret, over
/// <c>{webhook-id}.{webhook-timestamp}.{raw body}</c>, written as <c>v1,&lt;base64&gt;</c>.
/// </summary>
internal static class WebhookSignature
{
    public const string SecretPrefix = "whsec_";
    public const string Version = "v1";
    private const int SignatureLength = 32;

    /// <summary>Decodes a secret given as base64, with or without the <c>whsec_</c> prefix.</summary>
    public static byte[]? TryDecodeSecret(string secret)
    {
        var encoded = secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret.Substring(SecretPrefix.Length) : secret;
        var key = TryDecodeBase64(encoded);
        return key is { Length: > 0 } ? key : null;
    }

    /// <summary>Computes the raw HMAC of one message.</summary>
    public static byte[] Compute(byte[] key, string webhookId, string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(webhookId + "." + timestamp + ".");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
#if NET8_0_OR_GREATER
        return HMACSHA256.HashData(key, message);
#else
        using var hmac = new HMACSHA256(key);
        return hmac.ComputeHash(message);
#endif
    }

    /// <summary>Formats a computed HMAC as one entry of the <c>webhook-signature</c> header.</summary>
    public static string Format(byte[] signature) => Version + "," + Convert.ToBase64String(signature);

    /// <summary>
    /// Whether any <c>v1</c> entry of a <c>webhook-signature</c> header equals <paramref name="expected"/>.
    /// Entries of other versions and entries that are not base64 are skipped.
    /// </summary>
    public static bool AnyMatches(string header, byte[] expected)
    {
        var matched = false;
        foreach (var entry in header.Split([' '], StringSplitOptions.RemoveEmptyEntries))
        {
            var comma = entry.IndexOf(',');
            if (comma <= 0 || !string.Equals(entry.Substring(0, comma), Version, StringComparison.Ordinal))
            {
                continue;
            }

            var candidate = TryDecodeBase64(entry.Substring(comma + 1));
            // Every candidate is compared, even after a match, so the time taken does not depend on which one matched.
            matched |= candidate is not null && FixedTimeEquals(candidate, expected);
        }

        return matched;
    }

    // Accepts standard base64 with or without its '=' padding (some tools drop it).
    private static byte[]? TryDecodeBase64(string value)
    {
        if (value.Length == 0 || value.Length % 4 == 1)
        {
            return null;
        }

        if (value.Length % 4 != 0)
        {
            value += new string('=', 4 - (value.Length % 4));
        }

#if NET8_0_OR_GREATER
        var buffer = new byte[((value.Length + 3) / 4) * 3];
        return Convert.TryFromBase64String(value, buffer, out var written) ? buffer.AsSpan(0, written).ToArray() : null;
#else
        try
        {
            return Convert.FromBase64String(value);
        }
        catch (FormatException)
        {
            return null;
        }
#endif
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.NoOptimization)]
    private static bool FixedTimeEquals(byte[] left, byte[] right)
    {
        if (left.Length != SignatureLength || right.Length != SignatureLength)
        {
            return false;
        }

#if NET8_0_OR_GREATER
        return CryptographicOperations.FixedTimeEquals(left, right);
#else
        var difference = 0;
        for (var i = 0; i < left.Length; i++)
        {
            difference |= left[i] ^ right[i];
        }

        return difference == 0;
#endif
    }
}
