using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace PortOne.Sdk.V1;

/// <summary>
/// Checks a caller's input before anything is sent. Every message names the offending field by its C# name and
/// its wire name, and never repeats a card value.
/// </summary>
internal static class V1Validation
{
    private const string CardNumberSeparators = " -";

    public static T NotNull<T>(T? value, string parameterName)
        where T : class =>
        value ?? throw new ArgumentNullException(parameterName);

    /// <summary>An id the merchant or PortOne chose; used in paths, so also not <c>.</c> or <c>..</c>.</summary>
    public static string Id(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"{field} is required and must not be blank.", field);
        }

        Http.PathSegment.CheckText(value!, field);
        return value!;
    }

    public static IReadOnlyList<string> Ids(IEnumerable<string>? values, string field)
    {
        if (values is null)
        {
            throw new ArgumentNullException(field);
        }

        var list = values.ToList();
        if (list.Count == 0)
        {
            throw new ArgumentException($"{field} must contain at least one id.", field);
        }

        for (var i = 0; i < list.Count; i++)
        {
            Id(list[i], $"{field}[{i}]");
        }

        return list;
    }

    public static void Required(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"{field} is required and must not be blank.", field);
        }
    }

    public static void NotNegative(decimal? amount, string field)
    {
        if (amount < 0)
        {
            throw new ArgumentOutOfRangeException(field, amount, $"{field} must not be negative.");
        }
    }

    /// <summary>The tax-free part and the VAT of an amount together do not exceed it; PortOne refuses a breakdown larger than the whole.</summary>
    public static void PartsWithin(decimal total, decimal? taxFree, decimal? vat, string totalField, string taxFreeField, string vatField)
    {
        if ((taxFree ?? 0m) + (vat ?? 0m) > total)
        {
            throw new ArgumentException($"{taxFreeField} plus {vatField} must not exceed {totalField}.", taxFree is null ? vatField : taxFreeField);
        }
    }

    public static void Positive(decimal amount, string field)
    {
        if (amount <= 0)
        {
            throw new ArgumentOutOfRangeException(field, amount, $"{field} must be greater than zero.");
        }
    }

    public static void InFuture(DateTimeOffset time, string field, TimeProvider timeProvider)
    {
        if (time <= timeProvider.GetUtcNow())
        {
            throw new ArgumentOutOfRangeException(field, time, $"{field} must be in the future; PortOne refuses a time that has passed.");
        }
    }

    public static void Range(DateTimeOffset from, DateTimeOffset to, string fromField, string toField)
    {
        if (to <= from)
        {
            throw new ArgumentException($"{toField} must be after {fromField}.", toField);
        }
    }

    /// <summary>
    /// A card number: 13 to 19 digits, written whole or in groups joined by one space or one dash (no separator at
    /// either end, none doubled).
    /// </summary>
    public static void CardNumber(string? value, string field)
    {
        Required(value, field);
        var digits = 0;
        var afterSeparator = true;
        foreach (var c in value!)
        {
            if (c is >= '0' and <= '9')
            {
                digits++;
                afterSeparator = false;
            }
            else if (CardNumberSeparators.IndexOf(c) < 0)
            {
                throw new ArgumentException($"{field} may contain only digits, spaces and dashes.", field);
            }
            else if (afterSeparator)
            {
                throw new ArgumentException($"{field} may not start with a space or dash, nor have two in a row.", field);
            }
            else
            {
                afterSeparator = true;
            }
        }

        if (afterSeparator)
        {
            throw new ArgumentException($"{field} may not end with a space or dash.", field);
        }

        if (digits is < 13 or > 19)
        {
            throw new ArgumentException($"{field} must have 13 to 19 digits.", field);
        }
    }

    /// <summary>A card expiry in the API's <c>YYYY-MM</c> form.</summary>
    public static void Expiry(string? value, string field)
    {
        Required(value, field);
        if (value!.Length != 7
            || value[4] != '-'
            || !DateTime.TryParseExact(value, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            throw new ArgumentException($"{field} must be written YYYY-MM (e.g. 2030-07).", field);
        }
    }

    /// <summary>Optional short digit strings such as <c>pwd_2digit</c> or <c>cvc</c>.</summary>
    public static void DigitsIfSet(string? value, string field, int minLength, int maxLength)
    {
        if (value is null)
        {
            return;
        }

        if (value.Length < minLength || value.Length > maxLength || value.Any(c => c is < '0' or > '9'))
        {
            throw new ArgumentException(
                minLength == maxLength ? $"{field} must be {minLength} digits." : $"{field} must be {minLength} to {maxLength} digits.",
                field);
        }
    }
}
