using System.Text.Json.Serialization;

namespace PortOne.Sdk.V2;

/// <summary>
/// Source-generated serializer metadata for every V2 type, so the SDK needs no reflection (trim- and AOT-safe).
/// Properties the caller left null are omitted on the wire.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = false,
    UseStringEnumConverter = false)]
[JsonSerializable(typeof(PortOneError))]
[JsonSerializable(typeof(InvalidRequestError))]
[JsonSerializable(typeof(UnauthorizedError))]
[JsonSerializable(typeof(ForbiddenError))]
[JsonSerializable(typeof(LoginViaApiSecretBody))]
[JsonSerializable(typeof(LoginViaApiSecretResponse))]
[JsonSerializable(typeof(RefreshTokenBody))]
[JsonSerializable(typeof(RefreshTokenResponse))]
internal sealed partial class PortOneV2JsonContext : JsonSerializerContext
{
}
