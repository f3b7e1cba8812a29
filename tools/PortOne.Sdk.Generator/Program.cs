using System;
using System.IO;
using System.Linq;

namespace PortOne.Sdk.Generator;

/// <summary>
/// Reads PortOne's V2 OpenAPI description and writes the SDK's V2 model types (objects, unions, extensible enums,
/// the error hierarchy, the serializer registrations, the operation descriptors and the area clients) into
/// <c>src/PortOne.Sdk/V2/Generated/</c>, the test table into the tests, and <c>docs/operations.md</c>.
/// </summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        if (args.Any(a => a is "-h" or "--help"))
        {
            Console.WriteLine("usage: dotnet run --project tools/PortOne.Sdk.Generator [-- <spec.json> [<output root>]]");
            Console.WriteLine("writes src/PortOne.Sdk/V2/Generated, tests/PortOne.Sdk.Tests/V2/Generated and docs/operations.md under the output root (default: the repository)");
            return 0;
        }

        var root = FindRepositoryRoot();
        var specPath = Path.GetFullPath(args.Length > 0 ? args[0] : FindDefaultSpec(root));
        var outputRoot = Path.GetFullPath(args.Length > 1 ? args[1] : root);
        if (!File.Exists(specPath))
        {
            Console.Error.WriteLine($"spec not found: {specPath}");
            return 2;
        }

        var table = OperationTable.Load(Path.Combine(root, "tools", "PortOne.Sdk.Generator", "operations.tsv"));
        var model = SpecModel.Load(specPath, table);
        var emitter = new Emitter(model);
        var sources = emitter.EmitAll();
        Write(Path.Combine(outputRoot, SourceDirectory), sources);
        Write(Path.Combine(outputRoot, TestDirectory), new() { ["V2OperationCases.cs"] = new TestEmitter(model, emitter).Emit() });
        Directory.CreateDirectory(Path.Combine(outputRoot, "docs"));
        File.WriteAllText(Path.Combine(outputRoot, "docs", "operations.md"), OperationsDoc.Emit(model));

        Console.WriteLine($"wrote {sources.Count} files ({model.Types.Count} types, {model.Errors.Count} error cases, {model.Operations.Count} operations) under {outputRoot}");
        return 0;
    }

    /// <summary>Where the library's generated code goes, relative to the repository root.</summary>
    public const string SourceDirectory = "src/PortOne.Sdk/V2/Generated";

    /// <summary>Where the generated test table goes.</summary>
    public const string TestDirectory = "tests/PortOne.Sdk.Tests/V2/Generated";

    private static void Write(string outputDir, System.Collections.Generic.SortedDictionary<string, string> files)
    {
        Directory.CreateDirectory(outputDir);
        foreach (var stale in Directory.GetFiles(outputDir, "*.cs", SearchOption.AllDirectories))
        {
            if (!files.ContainsKey(Path.GetRelativePath(outputDir, stale).Replace('\\', '/')))
            {
                File.Delete(stale);
            }
        }

        foreach (var (name, text) in files.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            var target = Path.Combine(outputDir, name);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllText(target, text);
        }
    }

    // ../shared/openapi/v2.openapi.json next to the repository; a git worktree one level deeper finds it further up.
    private static string FindDefaultSpec(string root)
    {
        var first = Path.Combine(root, "..", "shared", "openapi", "v2.openapi.json");
        for (var dir = new DirectoryInfo(root).Parent; dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "openapi", "v2.openapi.json");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return first;
    }

    private static string FindRepositoryRoot()
    {
        var dir = new DirectoryInfo(Directory.GetCurrentDirectory());
        while (dir is not null)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PortOne.Sdk.sln")))
            {
                return dir.FullName;
            }

            dir = dir.Parent;
        }

        throw new InvalidOperationException("Run the generator from inside the repository (no PortOne.Sdk.sln found above the current directory).");
    }
}
