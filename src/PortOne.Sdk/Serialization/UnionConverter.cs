using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

using PortOne.Sdk;

namespace PortOne.Sdk.Serialization;

/// <summary>One case of a union: its discriminator value and how to read it.</summary>
/// <typeparam name="TBase">The abstract base type of the union.</typeparam>
internal sealed class UnionCase<TBase>
    where TBase : class
{
    private UnionCase(string value, Type type, Reader read)
    {
        Value = value;
        Utf8 = Encoding.UTF8.GetBytes(value);
        Type = type;
        Read = read;
    }

    /// <summary>Reads one case's object; the reader stands on its start.</summary>
    public delegate TBase? Reader(ref Utf8JsonReader reader, JsonSerializerOptions options);

    /// <summary>The discriminator value.</summary>
    public string Value { get; }

    /// <summary>The discriminator value as UTF-8, for matching without decoding it.</summary>
    public byte[] Utf8 { get; }

    /// <summary>The case's type.</summary>
    public Type Type { get; }

    /// <summary>Reads the case.</summary>
    public Reader Read { get; }

    /// <summary>
    /// A case read by its own converter, in the serializer's current read: no second pass over the object to find its
    /// end, as <c>JsonSerializer.Deserialize(ref reader, …)</c> makes.
    /// </summary>
    /// <typeparam name="TCase">The case's type.</typeparam>
    /// <param name="value">The discriminator value.</param>
    public static UnionCase<TBase> Of<TCase>(string value)
        where TCase : class, TBase =>
        new(value, typeof(TCase), static (ref Utf8JsonReader reader, JsonSerializerOptions options) =>
        {
            var typeInfo = options.GetTypeInfo(typeof(TCase));
            return typeInfo.Converter is JsonConverter<TCase> converter
                ? converter.Read(ref reader, typeof(TCase), options)
                : (TBase?)JsonSerializer.Deserialize(ref reader, typeInfo);
        });

    /// <summary>A case known only by its type, read through the serializer.</summary>
    /// <param name="value">The discriminator value.</param>
    /// <param name="type">The case's type.</param>
    public static UnionCase<TBase> OfType(string value, Type type) =>
        new(value, type, (ref Utf8JsonReader reader, JsonSerializerOptions options) => (TBase?)JsonSerializer.Deserialize(ref reader, options.GetTypeInfo(type)));
}

/// <summary>
/// One converter for every union of the API. It finds the discriminator wherever it stands in the object,
/// hands the object to the serializer metadata of the matching case, and turns a case it does not know into the
/// union's unknown case, keeping the raw JSON. Writing a known case writes the case's own properties (its
/// discriminator property included); writing an unknown case writes back the JSON that was read.
/// </summary>
/// <typeparam name="TBase">The abstract base type of the union.</typeparam>
internal abstract class UnionConverter<TBase> : JsonConverter<TBase>, IUnionConverter
    where TBase : class
{
    private readonly byte[] _discriminatorUtf8;
    private readonly Dictionary<string, UnionCase<TBase>> _cases;
    private readonly UnionCase<TBase>[] _caseList;

    protected UnionConverter(string discriminatorPropertyName, IEnumerable<KeyValuePair<string, Type>> cases)
        : this(discriminatorPropertyName, ToCases(cases))
    {
    }

    protected UnionConverter(string discriminatorPropertyName, IEnumerable<UnionCase<TBase>> cases)
    {
        DiscriminatorPropertyName = discriminatorPropertyName;
        _discriminatorUtf8 = Encoding.UTF8.GetBytes(discriminatorPropertyName);
        _cases = new Dictionary<string, UnionCase<TBase>>(StringComparer.Ordinal);
        foreach (var unionCase in cases)
        {
            _cases.Add(unionCase.Value, unionCase);
        }

        _caseList = new UnionCase<TBase>[_cases.Count];
        _cases.Values.CopyTo(_caseList, 0);
    }

    /// <summary>The JSON name of the discriminator property, e.g. <c>status</c> or <c>type</c>.</summary>
    public string DiscriminatorPropertyName { get; }

    /// <summary>Builds the unknown case from the discriminator value (if any) and the raw object.</summary>
    protected abstract TBase CreateUnknown(string? discriminator, JsonElement rawJson);

    public override bool CanConvert(Type typeToConvert) => typeToConvert == typeof(TBase);

    Type? IUnionConverter.CaseFor(string? discriminator) =>
        discriminator is not null && _cases.TryGetValue(discriminator, out var unionCase) ? unionCase.Type : null;

    object IUnionConverter.CreateUnknownCase(JsonElement rawJson) =>
        CreateUnknown(
            rawJson.ValueKind == JsonValueKind.Object && rawJson.TryGetProperty(DiscriminatorPropertyName, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null,
            rawJson);

    public override TBase? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"Expected a JSON object for {typeof(TBase).Name} but found {reader.TokenType}.");
        }

        var known = FindDiscriminator(reader, out var discriminator);
        if (known is not null)
        {
            return known.Read(ref reader, options);
        }

        using var document = JsonDocument.ParseValue(ref reader);
        return CreateUnknown(discriminator, document.RootElement.Clone());
    }

    public override void Write(Utf8JsonWriter writer, TBase value, JsonSerializerOptions options)
    {
        if (value is IPortOneUnknownCase unknown)
        {
            unknown.RawJson.WriteTo(writer);
            return;
        }

        var runtimeType = value.GetType();
        if (runtimeType == typeof(TBase))
        {
            throw new JsonException($"Cannot write an instance of the abstract union {typeof(TBase).Name}.");
        }

        JsonSerializer.Serialize(writer, value, options.GetTypeInfo(runtimeType));
    }

    private static IEnumerable<UnionCase<TBase>> ToCases(IEnumerable<KeyValuePair<string, Type>> cases)
    {
        foreach (var pair in cases)
        {
            yield return UnionCase<TBase>.OfType(pair.Key, pair.Value);
        }
    }

    // Takes the reader by value: scanning a copy leaves the caller's reader on the object's start token. The
    // serializer buffers the whole value before it calls a custom converter, so the copy can read to the end.
    // A known value is matched on its bytes (no string); an unknown one is decoded for the unknown case.
    private UnionCase<TBase>? FindDiscriminator(Utf8JsonReader reader, out string? discriminator)
    {
        discriminator = null;
        var objectDepth = reader.CurrentDepth;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == objectDepth)
            {
                return null;
            }

            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                continue;
            }

            var isDiscriminator = reader.ValueTextEquals(_discriminatorUtf8);
            if (!reader.Read())
            {
                return null;
            }

            if (isDiscriminator)
            {
                if (reader.TokenType != JsonTokenType.String)
                {
                    return null;
                }

                foreach (var unionCase in _caseList)
                {
                    if (reader.ValueTextEquals(unionCase.Utf8))
                    {
                        discriminator = unionCase.Value;
                        return unionCase;
                    }
                }

                discriminator = reader.GetString();
                return null;
            }

            reader.Skip();
        }

        return null;
    }
}
