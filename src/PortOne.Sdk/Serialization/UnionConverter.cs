using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

using PortOne.Sdk;

namespace PortOne.Sdk.Serialization;

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
    private readonly Dictionary<string, Type> _cases;

    protected UnionConverter(string discriminatorPropertyName, IEnumerable<KeyValuePair<string, Type>> cases)
    {
        DiscriminatorPropertyName = discriminatorPropertyName;
        _discriminatorUtf8 = Encoding.UTF8.GetBytes(discriminatorPropertyName);
        _cases = new Dictionary<string, Type>(StringComparer.Ordinal);
        foreach (var pair in cases)
        {
            _cases.Add(pair.Key, pair.Value);
        }
    }

    /// <summary>The JSON name of the discriminator property, e.g. <c>status</c> or <c>type</c>.</summary>
    public string DiscriminatorPropertyName { get; }

    /// <summary>Builds the unknown case from the discriminator value (if any) and the raw object.</summary>
    protected abstract TBase CreateUnknown(string? discriminator, JsonElement rawJson);

    public override bool CanConvert(Type typeToConvert) => typeToConvert == typeof(TBase);

    Type? IUnionConverter.CaseFor(string? discriminator) =>
        discriminator is not null && _cases.TryGetValue(discriminator, out var caseType) ? caseType : null;

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

        var discriminator = FindDiscriminator(reader);
        if (discriminator is not null && _cases.TryGetValue(discriminator, out var caseType))
        {
            return (TBase?)JsonSerializer.Deserialize(ref reader, options.GetTypeInfo(caseType));
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

    // Takes the reader by value: scanning a copy leaves the caller's reader on the object's start token. The
    // serializer buffers the whole value before it calls a custom converter, so the copy can read to the end.
    private string? FindDiscriminator(Utf8JsonReader reader)
    {
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
                return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }

            reader.Skip();
        }

        return null;
    }
}
