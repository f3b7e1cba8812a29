using System.Collections;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace PortOne.Sdk.Tests.Tolerance;

/// <summary>One way of spoiling a sample answer: a field removed, or a scalar replaced by a value of another JSON kind.</summary>
internal sealed record Mutation(string Path, string Kind, JsonNode? Value)
{
    public override string ToString() => $"{Kind} {Path}";

    /// <summary>
    /// Every mutation of a sample: each property removed in turn (a superset of the ones the model requires), and
    /// each non-null scalar replaced by a scalar of another kind and by an object.
    /// </summary>
    public static List<Mutation> All(JsonNode sample, string rootPath)
    {
        var mutations = new List<Mutation>();
        Walk(sample, rootPath, mutations);
        return mutations;
    }

    private static void Walk(JsonNode node, string path, List<Mutation> mutations)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj)
                {
                    var childPath = path + "." + name;
                    mutations.Add(new Mutation(childPath, "remove", null));
                    if (value is not null)
                    {
                        Walk(value, childPath, mutations);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is { } item)
                    {
                        Walk(item, path + "[" + i + "]", mutations);
                    }
                }

                break;
            case JsonValue value:
                JsonNode wrong = value.GetValueKind() switch
                {
                    JsonValueKind.String => JsonValue.Create(12345),
                    JsonValueKind.Number => JsonValue.Create("not-a-number"),
                    _ => JsonValue.Create("yes"),
                };
                mutations.Add(new Mutation(path, "wrong-kind", wrong));
                mutations.Add(new Mutation(path, "object", new JsonObject { ["unexpected"] = new JsonArray(1) }));
                break;
        }
    }

    /// <summary>The sample with this mutation applied (the sample itself is left alone).</summary>
    public JsonNode Apply(JsonNode sample, string rootPath)
    {
        var copy = sample.DeepClone();
        var (parent, last) = Locate(copy, rootPath, Path);
        if (Kind == "remove")
        {
            ((JsonObject)parent).Remove((string)last);
        }
        else if (last is int index)
        {
            ((JsonArray)parent)[index] = Value!.DeepClone();
        }
        else
        {
            ((JsonObject)parent)[(string)last] = Value!.DeepClone();
        }

        return copy;
    }

    /// <summary>The node at a path (relative to <paramref name="rootPath"/>), or null when any step is missing.</summary>
    public static JsonNode? At(JsonNode? root, string rootPath, string path)
    {
        var node = root;
        foreach (var step in Steps(rootPath, path))
        {
            node = step switch
            {
                string name when node is JsonObject obj => obj[name],
                int index when node is JsonArray array && index < array.Count => array[index],
                _ => null,
            };
            if (node is null)
            {
                return null;
            }
        }

        return node;
    }

    /// <summary>The index of the first list item on the path below <paramref name="listPath"/>, if the path is inside one.</summary>
    public static int? ItemIndex(string path, string? listPath)
    {
        if (listPath is null || !path.StartsWith(listPath + "[", StringComparison.Ordinal))
        {
            return null;
        }

        var rest = path[(listPath.Length + 1)..];
        return int.Parse(rest[..rest.IndexOf(']', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static (JsonNode Parent, object Last) Locate(JsonNode root, string rootPath, string path)
    {
        var steps = Steps(rootPath, path);
        var node = root;
        for (var i = 0; i < steps.Count - 1; i++)
        {
            node = steps[i] is string name ? node[name]! : node[(int)steps[i]]!;
        }

        return (node, steps[^1]);
    }

    private static List<object> Steps(string rootPath, string path)
    {
        var steps = new List<object>();
        var rest = path[rootPath.Length..];
        var i = 0;
        while (i < rest.Length)
        {
            if (rest[i] == '.')
            {
                var end = rest.IndexOfAny(['.', '['], i + 1);
                end = end < 0 ? rest.Length : end;
                steps.Add(rest[(i + 1)..end]);
                i = end;
            }
            else
            {
                var end = rest.IndexOf(']', i);
                steps.Add(int.Parse(rest[(i + 1)..end], System.Globalization.CultureInfo.InvariantCulture));
                i = end + 1;
            }
        }

        return steps;
    }
}

/// <summary>An operation under test: where it goes, its sample answer, and how to call it and look at its result.</summary>
/// <param name="Name">The SDK's operation name.</param>
/// <param name="Method">HTTP method.</param>
/// <param name="Path">Request path the stub answers.</param>
/// <param name="Status">The success status of the sample.</param>
/// <param name="Sample">The sample answer (V1: the envelope's <c>response</c>).</param>
/// <param name="Call">Makes the call; returns the part of the result that mirrors the sample.</param>
/// <param name="Accepted">For a money or card call, the id its unreadable-answer message must name; null otherwise.</param>
/// <param name="ListPath">For a list or page, the JSON path of its items; null for a single result.</param>
/// <param name="Items">For a list or page, its items from the result.</param>
internal sealed record Operation<TClient>(
    string Name,
    string Method,
    string Path,
    int Status,
    string Sample,
    Func<TClient, Task<object>> Call,
    string? Accepted = null,
    string? ListPath = null,
    Func<object, IList>? Items = null)
{
    public override string ToString() => Name;
}

/// <summary>
/// Runs every mutation of an operation's sample against a real HTTP stub and checks the documented outcome:
/// a non-identifying field ends up empty (and its path is logged when the strict read had refused it); an
/// identifying field is never guessed at (the call fails, saying whether PortOne accepted it, or the list item
/// becomes the unknown case / is left out).
/// </summary>
internal static class MutationRunner
{
    private static readonly string[] Discriminators = ["status", "type"];

    public static async Task<int> RunAsync<TClient>(
        WireMockServer server,
        Action stubExtras,
        FakeLogCollector logs,
        TClient client,
        Operation<TClient> operation,
        string rootPath,
        Func<string, string> envelope,
        Func<object, JsonNode?> write,
        IReadOnlySet<string> identifying)
    {
        var sample = JsonNode.Parse(operation.Sample)!;
        var baseline = await RunOnceAsync(server, stubExtras, logs, client, operation, envelope(operation.Sample));
        var baselineNode = write(baseline);
        Assert.Empty(Warnings(logs));
        var baselineCount = operation.Items?.Invoke(baseline).Count;
        var ran = 0;
        foreach (var mutation in Mutation.All(sample, rootPath))
        {
            var body = envelope(mutation.Apply(sample, rootPath).ToJsonString());
            var name = mutation.Path[(mutation.Path.LastIndexOfAny(['.', ']']) + 1)..];
            var because = $"{operation.Name}: {mutation}";
            object? result = null;
            PortOneInvalidResponseException? failure = null;
            try
            {
                result = await RunOnceAsync(server, stubExtras, logs, client, operation, body);
            }
            catch (PortOneInvalidResponseException exception)
            {
                failure = exception;
            }

            ran++;
            var itemIndex = Mutation.ItemIndex(mutation.Path, operation.ListPath);
            if (identifying.Contains(name))
            {
                CheckIdentifying(operation, mutation, result, failure, itemIndex, baselineCount, write, rootPath, logs, because);
                continue;
            }

            Assert.True(failure is null, because + " threw " + failure?.Message);
            var node = Mutation.At(write(result!), rootPath, mutation.Path);
            var modelKeeps = Mutation.At(baselineNode, rootPath, mutation.Path) is not null;
            if (Discriminators.Contains(name) && node is not null && mutation.Value is not null && JsonNode.DeepEquals(node, mutation.Value))
            {
                // A union whose discriminator cannot be read is the unknown case, which keeps the raw JSON.
                continue;
            }

            if (mutation.Path.EndsWith(']'))
            {
                // A list of scalars: the item of the wrong kind is left out of the list.
                var list = mutation.Path[..mutation.Path.LastIndexOf('[')];
                Assert.Equal(((JsonArray)Mutation.At(baselineNode, rootPath, list)!).Count - 1, ((JsonArray)Mutation.At(write(result!), rootPath, list)!).Count);
            }
            else
            {
                Assert.True(IsEmpty(node), $"{because}: expected empty, found {node?.ToJsonString()}");
            }

            if (modelKeeps && mutation.Kind != "remove")
            {
                var warning = Assert.Single(Warnings(logs));
                Assert.Contains(operation.Name.Split(' ')[0], warning, StringComparison.Ordinal);
                Assert.Contains(mutation.Path, warning, StringComparison.Ordinal);
                Assert.DoesNotContain("not-a-number", warning, StringComparison.Ordinal);
                Assert.DoesNotContain("12345", warning, StringComparison.Ordinal);
            }
        }

        return ran;
    }

    private static void CheckIdentifying<TClient>(Operation<TClient> operation, Mutation mutation, object? result, PortOneInvalidResponseException? failure, int? itemIndex, int? baselineCount, Func<object, JsonNode?> write, string rootPath, FakeLogCollector logs, string because)
    {
        if (failure is not null)
        {
            Assert.True(itemIndex is null, because + ": one list item sank the whole list: " + failure.Message);
            Assert.Equal(operation.Accepted is not null, failure.RequestAccepted);
            if (operation.Accepted is not null)
            {
                Assert.NotNull(failure.RawBody);
                Assert.Contains("ACCEPTED", failure.Message, StringComparison.Ordinal);
                Assert.Contains(operation.Accepted, failure.Message, StringComparison.Ordinal);
            }

            return;
        }

        if (itemIndex is { } index)
        {
            var items = operation.Items!(result!);
            var kept = items.Count == baselineCount && items[index] is IPortOneUnknownCase;
            var left = items.Count == baselineCount - 1;
            if (kept || left)
            {
                Assert.Contains(Warnings(logs), w => w.Contains(operation.ListPath + "[" + index + "]", StringComparison.Ordinal));
                return;
            }
        }

        // Read without failing: only a removal of an id the model does not require may do that, and the id is then absent.
        Assert.True(mutation.Kind == "remove", because + ": an identifying field of the wrong kind was read as if it were fine");
        Assert.True(IsEmpty(Mutation.At(write(result!), rootPath, mutation.Path)), because);
    }

    private static bool IsEmpty(JsonNode? node) => node switch
    {
        null => true,
        JsonArray array => array.Count == 0,
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.Number => value.GetValue<decimal>() == 0,
            JsonValueKind.False => true,
            JsonValueKind.String => value.GetValue<string>() is "" or "0001-01-01T00:00:00+00:00",
            _ => false,
        },
        _ => false,
    };

    private static List<string> Warnings(FakeLogCollector logs) =>
        logs.GetSnapshot().Where(r => r.Id.Name == "PortOneAnswerDiffersFromSpec").Select(r => r.Message).ToList();

    private static async Task<object> RunOnceAsync<TClient>(WireMockServer server, Action stubExtras, FakeLogCollector logs, TClient client, Operation<TClient> operation, string body)
    {
        server.Reset();
        stubExtras();
        server.Given(Request.Create().WithPath(operation.Path).UsingMethod(operation.Method))
            .RespondWith(Response.Create().WithStatusCode(operation.Status).WithHeader("Content-Type", "application/json").WithBody(body));
        logs.Clear();
        return await operation.Call(client);
    }
}

/// <summary>Writes a result back to JSON to see what the SDK kept, including empty extensible enums and unknown cases.</summary>
internal static class Writing
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<JsonSerializerOptions, JsonSerializerOptions> Cache = new();

    public static JsonNode? Write(object result, JsonSerializerOptions readOptions)
    {
        if (result is IPortOneUnknownCase unknown)
        {
            return JsonNode.Parse(unknown.RawJson.GetRawText());
        }

        var options = Cache.GetValue(readOptions, o => new JsonSerializerOptions(o)
        {
            TypeInfoResolver = o.TypeInfoResolver!.WithAddedModifier(SkipEmptyEnums),
        });
        var type = result.GetType().GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IReadOnlyList<>)) ?? result.GetType();
        return JsonSerializer.SerializeToNode(result, options.GetTypeInfo(type));
    }

    // An extensible enum left empty cannot be written (by design); for the comparison it is simply absent.
    private static void SkipEmptyEnums(System.Text.Json.Serialization.Metadata.JsonTypeInfo typeInfo)
    {
        foreach (var property in typeInfo.Properties)
        {
            if (typeof(Sdk.Serialization.IExtensibleEnum).IsAssignableFrom(Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType))
            {
                property.ShouldSerialize = (_, value) => value is Sdk.Serialization.IExtensibleEnum { Value: not null };
            }
        }
    }
}
