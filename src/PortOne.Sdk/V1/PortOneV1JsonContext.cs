using System.Text.Json.Serialization;

namespace PortOne.Sdk.V1;

/// <summary>
/// Source-generated serializer metadata for every V1 type. V1 names are snake_case; unset optional fields are
/// omitted (a missing <c>vat</c> or cancel <c>amount</c> means something different from 0). Numbers are also read
/// from strings, as some V1 endpoints send them that way.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(GetTokenRequest))]
[JsonSerializable(typeof(V1AccessToken))]
internal sealed partial class PortOneV1JsonContext : JsonSerializerContext
{
}
