using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace PortOne.Sdk.Benchmarks;

/// <summary>
/// Which types a measured stretch allocates, by the runtime's own sampling: the GC raises an allocation-tick event
/// about every 100 KB allocated, naming the type whose allocation crossed the mark, so over many calls each type's
/// share of ticks is its share of bytes. Used by the load mode's <c>--alloc-types</c> to find where bytes go
/// without a profiler attached.
/// </summary>
internal sealed class AllocationTypes : EventListener
{
    private readonly ConcurrentDictionary<string, long> _ticks = new(StringComparer.Ordinal);
    private volatile bool _recording;

    /// <summary>Starts or stops counting (events that arrive while stopped are dropped).</summary>
    public bool Recording
    {
        get => _recording;
        set => _recording = value;
    }

    /// <summary>The <paramref name="top"/> types with the most ticks, each with its share of all ticks, then clears the counts.</summary>
    public IReadOnlyList<(string Type, double Share)> TakeTop(int top)
    {
        var total = (double)Math.Max(1, _ticks.Values.Sum());
        var result = _ticks.OrderByDescending(t => t.Value).Take(top).Select(t => (t.Key, t.Value / total)).ToList();
        _ticks.Clear();
        return result;
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            // Keyword 0x1 is the GC's: its verbose level includes GCAllocationTick.
            EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)0x1);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (!_recording || eventData.EventName is not { } name || !name.StartsWith("GCAllocationTick", StringComparison.Ordinal) || eventData.PayloadNames is not { } names)
        {
            return;
        }

        var index = names.IndexOf("TypeName");
        var type = index >= 0 && eventData.Payload?[index] is string typeName ? typeName : "?";
        _ticks.AddOrUpdate(type, 1, static (_, count) => count + 1);
    }
}
