using System;
using System.IO;
using System.Linq;

namespace PortOne.Sdk.Generator;

/// <summary>
/// Reads PortOne's V2 OpenAPI description and writes the SDK's V2 model types (objects, unions, extensible enums,
/// the error hierarchy and the serializer registrations) into <c>src/PortOne.Sdk/V2/Models/</c>.
/// </summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        if (args.Any(a => a is "-h" or "--help"))
        {
            Console.WriteLine("usage: dotnet run --project tools/PortOne.Sdk.Generator [-- <spec.json> [<output dir>]]");
            Console.WriteLine("defaults: ../shared/openapi/v2.openapi.json and src/PortOne.Sdk/V2/Models, both relative to the repository root");
            return 0;
        }

        var root = FindRepositoryRoot();
        var specPath = Path.GetFullPath(args.Length > 0 ? args[0] : FindDefaultSpec(root));
        var outputDir = Path.GetFullPath(args.Length > 1 ? args[1] : Path.Combine(root, "src", "PortOne.Sdk", "V2", "Models"));
        if (!File.Exists(specPath))
        {
            Console.Error.WriteLine($"spec not found: {specPath}");
            return 2;
        }

        var model = SpecModel.Load(specPath, Selection.Operations, Selection.ErrorOnlyOperations);
        var files = new Emitter(model).EmitAll();

        Directory.CreateDirectory(outputDir);
        foreach (var stale in Directory.GetFiles(outputDir, "*.cs"))
        {
            if (!files.ContainsKey(Path.GetFileName(stale)))
            {
                File.Delete(stale);
            }
        }

        foreach (var (name, text) in files.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            File.WriteAllText(Path.Combine(outputDir, name), text);
        }

        Console.WriteLine($"wrote {files.Count} files ({model.Types.Count} types, {model.Errors.Count} error cases) to {outputDir}");
        return 0;
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
