using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;
using PortOne.Sdk.Serialization;

namespace PortOne.Sdk.V1;

/// <summary>
/// A billing-key customer: the card stored under your <c>customer_uid</c>. A smart-routing ("super") billing key
/// has <see cref="ChannelGroupId"/> set and its per-channel outcome in <see cref="SucceededChannels"/> and
/// <see cref="FailedChannels"/>; an ordinary one has the card fields.
/// </summary>
public sealed class V1Customer : V1CardDetails
{
    /// <summary>Your id of the customer's card (<c>customer_uid</c>).</summary>
    public string CustomerUid { get; set; } = string.Empty;

    /// <summary>Whether it was issued through a test channel.</summary>
    public bool? Sandbox { get; set; }

    /// <summary>The customer id at PortOne.</summary>
    public string? CustomerId { get; set; }

    /// <summary>Card holder's name as you gave it.</summary>
    public string? CustomerName { get; set; }

    /// <summary>Card holder's phone.</summary>
    public string? CustomerTel { get; set; }

    /// <summary>Card holder's e-mail.</summary>
    public string? CustomerEmail { get; set; }

    /// <summary>Card holder's address.</summary>
    public string? CustomerAddr { get; set; }

    /// <summary>Card holder's postcode.</summary>
    public string? CustomerPostcode { get; set; }

    /// <summary>When the billing key was issued.</summary>
    [JsonConverter(typeof(UnixSecondsConverter))]
    public DateTimeOffset? Inserted { get; set; }

    /// <summary>When it was last changed.</summary>
    [JsonConverter(typeof(UnixSecondsConverter))]
    public DateTimeOffset? Updated { get; set; }

    /// <summary>The smart-routing group of a super billing key; null for an ordinary one.</summary>
    [JsonPropertyName("channelGroupId")]
    public string? ChannelGroupId { get; set; }

    /// <summary>Channels of a super billing key that issued a key.</summary>
    [JsonPropertyName("succeededChannels")]
    public IReadOnlyList<V1BillingKeyChannel>? SucceededChannels { get; set; }

    /// <summary>Channels of a super billing key that refused.</summary>
    [JsonPropertyName("failedChannels")]
    public IReadOnlyList<V1FailedBillingKeyChannel>? FailedChannels { get; set; }

    /// <summary>Whether this is a smart-routing billing key.</summary>
    [JsonIgnore]
    public bool IsSuperBillingKey => ChannelGroupId is not null;

    /// <inheritdoc/>
    public override string ToString() => $"V1Customer {{ CustomerUid = {CustomerUid}, PgProvider = {PgProvider}, CardName = {CardName} }}";
}

/// <summary>A channel of a super billing key that issued a key, with that card's details.</summary>
public sealed class V1BillingKeyChannel : V1CardDetails
{
    /// <summary>When the key was issued on this channel.</summary>
    [JsonConverter(typeof(UnixSecondsConverter))]
    public DateTimeOffset? Inserted { get; set; }

    /// <summary>When it was last changed.</summary>
    [JsonConverter(typeof(UnixSecondsConverter))]
    public DateTimeOffset? Updated { get; set; }
}

/// <summary>A channel of a super billing key that did not issue a key, and why.</summary>
public sealed class V1FailedBillingKeyChannel
{
    /// <summary>The kind of failure as PortOne names it.</summary>
    public string? Type { get; set; }

    /// <summary>PortOne's or the PG's explanation.</summary>
    public string? Message { get; set; }

    /// <summary>The channel's PG.</summary>
    public string? PgProvider { get; set; }

    /// <summary>The merchant id at that PG.</summary>
    public string? PgId { get; set; }
}

/// <summary>
/// Body of <c>POST /subscribe/customers/{customer_uid}</c>: issue (or replace) a billing key from card data. The
/// card is checked before sending and never printed.
/// </summary>
public sealed class SaveCustomerRequest
{
    /// <summary>
    /// The card. Required (checked when the request is sent; it cannot be a C# <c>required</c> member because it is
    /// written flat, not as a JSON property of its own). Never printed.
    /// </summary>
    [JsonIgnore]
    public V1Card? Card { get; init; }

    /// <summary>The channel to issue the billing key with (PortOne requires it for new integrations).</summary>
    public string? ChannelKey { get; init; }

    /// <summary>The PG code, for older integrations that choose by PG instead of channel.</summary>
    public string? Pg { get; init; }

    /// <summary>Issue through every active channel of this smart-routing group instead.</summary>
    public string? ChannelGroupId { get; init; }

    /// <summary>Your id of the buyer (some PGs need it).</summary>
    public string? CustomerId { get; init; }

    /// <summary>Card holder's name.</summary>
    public string? CustomerName { get; init; }

    /// <summary>Card holder's phone.</summary>
    public string? CustomerTel { get; init; }

    /// <summary>Card holder's e-mail.</summary>
    public string? CustomerEmail { get; init; }

    /// <summary>Card holder's address.</summary>
    public string? CustomerAddr { get; init; }

    /// <summary>Card holder's postcode.</summary>
    public string? CustomerPostcode { get; init; }

    [JsonExtensionData]
    [JsonInclude]
    internal IDictionary<string, JsonElement>? CardFields => Card?.ToWireFields();

    /// <inheritdoc/>
    public override string ToString() => $"SaveCustomerRequest {{ ChannelKey = {ChannelKey}, Pg = {Pg}, Card = (hidden) }}";
}
