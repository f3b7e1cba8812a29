using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Text;
using PortOne.Sdk.V2;

namespace PortOne.Sdk.Benchmarks;

/// <summary>
/// Plain Stopwatch loops, outside BenchmarkDotNet: N concurrent callers (async tasks on the thread pool) share a
/// fixed total of calls against the in-memory handler, after a warm-up, and the run reports calls/s, CPU time per
/// call (process TotalProcessorTime delta / calls), bytes allocated per call (GC.GetTotalAllocatedBytes(true)
/// delta / calls), the gen0/gen1/gen2 collections, the time the GC paused the process (per call), the bytes the last young collection of each round promoted (the
/// state that outlived the calls in flight) and lock contentions during the measured part, for the fair
/// hand-written client and the SDK side by side, as a markdown table.
/// <para>
/// The measured calls are split into <c>--rounds</c> rounds that alternate fair, SDK, fair, SDK…, so that a burst of
/// load from elsewhere on the machine lands on both sides alike; the CPU ratio is given as the median of the rounds'
/// ratios next to the ratio of the totals. <c>--alloc-types N</c> also lists the N types each side allocates most.
/// </para>
/// <code>
/// dotnet run -c Release --project benchmarks/PortOne.Sdk.Benchmarks -- load [--callers 1,64] [--calls 200000]
///     [--scenario v2-get,v2-pay-billing-key,v2-schedule-page,v1-get,v2-404 | all] [--warmup 20000] [--rounds 8]
///     [--auth api-secret|bearer] [--alloc-types 15] [--profile fair|sdk]
/// </code>
/// <c>--profile</c> runs only one side in the process and prints its row alone: a profiler attached to the process
/// (e.g. <c>perf record</c>) sees that client alone, and its collections are not shaped by the other client.
/// <code>
/// </code>
/// </summary>
internal static class LoadMode
{
    public static async Task<int> RunAsync(string[] args)
    {
        var callers = new[] { 1, 64 };
        var calls = 200_000;
        int? warmup = null;
        var scenarios = Scenarios.All;
        var authMode = PortOneV2AuthMode.ApiSecret;
        var rounds = 8;
        var allocTypes = 0;
        bool? profileSdk = null;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--callers":
                    callers = value.Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToArray();
                    break;
                case "--calls":
                    calls = int.Parse(value, CultureInfo.InvariantCulture);
                    break;
                case "--warmup":
                    warmup = int.Parse(value, CultureInfo.InvariantCulture);
                    break;
                case "--scenario":
                    scenarios = value == "all" ? Scenarios.All : value.Split(',');
                    if (scenarios.Except(Scenarios.All).FirstOrDefault() is { } unknown)
                    {
                        throw new ArgumentException($"Unknown scenario {unknown}; known: {string.Join(", ", Scenarios.All)}, all.");
                    }

                    break;
                case "--rounds":
                    rounds = Math.Max(1, int.Parse(value, CultureInfo.InvariantCulture));
                    break;
                case "--alloc-types":
                    allocTypes = int.Parse(value, CultureInfo.InvariantCulture);
                    break;
                case "--profile":
                    profileSdk = value switch
                    {
                        "sdk" => true,
                        "fair" => false,
                        _ => throw new ArgumentException("--profile takes fair or sdk."),
                    };
                    break;
                case "--auth":
                    authMode = value == "bearer" ? PortOneV2AuthMode.BearerToken : PortOneV2AuthMode.ApiSecret;
                    break;
                default:
                    throw new ArgumentException($"Unknown option {args[i]}.");
            }

            i++;
        }

        using var handler = new CannedHandler();
        using var clients = await BenchClients.CreateAsync(handler, authMode: authMode).ConfigureAwait(false);
        if (profileSdk is { } sdkOnly)
        {
            // One side alone in its own process: its steady-state collections are its own, not shaped by the other
            // client's garbage or by the rounds' full collections.
            foreach (var scenario in scenarios)
            {
                foreach (var n in callers)
                {
                    await RunCallsAsync(clients, scenario, sdkOnly, n, warmup ?? Math.Max(calls / 10, 1000)).ConfigureAwait(false);
                    var alone = await MeasureAsync(clients, scenario, sdkOnly, n, calls, null).ConfigureAwait(false);
                    Console.WriteLine(Row(scenario, n, sdkOnly ? "SDK alone" : "fair alone", alone, null, null));
                }
            }

            return 0;
        }

        using var types = allocTypes > 0 ? new AllocationTypes() : null;
        var table = new StringBuilder();
        var typeLists = new StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture, $"{calls:N0} calls per row in {rounds} alternating rounds after {warmup ?? Math.Max(calls / 10, 1000):N0} warm-up calls; .NET {Environment.Version}, {Environment.ProcessorCount} logical CPUs, {(GCSettings.IsServerGC ? "server" : "workstation")} GC{(GCSettings.LatencyMode == GCLatencyMode.Batch ? "" : " (concurrent)")}, V2 auth {authMode}; load average before: {LoadAverage()}")
            .AppendLine()
            .AppendLine("| scenario | callers | client | calls/s | CPU µs/call | alloc B/call | gen0 | gen1 | gen2 | GC pause µs/call | promoted B per young GC | lock contentions | SDK/fair CPU (median of rounds) | SDK/fair CPU (totals) | SDK/fair alloc |")
            .AppendLine("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var scenario in scenarios)
        {
            foreach (var n in callers)
            {
                var warmupCalls = warmup ?? Math.Max(calls / 10, 1000);
                await RunCallsAsync(clients, scenario, sdk: false, n, warmupCalls).ConfigureAwait(false);
                await RunCallsAsync(clients, scenario, sdk: true, n, warmupCalls).ConfigureAwait(false);
                var fairRounds = new List<Result>();
                var sdkRounds = new List<Result>();
                for (var round = 0; round < rounds; round++)
                {
                    var share = calls / rounds + (round < calls % rounds ? 1 : 0);
                    fairRounds.Add(await MeasureAsync(clients, scenario, sdk: false, n, share, types).ConfigureAwait(false));
                    sdkRounds.Add(await MeasureAsync(clients, scenario, sdk: true, n, share, types).ConfigureAwait(false));
                }

                var fair = Result.Sum(fairRounds);
                var sdk = Result.Sum(sdkRounds);
                var ratios = fairRounds.Zip(sdkRounds, (f, s) => s.CpuMicrosPerCall / f.CpuMicrosPerCall).OrderBy(r => r).ToList();
                var median = ratios.Count % 2 == 1 ? ratios[ratios.Count / 2] : (ratios[ratios.Count / 2 - 1] + ratios[ratios.Count / 2]) / 2;
                table.AppendLine(Row(scenario, n, "fair", fair, null, null));
                table.AppendLine(Row(scenario, n, "SDK", sdk, fair, median));
                Console.Error.WriteLine($"{scenario} x{n}: fair {fair.CpuMicrosPerCall:F1} µs, SDK {sdk.CpuMicrosPerCall:F1} µs CPU/call; round ratios {string.Join(", ", ratios.Select(r => r.ToString("F2", CultureInfo.InvariantCulture)))}");
                if (types is not null)
                {
                    typeLists.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"Types allocated most, {scenario}, {n} callers (share of allocation ticks):").AppendLine();
                    foreach (var (side, sideTypes) in new[] { ("fair", fairRounds), ("SDK", sdkRounds) }.Select(x => (x.Item1, x.Item2.SelectMany(r => r.Types).GroupBy(t => t.Type).Select(g => (Type: g.Key, Share: g.Sum(t => t.Share) / rounds)).OrderByDescending(t => t.Share).Take(allocTypes))))
                    {
                        typeLists.AppendLine(CultureInfo.InvariantCulture, $"- {side}: {string.Join(", ", sideTypes.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Type} {t.Share:P1}")))}");
                    }
                }
            }
        }

        table.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"Load average after: {LoadAverage()}");
        Console.WriteLine(table.ToString());
        if (typeLists.Length > 0)
        {
            Console.WriteLine(typeLists.ToString());
        }

        return 0;
    }

    private static async Task<Result> MeasureAsync(BenchClients clients, string scenario, bool sdk, int callers, int calls, AllocationTypes? types)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        using var process = Process.GetCurrentProcess();
        var gen0 = GC.CollectionCount(0);
        var gen1 = GC.CollectionCount(1);
        var gen2 = GC.CollectionCount(2);
        var contentions = Monitor.LockContentionCount;
        var paused = GC.GetTotalPauseDuration();
        var lastYoung = GC.GetGCMemoryInfo(GCKind.Ephemeral).Index;
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        process.Refresh();
        var cpu = process.TotalProcessorTime;
        if (types is not null)
        {
            types.Recording = true;
        }

        var clock = Stopwatch.StartNew();

        await RunCallsAsync(clients, scenario, sdk, callers, calls).ConfigureAwait(false);

        clock.Stop();
        if (types is not null)
        {
            types.Recording = false;
        }

        process.Refresh();
        var cpuUsed = process.TotalProcessorTime - cpu;
        var allocatedUsed = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        var young = GC.GetGCMemoryInfo(GCKind.Ephemeral);
        long? promoted = young.Index > lastYoung ? young.PromotedBytes : null;
        return new Result(
            calls,
            clock.Elapsed,
            cpuUsed,
            allocatedUsed,
            GC.CollectionCount(0) - gen0,
            GC.CollectionCount(1) - gen1,
            GC.CollectionCount(2) - gen2,
            GC.GetTotalPauseDuration() - paused,
            promoted is { } p ? [p] : [],
            Monitor.LockContentionCount - contentions,
            types?.TakeTop(int.MaxValue) ?? []);
    }

    /// <summary><paramref name="callers"/> async loops take call numbers from one counter until <paramref name="calls"/> are made.</summary>
    private static Task RunCallsAsync(BenchClients clients, string scenario, bool sdk, int callers, int calls)
    {
        var next = 0;
        var loops = new Task[callers];
        for (var c = 0; c < callers; c++)
        {
            loops[c] = Task.Run(async () =>
            {
                while (Interlocked.Increment(ref next) <= calls)
                {
                    await clients.RunAsync(scenario, sdk).ConfigureAwait(false);
                }
            });
        }

        return Task.WhenAll(loops);
    }

    private static string Row(string scenario, int callers, string client, Result r, Result? fair, double? medianCpuRatio) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"| {scenario} | {callers} | {client} | {r.CallsPerSecond:N0} | {r.CpuMicrosPerCall:F2} | {r.BytesPerCall:N0} | {r.Gen0} | {r.Gen1} | {r.Gen2} | {r.GcPause.TotalMicroseconds / r.Calls:F2} | {(r.Promoted.Count == 0 ? "" : $"{r.Promoted.Average():N0}")} | {r.LockContentions} | {(medianCpuRatio is { } m ? $"{m:F2}×" : "")} | {(fair is null ? "" : $"{r.CpuMicrosPerCall / fair.CpuMicrosPerCall:F2}×")} | {(fair is null ? "" : $"{r.BytesPerCall / fair.BytesPerCall:F2}×")} |");

    private static string LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Trim();
        }
        catch (IOException)
        {
            return "n/a";
        }
        catch (UnauthorizedAccessException)
        {
            return "n/a";
        }
    }

    private sealed record Result(int Calls, TimeSpan Elapsed, TimeSpan Cpu, long Allocated, int Gen0, int Gen1, int Gen2, TimeSpan GcPause, IReadOnlyList<long> Promoted, long LockContentions, IReadOnlyList<(string Type, double Share)> Types)
    {
        public double CallsPerSecond => Calls / Elapsed.TotalSeconds;

        public double CpuMicrosPerCall => Cpu.TotalMicroseconds / Calls;

        public double BytesPerCall => (double)Allocated / Calls;

        public static Result Sum(IReadOnlyList<Result> rounds) => new(
            rounds.Sum(r => r.Calls),
            TimeSpan.FromTicks(rounds.Sum(r => r.Elapsed.Ticks)),
            TimeSpan.FromTicks(rounds.Sum(r => r.Cpu.Ticks)),
            rounds.Sum(r => r.Allocated),
            rounds.Sum(r => r.Gen0),
            rounds.Sum(r => r.Gen1),
            rounds.Sum(r => r.Gen2),
            TimeSpan.FromTicks(rounds.Sum(r => r.GcPause.Ticks)),
            rounds.SelectMany(r => r.Promoted).ToList(),
            rounds.Sum(r => r.LockContentions),
            []);
    }
}
