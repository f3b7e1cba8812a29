using System;
using System.Threading.Tasks;
using PortOne.Sdk.FakeServer;

if (Array.Exists(args, a => a is "--help" or "-h" or "-?"))
{
    Console.WriteLine("portone-fake: a fake PortOne (V1 and V2 APIs on one port) for developing and testing backends.");
    Console.WriteLine();
    Console.WriteLine("Options (each also read from its environment variable when not given):");
    foreach (var (option, variable, help) in FakeServerSettings.Known)
    {
        Console.WriteLine($"  {option,-18} {variable,-30} {help}");
    }

    return 0;
}

FakeServerSettings settings;
try
{
    settings = FakeServerSettings.Parse(args, Environment.GetEnvironmentVariables());
}
catch (FormatException exception)
{
    await Console.Error.WriteLineAsync(exception.Message).ConfigureAwait(false);
    return 2;
}

var host = await FakePortOneHost.StartAsync(settings, Console.WriteLine).ConfigureAwait(false);
await using (host.ConfigureAwait(false))
{
    Console.WriteLine($"Fake PortOne listening on {host.Address}");
    Console.WriteLine($"  page            {host.Address}");
    Console.WriteLine($"  V1 base URL     {host.V1Address}  (or {host.Address} with a V1 token)");
    Console.WriteLine($"  V2 base URL     {host.V2Address}  (or {host.Address} with 'Authorization: PortOne <secret>')");
    Console.Write(settings.Describe());
    Console.WriteLine("Ctrl+C stops it.");
    await host.WaitForShutdownAsync().ConfigureAwait(false);
}

return 0;
