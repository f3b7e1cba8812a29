using System;

namespace PortOne.Sdk.AspNetCore;

/// <summary>
/// Settings of the PortOne webhook endpoints mapped by <c>MapPortOneWebhooks</c> and <c>MapPortOneV1Notifications</c>.
/// </summary>
/// <remarks>
/// <para>
/// Bound by <c>AddPortOneWebhooks(configuration.GetSection("PortOne"))</c> from these keys of that section:
/// <c>V2:WebhookSecret</c>, <c>Webhooks:Path</c>, <c>Webhooks:V1Path</c>, <c>Webhooks:MaxBodyBytes</c>,
/// <c>Webhooks:DuplicateWindow</c> (a <see cref="TimeSpan"/> such as <c>3.00:00:00</c>) and
/// <c>Webhooks:CacheKeyPrefix</c>.
/// </para>
/// <para>The settings are validated when the host starts; a V2 handler without a usable secret stops the start-up.</para>
/// </remarks>
public sealed class PortOneWebhookOptions
{
    /// <summary>The default of <see cref="MaxBodyBytes"/>: 64 KiB, far above any PortOne payload (a few hundred bytes).</summary>
    public const int DefaultMaxBodyBytes = 64 * 1024;

    /// <summary>The default of <see cref="Path"/>.</summary>
    public const string DefaultPath = "/webhooks/portone";

    /// <summary>The default of <see cref="V1Path"/>.</summary>
    public const string DefaultV1Path = "/webhooks/iamport";

    /// <summary>The default of <see cref="CacheKeyPrefix"/>.</summary>
    public const string DefaultCacheKeyPrefix = "portone:webhook:";

    /// <summary>
    /// The V2 webhook secret from the PortOne console (<c>whsec_…</c>, or its base64 part alone), from configuration
    /// key <c>PortOne:V2:WebhookSecret</c>. Required when a V2 handler is registered. Never logged.
    /// </summary>
    public string? WebhookSecret { get; set; }

    /// <summary>
    /// Where <c>MapPortOneWebhooks()</c> without a pattern maps the V2 endpoint. Default: <c>/webhooks/portone</c>.
    /// </summary>
    public string Path { get; set; } = DefaultPath;

    /// <summary>
    /// Where <c>MapPortOneV1Notifications()</c> without a pattern maps the V1 endpoint. Default: <c>/webhooks/iamport</c>.
    /// </summary>
    public string V1Path { get; set; } = DefaultV1Path;

    /// <summary>
    /// The largest request body accepted, in bytes; a larger one is refused with 413 before it is read in full.
    /// Default: 64 KiB.
    /// </summary>
    public int MaxBodyBytes { get; set; } = DefaultMaxBodyBytes;

    /// <summary>
    /// How long the id of a handled V2 webhook is remembered, so that a redelivery within that time is acknowledged
    /// without calling the handler again. Keep it longer than PortOne goes on retrying a delivery, with room for a
    /// resend from the console. Default: three days.
    /// </summary>
    public TimeSpan DuplicateWindow { get; set; } = TimeSpan.FromDays(3);

    /// <summary>
    /// The prefix of the <c>IDistributedCache</c> keys that record handled webhook ids (the key is the prefix followed
    /// by the <c>webhook-id</c>). Change it when several applications share one cache. Default: <c>portone:webhook:</c>.
    /// </summary>
    public string CacheKeyPrefix { get; set; } = DefaultCacheKeyPrefix;

    /// <inheritdoc/>
    public override string ToString() =>
        $"PortOneWebhookOptions {{ WebhookSecret = {(string.IsNullOrEmpty(WebhookSecret) ? "(not set)" : "(set)")}, Path = {Path}, V1Path = {V1Path}, MaxBodyBytes = {MaxBodyBytes}, DuplicateWindow = {DuplicateWindow}, CacheKeyPrefix = {CacheKeyPrefix} }}";
}
