using System.Collections.Generic;
using System.Text.Json;

namespace PortOne.Sdk.V1;

/// <summary>
/// Card data for the calls that take a card directly (issuing a billing key, a one-time payment, a schedule for a
/// customer that has no billing key yet). Checked before sending; never printed by <see cref="ToString"/> nor
/// echoed in exception messages.
/// </summary>
public sealed class V1Card
{
    /// <summary>
    /// The card number: 13 to 19 digits, which may be grouped with dashes or spaces (<c>1234-5678-9012-3456</c>).
    /// Spaces are dropped before sending; dashes are kept, as the API documents the dashed form. Required.
    /// </summary>
    public required string Number { get; init; }

    /// <summary>Expiry month written <c>YYYY-MM</c>, e.g. <c>2030-07</c>. Required.</summary>
    public required string Expiry { get; init; }

    /// <summary>
    /// The holder's birth date as <c>YYMMDD</c>, or a company card's 10-digit business registration number. Many
    /// PG contracts need it.
    /// </summary>
    public string? Birth { get; init; }

    /// <summary>The first two digits of the card's password, where the PG contract asks for it.</summary>
    public string? Password2Digits { get; init; }

    /// <summary>The 3- or 4-digit security code on the card; only a few (mostly foreign) PGs use it.</summary>
    public string? Cvc { get; init; }

    /// <summary>Prints nothing of the card.</summary>
    public override string ToString() => "V1Card { (hidden) }";

    /// <summary>
    /// The card as the API takes it: five flat fields beside the request's own (spaces dropped from the number,
    /// unset fields left out). Written through the requests' extension data, so each request names no card field.
    /// </summary>
    internal IDictionary<string, JsonElement> ToWireFields()
    {
        var fields = new Dictionary<string, JsonElement>(5);
        Add(fields, "card_number", Number.Replace(" ", string.Empty));
        Add(fields, "expiry", Expiry);
        Add(fields, "birth", Birth);
        Add(fields, "pwd_2digit", Password2Digits);
        Add(fields, "cvc", Cvc);
        return fields;
    }

    /// <summary>Validates every field before anything is sent.</summary>
    /// <param name="owner">The caller-side path of this card, e.g. <c>request.Card</c>, for the messages.</param>
    internal void Validate(string owner)
    {
        V1Validation.CardNumber(Number, $"{owner}.{nameof(Number)} (card_number)");
        V1Validation.Expiry(Expiry, $"{owner}.{nameof(Expiry)} (expiry)");
        if (Birth is not null && Birth.Length != 6)
        {
            V1Validation.DigitsIfSet(Birth, $"{owner}.{nameof(Birth)} (birth, 6-digit date or 10-digit business number)", 10, 10);
        }
        else
        {
            V1Validation.DigitsIfSet(Birth, $"{owner}.{nameof(Birth)} (birth)", 6, 6);
        }
        V1Validation.DigitsIfSet(Password2Digits, $"{owner}.{nameof(Password2Digits)} (pwd_2digit)", 2, 2);
        V1Validation.DigitsIfSet(Cvc, $"{owner}.{nameof(Cvc)} (cvc)", 3, 4);
    }

    private static void Add(Dictionary<string, JsonElement> fields, string name, string? value)
    {
        if (value is not null)
        {
            fields[name] = JsonSerializer.SerializeToElement(value, PortOneV1JsonContext.Default.String);
        }
    }
}
