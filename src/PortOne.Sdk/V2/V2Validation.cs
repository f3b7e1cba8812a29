using System;

namespace PortOne.Sdk.V2;

/// <summary>
/// Checks of caller input that the server would refuse anyway, done before anything is sent so the mistake
/// surfaces as an <see cref="ArgumentException"/> naming the parameter and the field.
/// </summary>
internal static class V2Validation
{
    public static T NotNull<T>(T? value, string parameter)
        where T : class =>
        value ?? throw new ArgumentNullException(parameter);

    public static void Text(string? value, string parameter, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"{field} must not be empty.", parameter);
        }
    }

    public static void Present(object? value, string parameter, string field)
    {
        if (value is null)
        {
            throw new ArgumentException($"{field} is required.", parameter);
        }
    }

    public static void Currency(Currency currency, string parameter, string field)
    {
        if (currency.Value is null || currency.Value.Length == 0)
        {
            throw new ArgumentException($"{field} is required (e.g. Currency.Krw).", parameter);
        }
    }

    public static void Amount(PaymentAmountInput? amount, string parameter, string field)
    {
        Present(amount, parameter, field);
        Positive(amount!.Total, parameter, field + ".Total");
        NotNegative(amount.TaxFree, parameter, field + ".TaxFree");
        NotNegative(amount.Vat, parameter, field + ".Vat");
        if (amount.TaxFree > amount.Total)
        {
            throw new ArgumentException($"{field}.TaxFree must not exceed {field}.Total.", parameter);
        }
    }

    /// <summary>An amount that must be more than nothing when it is given (a charge of 0 means nothing; a cancel of 0 is not "cancel all").</summary>
    public static void Positive(long? value, string parameter, string field)
    {
        if (value <= 0)
        {
            throw new ArgumentOutOfRangeException(parameter, value, $"{field} must be greater than zero.");
        }
    }

    public static void NotNegative(long? value, string parameter, string field)
    {
        if (value < 0)
        {
            throw new ArgumentOutOfRangeException(parameter, value, $"{field} must not be negative.");
        }
    }

    public static void Page(PageInput? page, string parameter)
    {
        if (page?.Number < 0)
        {
            throw new ArgumentOutOfRangeException(parameter, page.Number, "Page.Number must not be negative.");
        }

        if (page?.Size <= 0)
        {
            throw new ArgumentOutOfRangeException(parameter, page.Size, "Page.Size must be positive.");
        }
    }

    public static void Time(DateTimeOffset value, string parameter, string field)
    {
        if (value == default)
        {
            throw new ArgumentException($"{field} is required.", parameter);
        }
    }
}
