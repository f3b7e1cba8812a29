using System.Text.Json;
using System.Text.Json.Serialization;

namespace PortOne.Sdk.Benchmarks.Fair;

/// <summary>
/// Source-generated System.Text.Json for the V2 POCOs: camelCase names, polymorphism and enums from the attributes.
/// <c>AllowOutOfOrderMetadataProperties</c> lets the discriminator (<c>status</c>, <c>type</c>) come anywhere in
/// the object, as PortOne does not promise it first; it is an option of the serializer (here of the source
/// generator), not of <c>[JsonPolymorphic]</c>.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, AllowOutOfOrderMetadataProperties = true)]
[JsonSerializable(typeof(Payment))]
[JsonSerializable(typeof(GetPaymentSchedulesRequest))]
[JsonSerializable(typeof(GetPaymentSchedulesResponse))]
[JsonSerializable(typeof(BillingKeyPaymentRequest))]
[JsonSerializable(typeof(PayWithBillingKeyResponse))]
[JsonSerializable(typeof(PortOneError))]
internal sealed partial class FairV2Json : JsonSerializerContext
{
}

/// <summary>Source-generated System.Text.Json for the V1 POCOs: snake_case names.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(V1Envelope<V1Payment>))]
internal sealed partial class FairV1Json : JsonSerializerContext
{
}
