using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace PortOne.Sdk.Generator;

internal enum TypeKind
{
    Object,
    Union,
    Enum,
}

internal enum TypeRefKind
{
    String,
    DateTime,
    Int,
    Long,
    Double,
    Bool,
    Json,
    Array,
    Map,
    Named,
}

/// <summary>The C# shape of one property type.</summary>
internal sealed record TypeRef(TypeRefKind Kind, string? SchemaName = null, TypeRef? Element = null)
{
    public static TypeRef FromSchema(JsonElement schema)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            var name = SpecModel.RefName(reference.GetString()!);
            return SpecModel.Maps.TryGetValue(name, out var values) ? new TypeRef(TypeRefKind.Map, Element: values) : new TypeRef(TypeRefKind.Named, name);
        }

        var type = schema.TryGetProperty("type", out var t) ? t.GetString() : null;
        var format = schema.TryGetProperty("format", out var f) ? f.GetString() : null;
        return type switch
        {
            "string" when format is "date-time" => new TypeRef(TypeRefKind.DateTime),
            "string" => new TypeRef(TypeRefKind.String),
            "integer" when format is "int32" => new TypeRef(TypeRefKind.Int),
            "integer" => new TypeRef(TypeRefKind.Long),
            "number" => new TypeRef(TypeRefKind.Double),
            "boolean" => new TypeRef(TypeRefKind.Bool),
            "array" => new TypeRef(TypeRefKind.Array, Element: FromSchema(schema.GetProperty("items"))),
            "object" when schema.TryGetProperty("additionalProperties", out var values) && !schema.TryGetProperty("properties", out _) => new TypeRef(TypeRefKind.Map, Element: FromSchema(values)),
            _ => new TypeRef(TypeRefKind.Json),
        };
    }
}

internal sealed class PropertyModel
{
    public required string JsonName { get; init; }

    public required string CsName { get; init; }

    public required TypeRef Type { get; init; }

    public required bool Required { get; init; }
}

internal sealed class UnionCase
{
    public required string Value { get; init; }

    public required TypeModel Type { get; init; }
}

/// <summary>One generated C# type.</summary>
internal sealed class TypeModel
{
    public required string SchemaName { get; init; }

    public required string CsName { get; init; }

    public required TypeKind Kind { get; init; }

    public List<PropertyModel> Properties { get; } = [];

    public List<string> EnumValues { get; } = [];

    public string? Discriminator { get; set; }

    public List<UnionCase> Cases { get; } = [];

    /// <summary>For a union case: its union and the discriminator value.</summary>
    public TypeModel? Union { get; set; }

    public string? CaseValue { get; set; }

    public bool IsError { get; set; }

    public int? ErrorStatus { get; set; }

    public bool IsInput { get; set; }

    /// <summary>Reached from an answer or an error (a type can be both input and output).</summary>
    public bool IsOutput { get; set; }

    public bool IsOneOf { get; set; }

    /// <summary>"POST /billing-keys" when this is an operation's body or answer.</summary>
    public string? BodyOf { get; set; }

    public string? AnswerOf { get; set; }

    /// <summary>The area (namespace under <c>PortOne.Sdk.V2</c>) the type belongs to; empty for the common one.</summary>
    public string Area { get; set; } = string.Empty;

    /// <summary>The areas whose operations reach the type (the common area stands for errors and shared use).</summary>
    public SortedSet<string> ReachedFrom { get; } = new(StringComparer.Ordinal);
}

internal enum AnswerKind
{
    Json,
    Text,
    None,
}

internal sealed class ParameterModel
{
    public required string JsonName { get; init; }

    public required TypeRef Type { get; init; }

    public required bool Required { get; init; }
}

/// <summary>One operation of the spec, with what operations.tsv says about it.</summary>
internal sealed class OperationModel
{
    public required string Id { get; init; }

    public required string HttpMethod { get; init; }

    public required string Path { get; init; }

    public required string? Category { get; init; }

    public required bool Unstable { get; init; }

    public required OperationEntry Entry { get; init; }

    public List<ParameterModel> PathParameters { get; } = [];

    public List<ParameterModel> QueryParameters { get; } = [];

    public string? BodySchema { get; set; }

    public bool BodyRequired { get; set; }

    /// <summary>GET and DELETE send their body as the <c>requestBody</c> query parameter.</summary>
    public bool BodyInQuery { get; set; }

    public string? AnswerSchema { get; set; }

    public AnswerKind Answer { get; set; }

    /// <summary>The <c>type</c> values of the operation's error cases.</summary>
    public List<string> Errors { get; } = [];

    public string Area => SpecModel.AreaOf(Category);
}

/// <summary>The part of the spec the selected operations reach, resolved into C# types.</summary>
internal sealed class SpecModel
{
    private readonly Dictionary<string, JsonElement> _schemas;

    private SpecModel(Dictionary<string, JsonElement> schemas)
    {
        _schemas = schemas;
    }

    /// <summary>Every non-error type by schema name (union cases included), plus the copies made for second unions.</summary>
    public SortedDictionary<string, TypeModel> Types { get; } = new(StringComparer.Ordinal);

    /// <summary>The error cases of the one PortOneError hierarchy, by error type value.</summary>
    public SortedDictionary<string, TypeModel> Errors { get; } = new(StringComparer.Ordinal);

    public IEnumerable<TypeModel> AllTypes => Types.Values.Concat(Errors.Values);

    /// <summary>Schemas that are string-keyed maps (<c>additionalProperties</c> only), by name → their value type.</summary>
    public static Dictionary<string, TypeRef> Maps { get; } = new(StringComparer.Ordinal);

    /// <summary>Every operation of the spec, in the order of operations.tsv.</summary>
    public List<OperationModel> Operations { get; } = [];

    /// <summary>The area (namespace and folder) of an <c>x-portone-category</c>: empty for the payment family.</summary>
    public static string AreaOf(string? category) => category switch
    {
        null => "Platform",
        _ when category.StartsWith("platform", StringComparison.Ordinal) => "Platform",
        _ when category.StartsWith("b2b", StringComparison.Ordinal) => "B2b",
        "identityVerification" => "IdentityVerifications",
        "paymentSession" => "PaymentSessions",
        "pgSpecific" => "PgSpecific",
        "reconciliation" => "Reconciliations",
        "checkoutProfile" => "CheckoutProfiles",
        _ => string.Empty,
    };

    public static string RefName(string reference) => reference[(reference.LastIndexOf('/') + 1)..];

    /// <summary>
    /// The C# name of a schema: the decided renames first; then an operation body <c>XBody</c> is <c>XRequest</c> and
    /// a type nested in one (<c>XBodyItem</c>) drops the <c>Body</c>, as .NET callers expect.
    /// </summary>
    public static string CsNameOf(string schemaName)
    {
        if (Selection.Renames.TryGetValue(schemaName, out var renamed))
        {
            return renamed;
        }

        if (schemaName.EndsWith("Body", StringComparison.Ordinal) && schemaName.Length > 4)
        {
            return schemaName[..^4] + "Request";
        }

        var at = schemaName.IndexOf("Body", StringComparison.Ordinal);
        return at > 0 && at + 4 < schemaName.Length && char.IsUpper(schemaName[at + 4]) ? schemaName.Remove(at, 4) : schemaName;
    }

    public TypeModel Resolve(string schemaName) =>
        Types.TryGetValue(schemaName, out var type) ? type : Errors.Values.First(e => e.SchemaName == schemaName);

    public static SpecModel Load(string path, IReadOnlyList<OperationEntry> table)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var schemas = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        Maps.Clear();
        foreach (var schema in document.RootElement.GetProperty("components").GetProperty("schemas").EnumerateObject())
        {
            schemas[schema.Name] = schema.Value.Clone();
        }

        foreach (var (name, schema) in schemas)
        {
            if (schema.TryGetProperty("additionalProperties", out var values) && !schema.TryGetProperty("properties", out _))
            {
                Maps[name] = TypeRef.FromSchema(values);
            }
        }

        var model = new SpecModel(schemas);
        var byId = table.ToDictionary(e => e.OperationId, StringComparer.Ordinal);
        var roots = new SortedSet<string>(StringComparer.Ordinal);
        var inputRoots = new SortedSet<string>(StringComparer.Ordinal);
        var errorUnions = new SortedSet<string>(StringComparer.Ordinal);
        var bodyOf = new Dictionary<string, string>(StringComparer.Ordinal);
        var answerOf = new Dictionary<string, string>(StringComparer.Ordinal);
        var found = new HashSet<string>(StringComparer.Ordinal);
        var operations = new List<string>();
        var errorOnlyOperations = new List<string>();
        var rootAreas = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);

        void Root(string name, string area)
        {
            roots.Add(name);
            if (!rootAreas.TryGetValue(name, out var areas))
            {
                rootAreas[name] = areas = new SortedSet<string>(StringComparer.Ordinal);
            }

            areas.Add(area);
        }

        foreach (var pathItem in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var method in pathItem.Value.EnumerateObject())
            {
                if (method.Value.ValueKind != JsonValueKind.Object || !method.Value.TryGetProperty("operationId", out var idElement))
                {
                    continue;
                }

                var id = idElement.GetString()!;
                if (!byId.TryGetValue(id, out var entry))
                {
                    throw new InvalidOperationException($"Operation {id} of the spec has no line in operations.tsv.");
                }

                found.Add(id);
                var category = method.Value.TryGetProperty("x-portone-category", out var c) ? c.GetString() : null;
                var operation = new OperationModel
                {
                    Id = id,
                    HttpMethod = method.Name.ToUpperInvariant(),
                    Path = pathItem.Name,
                    Category = category,
                    Unstable = method.Value.TryGetProperty("x-portone-unstable", out var u) && u.ValueKind == JsonValueKind.True,
                    Entry = entry,
                };
                model.Operations.Add(operation);
                var area = operation.Area;

                // The auth operations' models are hand-written (they hide their tokens in ToString); only their
                // error cases join the one PortOneError hierarchy.
                var selected = category != "auth";
                (selected ? operations : errorOnlyOperations).Add(id);
                if (method.Value.TryGetProperty("x-portone-error", out var error))
                {
                    var union = RefName(error.GetProperty("$ref").GetString()!);
                    errorUnions.Add(union);
                    operation.Errors.AddRange(schemas[union].GetProperty("discriminator").GetProperty("mapping").EnumerateObject().Select(m => m.Name).OrderBy(n => n, StringComparer.Ordinal));
                }

                var label = $"{operation.HttpMethod} {pathItem.Name}";
                if (method.Value.TryGetProperty("requestBody", out var body))
                {
                    operation.BodySchema = RefName(body.GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString()!);
                    operation.BodyRequired = body.TryGetProperty("required", out var br) && br.ValueKind == JsonValueKind.True;
                }

                if (method.Value.TryGetProperty("parameters", out var parameters))
                {
                    foreach (var parameter in parameters.EnumerateArray())
                    {
                        var name = parameter.GetProperty("name").GetString()!;
                        var required = parameter.TryGetProperty("required", out var pr) && pr.ValueKind == JsonValueKind.True;
                        if (name == "requestBody" && parameter.TryGetProperty("content", out var content))
                        {
                            // The body of a GET or DELETE goes in the query; the spec may give it as both.
                            operation.BodySchema = RefName(content.GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString()!);
                            var queryOrBody = parameter.TryGetProperty("x-portone-query-or-body", out var qb) && qb.TryGetProperty("required", out var qbr) && qbr.ValueKind == JsonValueKind.True;
                            operation.BodyRequired = operation.BodyRequired || required || queryOrBody;
                            continue;
                        }

                        var model2 = new ParameterModel { JsonName = name, Type = TypeRef.FromSchema(parameter.GetProperty("schema")), Required = required || parameter.GetProperty("in").GetString() == "path" };
                        (parameter.GetProperty("in").GetString() == "path" ? operation.PathParameters : operation.QueryParameters).Add(model2);
                        if (selected && model2.Type.Kind == TypeRefKind.Named)
                        {
                            Root(model2.Type.SchemaName!, area);
                            inputRoots.Add(model2.Type.SchemaName!);
                        }
                    }
                }

                operation.BodyInQuery = operation.BodySchema is not null && operation.HttpMethod is "GET" or "DELETE";
                if (selected && operation.BodySchema is { } bodySchema)
                {
                    Root(bodySchema, area);
                    inputRoots.Add(bodySchema);
                    bodyOf.TryAdd(bodySchema, label);
                }

                var ok = method.Value.GetProperty("responses").GetProperty("200");
                if (!ok.TryGetProperty("content", out var okContent))
                {
                    operation.Answer = AnswerKind.None;
                }
                else if (okContent.TryGetProperty("application/json", out var json))
                {
                    operation.Answer = AnswerKind.Json;
                    operation.AnswerSchema = RefName(json.GetProperty("schema").GetProperty("$ref").GetString()!);
                    if (selected)
                    {
                        Root(operation.AnswerSchema, area);
                        answerOf.TryAdd(operation.AnswerSchema, label);
                    }
                }
                else
                {
                    operation.Answer = AnswerKind.Text;
                }
            }
        }

        var unlisted = table.Where(e => !found.Contains(e.OperationId)).Select(e => e.OperationId).ToList();
        if (unlisted.Count > 0)
        {
            throw new InvalidOperationException("operations.tsv names operations the spec does not have: " + string.Join(", ", unlisted));
        }

        model.Operations.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        // The error cases: every case of every selected operation's error union, one hierarchy.
        var errorSchemas = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var union in errorUnions)
        {
            foreach (var entry in schemas[union].GetProperty("discriminator").GetProperty("mapping").EnumerateObject())
            {
                var caseName = RefName(entry.Value.GetString()!);
                if (model.Errors.TryGetValue(entry.Name, out var existing))
                {
                    if (existing.SchemaName != caseName)
                    {
                        // One union of the spec maps a type value to a schema named after another error. The
                        // schema named after the value (PLATFORM_X → PlatformXError) is the one every other union uses.
                        var named = Names.FromScreaming(entry.Name) + "Error";
                        if (existing.SchemaName != named && caseName != named)
                        {
                            throw new InvalidOperationException($"Error type {entry.Name} maps to both {existing.SchemaName} and {caseName}.");
                        }

                        if (caseName == named)
                        {
                            errorSchemas.Remove(existing.SchemaName);
                            model.Errors.Remove(entry.Name);
                        }
                        else
                        {
                            continue;
                        }
                    }
                    else
                    {
                        continue;
                    }
                }

                var type = model.NewType(caseName, TypeKind.Object);
                type.IsError = true;
                type.CaseValue = entry.Name;
                type.ErrorStatus = schemas[caseName].TryGetProperty("x-portone-status-code", out var status) ? status.GetInt32() : null;
                model.Errors[entry.Name] = type;
                errorSchemas.Add(caseName);
            }
        }

        // Everything reachable from the operations and from the error cases.
        var queue = new Queue<string>(roots.Concat(errorSchemas.SelectMany(model.References)));
        var seen = new SortedSet<string>(StringComparer.Ordinal);
        while (queue.Count > 0)
        {
            var name = queue.Dequeue();
            if (errorUnions.Contains(name) || errorSchemas.Contains(name) || !seen.Add(name))
            {
                continue;
            }

            foreach (var next in model.References(name))
            {
                queue.Enqueue(next);
            }
        }

        // Which areas reach each schema: a type only one area reaches lives in that area's namespace, every
        // other one (shared, or reached from an error case) in the common one.
        var reach = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        void Spread(string start, string area)
        {
            var stack = new Stack<string>([start]);
            while (stack.Count > 0)
            {
                var name = stack.Pop();
                if (errorUnions.Contains(name) || errorSchemas.Contains(name))
                {
                    continue;
                }

                if (!reach.TryGetValue(name, out var areas))
                {
                    reach[name] = areas = new SortedSet<string>(StringComparer.Ordinal);
                }

                if (areas.Add(area))
                {
                    foreach (var next in model.References(name))
                    {
                        stack.Push(next);
                    }
                }
            }
        }

        foreach (var (root, areas) in rootAreas)
        {
            foreach (var area in areas)
            {
                Spread(root, area);
            }
        }

        foreach (var name in errorSchemas.SelectMany(model.References))
        {
            Spread(name, string.Empty);
        }

        foreach (var name in seen)
        {
            if (Maps.ContainsKey(name))
            {
                continue;
            }

            var schema = schemas[name];
            var kind = schema.TryGetProperty("enum", out _) ? TypeKind.Enum
                : schema.TryGetProperty("oneOf", out _) ? TypeKind.Union
                : TypeKind.Object;
            var type = model.NewType(name, kind);
            type.Area = reach.TryGetValue(name, out var reachedFrom) && reachedFrom.Count == 1 ? reachedFrom.Min! : string.Empty;
            model.Types[name] = type;
        }

        foreach (var type in model.AllTypes.ToList())
        {
            model.Fill(type);
        }

        model.AssignUnionCases();
        model.Mark(inputRoots, t => t.IsInput, t => t.IsInput = true);
        model.Mark(answerOf.Keys.Concat(errorSchemas.SelectMany(model.References)), t => t.IsOutput, t => t.IsOutput = true);
        foreach (var (name, label) in bodyOf)
        {
            model.Types[name].BodyOf = label;
        }

        foreach (var (name, label) in answerOf)
        {
            model.Types[name].AnswerOf = label;
        }

        model.CheckNames();
        return model;
    }

    private TypeModel NewType(string schemaName, TypeKind kind) => new() { SchemaName = schemaName, CsName = CsNameOf(schemaName), Kind = kind };

    private IEnumerable<string> References(string schemaName)
    {
        var result = new SortedSet<string>(StringComparer.Ordinal);
        Collect(_schemas[schemaName], result);
        return result;

        static void Collect(JsonElement element, SortedSet<string> into)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var property in element.EnumerateObject())
                    {
                        if (property.Name == "$ref")
                        {
                            into.Add(RefName(property.Value.GetString()!));
                        }
                        else if (property.Name is not ("discriminator" or "x-portone-discriminator" or "x-portone-enum"))
                        {
                            Collect(property.Value, into);
                        }
                    }

                    break;
                case JsonValueKind.Array:
                    foreach (var item in element.EnumerateArray())
                    {
                        Collect(item, into);
                    }

                    break;
            }
        }
    }

    private void Fill(TypeModel type)
    {
        var schema = _schemas[type.SchemaName];
        switch (type.Kind)
        {
            case TypeKind.Enum:
                type.EnumValues.AddRange(schema.GetProperty("enum").EnumerateArray().Select(v => v.GetString()!));
                break;
            case TypeKind.Union:
                type.Discriminator = schema.GetProperty("discriminator").GetProperty("propertyName").GetString();
                break;
            default:
                var required = schema.TryGetProperty("required", out var r)
                    ? r.EnumerateArray().Select(x => x.GetString()!).ToHashSet(StringComparer.Ordinal)
                    : [];
                if (schema.TryGetProperty("properties", out var properties))
                {
                    foreach (var property in properties.EnumerateObject())
                    {
                        type.Properties.Add(new PropertyModel
                        {
                            JsonName = property.Name,
                            CsName = Names.Pascal(property.Name),
                            Type = TypeRef.FromSchema(property.Value),
                            Required = required.Contains(property.Name),
                        });
                    }
                }

                var remark = (schema.TryGetProperty("x-portone-description", out var d) ? d.GetString() : null) ?? string.Empty;
                type.IsOneOf = Selection.OneOfInputs.Contains(type.SchemaName) || remark.Contains(Selection.OneFieldOnlyMarker, StringComparison.Ordinal);
                break;
        }
    }

    private void AssignUnionCases()
    {
        var unions = Types.Values.Where(t => t.Kind == TypeKind.Union).ToList();
        var membership = new Dictionary<string, List<(TypeModel Union, string Value)>>(StringComparer.Ordinal);
        foreach (var union in unions)
        {
            foreach (var entry in _schemas[union.SchemaName].GetProperty("discriminator").GetProperty("mapping").EnumerateObject())
            {
                var caseName = RefName(entry.Value.GetString()!);
                if (!membership.TryGetValue(caseName, out var list))
                {
                    membership[caseName] = list = [];
                }

                list.Add((union, entry.Name));
            }
        }

        foreach (var (caseName, memberOf) in membership.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            // A schema that is a case of two unions (a card method is both a payment method and an easy-pay
            // method) belongs to the union with more cases; the other union gets a copy named after itself,
            // because a C# class has one base class.
            var ordered = memberOf
                .OrderByDescending(m => _schemas[m.Union.SchemaName].GetProperty("oneOf").GetArrayLength())
                .ThenBy(m => m.Union.SchemaName, StringComparer.Ordinal)
                .ToList();
            var primary = ordered[0];
            var caseType = Types[caseName];
            caseType.Union = primary.Union;
            caseType.CaseValue = primary.Value;
            primary.Union.Cases.Add(new UnionCase { Value = primary.Value, Type = caseType });

            foreach (var (union, value) in ordered.Skip(1))
            {
                var suffix = caseName.StartsWith(primary.Union.CsName, StringComparison.Ordinal) ? caseName[primary.Union.CsName.Length..] : caseName;
                var copy = new TypeModel { SchemaName = caseName, CsName = union.CsName + suffix, Kind = TypeKind.Object, Union = union, CaseValue = value, Area = union.Area };
                copy.Properties.AddRange(caseType.Properties);
                Types[copy.CsName] = copy;
                union.Cases.Add(new UnionCase { Value = value, Type = copy });
            }
        }

        foreach (var union in unions)
        {
            union.Cases.Sort((a, b) => string.CompareOrdinal(a.Value, b.Value));
        }
    }

    /// <summary>The element type inside arrays and maps (a list of lists of X → X).</summary>
    public static TypeRef Innermost(TypeRef type) => type.Kind is TypeRefKind.Array or TypeRefKind.Map ? Innermost(type.Element!) : type;

    private void Mark(IEnumerable<string> roots, Func<TypeModel, bool> isMarked, Action<TypeModel> mark)
    {
        var stack = new Stack<string>(roots);
        while (stack.Count > 0)
        {
            var popped = stack.Pop();
            if (!Types.TryGetValue(popped, out var type))
            {
                if (Maps.TryGetValue(popped, out var values) && Innermost(values) is { Kind: TypeRefKind.Named } named)
                {
                    stack.Push(named.SchemaName!);
                }

                continue;
            }

            if (isMarked(type))
            {
                continue;
            }

            mark(type);
            var next = type.Properties.Select(p => Innermost(p.Type))
                .Where(t => t.Kind == TypeRefKind.Named)
                .Select(t => t.SchemaName!)
                .Concat(type.Cases.Select(c => c.Type.CsName));
            foreach (var name in next)
            {
                stack.Push(name);
            }
        }
    }

    // Names a generated type must not take: a caller's "using System;" would make them ambiguous.
    private static readonly HashSet<string> TakenNames = new(StringComparer.Ordinal)
    {
        "Type", "Object", "String", "Action", "Task", "Version", "Exception", "Attribute", "Array", "Enum", "Guid", "Uri", "Range", "Index",
    };

    private void CheckNames()
    {
        var taken = AllTypes.Where(t => TakenNames.Contains(t.CsName)).Select(t => t.CsName).ToList();
        if (taken.Count > 0)
        {
            throw new InvalidOperationException("Generated types would hide System types (add a rename to Selection.Renames): " + string.Join(", ", taken));
        }

        var duplicates = AllTypes.GroupBy(t => t.CsName, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicates.Count > 0)
        {
            throw new InvalidOperationException("Two types would get the same C# name: " + string.Join(", ", duplicates));
        }
    }
}
