using System.Text.Json.Serialization;

namespace PortOne.Sdk.V2;

/// <summary>
/// Source-generated serializer metadata for the hand-written V2 types, so the SDK needs no reflection (trim- and
/// AOT-safe). Properties the caller left null are omitted on the wire. The generated models (errors included)
/// live in their own context, <c>Models/PortOneV2ModelsJsonContext.cs</c>, with the same settings.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = false,
    UseStringEnumConverter = false)]
[JsonSerializable(typeof(LoginViaApiSecretBody))]
[JsonSerializable(typeof(LoginViaApiSecretResponse))]
[JsonSerializable(typeof(RefreshTokenBody))]
[JsonSerializable(typeof(RefreshTokenResponse))]
internal sealed partial class PortOneV2JsonContext : JsonSerializerContext
{
}
