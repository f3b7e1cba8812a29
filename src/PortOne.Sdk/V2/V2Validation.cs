using System;
using System.Globalization;

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

        // The parts (tax free, VAT) are checked by the request's generated Validate, which reaches every amount.
    }

    /// <summary>The path of a member within the caller's parameter (<paramref name="field"/> is empty at the top).</summary>
    public static string Field(string field, string member) => field.Length == 0 ? member : field + "." + member;

    /// <summary>The path of one element of a list member.</summary>
    public static string Item(string field, string member, int index) =>
        Field(field, member) + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";

    /// <summary>
    /// The parts of an amount: tax free and VAT are not negative and together do not exceed the total. PortOne
    /// refuses a breakdown larger than the whole.
    /// </summary>
    public static void AmountParts(PaymentAmountInput amount, string parameter, string field) =>
        Parts(amount.Total, amount.TaxFree, amount.Vat, parameter, Field(field, "Total"), Field(field, "TaxFree"), Field(field, "Vat"));

    /// <summary>A cancel's tax-free and VAT parts fit in the amount cancelled, when one is given (none means "the rest").</summary>
    public static void CancelAmounts(CancelPaymentRequest request, string parameter, string field)
    {
        NotNegative(request.TaxFreeAmount, parameter, Field(field, "TaxFreeAmount"));
        NotNegative(request.VatAmount, parameter, Field(field, "VatAmount"));
        if (request.Amount is { } amount)
        {
            Parts(amount, request.TaxFreeAmount, request.VatAmount, parameter, Field(field, "Amount"), Field(field, "TaxFreeAmount"), Field(field, "VatAmount"));
        }
    }

    /// <summary>One sub-store sale on a receipt: its amounts are not negative and its parts fit in its total.</summary>
    public static void StoreReceiptItem(RegisterStoreReceiptItem item, string parameter, string field)
    {
        Positive(item.TotalAmount, parameter, Field(field, "TotalAmount"));
        NotNegative(item.SupplyAmount, parameter, Field(field, "SupplyAmount"));
        Parts(item.TotalAmount, item.TaxFreeAmount, item.VatAmount, parameter, Field(field, "TotalAmount"), Field(field, "TaxFreeAmount"), Field(field, "VatAmount"));
    }

    private static void Parts(long total, long? taxFree, long? vat, string parameter, string totalField, string taxFreeField, string vatField)
    {
        NotNegative(taxFree, parameter, taxFreeField);
        NotNegative(vat, parameter, vatField);
        var free = taxFree ?? 0;
        if (free > total)
        {
            throw new ArgumentException($"{taxFreeField} must not exceed {totalField}.", parameter);
        }

        // Both parts are at least zero and free <= total here, so total - free cannot overflow.
        if ((vat ?? 0) > total - free)
        {
            throw new ArgumentException($"{taxFreeField} plus {vatField} must not exceed {totalField}.", parameter);
        }
    }

    /// <summary>
    /// Raw card data in the forms PortOne takes: a number of 13 to 19 digits, expiry year and month as two digits each
    /// (month 01 to 12), birth date <c>YYMMDD</c> or a ten-digit business number, and two PIN digits. Messages name the
    /// field and never repeat the value.
    /// </summary>
    public static void CardCredential(CardCredential card, string parameter, string field)
    {
        var number = Field(field, "Number");
        if (card.Number is not { Length: >= 13 and <= 19 } || !AllDigits(card.Number))
        {
            throw new ArgumentException($"{number} must be 13 to 19 digits, with no spaces or dashes.", parameter);
        }

        if (card.ExpiryYear is not { Length: 2 } || !AllDigits(card.ExpiryYear))
        {
            throw new ArgumentException($"{Field(field, "ExpiryYear")} must be two digits (YY, the last two of the year).", parameter);
        }

        if (card.ExpiryMonth is not { Length: 2 } || !AllDigits(card.ExpiryMonth) || card.ExpiryMonth is "00" || string.CompareOrdinal(card.ExpiryMonth, "12") > 0)
        {
            throw new ArgumentException($"{Field(field, "ExpiryMonth")} must be two digits from 01 to 12 (MM).", parameter);
        }

        if (card.BirthOrBusinessRegistrationNumber is { } id && !IsBirthDate(id) && !(id.Length == 10 && AllDigits(id)))
        {
            throw new ArgumentException($"{Field(field, "BirthOrBusinessRegistrationNumber")} must be a birth date as six digits (YYMMDD) or a ten-digit business registration number.", parameter);
        }

        if (card.PasswordTwoDigits is { } pin && !(pin.Length == 2 && AllDigits(pin)))
        {
            throw new ArgumentException($"{Field(field, "PasswordTwoDigits")} must be exactly two digits (the first two of the card's PIN).", parameter);
        }
    }

    /// <summary>A transfer filter takes the settlement start range or the settlement range, not both (the spec says so).</summary>
    public static void TransferFilter(Platform.PlatformTransferFilterInput filter, string parameter, string field)
    {
        if (filter.SettlementStartDateRange is not null && filter.SettlementDateRange is not null)
        {
            throw new ArgumentException($"Set {Field(field, "SettlementStartDateRange")} or {Field(field, "SettlementDateRange")}, not both.", parameter);
        }
    }

    private static bool IsBirthDate(string value) =>
        value.Length == 6 && AllDigits(value)
        && DateTime.TryParseExact("20" + value, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    private static bool AllDigits(string value)
    {
        foreach (var c in value)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
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
