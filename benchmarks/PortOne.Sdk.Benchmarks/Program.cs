using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/PortOne.Sdk.Benchmarks -- --filter '*'            (full runs)
// dotnet run -c Release --project benchmarks/PortOne.Sdk.Benchmarks -- --filter '*' --job short (quick look)
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
