using System.Reflection;
using System.Text;
using PortOne.Sdk.V2;

namespace PortOne.Sdk.Tests;

/// <summary>
/// The library's public surface, listed in <c>api/PortOne.Sdk.txt</c> so that every public change shows up in
/// review. The suite runs against the net10.0 and the netstandard2.0 builds, so this also proves both expose
/// the same API. After an intended change, regenerate with <c>PORTONE_UPDATE_API=1 dotnet test</c>.
/// </summary>
public sealed class PublicApiTests
{
    [Fact]
    public void The_public_api_matches_the_committed_listing()
    {
        var listing = Describe(typeof(PortOneV2Client).Assembly);
        var path = Path.Combine(RepositoryRoot(), "api", "PortOne.Sdk.txt");
        if (Environment.GetEnvironmentVariable("PORTONE_UPDATE_API") == "1")
        {
            File.WriteAllText(path, listing);
        }

        Assert.True(File.Exists(path), $"No API listing at {path}; run the tests with PORTONE_UPDATE_API=1 to create it.");
        var committed = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal);
        var added = Lines(listing).Except(Lines(committed)).ToList();
        var removed = Lines(committed).Except(Lines(listing)).ToList();
        Assert.True(
            added.Count == 0 && removed.Count == 0,
            "The public API changed. If that is intended, run the tests with PORTONE_UPDATE_API=1 and commit api/PortOne.Sdk.txt.\n"
            + string.Join("\n", added.Select(l => "+ " + l).Concat(removed.Select(l => "- " + l)).Take(40)));
    }

    private static IEnumerable<string> Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PortOne.Sdk.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("PortOne.Sdk.sln not found above " + AppContext.BaseDirectory);
    }

    private static string Describe(Assembly assembly)
    {
        var lines = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var type in assembly.GetExportedTypes())
        {
            var typeName = Name(type);
            lines.Add($"{Kind(type)} {typeName}{Bases(type)}");
            const BindingFlags Flags = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            foreach (var member in type.GetMembers(Flags))
            {
                if (Describe(member) is { } text)
                {
                    lines.Add($"{typeName}::{text}");
                }
            }
        }

        var builder = new StringBuilder();
        foreach (var line in lines)
        {
            builder.Append(line).Append('\n');
        }

        return builder.ToString();
    }

    private static string? Describe(MemberInfo member) => member switch
    {
        ConstructorInfo c when Visible(c) => $"{(c.IsFamily ? "protected " : string.Empty)}ctor({Parameters(c)})",
        MethodInfo m when Visible(m) && !m.IsSpecialName => $"{Modifiers(m)}{Name(m.ReturnType)} {m.Name}{Generic(m)}({Parameters(m)})",
        PropertyInfo p when Accessors(p) is { Length: > 0 } accessors => $"{Name(p.PropertyType)} {p.Name} {{ {accessors} }}",
        FieldInfo f when f.IsPublic || f.IsFamily || f.IsFamilyOrAssembly => $"{(f.IsLiteral ? "const " : f.IsStatic ? "static " : string.Empty)}{Name(f.FieldType)} {f.Name}",
        EventInfo e when e.AddMethod is { } add && Visible(add) => $"event {Name(e.EventHandlerType!)} {e.Name}",
        _ => null,
    };

    private static bool Visible(MethodBase method) => method.IsPublic || method.IsFamily || method.IsFamilyOrAssembly;

    private static string Accessors(PropertyInfo property)
    {
        var parts = new List<string>();
        if (property.GetMethod is { } get && Visible(get))
        {
            parts.Add((get.IsFamily ? "protected " : string.Empty) + (get.IsAbstract ? "abstract " : get.IsVirtual && !get.IsFinal ? "virtual " : string.Empty) + "get;");
        }

        if (property.SetMethod is { } set && Visible(set))
        {
            var init = set.ReturnParameter.GetRequiredCustomModifiers().Any(m => m.Name == "IsExternalInit");
            parts.Add((set.IsFamily ? "protected " : string.Empty) + (init ? "init;" : "set;"));
        }

        return string.Join(" ", parts);
    }

    private static string Modifiers(MethodInfo method) =>
        (method.IsFamily ? "protected " : string.Empty)
        + (method.IsStatic ? "static " : string.Empty)
        + (method.IsAbstract ? "abstract " : method.IsVirtual && !method.IsFinal && method.GetBaseDefinition() == method ? "virtual " : method.GetBaseDefinition() != method ? "override " : string.Empty);

    private static string Generic(MethodInfo method) =>
        method.IsGenericMethodDefinition ? "<" + string.Join(", ", method.GetGenericArguments().Select(a => a.Name)) + ">" : string.Empty;

    private static string Parameters(MethodBase method) =>
        string.Join(", ", method.GetParameters().Select(p => $"{(p.IsOut ? "out " : p.ParameterType.IsByRef ? "ref " : string.Empty)}{Name(p.ParameterType)} {p.Name}{(p.HasDefaultValue ? " = " + (p.DefaultValue ?? "null") : string.Empty)}"));

    private static string Kind(Type type) =>
        type.IsInterface ? "interface"
        : type.IsEnum ? "enum"
        : type.IsValueType ? "struct"
        : typeof(Delegate).IsAssignableFrom(type) ? "delegate"
        : type.IsAbstract && type.IsSealed ? "static class"
        : type.IsAbstract ? "abstract class"
        : type.IsSealed ? "sealed class"
        : "class";

    private static string Bases(Type type)
    {
        var bases = new List<string>();
        if (type.BaseType is { } b && b != typeof(object) && b != typeof(ValueType) && b != typeof(Enum))
        {
            bases.Add(Name(b));
        }

        bases.AddRange(type.GetInterfaces().Where(i => i.IsPublic || i.IsNestedPublic).Select(Name).OrderBy(n => n, StringComparer.Ordinal));
        return bases.Count == 0 ? string.Empty : " : " + string.Join(", ", bases);
    }

    private static string Name(Type type)
    {
        if (type.IsGenericParameter)
        {
            return type.Name;
        }

        if (type.IsByRef)
        {
            return Name(type.GetElementType()!);
        }

        if (type.IsArray)
        {
            return Name(type.GetElementType()!) + "[]";
        }

        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return Name(underlying) + "?";
        }

        var name = type.IsNested ? Name(type.DeclaringType!) + "." + type.Name : (type.Namespace is { } ns ? ns + "." : string.Empty) + type.Name;
        if (type.IsGenericType)
        {
            name = name[..name.IndexOf('`', StringComparison.Ordinal)] + "<" + string.Join(", ", type.GetGenericArguments().Select(Name)) + ">";
        }

        return name;
    }
}
