using System;
using System.Text.Json;

namespace PortOne.Sdk.V2;

/// <summary>
/// Reads the properties that every known case of a union has out of the raw JSON of an unknown case, so
/// <c>payment.Id</c> works whatever the payment's status. A property that is absent or not in the expected form is
/// left empty rather than failing: the unknown case exists so that what PortOne adds never breaks a caller.
/// </summary>
internal static class UnionFields
{
    public static T? Read<T>(JsonElement rawJson, string name)
    {
        if (rawJson.ValueKind != JsonValueKind.Object || !rawJson.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return default;
        }

        try
        {
            return (T?)value.Deserialize(typeof(T), PortOneV2ModelsJsonContext.Default);
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or NotSupportedException or FormatException)
        {
            return default;
        }
    }
}
