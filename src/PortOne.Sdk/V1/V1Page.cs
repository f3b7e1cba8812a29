using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using PortOne.Sdk.Serialization;

namespace PortOne.Sdk.V1;

/// <summary>
/// One page of a V1 list. V1 pages are numbered from 1; <see cref="Next"/> and <see cref="Previous"/> are 0 when
/// there is no such page. Keep your own cursor with the <c>…PageAsync</c> methods, or let the matching
/// <see cref="IAsyncEnumerable{T}"/> method walk every page for you.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
public sealed class V1Page<T>
{
    /// <summary>How many items match the search across all pages.</summary>
    [JsonPropertyName("total")]
    public int Total { get; set; }

    /// <summary>The number of the page before this one, or 0 on the first page.</summary>
    [JsonPropertyName("previous")]
    public int Previous { get; set; }

    /// <summary>The number of the page after this one, or 0 on the last page.</summary>
    [JsonPropertyName("next")]
    public int Next { get; set; }

    /// <summary>The items on this page (never null; empty when nothing matched).</summary>
    [JsonPropertyName("list")]
    public IReadOnlyList<T> List { get; set; } = Array.Empty<T>();

    /// <summary>Whether another page follows.</summary>
    [JsonIgnore]
    public bool HasNext => Next > 0;

    /// <inheritdoc/>
    public override string ToString() => $"V1Page {{ Total = {Total}, Previous = {Previous}, Next = {Next}, Count = {List.Count} }}";
}

/// <summary>
/// Reads a page of schedules in either shape the V1 schedule searches are known to answer with: the paged object
/// (<c>{ total, previous, next, list }</c>, which the service sends) or a bare array (which the published API
/// description shows). A bare array is taken as the one and only page.
/// </summary>
internal sealed class V1SchedulePageConverter : JsonConverter<V1Page<V1Schedule>>, IShapedConverter
{
    public override V1Page<V1Schedule>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        // The metadata comes from the options in use, so that a tolerant read stays tolerant inside the page.
        if (reader.TokenType == JsonTokenType.StartArray)
        {
            var items = JsonSerializer.Deserialize(ref reader, (JsonTypeInfo<IReadOnlyList<V1Schedule>>)options.GetTypeInfo(typeof(IReadOnlyList<V1Schedule>))) ?? Array.Empty<V1Schedule>();
            return new V1Page<V1Schedule> { Total = items.Count, List = items };
        }

        return JsonSerializer.Deserialize(ref reader, (JsonTypeInfo<V1SchedulePageWire>)options.GetTypeInfo(typeof(V1SchedulePageWire)))?.ToPage();
    }

    public Type? ShapeFor(JsonTokenType token) => token switch
    {
        JsonTokenType.StartArray => typeof(IReadOnlyList<V1Schedule>),
        JsonTokenType.StartObject => typeof(V1SchedulePageWire),
        _ => null,
    };

    public override void Write(Utf8JsonWriter writer, V1Page<V1Schedule> value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, V1SchedulePageWire.From(value), PortOneV1JsonContext.Default.V1SchedulePageWire);
}

/// <summary>The paged-object shape of a schedule page, so the converter above can defer to generated code.</summary>
internal sealed class V1SchedulePageWire
{
    public int Total { get; set; }

    public int Previous { get; set; }

    public int Next { get; set; }

    public IReadOnlyList<V1Schedule>? List { get; set; }

    public static V1SchedulePageWire From(V1Page<V1Schedule> page) =>
        new() { Total = page.Total, Previous = page.Previous, Next = page.Next, List = page.List };

    public V1Page<V1Schedule> ToPage() =>
        new() { Total = Total, Previous = Previous, Next = Next, List = List ?? Array.Empty<V1Schedule>() };
}

/// <summary>The one page walker behind every V1 <c>IAsyncEnumerable</c>.</summary>
internal static class V1Paging
{
    /// <summary>Fetches page 1, yields its items, and follows <see cref="V1Page{T}.Next"/> until it is 0.</summary>
    /// <remarks>Stops as well if the server ever points back to a page already read, so a bad answer cannot loop forever.</remarks>
    public static async IAsyncEnumerable<T> EnumerateAsync<T>(
        Func<int, CancellationToken, Task<V1Page<T>>> fetchPage,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var page = 1;
        while (true)
        {
            var current = await fetchPage(page, cancellationToken).ConfigureAwait(false);
            foreach (var item in current.List)
            {
                yield return item;
            }

            if (!current.HasNext || current.Next <= page)
            {
                yield break;
            }

            page = current.Next;
        }
    }

    /// <summary>Rejects page numbers below 1 before anything is sent.</summary>
    public static void ThrowIfInvalidPage(int page)
    {
        if (page < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(page), page, "V1 pages are numbered from 1.");
        }
    }
}
