namespace PortOne.Sdk.V1;

/// <summary>
/// The PG and the card as PortOne reports them on a payment or a billing key: names and codes of the card company,
/// the masked number and the card kind. Nothing here is secret; the number is already masked by PortOne.
/// </summary>
public abstract class V1CardDetails
{
    /// <summary>The PG's code (e.g. <c>nice</c>, <c>html5_inicis</c>).</summary>
    public string? PgProvider { get; set; }

    /// <summary>The merchant id at the PG.</summary>
    public string? PgId { get; set; }

    /// <summary>Card company name.</summary>
    public string? CardName { get; set; }

    /// <summary>Card company code.</summary>
    public string? CardCode { get; set; }

    /// <summary>Code of the bank that issued the card.</summary>
    public string? CardIssuerCode { get; set; }

    /// <summary>Name of the bank that issued the card.</summary>
    public string? CardIssuerName { get; set; }

    /// <summary>Code of the card brand.</summary>
    public string? CardPublisherCode { get; set; }

    /// <summary>Name of the card brand.</summary>
    public string? CardPublisherName { get; set; }

    /// <summary>The card number as PortOne shows it (masked).</summary>
    public string? CardNumber { get; set; }

    /// <summary>0 for a credit card, 1 for a debit card; null when the PG does not say.</summary>
    public int? CardType { get; set; }
}
