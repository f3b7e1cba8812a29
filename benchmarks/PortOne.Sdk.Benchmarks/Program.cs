using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using PortOne.Sdk.Benchmarks;

// dotnet run -c Release --project benchmarks/PortOne.Sdk.Benchmarks -- --filter '*'                 (BenchmarkDotNet, full runs)
// dotnet run -c Release --project benchmarks/PortOne.Sdk.Benchmarks -- --filter '*V2GetPayment*' --job short   (a quick look)
// dotnet run -c Release --project benchmarks/PortOne.Sdk.Benchmarks -- load --callers 1,64 --calls 200000 --scenario all
//                                                                             (concurrency and GC: plain Stopwatch loops)
if (args.Length > 0 && args[0] == "load")
{
    return await LoadMode.RunAsync(args[1..]).ConfigureAwait(false);
}

// BenchmarkDotNet rebuilds the project (and the library) into its own folder before running; on a busy machine that
// takes longer than its default two minutes, so allow ten. `--inProcess` skips that build altogether.
BenchmarkSwitcher.FromAssembly(typeof(LoadMode).Assembly).Run(args, ManualConfig.Create(DefaultConfig.Instance).WithBuildTimeout(TimeSpan.FromMinutes(10)));
return 0;
