using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using PortOne.Sdk.V2;

namespace PortOne.Sdk.Tests.V2;

/// <summary>
/// Every union case of the covered operations decodes from its discriminator value, wherever the discriminator
/// stands, and writes back the same JSON; unknown values become the Unknown case with the raw JSON.
/// </summary>
public sealed class UnionDecodingTests
{
    public enum Position
    {
        First,
        Middle,
        Last,
    }

    // Copied from the spec: union, discriminator property, value, and the C# case type.
    /// <summary>Every case of every union, from the table the generator writes from the spec.</summary>
    public static TheoryData<Type, string, string, Type> SpecUnionCases
    {
        get
        {
            var data = new TheoryData<Type, string, string, Type>();
            foreach (var (union, discriminator, value, type) in PortOne.Sdk.Tests.V2.Generated.V2OperationCases.UnionCases)
            {
                data.Add(union, discriminator, value, type);
            }

            return data;
        }
    }

    public static TheoryData<Type, string, string, Type, Position> SpecUnionCasesInEachPosition
    {
        get
        {
            var data = new TheoryData<Type, string, string, Type, Position>();
            foreach (var row in SpecUnionCases)
            {
                foreach (var position in Enum.GetValues<Position>())
                {
                    data.Add((Type)row[0], (string)row[1], (string)row[2], (Type)row[3], position);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(SpecUnionCasesInEachPosition))]
    public void Each_case_decodes_wherever_the_discriminator_stands_and_writes_back_the_same_json(Type union, string discriminator, string value, Type expected, Position position)
    {
        var sample = SampleJson.Object(expected, depth: 0);
        var json = SampleJson.WithDiscriminator(sample, discriminator, value, position);
        var typeInfo = PortOneV2ModelsJsonContext.Default.GetTypeInfo(union)!;

        var decoded = JsonSerializer.Deserialize(json.ToJsonString(), typeInfo);

        Assert.IsType(expected, decoded);
        Assert.Equal(value, union.GetProperty(SampleJson.Pascal(discriminator))!.GetValue(decoded));
        var written = JsonNode.Parse(JsonSerializer.Serialize(decoded, typeInfo));
        Assert.True(JsonNode.DeepEquals(json, written), $"wrote {written?.ToJsonString()}\nread  {json.ToJsonString()}");
    }

    [Fact]
    public void The_table_covers_every_case_class_of_the_models()
    {
        var listed = SpecUnionCases.Select(row => (Type)row[3]).ToHashSet();
        var caseTypes = typeof(Payment).Assembly.GetTypes()
            .Where(t => t.Namespace is { } ns && ns.StartsWith("PortOne.Sdk.V2", StringComparison.Ordinal) && ns != "PortOne.Sdk.V2.Webhooks" && t.IsSealed && t.BaseType is { IsAbstract: true } b && b.GetCustomAttribute<JsonConverterAttribute>() is not null)
            .Where(t => t.BaseType != typeof(PortOneError) && !typeof(IPortOneUnknownCase).IsAssignableFrom(t))
            .ToList();

        Assert.NotEmpty(caseTypes);
        Assert.DoesNotContain(caseTypes, t => !listed.Contains(t));
    }

    [Theory]
    [InlineData(typeof(Payment), "status", typeof(UnknownPayment))]
    [InlineData(typeof(PaymentSchedule), "status", typeof(UnknownPaymentSchedule))]
    [InlineData(typeof(BillingKeyInfo), "status", typeof(UnknownBillingKeyInfo))]
    [InlineData(typeof(PaymentMethod), "type", typeof(UnknownPaymentMethod))]
    [InlineData(typeof(Address), "type", typeof(UnknownAddress))]
    [InlineData(typeof(PaymentCancellation), "status", typeof(UnknownPaymentCancellation))]
    [InlineData(typeof(PaymentCashReceipt), "status", typeof(UnknownPaymentCashReceipt))]
    public void An_unknown_case_keeps_its_discriminator_and_raw_json_and_writes_it_back(Type union, string discriminator, Type expected)
    {
        var json = "{\"id\":\"x-1\",\"" + discriminator + "\":\"ADDED_LATER\",\"extra\":{\"deep\":[1,2]}}";
        var typeInfo = PortOneV2ModelsJsonContext.Default.GetTypeInfo(union)!;

        var decoded = JsonSerializer.Deserialize(json, typeInfo);

        Assert.IsType(expected, decoded);
        var unknown = Assert.IsAssignableFrom<IPortOneUnknownCase>(decoded);
        Assert.Equal("ADDED_LATER", unknown.Discriminator);
        Assert.Equal("ADDED_LATER", union.GetProperty(SampleJson.Pascal(discriminator))!.GetValue(decoded));
        Assert.Equal(2, unknown.RawJson.GetProperty("extra").GetProperty("deep")[1].GetInt32());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(json), JsonNode.Parse(JsonSerializer.Serialize(decoded, typeInfo))));
    }

    [Fact]
    public void A_payment_without_status_is_unknown_not_an_error()
    {
        var decoded = JsonSerializer.Deserialize("""{"id":"x"}""", PortOneV2ModelsJsonContext.Default.Payment);

        var unknown = Assert.IsType<UnknownPayment>(decoded);
        Assert.Null(unknown.Discriminator);
    }

    [Fact]
    public void An_unknown_nested_payment_method_does_not_break_the_payment()
    {
        var json = V2Samples.PaidPayment.Replace("\"PaymentMethodCard\"", "\"PaymentMethodFuture\"", StringComparison.Ordinal);

        var paid = Assert.IsType<PaidPayment>(JsonSerializer.Deserialize(json, PortOneV2ModelsJsonContext.Default.Payment));

        var method = Assert.IsType<UnknownPaymentMethod>(paid.Method);
        Assert.Equal("PaymentMethodFuture", method.Type);
    }

    [Fact]
    public void Extensible_enums_keep_unknown_values_and_compare_by_text()
    {
        var json = V2Samples.PaidPayment.Replace("\"KRW\"", "\"XYZ\"", StringComparison.Ordinal).Replace("\"TOSSPAYMENTS\"", "\"NEW_PG\"", StringComparison.Ordinal);

        var paid = Assert.IsType<PaidPayment>(JsonSerializer.Deserialize(json, PortOneV2ModelsJsonContext.Default.Payment));

        Assert.Equal("XYZ", paid.Currency.Value);
        Assert.NotEqual(Currency.Krw, paid.Currency);
        Assert.Equal(new Currency("XYZ"), paid.Currency);
        Assert.Equal("NEW_PG", paid.Channel.PgProvider.ToString());
        Assert.Contains("\"currency\":\"XYZ\"", JsonSerializer.Serialize<Payment>(paid, PortOneV2ModelsJsonContext.Default.Payment), StringComparison.Ordinal);
        Assert.Equal("KRW", Currency.Krw.Value);
        Assert.True(Currency.Krw == "KRW");
        Assert.Equal("PARTIAL_CANCELLED", PaymentStatus.PartialCancelled.Value);
    }

    [Fact]
    public void A_missing_required_field_is_an_invalid_response_not_a_silent_null()
    {
        var json = V2Samples.ScheduledPaymentSchedule.Replace("\"paymentId\": \"order-2001\",", string.Empty, StringComparison.Ordinal);

        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize(json, PortOneV2ModelsJsonContext.Default.PaymentSchedule));
    }

    /// <summary>Builds a JSON object holding every property of a model type, with plausible values.</summary>
    internal static class SampleJson
    {
        public static string Pascal(string name) => char.ToUpperInvariant(name[0]) + name[1..];

        public static JsonObject WithDiscriminator(JsonObject sample, string discriminator, string value, Position position)
        {
            var properties = sample.Where(p => p.Key != discriminator).Select(p => (p.Key, Value: p.Value?.DeepClone())).ToList();
            var index = position switch
            {
                Position.First => 0,
                Position.Middle => properties.Count / 2,
                _ => properties.Count,
            };
            properties.Insert(index, (discriminator, JsonValue.Create(value)));
            var result = new JsonObject();
            foreach (var (key, node) in properties)
            {
                result[key] = node;
            }

            return result;
        }

        public static JsonObject Object(Type type, int depth)
        {
            var result = new JsonObject();
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                var name = property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name;
                if (name is null || property.DeclaringType != type && property.GetMethod!.IsAbstract)
                {
                    continue;
                }

                if (property.SetMethod is null)
                {
                    // The case's own discriminator: read it from an instance (it is a constant).
                    result[name] = JsonValue.Create((string)property.GetValue(RuntimeHelpers.GetUninitializedObject(type))!);
                    continue;
                }

                if (depth > 5 && property.GetCustomAttribute<RequiredMemberAttribute>() is null)
                {
                    continue;
                }

                result[name] = Value(property.PropertyType, depth + 1);
            }

            return result;
        }

        private static JsonNode Value(Type type, int depth)
        {
            type = Nullable.GetUnderlyingType(type) ?? type;
            if (type == typeof(string))
            {
                return JsonValue.Create("text")!;
            }

            if (type == typeof(long) || type == typeof(int))
            {
                return JsonValue.Create(7)!;
            }

            if (type == typeof(bool))
            {
                return JsonValue.Create(true)!;
            }

            if (type == typeof(double))
            {
                return JsonValue.Create(1.5)!;
            }

            if (type == typeof(DateTimeOffset))
            {
                return JsonValue.Create("2024-05-01T10:00:00+09:00")!;
            }

            if (type == typeof(JsonElement))
            {
                return new JsonObject { ["anything"] = 1 };
            }

            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>))
            {
                return new JsonArray(Value(type.GetGenericArguments()[0], depth));
            }

            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>))
            {
                return new JsonObject { ["k"] = Value(type.GetGenericArguments()[1], depth) };
            }

            if (type.IsValueType)
            {
                // An extensible enum: its first known value.
                var first = type.GetProperties(BindingFlags.Public | BindingFlags.Static).First(p => p.PropertyType == type);
                return JsonValue.Create(first.GetValue(null)!.ToString())!;
            }

            if (type.IsAbstract)
            {
                var caseType = type.Assembly.GetTypes()
                    .Where(t => t.BaseType == type && !typeof(IPortOneUnknownCase).IsAssignableFrom(t))
                    .OrderBy(t => t.Name, StringComparer.Ordinal)
                    .First();
                return Object(caseType, depth);
            }

            return Object(type, depth);
        }
    }
}
