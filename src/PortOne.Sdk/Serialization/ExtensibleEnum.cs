using System;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PortOne.Sdk.Serialization;

/// <summary>Implemented by the SDK's extensible string enums so one converter can write them all.</summary>
internal interface IExtensibleEnum
{
    /// <summary>The value exactly as it travels on the wire.</summary>
    string? Value { get; }
}

/// <summary>
/// Reads and writes an extensible string enum: any string is accepted, including values this version of the SDK
/// has never heard of, and it is written back exactly as it was read.
/// </summary>
/// <typeparam name="T">The enum struct.</typeparam>
internal abstract class ExtensibleEnumConverter<T> : JsonConverter<T>
    where T : struct, IExtensibleEnum
{
    /// <summary>Creates the enum value from its wire string.</summary>
    protected abstract T Create(string value);

    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"Expected a string for {typeof(T).Name} but found {reader.TokenType}.");
        }

        return Create(reader.GetString()!);
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
    {
        if (value.Value is null)
        {
            throw new JsonException($"A default (empty) {typeof(T).Name} cannot be written; set one of its values.");
        }

        writer.WriteStringValue(value.Value);
    }

    public override T ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Create(reader.GetString()!);

    public override void WriteAsPropertyName(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        writer.WritePropertyName(value.Value ?? string.Empty);
}
