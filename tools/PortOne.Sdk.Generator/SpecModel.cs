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
    Named,
}

/// <summary>The C# shape of one property type.</summary>
internal sealed record TypeRef(TypeRefKind Kind, string? SchemaName = null, TypeRef? Element = null)
{
    public static TypeRef FromSchema(JsonElement schema)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            return new TypeRef(TypeRefKind.Named, SpecModel.RefName(reference.GetString()!));
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

    public static string RefName(string reference) => reference[(reference.LastIndexOf('/') + 1)..];

    public static string CsNameOf(string schemaName) => Selection.Renames.TryGetValue(schemaName, out var renamed) ? renamed : schemaName;

    public TypeModel Resolve(string schemaName) =>
        Types.TryGetValue(schemaName, out var type) ? type : Errors.Values.First(e => e.SchemaName == schemaName);

    public static SpecModel Load(string path, IReadOnlyCollection<string> operations, IReadOnlyCollection<string> errorOnlyOperations)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var schemas = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var schema in document.RootElement.GetProperty("components").GetProperty("schemas").EnumerateObject())
        {
            schemas[schema.Name] = schema.Value.Clone();
        }

        var model = new SpecModel(schemas);
        var roots = new SortedSet<string>(StringComparer.Ordinal);
        var inputRoots = new SortedSet<string>(StringComparer.Ordinal);
        var errorUnions = new SortedSet<string>(StringComparer.Ordinal);
        var bodyOf = new Dictionary<string, string>(StringComparer.Ordinal);
        var answerOf = new Dictionary<string, string>(StringComparer.Ordinal);
        var found = new HashSet<string>(StringComparer.Ordinal);

        foreach (var pathItem in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var method in pathItem.Value.EnumerateObject())
            {
                if (method.Value.ValueKind != JsonValueKind.Object || !method.Value.TryGetProperty("operationId", out var idElement))
                {
                    continue;
                }

                var id = idElement.GetString()!;
                var selected = operations.Contains(id);
                if (!selected && !errorOnlyOperations.Contains(id))
                {
                    continue;
                }

                found.Add(id);
                if (method.Value.TryGetProperty("x-portone-error", out var error))
                {
                    errorUnions.Add(RefName(error.GetProperty("$ref").GetString()!));
                }

                if (!selected)
                {
                    continue;
                }

                var label = $"{method.Name.ToUpperInvariant()} {pathItem.Name}";
                if (method.Value.TryGetProperty("requestBody", out var body))
                {
                    var name = RefName(body.GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString()!);
                    roots.Add(name);
                    inputRoots.Add(name);
                    bodyOf[name] = label;
                }

                if (method.Value.TryGetProperty("parameters", out var parameters))
                {
                    foreach (var parameter in parameters.EnumerateArray())
                    {
                        if (parameter.TryGetProperty("schema", out var ps) && ps.TryGetProperty("$ref", out var pr))
                        {
                            roots.Add(RefName(pr.GetString()!));
                        }
                    }
                }

                var ok = method.Value.GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("schema");
                var answer = RefName(ok.GetProperty("$ref").GetString()!);
                roots.Add(answer);
                answerOf.TryAdd(answer, label);
            }
        }

        var missing = operations.Concat(errorOnlyOperations).Where(o => !found.Contains(o)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException("Operations not in the spec: " + string.Join(", ", missing));
        }

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
                        throw new InvalidOperationException($"Error type {entry.Name} maps to both {existing.SchemaName} and {caseName}.");
                    }

                    continue;
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

        foreach (var name in seen)
        {
            var schema = schemas[name];
            var kind = schema.TryGetProperty("enum", out _) ? TypeKind.Enum
                : schema.TryGetProperty("oneOf", out _) ? TypeKind.Union
                : TypeKind.Object;
            model.Types[name] = model.NewType(name, kind);
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
                var copy = new TypeModel { SchemaName = caseName, CsName = union.CsName + suffix, Kind = TypeKind.Object, Union = union, CaseValue = value };
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

    private void Mark(IEnumerable<string> roots, Func<TypeModel, bool> isMarked, Action<TypeModel> mark)
    {
        var stack = new Stack<string>(roots);
        while (stack.Count > 0)
        {
            var type = Types[stack.Pop()];
            if (isMarked(type))
            {
                continue;
            }

            mark(type);
            var next = type.Properties.Select(p => p.Type.Kind == TypeRefKind.Array ? p.Type.Element! : p.Type)
                .Where(t => t.Kind == TypeRefKind.Named)
                .Select(t => t.SchemaName!)
                .Concat(type.Cases.Select(c => c.Type.CsName));
            foreach (var name in next)
            {
                stack.Push(name);
            }
        }
    }

    private void CheckNames()
    {
        var duplicates = AllTypes.GroupBy(t => t.CsName, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicates.Count > 0)
        {
            throw new InvalidOperationException("Two types would get the same C# name: " + string.Join(", ", duplicates));
        }
    }
}
