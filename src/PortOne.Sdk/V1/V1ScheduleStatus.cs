using System;
using System.Text.Json.Serialization;
using PortOne.Sdk.Serialization;

namespace PortOne.Sdk.V1;

/// <summary>A V1 payment schedule's state (<c>schedule_status</c>). Values the SDK does not know yet are kept as they are.</summary>
[JsonConverter(typeof(Converter))]
public readonly struct V1ScheduleStatus : IEquatable<V1ScheduleStatus>, IExtensibleEnum
{
    /// <summary>Wraps a wire value, known or not.</summary>
    /// <param name="value">The value exactly as the API spells it.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public V1ScheduleStatus(string value)
    {
        Value = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>Waiting for its time.</summary>
    public static V1ScheduleStatus Scheduled { get; } = new("scheduled");

    /// <summary>Its time came and a charge was attempted; the payment's own status says whether it was paid.</summary>
    public static V1ScheduleStatus Executed { get; } = new("executed");

    /// <summary>Cancelled before it ran.</summary>
    public static V1ScheduleStatus Revoked { get; } = new("revoked");

    /// <summary>The value as it travels on the wire; null only for <c>default</c>.</summary>
    public string? Value { get; }

    /// <summary>Converts a wire value.</summary>
    /// <param name="value">The value exactly as the API spells it.</param>
    public static implicit operator V1ScheduleStatus(string value) => new(value);

    /// <summary>Compares two values ordinally (the API's values are case-sensitive).</summary>
    /// <param name="left">One value.</param>
    /// <param name="right">The other.</param>
    public static bool operator ==(V1ScheduleStatus left, V1ScheduleStatus right) => left.Equals(right);

    /// <summary>The negation of <c>==</c>.</summary>
    /// <param name="left">One value.</param>
    /// <param name="right">The other.</param>
    public static bool operator !=(V1ScheduleStatus left, V1ScheduleStatus right) => !left.Equals(right);

    /// <inheritdoc/>
    public bool Equals(V1ScheduleStatus other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is V1ScheduleStatus other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => Value is null ? 0 : StringComparer.Ordinal.GetHashCode(Value);

    /// <summary>The wire value.</summary>
    public override string ToString() => Value ?? string.Empty;

    internal sealed class Converter : ExtensibleEnumConverter<V1ScheduleStatus>
    {
        public Converter() : base(Scheduled, Executed, Revoked) { }

        protected override V1ScheduleStatus Create(string value) => new(value);
    }
}
