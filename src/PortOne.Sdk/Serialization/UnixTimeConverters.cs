using System;
using System.Buffers.Text;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PortOne.Sdk.Serialization;

/// <summary>
/// V1 times: unix seconds on the wire (a number, occasionally a numeric string), where 0 means "has not
/// happened". Read as a nullable <see cref="DateTimeOffset"/> in UTC; 0 becomes null.
/// </summary>
internal sealed class UnixSecondsConverter : JsonConverter<DateTimeOffset?>
{
    public override bool HandleNull => true;

    public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        long seconds;
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.Number:
                if (!reader.TryGetInt64(out seconds))
                {
                    seconds = (long)reader.GetDouble();
                }

                break;
            case JsonTokenType.String:
                var text = reader.GetString();
                if (string.IsNullOrEmpty(text))
                {
                    return null;
                }

                if (!long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out seconds))
                {
                    throw new JsonException("Expected unix seconds.");
                }

                break;
            default:
                throw new JsonException($"Expected unix seconds but found {reader.TokenType}.");
        }

        return seconds == 0 ? null : DateTimeOffset.FromUnixTimeSeconds(seconds);
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options)
    {
        if (value is null)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteNumberValue(value.Value.ToUnixTimeSeconds());
    }
}

/// <summary>Unix seconds for a time that is always present (never 0 on the wire).</summary>
internal sealed class RequiredUnixSecondsConverter : JsonConverter<DateTimeOffset>
{
    private static readonly UnixSecondsConverter Inner = new();

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Inner.Read(ref reader, typeof(DateTimeOffset?), options) ?? DateTimeOffset.FromUnixTimeSeconds(0);

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteNumberValue(value.ToUnixTimeSeconds());
}
