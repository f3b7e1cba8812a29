using System.Collections.Generic;
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
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    Converters = new[] { typeof(V1SchedulePageConverter) })]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(GetTokenRequest))]
[JsonSerializable(typeof(V1AccessToken))]
[JsonSerializable(typeof(V1Customer))]
[JsonSerializable(typeof(IReadOnlyList<V1Customer>))]
[JsonSerializable(typeof(SaveCustomerRequest))]
[JsonSerializable(typeof(V1Payment))]
[JsonSerializable(typeof(IReadOnlyList<V1Payment>))]
[JsonSerializable(typeof(V1Page<V1Payment>))]
[JsonSerializable(typeof(CancelPaymentRequest))]
[JsonSerializable(typeof(OnetimePaymentRequest))]
[JsonSerializable(typeof(AgainPaymentRequest))]
[JsonSerializable(typeof(ScheduleRequest))]
[JsonSerializable(typeof(V1Schedule))]
[JsonSerializable(typeof(IReadOnlyList<V1Schedule>))]
[JsonSerializable(typeof(V1Page<V1Schedule>))]
[JsonSerializable(typeof(V1SchedulePageWire))]
[JsonSerializable(typeof(UnscheduleWire))]
[JsonSerializable(typeof(ScheduleTimeWire))]
internal sealed partial class PortOneV1JsonContext : JsonSerializerContext
{
}
