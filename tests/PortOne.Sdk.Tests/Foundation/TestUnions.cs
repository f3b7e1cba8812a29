using System.Text.Json;
using System.Text.Json.Serialization;
using PortOne.Sdk.Serialization;

namespace PortOne.Sdk.Tests.Foundation;

// A small union and an extensible enum that exist only in the tests, built exactly the way the SDK's own are.

[JsonConverter(typeof(ShapeConverter))]
internal abstract class Shape
{
    [JsonPropertyName("kind")]
    public abstract string Kind { get; }

    public string? Label { get; init; }
}

internal sealed class Circle : Shape
{
    [JsonPropertyName("kind")]
    public override string Kind => "CIRCLE";

    public double Radius { get; init; }

    public List<Shape>? Children { get; init; }
}

internal sealed class Square : Shape
{
    [JsonPropertyName("kind")]
    public override string Kind => "SQUARE";

    public double Side { get; init; }

    public Palette? Fill { get; init; }

    public Dictionary<string, JsonElement>? Extra { get; init; }
}

internal sealed class UnknownShape : Shape, IPortOneUnknownCase
{
    public UnknownShape(string? kind, JsonElement rawJson)
    {
        Discriminator = kind;
        RawJson = rawJson;
    }

    public override string Kind => Discriminator ?? "(none)";

    public string? Discriminator { get; }

    public JsonElement RawJson { get; }
}

internal sealed class ShapeConverter : UnionConverter<Shape>
{
    public ShapeConverter()
        : base("kind", [UnionCase<Shape>.Of<Circle>("CIRCLE"), UnionCase<Shape>.Of<Square>("SQUARE")])
    {
    }

    protected override Shape CreateUnknown(string? discriminator, JsonElement rawJson) => new UnknownShape(discriminator, rawJson);
}

internal sealed class Drawing
{
    public string? Title { get; init; }

    public Shape? Main { get; init; }

    public List<Shape>? Shapes { get; init; }

    public Color? Background { get; init; }

    public List<Color>? Colors { get; init; }
}

internal sealed class Palette
{
    public Color Primary { get; init; }

    public Color? Secondary { get; init; }
}

[JsonConverter(typeof(Converter))]
internal readonly struct Color : IExtensibleEnum, IEquatable<Color>
{
    public Color(string value) => Value = value ?? throw new ArgumentNullException(nameof(value));

    public static Color Red { get; } = new("RED");

    public static Color Blue { get; } = new("BLUE");

    public string? Value { get; }

    public static implicit operator Color(string value) => new(value);

    public static bool operator ==(Color left, Color right) => left.Equals(right);

    public static bool operator !=(Color left, Color right) => !left.Equals(right);

    public bool Equals(Color other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is Color other && Equals(other);

    public override int GetHashCode() => Value is null ? 0 : StringComparer.Ordinal.GetHashCode(Value);

    public override string ToString() => Value ?? string.Empty;

    internal sealed class Converter : ExtensibleEnumConverter<Color>
    {
        protected override Color Create(string value) => new(value);
    }
}
