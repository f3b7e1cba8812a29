using System;
using System.Collections;
using System.Collections.Generic;

namespace PortOne.Sdk.V2.Webhooks;

/// <summary>
/// The three headers that authenticate a PortOne webhook request, as <see cref="PortOneWebhookSigner"/> produces
/// them. It enumerates as header name/value pairs, so it can be passed straight to
/// <see cref="PortOneWebhookVerifier.Verify(string, IEnumerable{KeyValuePair{string, string}})"/> or copied
/// onto an outgoing request.
/// </summary>
public sealed class PortOneWebhookHeaders : IReadOnlyCollection<KeyValuePair<string, string>>
{
    /// <summary>The name of the header carrying the delivery's unique id: <c>webhook-id</c>.</summary>
    public const string IdHeaderName = "webhook-id";

    /// <summary>The name of the header carrying the send time in Unix seconds: <c>webhook-timestamp</c>.</summary>
    public const string TimestampHeaderName = "webhook-timestamp";

    /// <summary>The name of the header carrying the signatures: <c>webhook-signature</c>.</summary>
    public const string SignatureHeaderName = "webhook-signature";

    /// <summary>Creates the header set from its three values.</summary>
    /// <param name="id">The value of <c>webhook-id</c>.</param>
    /// <param name="timestamp">The value of <c>webhook-timestamp</c> (Unix seconds, as text).</param>
    /// <param name="signature">The value of <c>webhook-signature</c> (space-separated <c>v1,&lt;base64&gt;</c> entries).</param>
    /// <exception cref="ArgumentNullException">A value is null.</exception>
    public PortOneWebhookHeaders(string id, string timestamp, string signature)
    {
        Id = id ?? throw new ArgumentNullException(nameof(id));
        Timestamp = timestamp ?? throw new ArgumentNullException(nameof(timestamp));
        Signature = signature ?? throw new ArgumentNullException(nameof(signature));
    }

    /// <summary>The value of <c>webhook-id</c>: the same for every retry of one delivery, so usable to skip duplicates.</summary>
    public string Id { get; }

    /// <summary>The value of <c>webhook-timestamp</c>: Unix seconds as text.</summary>
    public string Timestamp { get; }

    /// <summary>The value of <c>webhook-signature</c>.</summary>
    public string Signature { get; }

    /// <inheritdoc/>
    public int Count => 3;

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<string, string>> GetEnumerator()
    {
        yield return new KeyValuePair<string, string>(IdHeaderName, Id);
        yield return new KeyValuePair<string, string>(TimestampHeaderName, Timestamp);
        yield return new KeyValuePair<string, string>(SignatureHeaderName, Signature);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc/>
    public override string ToString() => $"{IdHeaderName}: {Id}, {TimestampHeaderName}: {Timestamp}, {SignatureHeaderName}: {Signature}";
}
