using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace PortOne.Sdk.V1;

/// <summary>
/// A V1 (iamport) payment notification: the request iamport sends to the notification URL when a payment changes.
/// </summary>
/// <remarks>
/// <para>
/// <b>These notifications are not signed. Never trust their content.</b> Anyone who knows the URL can send one
/// with any status. Use <see cref="ImpUid"/> only as a hint of which payment to look at: fetch that payment through
/// the V1 API and act on what the API returns (status, amount), never on <see cref="Status"/>.
/// </para>
/// <para>
/// iamport sends the same notification more than once at times; make the handling idempotent.
/// </para>
/// </remarks>
public sealed class V1Notification
{
    /// <summary>iamport's id of the payment (<c>imp_uid</c>): look the payment up with it.</summary>
    public required string ImpUid { get; init; }

    /// <summary>The merchant's order id as the sender claims it (<c>merchant_uid</c>); check it against the fetched payment.</summary>
    public required string MerchantUid { get; init; }

    /// <summary>
    /// The status the sender claims (<c>status</c>, e.g. <c>paid</c>, <c>ready</c>, <c>failed</c>, <c>cancelled</c>).
    /// Unverified: decide nothing on it.
    /// </summary>
    public required string Status { get; init; }

    /// <summary>The customer (billing key) id (<c>customer_uid</c>) of billing-key payments; null otherwise.</summary>
    public string? CustomerUid { get; init; }

    /// <summary>
    /// Reads a notification from the request body, sent either as JSON or as an HTML form
    /// (<c>application/x-www-form-urlencoded</c>).
    /// </summary>
    /// <param name="body">The request body as text.</param>
    /// <param name="contentType">
    /// The request's <c>Content-Type</c> (parameters such as <c>charset</c> are ignored). When null or neither JSON nor a
    /// form, the body's shape decides: an object in braces is read as JSON, anything else as a form.
    /// </param>
    /// <returns>The notification. Still unverified: see the remarks of <see cref="V1Notification"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="body"/> is null.</exception>
    /// <exception cref="FormatException">The body is not a notification: not readable, or <c>imp_uid</c>, <c>merchant_uid</c> or <c>status</c> is missing.</exception>
    public static V1Notification Parse(string body, string? contentType) =>
        TryParse(body, contentType, out var notification, out var error)
            ? notification
            : throw new FormatException(error);

    /// <summary>Like <see cref="Parse(string, string?)"/>, but reports an unreadable body by returning false.</summary>
    /// <param name="body">The request body as text.</param>
    /// <param name="contentType">The request's <c>Content-Type</c>, or null.</param>
    /// <param name="notification">The notification when the body could be read. Still unverified.</param>
    /// <returns>Whether the body is a notification.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="body"/> is null.</exception>
    public static bool TryParse(string body, string? contentType, [NotNullWhen(true)] out V1Notification? notification) =>
        TryParse(body, contentType, out notification, out _);

    /// <inheritdoc/>
    public override string ToString() =>
        $"V1Notification {{ ImpUid = {ImpUid}, MerchantUid = {MerchantUid}, Status = {Status}, CustomerUid = {CustomerUid} }}";

    private static bool TryParse(string body, string? contentType, [NotNullWhen(true)] out V1Notification? notification, out string error)
    {
        if (body is null)
        {
            throw new ArgumentNullException(nameof(body));
        }

        notification = null;
        var fields = IsJson(body, contentType) ? ReadJson(body) : ReadForm(body);
        if (fields is null)
        {
            error = "The V1 notification body is not a JSON object.";
            return false;
        }

        fields.TryGetValue("imp_uid", out var impUid);
        fields.TryGetValue("merchant_uid", out var merchantUid);
        fields.TryGetValue("status", out var status);
        fields.TryGetValue("customer_uid", out var customerUid);
        if (string.IsNullOrEmpty(impUid) || string.IsNullOrEmpty(merchantUid) || string.IsNullOrEmpty(status))
        {
            error = "The V1 notification lacks imp_uid, merchant_uid or status.";
            return false;
        }

        notification = new V1Notification
        {
            ImpUid = impUid!,
            MerchantUid = merchantUid!,
            Status = status!,
            CustomerUid = string.IsNullOrEmpty(customerUid) ? null : customerUid,
        };
        error = string.Empty;
        return true;
    }

    private static bool IsJson(string body, string? contentType)
    {
        var mediaType = contentType?.Split(';')[0].Trim();
        if (string.Equals(mediaType, "application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (mediaType is not null
            && (string.Equals(mediaType, "application/json", StringComparison.OrdinalIgnoreCase)
                || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase)))
        {
            return true;
        }

        return body.TrimStart().StartsWith("{", StringComparison.Ordinal);
    }

    // Reads the top-level string (or number) members; null when the body is not a JSON object.
    private static Dictionary<string, string?>? ReadJson(string body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                fields[property.Name] = property.Value.ValueKind switch
                {
                    JsonValueKind.String => property.Value.GetString(),
                    JsonValueKind.Number => property.Value.GetRawText(),
                    _ => null,
                };
            }

            return fields;
        }
    }

    // application/x-www-form-urlencoded: name=value pairs joined by '&', '+' for space, %XX escapes. First value wins.
    private static Dictionary<string, string?> ReadForm(string body)
    {
        var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var pair in body.Split(['&'], StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=');
            var name = Unescape(equals < 0 ? pair : pair.Substring(0, equals));
            var value = equals < 0 ? string.Empty : Unescape(pair.Substring(equals + 1));
            if (!fields.ContainsKey(name))
            {
                fields[name] = value;
            }
        }

        return fields;
    }

    private static string Unescape(string value) => Uri.UnescapeDataString(value.Replace('+', ' '));
}
