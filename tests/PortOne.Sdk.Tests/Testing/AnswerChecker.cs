using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using PortOne.Sdk.Serialization;
using PortOne.Sdk.V1;
using PortOne.Sdk.V2;
using PortOne.Sdk.V2.Webhooks;

namespace PortOne.Sdk.Tests.Testing;

/// <summary>
/// Walks a JSON answer against the SDK's own serializer metadata for a model type and lists what a decode would
/// lose or guess: fields the model has no property for (System.Text.Json drops them silently), required fields the
/// answer lacks, union discriminators the SDK does not know (the value would become an <c>Unknown…</c> case),
/// extensible-enum values the SDK has no name for, values of the wrong JSON kind, and anything the strict read
/// refuses (the tolerant reader would then fill in blanks and log <c>PortOneAnswerDiffersFromSpec</c>).
/// </summary>
/// <remarks>
/// It reads the same source-generated contexts the clients read with, so a model change is seen here without
/// editing this class. An empty list means the answer decodes exactly.
/// </remarks>
internal static class AnswerChecker
{
    private static readonly JsonSerializerContext[] Contexts =
    [
        V2Api.Models,
        PortOneV2JsonContext.Default,
        PortOneWebhookJsonContext.Default,
        V1Api.Json,
    ];

    /// <summary>The SDK's metadata for a model type, from whichever of its contexts knows it.</summary>
    public static JsonTypeInfo TypeInfoFor(Type model) =>
        Contexts.Select(c => c.GetTypeInfo(model)).FirstOrDefault(i => i is not null)
        ?? throw new ArgumentException($"No serializer context of the SDK knows {model}.", nameof(model));

    /// <summary>Checks a V2 answer (or a webhook body): the whole body is the model.</summary>
    public static IReadOnlyList<string> Check(Type model, string json)
    {
        var problems = new List<string>();
        var info = TypeInfoFor(model);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException exception)
        {
            return [$"$: not JSON ({exception.Message})"];
        }

        using (document)
        {
            StrictRead(json, info, "$", problems);
            Walk(document.RootElement, info, "$", problems);
        }

        return problems;
    }

    /// <summary>
    /// Checks a V1 answer: the envelope must be exactly <c>code</c>, <c>message</c> and <c>response</c>, with code 0,
    /// and <c>response</c> must be the model.
    /// </summary>
    public static IReadOnlyList<string> CheckV1(Type model, string json)
    {
        var problems = new List<string>();
        var info = TypeInfoFor(model);
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return [$"$: the V1 envelope is {root.ValueKind}, not an object"];
        }

        foreach (var property in root.EnumerateObject())
        {
            if (property.Name is not ("code" or "message" or "response"))
            {
                problems.Add($"$.{property.Name}: not a field of the V1 envelope");
            }
        }

        if (!root.TryGetProperty("code", out var code) || code.ValueKind != JsonValueKind.Number || code.GetInt32() != 0)
        {
            problems.Add("$.code: a success envelope has code 0");
        }

        if (!root.TryGetProperty("response", out var response))
        {
            problems.Add("$.response: missing");
            return problems;
        }

        StrictRead(response.GetRawText(), info, "$.response", problems);
        Walk(response, info, "$.response", problems);
        return problems;
    }

    /// <summary>Checks a V1 refusal: the same three envelope fields, a code other than 0 and a message.</summary>
    public static IReadOnlyList<string> CheckV1Error(string json)
    {
        var problems = new List<string>();
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return [$"$: the V1 envelope is {root.ValueKind}, not an object"];
        }

        foreach (var property in root.EnumerateObject())
        {
            if (property.Name is not ("code" or "message" or "response"))
            {
                problems.Add($"$.{property.Name}: not a field of the V1 envelope");
            }
        }

        if (!root.TryGetProperty("code", out var code) || code.ValueKind != JsonValueKind.Number || code.GetInt32() == 0)
        {
            problems.Add("$.code: a refusal has a code other than 0");
        }

        if (!root.TryGetProperty("message", out var message) || message.ValueKind != JsonValueKind.String)
        {
            problems.Add("$.message: a refusal says why");
        }

        return problems;
    }

    private static void StrictRead(string json, JsonTypeInfo info, string path, List<string> problems)
    {
        try
        {
            JsonSerializer.Deserialize(json, info);
        }
        catch (Exception exception) when (TolerantReader.IsReadFailure(exception))
        {
            problems.Add($"{path}: the strict read refuses it ({exception.GetType().Name}: {exception.Message})");
        }
    }

    private static void Walk(JsonElement element, JsonTypeInfo info, string path, List<string> problems)
    {
        if (element.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        string? discriminator = null;
        if (info.Converter is IUnionConverter union)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                problems.Add($"{path}: {info.Type.Name} is an object, the answer has {element.ValueKind}");
                return;
            }

            discriminator = union.DiscriminatorPropertyName;
            var value = element.TryGetProperty(discriminator, out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
            var caseType = union.CaseFor(value);
            if (caseType is null)
            {
                problems.Add($"{path}.{discriminator}: \"{value}\" is not a case of {info.Type.Name} the SDK knows (it would decode as the unknown case)");
                return;
            }

            info = info.Options.GetTypeInfo(caseType);
        }
        else if (info.Converter is IShapedConverter shaped)
        {
            var token = element.ValueKind switch
            {
                JsonValueKind.Object => JsonTokenType.StartObject,
                JsonValueKind.Array => JsonTokenType.StartArray,
                JsonValueKind.String => JsonTokenType.String,
                JsonValueKind.Number => JsonTokenType.Number,
                JsonValueKind.True => JsonTokenType.True,
                JsonValueKind.False => JsonTokenType.False,
                _ => JsonTokenType.None,
            };
            if (shaped.ShapeFor(token) is not { } shape)
            {
                problems.Add($"{path}: {info.Type.Name} has no shape for {element.ValueKind}");
                return;
            }

            info = info.Options.GetTypeInfo(shape);
        }

        if (info.Converter is IListConverter list)
        {
            WalkArray(element, info.Options.GetTypeInfo(list.ItemType), info, path, problems);
            return;
        }

        switch (info.Kind)
        {
            case JsonTypeInfoKind.Object:
                WalkObject(element, info, discriminator, path, problems);
                break;
            case JsonTypeInfoKind.Enumerable:
                WalkArray(element, info.Options.GetTypeInfo(info.ElementType!), info, path, problems);
                break;
            case JsonTypeInfoKind.Dictionary:
                if (element.ValueKind != JsonValueKind.Object)
                {
                    problems.Add($"{path}: {info.Type.Name} is an object, the answer has {element.ValueKind}");
                    return;
                }

                var values = info.Options.GetTypeInfo(info.ElementType!);
                foreach (var property in element.EnumerateObject())
                {
                    Walk(property.Value, values, path + "." + property.Name, problems);
                }

                break;
            default:
                CheckScalar(element, info, path, problems);
                break;
        }
    }

    private static void WalkObject(JsonElement element, JsonTypeInfo info, string? discriminator, string path, List<string> problems)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"{path}: {info.Type.Name} is an object, the answer has {element.ValueKind}");
            return;
        }

        var properties = info.Properties.Where(p => !p.IsExtensionData).ToDictionary(p => p.Name, StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in element.EnumerateObject())
        {
            seen.Add(field.Name);
            if (properties.TryGetValue(field.Name, out var property))
            {
                var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
                if (typeof(IExtensibleEnum).IsAssignableFrom(propertyType))
                {
                    // The generated metadata may carry the enum's converter on the property; its value is checked all the same.
                    CheckScalar(field.Value, info.Options.GetTypeInfo(property.PropertyType), path + "." + field.Name, problems);
                    continue;
                }

                if (property.CustomConverter is { } converter && !IsKnownConverter(converter))
                {
                    // A property with a converter of its own (e.g. Unix seconds) is left to the strict read.
                    continue;
                }

                Walk(field.Value, info.Options.GetTypeInfo(property.PropertyType), path + "." + field.Name, problems);
            }
            else if (field.Name != discriminator)
            {
                var kept = info.Properties.Any(p => p.IsExtensionData) ? " (kept only as extension data)" : string.Empty;
                problems.Add($"{path}.{field.Name}: {info.Type.Name} has no such property{kept}");
            }
        }

        foreach (var property in properties.Values.Where(p => p.IsRequired && !seen.Contains(p.Name)))
        {
            problems.Add($"{path}.{property.Name}: required by {info.Type.Name} but missing");
        }
    }

    private static bool IsKnownConverter(System.Text.Json.Serialization.JsonConverter converter) =>
        converter is IUnionConverter or IShapedConverter or IListConverter;

    private static void WalkArray(JsonElement element, JsonTypeInfo item, JsonTypeInfo info, string path, List<string> problems)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            problems.Add($"{path}: {info.Type.Name} is an array, the answer has {element.ValueKind}");
            return;
        }

        var index = 0;
        foreach (var value in element.EnumerateArray())
        {
            Walk(value, item, $"{path}[{index++}]", problems);
        }
    }

    // Scalars are left to the strict read, except extensible enums, which accept any string: their value must be
    // one the SDK names. A null is left to the strict read too (it refuses one where the model has no null).
    private static void CheckScalar(JsonElement element, JsonTypeInfo info, string path, List<string> problems)
    {
        var type = Nullable.GetUnderlyingType(info.Type) ?? info.Type;
        if (element.ValueKind == JsonValueKind.Null || !typeof(IExtensibleEnum).IsAssignableFrom(type))
        {
            return;
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            problems.Add($"{path}: {type.Name} is a string, the answer has {element.ValueKind}");
            return;
        }

        var value = element.GetString();
        if (!KnownValues(type).Contains(value!))
        {
            problems.Add($"{path}: \"{value}\" is not a value of {type.Name} the SDK knows");
        }
    }

    // The values an extensible enum names: its public static properties and fields of its own type.
    private static HashSet<string> KnownValues(Type type)
    {
        var values = new HashSet<string>(StringComparer.Ordinal);
        var members = type.GetProperties(BindingFlags.Public | BindingFlags.Static)
            .Where(p => p.PropertyType == type && p.GetIndexParameters().Length == 0)
            .Select(p => p.GetValue(null))
            .Concat(type.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.FieldType == type).Select(f => f.GetValue(null)));
        foreach (var member in members)
        {
            if (member is IExtensibleEnum { Value: { } value })
            {
                values.Add(value);
            }
        }

        return values;
    }
}
