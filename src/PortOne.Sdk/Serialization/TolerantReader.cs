using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace PortOne.Sdk.Serialization;

/// <summary>What the tolerant reader needs to know of a union converter without knowing its base type.</summary>
internal interface IUnionConverter
{
    /// <summary>The JSON name of the discriminator, e.g. <c>status</c>.</summary>
    string DiscriminatorPropertyName { get; }

    /// <summary>The case type for a discriminator value, or null when this SDK version does not know it.</summary>
    Type? CaseFor(string? discriminator);

    /// <summary>Builds the union's unknown case around a raw object.</summary>
    object CreateUnknownCase(JsonElement rawJson);
}

/// <summary>A converter that reads a JSON array of items that have ordinary metadata.</summary>
internal interface IListConverter
{
    /// <summary>The item type.</summary>
    Type ItemType { get; }
}

/// <summary>A converter that accepts several JSON shapes, each read by ordinary metadata of another type.</summary>
internal interface IShapedConverter
{
    /// <summary>The type whose metadata reads a value that starts with <paramref name="token"/>, or null.</summary>
    Type? ShapeFor(JsonTokenType token);
}

/// <summary>
/// Reads a success answer that the strict metadata refused, the way PortOne's own SDKs do: a field the model
/// requires but the answer lacks, or a scalar of the wrong JSON kind (a string for a number, an object for a
/// string, …), is left empty instead of failing the call. The fields that identify a result (its own id, the
/// union discriminator) are never guessed at: when those cannot be read, the value cannot be read. In the lists
/// registered with <see cref="TolerantListConverter{T}"/>, an item that still cannot be read becomes the union's
/// unknown case (raw JSON kept) or, for a plain type, is left out.
/// </summary>
/// <remarks>
/// Built once per API (static) over the source-generated contexts. It is used only after the strict read failed,
/// so a well-formed answer costs nothing extra. It first copies the answer without the fields it must leave
/// empty, noting their JSON paths, then reads the copy with metadata whose <c>IsRequired</c> is cleared for every
/// non-identifying property. Writing requests never goes through here.
/// </remarks>
internal sealed class TolerantReader
{
    [ThreadStatic]
    private static List<long>? s_unreadableItems;

    private readonly HashSet<string> _identifying;
    private readonly ConcurrentDictionary<Type, string[]> _relaxed = new();

    /// <param name="baseOptions">The options of the strict context (naming, number handling, converters).</param>
    /// <param name="resolver">The source-generated metadata to start from.</param>
    /// <param name="identifying">JSON names of the fields that identify a result; never relaxed nor skipped.</param>
    /// <param name="listConverters">The tolerant list converters for this API's pages and result lists.</param>
    public TolerantReader(JsonSerializerOptions baseOptions, IJsonTypeInfoResolver resolver, IEnumerable<string> identifying, params JsonConverter[] listConverters)
    {
        _identifying = new HashSet<string>(identifying, StringComparer.Ordinal);
        var options = new JsonSerializerOptions(baseOptions) { TypeInfoResolver = resolver.WithAddedModifier(Relax) };
        foreach (var converter in listConverters)
        {
            options.Converters.Add(converter);
        }

        options.MakeReadOnly();
        Options = options;
    }

    /// <summary>The tolerant metadata (required members relaxed, tolerant lists).</summary>
    public JsonSerializerOptions Options { get; }

    /// <summary>Whether an exception is one that reading JSON into a model can throw for a bad value.</summary>
    public static bool IsReadFailure(Exception exception) =>
        exception is JsonException or InvalidOperationException or FormatException or NotSupportedException or ArgumentException or OverflowException;

    /// <summary>Called by <see cref="TolerantListConverter{T}"/> for an item it could not read.</summary>
    internal static void NoteUnreadableItem(long offset) => s_unreadableItems?.Add(offset);

    /// <summary>
    /// Reads <paramref name="json"/> tolerantly and adds to <paramref name="emptied"/> the JSON path of every field
    /// left empty and every list item left out or kept raw (paths only, never values).
    /// </summary>
    /// <param name="json">The answer (or, for V1, the envelope's <c>response</c>).</param>
    /// <param name="rootPath">How the paths start, e.g. <c>$</c> or <c>$.response</c>.</param>
    /// <param name="emptied">Receives the paths.</param>
    /// <exception cref="JsonException">Even a tolerant read cannot make sense of the answer.</exception>
    public T? Read<T>(ReadOnlySpan<byte> json, string rootPath, List<string> emptied)
    {
        var typeInfo = (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));
        byte[] sanitized;
        using (var stream = new MemoryStream(json.Length))
        {
            using (var writer = new Utf8JsonWriter(stream))
            {
                var reader = new Utf8JsonReader(json);
                if (!reader.Read())
                {
                    throw new JsonException("The answer is empty.");
                }

                Copy(ref reader, json, writer, typeInfo, rootPath, emptied);
            }

            sanitized = stream.ToArray();
        }

        var items = new List<long>();
        s_unreadableItems = items;
        T? value;
        try
        {
            value = JsonSerializer.Deserialize(sanitized, typeInfo);
        }
        finally
        {
            s_unreadableItems = null;
        }

        if (items.Count > 0)
        {
            AddPaths(sanitized, items, rootPath, emptied);
        }

        return value;
    }

    private void Relax(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        List<string>? relaxed = null;
        foreach (var property in typeInfo.Properties)
        {
            if (property.IsRequired && !_identifying.Contains(property.Name))
            {
                property.IsRequired = false;
                (relaxed ??= new List<string>()).Add(property.Name);
            }
        }

        if (relaxed is not null)
        {
            _relaxed[typeInfo.Type] = relaxed.ToArray();
        }
    }

    // Copies the value under the reader into the writer, leaving out what the metadata cannot read.
    private void Copy(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, Utf8JsonWriter writer, JsonTypeInfo typeInfo, string path, List<string> emptied)
    {
        var token = reader.TokenType;
        if (typeInfo.Converter is IUnionConverter union && token == JsonTokenType.StartObject)
        {
            var caseType = union.CaseFor(FindString(reader, union.DiscriminatorPropertyName));
            if (caseType is null)
            {
                CopyRaw(ref reader, json, writer);
                return;
            }

            typeInfo = Options.GetTypeInfo(caseType);
        }
        else if (typeInfo.Converter is IShapedConverter shaped && shaped.ShapeFor(token) is { } shape)
        {
            typeInfo = Options.GetTypeInfo(shape);
        }

        if (typeInfo.Converter is IListConverter list && token == JsonTokenType.StartArray)
        {
            CopyArray(ref reader, json, writer, Options.GetTypeInfo(list.ItemType), path, emptied);
            return;
        }

        switch (typeInfo.Kind)
        {
            case JsonTypeInfoKind.Object when token == JsonTokenType.StartObject:
                CopyObject(ref reader, json, writer, typeInfo, path, emptied);
                break;
            case JsonTypeInfoKind.Enumerable when token == JsonTokenType.StartArray:
                CopyArray(ref reader, json, writer, Options.GetTypeInfo(typeInfo.ElementType!), path, emptied);
                break;
            case JsonTypeInfoKind.Dictionary when token == JsonTokenType.StartObject:
                CopyDictionary(ref reader, json, writer, Options.GetTypeInfo(typeInfo.ElementType!), path, emptied);
                break;
            default:
                // A root or list item of the wrong shape: left for the read to refuse (or a tolerant list to catch).
                CopyRaw(ref reader, json, writer);
                break;
        }
    }

    private void CopyObject(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, Utf8JsonWriter writer, JsonTypeInfo typeInfo, string path, List<string> emptied)
    {
        _relaxed.TryGetValue(typeInfo.Type, out var relaxed);
        HashSet<string>? present = relaxed is null ? null : new HashSet<string>(StringComparer.Ordinal);
        writer.WriteStartObject();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            var property = Find(typeInfo, name);
            if (property is null)
            {
                writer.WritePropertyName(name);
                CopyRaw(ref reader, json, writer);
                continue;
            }

            var propertyPath = path + "." + name;
            var propertyType = Options.GetTypeInfo(property.PropertyType);
            var readable = _identifying.Contains(name) || reader.TokenType == JsonTokenType.Null && !IsScalar(propertyType)
                || (IsScalar(propertyType) ? Probe(reader, json, property.CustomConverter, propertyType) : Fits(propertyType, reader.TokenType));
            if (!readable)
            {
                emptied.Add(propertyPath);
                reader.Skip();
                continue;
            }

            present?.Add(name);
            writer.WritePropertyName(name);
            if (IsScalar(propertyType) || reader.TokenType == JsonTokenType.Null)
            {
                CopyRaw(ref reader, json, writer);
            }
            else
            {
                Copy(ref reader, json, writer, propertyType, propertyPath, emptied);
            }
        }

        writer.WriteEndObject();
        if (relaxed is not null)
        {
            foreach (var name in relaxed)
            {
                if (!present!.Contains(name))
                {
                    emptied.Add(path + "." + name);
                }
            }
        }
    }

    private void CopyArray(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, Utf8JsonWriter writer, JsonTypeInfo elementType, string path, List<string> emptied)
    {
        writer.WriteStartArray();
        var index = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var itemPath = path + "[" + index++ + "]";
            if (!IsScalar(elementType))
            {
                Copy(ref reader, json, writer, elementType, itemPath, emptied);
            }
            else if (Probe(reader, json, null, elementType))
            {
                CopyRaw(ref reader, json, writer);
            }
            else
            {
                emptied.Add(itemPath);
                reader.Skip();
            }
        }

        writer.WriteEndArray();
    }

    private void CopyDictionary(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, Utf8JsonWriter writer, JsonTypeInfo valueType, string path, List<string> emptied)
    {
        writer.WriteStartObject();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            if (IsScalar(valueType) && !Probe(reader, json, null, valueType))
            {
                emptied.Add(path + "." + name);
                reader.Skip();
                continue;
            }

            writer.WritePropertyName(name);
            Copy(ref reader, json, writer, valueType, path + "." + name, emptied);
        }

        writer.WriteEndObject();
    }

    private static bool IsScalar(JsonTypeInfo typeInfo) =>
        typeInfo.Kind == JsonTypeInfoKind.None && typeInfo.Converter is not IUnionConverter and not IShapedConverter and not IListConverter;

    private static bool Fits(JsonTypeInfo typeInfo, JsonTokenType token) => typeInfo.Converter switch
    {
        IUnionConverter => token == JsonTokenType.StartObject,
        IShapedConverter shaped => shaped.ShapeFor(token) is not null,
        IListConverter => token == JsonTokenType.StartArray,
        _ => typeInfo.Kind == JsonTypeInfoKind.Enumerable ? token == JsonTokenType.StartArray : token == JsonTokenType.StartObject,
    };

    // Tries the value on a copy of the reader with the converter the read would use; the caller's reader stays put.
    private bool Probe(Utf8JsonReader reader, ReadOnlySpan<byte> json, JsonConverter? propertyConverter, JsonTypeInfo typeInfo)
    {
        var start = (int)reader.TokenStartIndex;
        reader.Skip();
        var value = json.Slice(start, (int)reader.BytesConsumed - start);
        try
        {
            var probe = new Utf8JsonReader(value);
            probe.Read();
            switch (propertyConverter)
            {
                case JsonConverter<DateTimeOffset?> nullableTime:
                    nullableTime.Read(ref probe, typeof(DateTimeOffset?), Options);
                    break;
                case JsonConverter<DateTimeOffset> time:
                    time.Read(ref probe, typeof(DateTimeOffset), Options);
                    break;
                default:
                    JsonSerializer.Deserialize(value, typeInfo);
                    break;
            }

            return true;
        }
        catch (Exception exception) when (IsReadFailure(exception))
        {
            return false;
        }
    }

    private static JsonPropertyInfo? Find(JsonTypeInfo typeInfo, string name)
    {
        foreach (var property in typeInfo.Properties)
        {
            if (string.Equals(property.Name, name, StringComparison.Ordinal))
            {
                return property;
            }
        }

        return null;
    }

    private static void CopyRaw(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, Utf8JsonWriter writer)
    {
        var start = (int)reader.TokenStartIndex;
        reader.Skip();
        writer.WriteRawValue(json.Slice(start, (int)reader.BytesConsumed - start), skipInputValidation: true);
    }

    // Scans a copy of the reader (on an object's start) for a top-level string property.
    private static string? FindString(Utf8JsonReader reader, string name)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var matches = reader.ValueTextEquals(name);
            reader.Read();
            if (matches)
            {
                return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }

            reader.Skip();
        }

        return null;
    }

    // Turns the start offsets of list items the read left out (or kept raw) into JSON paths.
    private static void AddPaths(byte[] json, List<long> offsets, string rootPath, List<string> paths)
    {
        var reader = new Utf8JsonReader(json);
        var stack = new List<(string Path, bool IsArray, int Index)>();
        string? pendingName = null;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    pendingName = reader.GetString();
                    continue;
                case JsonTokenType.EndObject:
                case JsonTokenType.EndArray:
                    stack.RemoveAt(stack.Count - 1);
                    continue;
            }

            string path;
            if (stack.Count == 0)
            {
                path = rootPath;
            }
            else if (stack[stack.Count - 1].IsArray)
            {
                var parent = stack[stack.Count - 1];
                path = parent.Path + "[" + parent.Index + "]";
                stack[stack.Count - 1] = (parent.Path, true, parent.Index + 1);
            }
            else
            {
                path = stack[stack.Count - 1].Path + "." + pendingName;
            }

            if (offsets.Contains(reader.TokenStartIndex))
            {
                paths.Add(path);
            }

            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                stack.Add((path, reader.TokenType == JsonTokenType.StartArray, 0));
            }
        }
    }
}

/// <summary>
/// Reads a list of results so that one item that cannot be read does not sink the list: a union item becomes the
/// union's unknown case (which keeps the raw JSON); any other item is left out. Either way the tolerant reader
/// reports the item's path. Registered only on the tolerant metadata, for the lists of results of an API.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
internal sealed class TolerantListConverter<T> : JsonConverter<IReadOnlyList<T>>, IListConverter
    where T : class
{
    public Type ItemType => typeof(T);

    public override IReadOnlyList<T>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException($"Expected a JSON array of {typeof(T).Name} but found {reader.TokenType}.");
        }

        var itemType = (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
        var items = new List<T>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var attempt = reader;
            T? item = null;
            try
            {
                item = JsonSerializer.Deserialize(ref attempt, itemType);
            }
            catch (Exception exception) when (TolerantReader.IsReadFailure(exception))
            {
                // Handled below: reader still stands on the item's first token.
            }

            if (item is not null)
            {
                reader = attempt;
                items.Add(item);
                continue;
            }

            TolerantReader.NoteUnreadableItem(reader.TokenStartIndex);
            if (itemType.Converter is IUnionConverter union && reader.TokenType == JsonTokenType.StartObject)
            {
                using var document = JsonDocument.ParseValue(ref reader);
                items.Add((T)union.CreateUnknownCase(document.RootElement.Clone()));
            }
            else
            {
                reader.Skip();
            }
        }

        return items;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<T> value, JsonSerializerOptions options)
    {
        var itemType = (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
        writer.WriteStartArray();
        foreach (var item in value)
        {
            JsonSerializer.Serialize(writer, item, itemType);
        }

        writer.WriteEndArray();
    }
}
