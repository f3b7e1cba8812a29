using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Linq;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Primitives;

namespace PortOne.Sdk.V2.Webhooks;

/// <summary>
/// Checks that a webhook request really comes from PortOne and turns its body into a <see cref="Webhook"/>.
/// Create one per webhook secret and reuse it: it is immutable and safe to share between threads.
/// </summary>
/// <remarks>
/// <para>
/// Pass the body exactly as it arrived (the bytes, or the text they spell in UTF-8): the signature covers the raw
/// body, so a body that was parsed and re-serialized no longer matches. Headers are matched by name without regard
/// to case; ASP.NET Core's <c>HttpRequest.Headers</c>, <see cref="HttpHeaders"/> and a plain dictionary are
/// accepted as they are.
/// </para>
/// <para>
/// <c>webhook-id</c> and <c>webhook-timestamp</c> must each arrive exactly once. A request that repeats either one,
/// as a second header line, under a name differing only in case, or as a second value of one header entry, is
/// refused with <see cref="PortOneWebhookVerificationFailure.DuplicateHeader"/> before its timestamp or signature
/// is looked at, even when the signature over one of the values is valid: a genuine delivery never repeats them,
/// and an application reading the delivery id from the headers would otherwise see a value nobody checked.
/// A single value is taken whole, commas included. HTTP lets an intermediary fold repeated lines into one
/// comma-separated line, but the id and timestamp are signed exactly as PortOne sent them, so a folded id fails the
/// signature (<see cref="PortOneWebhookVerificationFailure.NoMatchingSignature"/>) and a folded timestamp is not a
/// number (<see cref="PortOneWebhookVerificationFailure.BadTimestamp"/>); splitting at commas would instead refuse
/// a signed id that happens to contain one. The overloads taking the three values take one value per header.
/// </para>
/// <para>
/// <c>webhook-signature</c> may be repeated. The entries of all its lines and values are pooled, as if they had
/// been sent space-separated in one header, and the request passes when any <c>v1</c> entry matches. This is safe:
/// each entry is an HMAC checked on its own against the secret, so an added entry can neither be forged to match
/// nor stop a genuine one from matching. It is also what lets signatures made during a key rotation arrive in
/// separate lines.
/// </para>
/// <para>
/// A valid webhook only says that something happened. Fetch the payment or billing key from the API before acting
/// on it, and expect the same delivery more than once (its <c>webhook-id</c> stays the same).
/// </para>
/// </remarks>
public sealed class PortOneWebhookVerifier
{
    private const long ToleranceSeconds = 5 * 60;

    private readonly byte[]? _key;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates a verifier for one webhook secret.</summary>
    /// <param name="webhookSecret">
    /// The webhook secret from the PortOne console: base64, with or without the <c>whsec_</c> prefix. A secret that
    /// cannot be decoded is not rejected here; every verification then fails with
    /// <see cref="PortOneWebhookVerificationFailure.BadSecret"/>.
    /// </param>
    /// <param name="timeProvider">The clock the timestamp is checked against; the system clock when omitted.</param>
    /// <exception cref="ArgumentNullException"><paramref name="webhookSecret"/> is null.</exception>
    public PortOneWebhookVerifier(string webhookSecret, TimeProvider? timeProvider = null)
    {
        if (webhookSecret is null)
        {
            throw new ArgumentNullException(nameof(webhookSecret));
        }

        _key = WebhookSignature.TryDecodeSecret(webhookSecret);
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>How far the <c>webhook-timestamp</c> may lie from the current time, in either direction: five minutes.</summary>
    public static TimeSpan TimestampTolerance { get; } = TimeSpan.FromSeconds(ToleranceSeconds);

    /// <summary>Verifies a request given as body text and ASP.NET Core headers (<c>HttpRequest.Headers</c>), and decodes it.</summary>
    /// <param name="body">The raw body as text (its UTF-8 bytes are what was signed).</param>
    /// <param name="headers">The request headers, e.g. ASP.NET Core's <c>IHeaderDictionary</c>.</param>
    /// <returns>The decoded webhook.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="body"/> or <paramref name="headers"/> is null.</exception>
    /// <exception cref="PortOneWebhookVerificationException">The request is not an authentic, current PortOne webhook.</exception>
    public Webhook Verify(string body, IEnumerable<KeyValuePair<string, StringValues>> headers) =>
        Verify(Utf8(body), WebhookHeaderValues.From(headers));

    /// <summary>Verifies a request given as body text and <see cref="HttpHeaders"/> (e.g. <see cref="HttpRequestHeaders"/>), and decodes it.</summary>
    /// <param name="body">The raw body as text (its UTF-8 bytes are what was signed).</param>
    /// <param name="headers">The request headers.</param>
    /// <returns>The decoded webhook.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="body"/> or <paramref name="headers"/> is null.</exception>
    /// <exception cref="PortOneWebhookVerificationException">The request is not an authentic, current PortOne webhook.</exception>
    public Webhook Verify(string body, HttpHeaders headers) =>
        Verify(Utf8(body), WebhookHeaderValues.From(headers));

    /// <summary>Verifies a request given as body text and name/value header pairs (a dictionary, <see cref="PortOneWebhookHeaders"/>), and decodes it.</summary>
    /// <param name="body">The raw body as text (its UTF-8 bytes are what was signed).</param>
    /// <param name="headers">The request headers.</param>
    /// <returns>The decoded webhook.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="body"/> or <paramref name="headers"/> is null.</exception>
    /// <exception cref="PortOneWebhookVerificationException">The request is not an authentic, current PortOne webhook.</exception>
    public Webhook Verify(string body, IEnumerable<KeyValuePair<string, string>> headers) =>
        Verify(Utf8(body), WebhookHeaderValues.From(headers));

    /// <summary>Verifies a request given as body text and the three header values, and decodes it.</summary>
    /// <param name="body">The raw body as text (its UTF-8 bytes are what was signed).</param>
    /// <param name="webhookId">The <c>webhook-id</c> header, or null when absent.</param>
    /// <param name="webhookTimestamp">The <c>webhook-timestamp</c> header, or null when absent.</param>
    /// <param name="webhookSignature">The <c>webhook-signature</c> header, or null when absent.</param>
    /// <returns>The decoded webhook.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="body"/> is null.</exception>
    /// <exception cref="PortOneWebhookVerificationException">The request is not an authentic, current PortOne webhook.</exception>
    public Webhook Verify(string body, string? webhookId, string? webhookTimestamp, string? webhookSignature) =>
        Verify(Utf8(body), new WebhookHeaderValues(webhookId, webhookTimestamp, webhookSignature));

    /// <summary>Verifies a request given as raw body bytes and ASP.NET Core headers (<c>HttpRequest.Headers</c>), and decodes it.</summary>
    /// <param name="body">The raw body, byte for byte as received.</param>
    /// <param name="headers">The request headers, e.g. ASP.NET Core's <c>IHeaderDictionary</c>.</param>
    /// <returns>The decoded webhook.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="headers"/> is null.</exception>
    /// <exception cref="PortOneWebhookVerificationException">The request is not an authentic, current PortOne webhook.</exception>
    public Webhook Verify(ReadOnlySpan<byte> body, IEnumerable<KeyValuePair<string, StringValues>> headers) =>
        Verify(body, WebhookHeaderValues.From(headers));

    /// <summary>Verifies a request given as raw body bytes and <see cref="HttpHeaders"/>, and decodes it.</summary>
    /// <param name="body">The raw body, byte for byte as received.</param>
    /// <param name="headers">The request headers.</param>
    /// <returns>The decoded webhook.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="headers"/> is null.</exception>
    /// <exception cref="PortOneWebhookVerificationException">The request is not an authentic, current PortOne webhook.</exception>
    public Webhook Verify(ReadOnlySpan<byte> body, HttpHeaders headers) =>
        Verify(body, WebhookHeaderValues.From(headers));

    /// <summary>Verifies a request given as raw body bytes and name/value header pairs, and decodes it.</summary>
    /// <param name="body">The raw body, byte for byte as received.</param>
    /// <param name="headers">The request headers.</param>
    /// <returns>The decoded webhook.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="headers"/> is null.</exception>
    /// <exception cref="PortOneWebhookVerificationException">The request is not an authentic, current PortOne webhook.</exception>
    public Webhook Verify(ReadOnlySpan<byte> body, IEnumerable<KeyValuePair<string, string>> headers) =>
        Verify(body, WebhookHeaderValues.From(headers));

    /// <summary>Verifies a request given as raw body bytes and the three header values, and decodes it.</summary>
    /// <param name="body">The raw body, byte for byte as received.</param>
    /// <param name="webhookId">The <c>webhook-id</c> header, or null when absent.</param>
    /// <param name="webhookTimestamp">The <c>webhook-timestamp</c> header, or null when absent.</param>
    /// <param name="webhookSignature">The <c>webhook-signature</c> header, or null when absent.</param>
    /// <returns>The decoded webhook.</returns>
    /// <exception cref="PortOneWebhookVerificationException">The request is not an authentic, current PortOne webhook.</exception>
    public Webhook Verify(ReadOnlySpan<byte> body, string? webhookId, string? webhookTimestamp, string? webhookSignature) =>
        Verify(body, new WebhookHeaderValues(webhookId, webhookTimestamp, webhookSignature));

    /// <summary>Like <see cref="Verify(string, IEnumerable{KeyValuePair{string, StringValues}})"/>, but reports failure by returning false.</summary>
    /// <param name="body">The raw body as text.</param>
    /// <param name="headers">The request headers, e.g. ASP.NET Core's <c>IHeaderDictionary</c>.</param>
    /// <param name="webhook">The decoded webhook when verification succeeded.</param>
    /// <returns>Whether the request is an authentic, current PortOne webhook with a readable body.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="body"/> or <paramref name="headers"/> is null.</exception>
    public bool TryVerify(string body, IEnumerable<KeyValuePair<string, StringValues>> headers, [NotNullWhen(true)] out Webhook? webhook) =>
        TryVerify(Utf8(body), WebhookHeaderValues.From(headers), out webhook);

    /// <summary>Like <see cref="Verify(string, HttpHeaders)"/>, but reports failure by returning false.</summary>
    /// <param name="body">The raw body as text.</param>
    /// <param name="headers">The request headers.</param>
    /// <param name="webhook">The decoded webhook when verification succeeded.</param>
    /// <returns>Whether the request is an authentic, current PortOne webhook with a readable body.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="body"/> or <paramref name="headers"/> is null.</exception>
    public bool TryVerify(string body, HttpHeaders headers, [NotNullWhen(true)] out Webhook? webhook) =>
        TryVerify(Utf8(body), WebhookHeaderValues.From(headers), out webhook);

    /// <summary>Like <see cref="Verify(string, IEnumerable{KeyValuePair{string, string}})"/>, but reports failure by returning false.</summary>
    /// <param name="body">The raw body as text.</param>
    /// <param name="headers">The request headers.</param>
    /// <param name="webhook">The decoded webhook when verification succeeded.</param>
    /// <returns>Whether the request is an authentic, current PortOne webhook with a readable body.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="body"/> or <paramref name="headers"/> is null.</exception>
    public bool TryVerify(string body, IEnumerable<KeyValuePair<string, string>> headers, [NotNullWhen(true)] out Webhook? webhook) =>
        TryVerify(Utf8(body), WebhookHeaderValues.From(headers), out webhook);

    /// <summary>Like <see cref="Verify(ReadOnlySpan{byte}, IEnumerable{KeyValuePair{string, StringValues}})"/>, but reports failure by returning false.</summary>
    /// <param name="body">The raw body, byte for byte as received.</param>
    /// <param name="headers">The request headers, e.g. ASP.NET Core's <c>IHeaderDictionary</c>.</param>
    /// <param name="webhook">The decoded webhook when verification succeeded.</param>
    /// <returns>Whether the request is an authentic, current PortOne webhook with a readable body.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="headers"/> is null.</exception>
    public bool TryVerify(ReadOnlySpan<byte> body, IEnumerable<KeyValuePair<string, StringValues>> headers, [NotNullWhen(true)] out Webhook? webhook) =>
        TryVerify(body, WebhookHeaderValues.From(headers), out webhook);

    /// <summary>Like <see cref="Verify(ReadOnlySpan{byte}, HttpHeaders)"/>, but reports failure by returning false.</summary>
    /// <param name="body">The raw body, byte for byte as received.</param>
    /// <param name="headers">The request headers.</param>
    /// <param name="webhook">The decoded webhook when verification succeeded.</param>
    /// <returns>Whether the request is an authentic, current PortOne webhook with a readable body.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="headers"/> is null.</exception>
    public bool TryVerify(ReadOnlySpan<byte> body, HttpHeaders headers, [NotNullWhen(true)] out Webhook? webhook) =>
        TryVerify(body, WebhookHeaderValues.From(headers), out webhook);

    /// <summary>Like <see cref="Verify(ReadOnlySpan{byte}, IEnumerable{KeyValuePair{string, string}})"/>, but reports failure by returning false.</summary>
    /// <param name="body">The raw body, byte for byte as received.</param>
    /// <param name="headers">The request headers.</param>
    /// <param name="webhook">The decoded webhook when verification succeeded.</param>
    /// <returns>Whether the request is an authentic, current PortOne webhook with a readable body.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="headers"/> is null.</exception>
    public bool TryVerify(ReadOnlySpan<byte> body, IEnumerable<KeyValuePair<string, string>> headers, [NotNullWhen(true)] out Webhook? webhook) =>
        TryVerify(body, WebhookHeaderValues.From(headers), out webhook);

    private static byte[] Utf8(string body) =>
        Encoding.UTF8.GetBytes(body ?? throw new ArgumentNullException(nameof(body)));

    private Webhook Verify(ReadOnlySpan<byte> body, WebhookHeaderValues headers)
    {
        var failure = Check(body, headers, out var webhook);
        return failure is null ? webhook! : throw failure;
    }

    private bool TryVerify(ReadOnlySpan<byte> body, WebhookHeaderValues headers, [NotNullWhen(true)] out Webhook? webhook)
    {
        var failure = Check(body, headers, out webhook);
        return failure is null && webhook is not null;
    }

    // Returns the failure instead of throwing it, so TryVerify costs no exception.
    private PortOneWebhookVerificationException? Check(ReadOnlySpan<byte> body, WebhookHeaderValues headers, out Webhook? webhook)
    {
        webhook = null;
        if (_key is null)
        {
            return new PortOneWebhookVerificationException(PortOneWebhookVerificationFailure.BadSecret);
        }

        // Before anything else about the headers: with two ids or timestamps there is no single value to check.
        if (headers.Duplicated is { } duplicated)
        {
            return new PortOneWebhookVerificationException(PortOneWebhookVerificationFailure.DuplicateHeader, duplicated);
        }

        if (string.IsNullOrEmpty(headers.Id))
        {
            return Missing(PortOneWebhookHeaders.IdHeaderName);
        }

        if (string.IsNullOrEmpty(headers.Timestamp))
        {
            return Missing(PortOneWebhookHeaders.TimestampHeaderName);
        }

        if (string.IsNullOrEmpty(headers.Signature))
        {
            return Missing(PortOneWebhookHeaders.SignatureHeaderName);
        }

        if (!long.TryParse(headers.Timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var sentAt))
        {
            return new PortOneWebhookVerificationException(PortOneWebhookVerificationFailure.BadTimestamp);
        }

        var now = _timeProvider.GetUtcNow().ToUnixTimeSeconds();
        if (now - sentAt > ToleranceSeconds)
        {
            return new PortOneWebhookVerificationException(PortOneWebhookVerificationFailure.TooOld);
        }

        if (sentAt - now > ToleranceSeconds)
        {
            return new PortOneWebhookVerificationException(PortOneWebhookVerificationFailure.TooNew);
        }

        var expected = WebhookSignature.Compute(_key, headers.Id!, headers.Timestamp!, body);
        if (!WebhookSignature.AnyMatches(headers.Signature!, expected))
        {
            return new PortOneWebhookVerificationException(PortOneWebhookVerificationFailure.NoMatchingSignature);
        }

        try
        {
            webhook = JsonSerializer.Deserialize(body, PortOneWebhookJsonContext.Default.Webhook);
        }
        catch (JsonException ex)
        {
            return new PortOneWebhookVerificationException(PortOneWebhookVerificationFailure.InvalidPayload, innerException: ex);
        }

        return webhook is null ? new PortOneWebhookVerificationException(PortOneWebhookVerificationFailure.InvalidPayload) : null;
    }

    private static PortOneWebhookVerificationException Missing(string header) =>
        new(PortOneWebhookVerificationFailure.MissingHeader, header);

    /// <summary>The three header values, found by case-insensitive name in whatever collection the caller has.</summary>
    private readonly struct WebhookHeaderValues
    {
        public WebhookHeaderValues(string? id, string? timestamp, string? signature)
            : this(id, timestamp, signature, duplicated: null)
        {
        }

        private WebhookHeaderValues(string? id, string? timestamp, string? signature, string? duplicated)
        {
            Id = id;
            Timestamp = timestamp;
            Signature = signature;
            Duplicated = duplicated;
        }

        public string? Id { get; }

        public string? Timestamp { get; }

        public string? Signature { get; }

        /// <summary>The name of <c>webhook-id</c> or <c>webhook-timestamp</c> when it arrived with more than one value.</summary>
        public string? Duplicated { get; }

        public static WebhookHeaderValues From(IEnumerable<KeyValuePair<string, StringValues>> headers) =>
            From(NotNull(headers), static values => values.ToArray());

        public static WebhookHeaderValues From(IEnumerable<KeyValuePair<string, string>> headers) =>
            From(NotNull(headers), static value => [value]);

        public static WebhookHeaderValues From(HttpHeaders headers)
        {
            NotNull(headers);
            // HttpHeaders merges names that differ only in case, and keeps each added value apart without
            // splitting it at commas (no parser is registered for these names).
            return Of(Get(PortOneWebhookHeaders.IdHeaderName), Get(PortOneWebhookHeaders.TimestampHeaderName), Get(PortOneWebhookHeaders.SignatureHeaderName));

            List<string> Get(string name)
            {
                var found = new List<string>();
                if (headers.TryGetValues(name, out var values))
                {
                    Add(found, values);
                }

                return found;
            }
        }

        private static WebhookHeaderValues From<TValue>(IEnumerable<KeyValuePair<string, TValue>> headers, Func<TValue, string?[]> values)
        {
            List<string> id = [], timestamp = [], signature = [];
            foreach (var header in headers)
            {
                if (Is(header.Key, PortOneWebhookHeaders.IdHeaderName))
                {
                    Add(id, values(header.Value));
                }
                else if (Is(header.Key, PortOneWebhookHeaders.TimestampHeaderName))
                {
                    Add(timestamp, values(header.Value));
                }
                else if (Is(header.Key, PortOneWebhookHeaders.SignatureHeaderName))
                {
                    Add(signature, values(header.Value));
                }
            }

            return Of(id, timestamp, signature);
        }

        // Every value of every entry counts, even an empty one: a second header line is a second value. Only a
        // null (no value at all, e.g. StringValues.Empty) is nothing. A value is never split at commas.
        private static void Add(List<string> found, IEnumerable<string?> values)
        {
            foreach (var value in values)
            {
                if (value is not null)
                {
                    found.Add(value);
                }
            }
        }

        private static WebhookHeaderValues Of(List<string> id, List<string> timestamp, List<string> signature) => new(
            Single(id),
            Single(timestamp),
            Joined(signature),
            id.Count > 1 ? PortOneWebhookHeaders.IdHeaderName
                : timestamp.Count > 1 ? PortOneWebhookHeaders.TimestampHeaderName
                : null);

        private static bool Is(string? name, string expected) => string.Equals(name, expected, StringComparison.OrdinalIgnoreCase);

        // Never picks one of several values: a repeated header has no value to use.
        private static string? Single(List<string> values) => values.Count == 1 ? values[0] : null;

        // Several signature headers (or values) are one list of candidates, as if sent space-separated in one.
        private static string? Joined(List<string> values) =>
            values.Count == 0 ? null : string.Join(" ", values.Where(v => v.Length > 0));

        private static T NotNull<T>(T headers)
            where T : class =>
            headers ?? throw new ArgumentNullException(nameof(headers));
    }
}
