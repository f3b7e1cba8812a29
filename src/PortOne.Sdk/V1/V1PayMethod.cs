using System;
using System.Text.Json.Serialization;
using PortOne.Sdk.Serialization;

namespace PortOne.Sdk.V1;

/// <summary>How a V1 payment was paid (<c>pay_method</c>). Values the SDK does not know yet are kept as they are.</summary>
[JsonConverter(typeof(Converter))]
public readonly struct V1PayMethod : IEquatable<V1PayMethod>, IExtensibleEnum
{
    /// <summary>Wraps a wire value, known or not.</summary>
    /// <param name="value">The value exactly as the API spells it.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public V1PayMethod(string value)
    {
        Value = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>Credit or debit card (billing-key payments are always this).</summary>
    public static V1PayMethod Card { get; } = new("card");

    /// <summary>Real-time bank transfer.</summary>
    public static V1PayMethod Trans { get; } = new("trans");

    /// <summary>Virtual account.</summary>
    public static V1PayMethod Vbank { get; } = new("vbank");

    /// <summary>Mobile phone billing.</summary>
    public static V1PayMethod Phone { get; } = new("phone");

    /// <summary>A wallet's points or balance.</summary>
    public static V1PayMethod Point { get; } = new("point");

    /// <summary>Samsung Pay.</summary>
    public static V1PayMethod Samsung { get; } = new("samsung");

    /// <summary>Kakao Pay.</summary>
    public static V1PayMethod KakaoPay { get; } = new("kakaopay");

    /// <summary>Naver Pay.</summary>
    public static V1PayMethod NaverPay { get; } = new("naverpay");

    /// <summary>PAYCO.</summary>
    public static V1PayMethod Payco { get; } = new("payco");

    /// <summary>The value as it travels on the wire; null only for <c>default</c>.</summary>
    public string? Value { get; }

    /// <summary>Converts a wire value.</summary>
    /// <param name="value">The value exactly as the API spells it.</param>
    public static implicit operator V1PayMethod(string value) => new(value);

    /// <summary>Compares two values ordinally (the API's values are case-sensitive).</summary>
    /// <param name="left">One value.</param>
    /// <param name="right">The other.</param>
    public static bool operator ==(V1PayMethod left, V1PayMethod right) => left.Equals(right);

    /// <summary>The negation of <c>==</c>.</summary>
    /// <param name="left">One value.</param>
    /// <param name="right">The other.</param>
    public static bool operator !=(V1PayMethod left, V1PayMethod right) => !left.Equals(right);

    /// <inheritdoc/>
    public bool Equals(V1PayMethod other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is V1PayMethod other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => Value is null ? 0 : StringComparer.Ordinal.GetHashCode(Value);

    /// <summary>The wire value.</summary>
    public override string ToString() => Value ?? string.Empty;

    internal sealed class Converter : ExtensibleEnumConverter<V1PayMethod>
    {
        public Converter() : base(Card, Trans, Vbank, Phone, Point, Samsung, KakaoPay, NaverPay, Payco) { }

        protected override V1PayMethod Create(string value) => new(value);
    }
}
