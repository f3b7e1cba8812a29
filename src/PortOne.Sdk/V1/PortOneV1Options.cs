using System;
using System.Collections.Generic;

namespace PortOne.Sdk.V1;

/// <summary>Settings of <see cref="PortOneV1Client"/>.</summary>
public sealed class PortOneV1Options : PortOneClientOptions
{
    /// <summary>PortOne's V1 (iamport) production host.</summary>
    public static readonly Uri DefaultHost = new("https://api.iamport.kr");

    /// <summary>The fixed-IP host for merchants whose firewall only lets known addresses out.</summary>
    public static readonly Uri StaticIpHost = new("https://static-api.iamport.kr");

    /// <summary>The V1 REST API key (<c>imp_key</c>). Required.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The V1 REST API secret (<c>imp_secret</c>). Required. Never logged or shown by <see cref="object.ToString"/>.</summary>
    public string? ApiSecret { get; set; }

    /// <summary>
    /// The sub-merchant code when an agency account acts for a sub-merchant: sent as the <c>Tier</c> header on
    /// every call except the token request (the token belongs to the agency account).
    /// </summary>
    public string? Tier { get; set; }

    /// <summary>How long before its expiry the access token is renewed. Default: 1 minute.</summary>
    public TimeSpan TokenRenewBefore { get; set; } = TimeSpan.FromMinutes(1);

    internal override Uri DefaultBaseAddress => DefaultHost;

    /// <inheritdoc/>
    public override IReadOnlyList<string> Validate()
    {
        var errors = new List<string>(base.Validate());
        if (string.IsNullOrWhiteSpace(ApiKey))
        {
            errors.Add($"{nameof(PortOneV1Options)}.{nameof(ApiKey)} is required (configuration key '{nameof(ApiKey)}').");
        }

        if (string.IsNullOrWhiteSpace(ApiSecret))
        {
            errors.Add($"{nameof(PortOneV1Options)}.{nameof(ApiSecret)} is required (configuration key '{nameof(ApiSecret)}').");
        }

        // The key and secret travel only in the token request's JSON body; the tier is a header of every call.
        CheckText(errors, ApiKey, $"{nameof(PortOneV1Options)}.{nameof(ApiKey)}", sentInHeader: false);
        CheckText(errors, ApiSecret, $"{nameof(PortOneV1Options)}.{nameof(ApiSecret)}", sentInHeader: false);

        if (Tier is not null && string.IsNullOrWhiteSpace(Tier))
        {
            errors.Add($"{nameof(PortOneV1Options)}.{nameof(Tier)} must not be blank when it is set.");
        }

        CheckText(errors, Tier, $"{nameof(PortOneV1Options)}.{nameof(Tier)}", sentInHeader: true);

        if (TokenRenewBefore < TimeSpan.Zero)
        {
            errors.Add($"{nameof(PortOneV1Options)}.{nameof(TokenRenewBefore)} must not be negative.");
        }

        return errors;
    }
}
