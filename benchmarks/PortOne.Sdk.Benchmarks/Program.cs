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

BenchmarkSwitcher.FromAssembly(typeof(LoadMode).Assembly).Run(args);
return 0;
