using System;
using System.Collections.Generic;

namespace PortOne.Sdk;

/// <summary>Settings shared by the V1 and V2 clients: where to call, how long to wait and how to retry.</summary>
public abstract class PortOneClientOptions
{
    /// <summary>
    /// The API's base address. Leave unset for PortOne's production host of the API version. Point it at a
    /// test server (WireMock, the Testing package) or, for V1, at <c>https://static-api.iamport.kr</c> behind a
    /// firewall that only allows fixed IPs.
    /// </summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>
    /// The longest a call may take, all attempts and the waits between them together. Default: 60 seconds.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The longest one attempt may take. Default: 30 seconds.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How failed calls that are safe to repeat are retried.</summary>
    public PortOneRetryOptions Retry { get; set; } = new();

    /// <summary>
    /// Whether a money call whose answer was lost (time-out, connection broken after the request left, a 5xx, or an
    /// accepted answer that cannot be read) is settled by the SDK before the call returns: it looks the payment (or
    /// refund, or schedule) up by the id you chose and, when PortOne shows it did not happen, sends the request again
    /// under the same id, all within <see cref="Timeout"/>. Charges, refunds and schedules of both APIs do this. The
    /// call then returns what PortOne committed, throws the refusal PortOne recorded, or throws
    /// <see cref="PortOneOutcomeUnknownException"/>; issuing a billing key throws that exception at once on a lost
    /// answer. When false, such a call throws the failure as it happened (<see cref="PortOneTimeoutException"/>,
    /// <see cref="PortOneNetworkException"/>, …) and settling it is up to you. Default: true.
    /// </summary>
    public bool ResolveUnknownOutcomes { get; set; } = true;

    /// <summary>
    /// Whether a refund that does not say how much it believes is still refundable (V2
    /// <c>CancelPaymentRequest.CurrentCancellableAmount</c>, V1 <c>CancelPaymentRequest.Checksum</c>) reads the
    /// payment first and sends the amount it found. PortOne then refuses the refund if the payment changed in
    /// between, so a refund whose answer was lost can be settled (looked up, and sent again when it did not land)
    /// without any risk of refunding twice. It costs one lookup per refund. A refund that someone else made between
    /// that lookup and this one makes PortOne refuse this one (V2 <c>CancellableAmountConsistencyBrokenError</c>, a V1
    /// refusal), as it would have refused a stale amount of your own. When false, or when
    /// <see cref="ResolveUnknownOutcomes"/> is false, such a refund is sent as given, and a lost answer to it ends in
    /// <see cref="PortOneOutcomeUnknownException"/> (or the failure as it happened). Default: false. Either way a
    /// refund is never sent twice blindly, so turning it on buys settlement, not safety; it is off by default because
    /// it changes what goes on the wire (an extra read before every refund) and adds a refusal under concurrent
    /// refunds that callers of earlier versions did not get.
    /// </summary>
    public bool FillCancellableAmount { get; set; }

    /// <summary>
    /// The clock the SDK reads to decide when a token must be renewed and how long to wait between retries.
    /// Leave unset for the system clock; tests pass a fake one.
    /// </summary>
    public TimeProvider? TimeProvider { get; set; }

    internal abstract Uri DefaultBaseAddress { get; }

    internal Uri EffectiveBaseAddress => BaseAddress ?? DefaultBaseAddress;

    /// <summary>Lists what is missing or wrong, naming each setting; an empty list means the options can be used.</summary>
    /// <returns>One sentence per problem.</returns>
    public virtual IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        var typeName = GetType().Name;
        if (BaseAddress is not null && !BaseAddress.IsAbsoluteUri)
        {
            errors.Add($"{typeName}.{nameof(BaseAddress)} must be an absolute URI.");
        }

        if (Timeout <= TimeSpan.Zero)
        {
            errors.Add($"{typeName}.{nameof(Timeout)} must be positive.");
        }

        if (AttemptTimeout <= TimeSpan.Zero)
        {
            errors.Add($"{typeName}.{nameof(AttemptTimeout)} must be positive.");
        }

        if (Retry is null)
        {
            errors.Add($"{typeName}.{nameof(Retry)} must not be null.");
        }
        else
        {
            if (Retry.MaxRetries < 0 || Retry.MaxRetries > 10)
            {
                errors.Add($"{typeName}.{nameof(Retry)}.{nameof(PortOneRetryOptions.MaxRetries)} must be between 0 and 10.");
            }

            if (Retry.BaseDelay < TimeSpan.Zero)
            {
                errors.Add($"{typeName}.{nameof(Retry)}.{nameof(PortOneRetryOptions.BaseDelay)} must not be negative.");
            }

            if (Retry.MaxRetryAfter < TimeSpan.Zero)
            {
                errors.Add($"{typeName}.{nameof(Retry)}.{nameof(PortOneRetryOptions.MaxRetryAfter)} must not be negative.");
            }
        }

        return errors;
    }

    /// <summary>
    /// Checks a credential or id copied from a console or a secret store: surrounding whitespace (a line break
    /// pasted or mounted with it) and control characters are always a mistake, so they are reported instead of
    /// being trimmed away silently. When <paramref name="sentInHeader"/> is true the value must also be printable
    /// ASCII, the only text an HTTP header value can carry. Messages name the setting, never the value.
    /// </summary>
    internal static void CheckText(List<string> errors, string? value, string setting, bool sentInHeader)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return;
        }

        if (char.IsWhiteSpace(value![0]) || char.IsWhiteSpace(value[value.Length - 1]))
        {
            errors.Add($"{setting} starts or ends with whitespace (often a line break copied along with it); remove it.");
            return;
        }

        foreach (var c in value)
        {
            if (char.IsControl(c))
            {
                errors.Add($"{setting} contains a control character (such as a line break); remove it.");
                return;
            }

            if (sentInHeader && c > '\u007E')
            {
                errors.Add($"{setting} is sent in an HTTP header and may contain only printable ASCII characters; it contains another character (check for a look-alike or a stray invisible character).");
                return;
            }
        }
    }

    internal void ThrowIfInvalid()
    {
        var errors = Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid PortOne options: " + string.Join(" ", errors));
        }
    }

    /// <summary>Describes the options without any credential.</summary>
    /// <returns>The base address and time-outs.</returns>
    public override string ToString() =>
        $"{GetType().Name} {{ BaseAddress = {EffectiveBaseAddress}, Timeout = {Timeout}, AttemptTimeout = {AttemptTimeout}, MaxRetries = {Retry?.MaxRetries}, ResolveUnknownOutcomes = {ResolveUnknownOutcomes}, FillCancellableAmount = {FillCancellableAmount} }}";
}

/// <summary>
/// Retry settings. Only calls that cannot have a second effect are retried: lookups, token requests and
/// operations made safe by an id the server de-duplicates on. Charging calls are never retried after the request
/// may have reached PortOne.
/// </summary>
public sealed class PortOneRetryOptions
{
    /// <summary>Retries after the first attempt. 0 turns retrying off. Default: 2.</summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>The first back-off delay; later ones grow exponentially, with jitter. Default: 500 ms.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest computed back-off delay. Default: 10 seconds.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The longest wait a server's <c>Retry-After</c> may ask for. When it asks for more, the call is not retried
    /// and the answer is returned to the caller. Default: 30 seconds.
    /// </summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(30);
}
