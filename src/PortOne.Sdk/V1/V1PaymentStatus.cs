using System;
using System.Text.Json.Serialization;
using PortOne.Sdk.Serialization;

namespace PortOne.Sdk.V1;

/// <summary>A V1 payment's state (<c>status</c>). Values the SDK does not know yet are kept as they are.</summary>
[JsonConverter(typeof(Converter))]
public readonly struct V1PaymentStatus : IEquatable<V1PaymentStatus>, IExtensibleEnum
{
    /// <summary>Wraps a wire value, known or not.</summary>
    /// <param name="value">The value exactly as the API spells it.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public V1PaymentStatus(string value)
    {
        Value = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>Not paid yet (e.g. a virtual account waiting for its deposit).</summary>
    public static V1PaymentStatus Ready { get; } = new("ready");

    /// <summary>The money was taken.</summary>
    public static V1PaymentStatus Paid { get; } = new("paid");

    /// <summary>Refunded in full (a partial refund leaves the payment <see cref="Paid"/>).</summary>
    public static V1PaymentStatus Cancelled { get; } = new("cancelled");

    /// <summary>The charge did not go through; see the payment's <c>FailReason</c>.</summary>
    public static V1PaymentStatus Failed { get; } = new("failed");

    /// <summary>The value as it travels on the wire; null only for <c>default</c>.</summary>
    public string? Value { get; }

    /// <summary>Converts a wire value.</summary>
    /// <param name="value">The value exactly as the API spells it.</param>
    public static implicit operator V1PaymentStatus(string value) => new(value);

    /// <summary>Compares two values ordinally (the API's values are case-sensitive).</summary>
    /// <param name="left">One value.</param>
    /// <param name="right">The other.</param>
    public static bool operator ==(V1PaymentStatus left, V1PaymentStatus right) => left.Equals(right);

    /// <summary>The negation of <c>==</c>.</summary>
    /// <param name="left">One value.</param>
    /// <param name="right">The other.</param>
    public static bool operator !=(V1PaymentStatus left, V1PaymentStatus right) => !left.Equals(right);

    /// <inheritdoc/>
    public bool Equals(V1PaymentStatus other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is V1PaymentStatus other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => Value is null ? 0 : StringComparer.Ordinal.GetHashCode(Value);

    /// <summary>The wire value.</summary>
    public override string ToString() => Value ?? string.Empty;

    internal sealed class Converter : ExtensibleEnumConverter<V1PaymentStatus>
    {
        public Converter() : base(Ready, Paid, Cancelled, Failed) { }

        protected override V1PaymentStatus Create(string value) => new(value);
    }
}
