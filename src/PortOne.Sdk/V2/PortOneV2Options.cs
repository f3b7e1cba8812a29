using System;
using System.Collections.Generic;

namespace PortOne.Sdk.V2;

/// <summary>How the V2 client proves who it is.</summary>
public enum PortOneV2AuthMode
{
    /// <summary>Send the API secret itself on every call (<c>Authorization: PortOne &lt;secret&gt;</c>). The default.</summary>
    ApiSecret = 0,

    /// <summary>
    /// Exchange the API secret for short-lived access tokens (<c>POST /login/api-secret</c>), send those as bearer
    /// tokens and renew them with the refresh token (<c>POST /token/refresh</c>). The secret leaves the process
    /// only at login.
    /// </summary>
    BearerToken = 1,
}

/// <summary>Settings of <see cref="PortOneV2Client"/>.</summary>
public sealed class PortOneV2Options : PortOneClientOptions
{
    /// <summary>PortOne's V2 production host.</summary>
    public static readonly Uri DefaultHost = new("https://api.portone.io");

    /// <summary>The V2 API secret from the PortOne console. Required. Never logged or shown by <see cref="object.ToString"/>.</summary>
    public string? ApiSecret { get; set; }

    /// <summary>
    /// The store id (<c>store-…</c>). When set, it fills the <c>storeId</c> of every operation that has one,
    /// unless a call gives its own.
    /// </summary>
    public string? StoreId { get; set; }

    /// <summary>How the API secret is used. Default: <see cref="PortOneV2AuthMode.ApiSecret"/>.</summary>
    public PortOneV2AuthMode AuthMode { get; set; } = PortOneV2AuthMode.ApiSecret;

    /// <summary>How long before its expiry a bearer access token is renewed. Default: 1 minute.</summary>
    public TimeSpan TokenRenewBefore { get; set; } = TimeSpan.FromMinutes(1);

    internal override Uri DefaultBaseAddress => DefaultHost;

    /// <inheritdoc/>
    public override IReadOnlyList<string> Validate()
    {
        var errors = new List<string>(base.Validate());
        if (string.IsNullOrWhiteSpace(ApiSecret))
        {
            errors.Add($"{nameof(PortOneV2Options)}.{nameof(ApiSecret)} is required (configuration key '{nameof(ApiSecret)}').");
        }

        // In ApiSecret mode the secret itself is the Authorization header of every call; in bearer mode it only
        // travels in a JSON body, where any character can be written.
        CheckText(errors, ApiSecret, $"{nameof(PortOneV2Options)}.{nameof(ApiSecret)}", sentInHeader: AuthMode == PortOneV2AuthMode.ApiSecret);

        if (StoreId is not null && string.IsNullOrWhiteSpace(StoreId))
        {
            errors.Add($"{nameof(PortOneV2Options)}.{nameof(StoreId)} must not be blank when it is set.");
        }

        CheckText(errors, StoreId, $"{nameof(PortOneV2Options)}.{nameof(StoreId)}", sentInHeader: false);

        if (AuthMode is not (PortOneV2AuthMode.ApiSecret or PortOneV2AuthMode.BearerToken))
        {
            errors.Add($"{nameof(PortOneV2Options)}.{nameof(AuthMode)} must be ApiSecret or BearerToken.");
        }

        if (TokenRenewBefore < TimeSpan.Zero)
        {
            errors.Add($"{nameof(PortOneV2Options)}.{nameof(TokenRenewBefore)} must not be negative.");
        }

        return errors;
    }
}
