using System.Reflection;
using System.Runtime.Versioning;

namespace PortOne.Sdk.Tests;

/// <summary>Which build of the library the tests run against (the same sources also run against the netstandard2.0 build).</summary>
internal static class LibraryBuild
{
    public static readonly bool IsNetStandard =
        typeof(PortOneClientOptions).Assembly.GetCustomAttribute<TargetFrameworkAttribute>()?.FrameworkName.StartsWith(".NETStandard", StringComparison.Ordinal) == true;
}
