using System;
using System.Globalization;
using System.Text;

namespace PortOne.Sdk.V2.Webhooks;

/// <summary>
/// Signs a webhook body the way PortOne does, producing the <c>webhook-id</c>, <c>webhook-timestamp</c> and
/// <c>webhook-signature</c> headers. Use it in tests to send your webhook endpoint requests that
/// <see cref="PortOneWebhookVerifier"/> accepts, without PortOne.
/// </summary>
public sealed class PortOneWebhookSigner
{
    private readonly byte[] _key;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates a signer for one webhook secret.</summary>
    /// <param name="webhookSecret">The secret: base64, with or without the <c>whsec_</c> prefix.</param>
    /// <param name="timeProvider">The clock that stamps signatures when no timestamp is given; the system clock when omitted.</param>
    /// <exception cref="ArgumentNullException"><paramref name="webhookSecret"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="webhookSecret"/> is empty or not base64.</exception>
    public PortOneWebhookSigner(string webhookSecret, TimeProvider? timeProvider = null)
    {
        if (webhookSecret is null)
        {
            throw new ArgumentNullException(nameof(webhookSecret));
        }

        _key = WebhookSignature.TryDecodeSecret(webhookSecret)
            ?? throw new ArgumentException("The webhook secret must be non-empty base64, optionally prefixed with 'whsec_'.", nameof(webhookSecret));
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Creates a new random webhook secret in the <c>whsec_&lt;base64&gt;</c> form, e.g. for a test.</summary>
    /// <returns>A secret of 32 random bytes.</returns>
    public static string GenerateSecret()
    {
        var bytes = new byte[32];
        using (var random = System.Security.Cryptography.RandomNumberGenerator.Create())
        {
            random.GetBytes(bytes);
        }

        return WebhookSignature.SecretPrefix + Convert.ToBase64String(bytes);
    }

    /// <summary>Signs a body given as text (its UTF-8 bytes are signed; send exactly those).</summary>
    /// <param name="body">The webhook body.</param>
    /// <param name="webhookId">The delivery id; a new random one when omitted.</param>
    /// <param name="timestamp">The send time; the clock's current time when omitted. Only whole seconds are kept.</param>
    /// <returns>The three headers to send with the body.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="body"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="webhookId"/> is empty.</exception>
    public PortOneWebhookHeaders Sign(string body, string? webhookId = null, DateTimeOffset? timestamp = null) =>
        Sign(Encoding.UTF8.GetBytes(body ?? throw new ArgumentNullException(nameof(body))), webhookId, timestamp);

    /// <summary>Signs a body given as bytes.</summary>
    /// <param name="body">The webhook body, byte for byte as it will be sent.</param>
    /// <param name="webhookId">The delivery id; a new random one when omitted.</param>
    /// <param name="timestamp">The send time; the clock's current time when omitted. Only whole seconds are kept.</param>
    /// <returns>The three headers to send with the body.</returns>
    /// <exception cref="ArgumentException"><paramref name="webhookId"/> is empty.</exception>
    public PortOneWebhookHeaders Sign(ReadOnlySpan<byte> body, string? webhookId = null, DateTimeOffset? timestamp = null)
    {
        if (webhookId is { Length: 0 })
        {
            throw new ArgumentException("The webhook id must not be empty.", nameof(webhookId));
        }

        var id = webhookId ?? "msg_" + Guid.NewGuid().ToString("N");
        var seconds = (timestamp ?? _timeProvider.GetUtcNow()).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = WebhookSignature.Format(WebhookSignature.Compute(_key, id, seconds, body));
        return new PortOneWebhookHeaders(id, seconds, signature);
    }
}
