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
    // The known values by a key made of the length of their UTF-8 text and its first seven bytes: a value read from
    // JSON finds its few candidates (almost always one; for two-letter country codes, exactly one among some 250) in
    // one lookup, is confirmed on the raw bytes and handed out as the shared instance, so reading it allocates
    // nothing. Anything else (an unknown or escaped value) is read as a new string.
    private readonly Dictionary<ulong, KeyValuePair<byte[], T>[]> _known = new();

    /// <param name="known">The values this SDK version knows, as their shared instances.</param>
    protected ExtensibleEnumConverter(params T[] known)
    {
        var byKey = new Dictionary<ulong, List<KeyValuePair<byte[], T>>>();
        foreach (var value in known)
        {
            var utf8 = Encoding.UTF8.GetBytes(value.Value!);
            var key = Key(utf8);
            if (!byKey.TryGetValue(key, out var list))
            {
                byKey[key] = list = new List<KeyValuePair<byte[], T>>();
            }

            list.Add(new KeyValuePair<byte[], T>(utf8, value));
        }

        foreach (var pair in byKey)
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
        if (!reader.HasValueSequence && _known.TryGetValue(Key(reader.ValueSpan), out var candidates))
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

    // The length (capped at 255) in the low byte, then up to seven leading bytes of the text.
    private static ulong Key(ReadOnlySpan<byte> utf8)
    {
        var key = (ulong)Math.Min(utf8.Length, byte.MaxValue);
        var prefix = Math.Min(utf8.Length, 7);
        for (var i = 0; i < prefix; i++)
        {
            key |= (ulong)utf8[i] << (8 * (i + 1));
        }

        return key;
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
