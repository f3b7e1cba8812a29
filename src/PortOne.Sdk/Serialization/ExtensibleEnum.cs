using System;
using System.Collections.Generic;
using System.Text;
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
    // The known values by the length of their UTF-8 text: a known value is matched on the raw bytes and handed out
    // as the shared instance, so reading it allocates nothing. Anything else (an unknown or escaped value) is read
    // as a new string.
    private readonly Dictionary<int, KeyValuePair<byte[], T>[]> _known = new();

    /// <param name="known">The values this SDK version knows, as their shared instances.</param>
    protected ExtensibleEnumConverter(params T[] known)
    {
        var byLength = new Dictionary<int, List<KeyValuePair<byte[], T>>>();
        foreach (var value in known)
        {
            var utf8 = Encoding.UTF8.GetBytes(value.Value!);
            if (!byLength.TryGetValue(utf8.Length, out var list))
            {
                byLength[utf8.Length] = list = new List<KeyValuePair<byte[], T>>();
            }

            list.Add(new KeyValuePair<byte[], T>(utf8, value));
        }

        foreach (var pair in byLength)
        {
            _known[pair.Key] = pair.Value.ToArray();
        }
    }

    /// <summary>Creates the enum value from its wire string.</summary>
    protected abstract T Create(string value);

    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"Expected a string for {typeof(T).Name} but found {reader.TokenType}.");
        }

        return ReadValue(ref reader);
    }

    private T ReadValue(ref Utf8JsonReader reader)
    {
        if (!reader.HasValueSequence && _known.TryGetValue(reader.ValueSpan.Length, out var candidates))
        {
            var raw = reader.ValueSpan;
            foreach (var candidate in candidates)
            {
                if (raw.SequenceEqual(candidate.Key))
                {
                    return candidate.Value;
                }
            }
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
        ReadValue(ref reader);

    public override void WriteAsPropertyName(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        writer.WritePropertyName(value.Value ?? string.Empty);
}
