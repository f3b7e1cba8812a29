using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace PortOne.Sdk.Generator;

/// <summary>Spec names → C# identifiers and readable English words.</summary>
internal static class Names
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const",
        "continue", "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern",
        "false", "finally", "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface",
        "internal", "is", "lock", "long", "namespace", "new", "null", "object", "operator", "out", "override",
        "params", "private", "protected", "public", "readonly", "ref", "return", "sbyte", "sealed", "short",
        "sizeof", "stackalloc", "static", "string", "struct", "switch", "this", "throw", "true", "try", "typeof",
        "uint", "ulong", "unchecked", "unsafe", "ushort", "using", "virtual", "void", "volatile", "while",
    };

    // Words written differently in prose than in identifiers.
    private static readonly Dictionary<string, string> Words = new(StringComparer.Ordinal)
    {
        ["id"] = "ID",
        ["ids"] = "IDs",
        ["pg"] = "PG",
        ["url"] = "URL",
        ["urls"] = "URLs",
        ["vat"] = "VAT",
        ["bin"] = "BIN",
        ["tx"] = "transaction",
        ["v1"] = "V1",
        ["v2"] = "V2",
        ["sdk"] = "SDK",
        ["api"] = "API",
        ["pc"] = "PC",
        ["ip"] = "IP",
        ["paypal"] = "PayPal",
    };

    /// <summary><c>orderName</c> → <c>OrderName</c>.</summary>
    public static string Pascal(string camel) => char.ToUpperInvariant(camel[0]) + camel[1..];

    /// <summary><c>orderName</c> → <c>orderName</c>, escaped when it is a keyword (<c>@fixed</c>).</summary>
    public static string Parameter(string camel)
    {
        var name = char.ToLowerInvariant(camel[0]) + camel[1..];
        return Keywords.Contains(name) ? "@" + name : name;
    }

    /// <summary><c>PARTIAL_CANCELLED</c> → <c>PartialCancelled</c>; a leading digit gets an underscore-free prefix.</summary>
    public static string FromScreaming(string value)
    {
        var builder = new StringBuilder();
        foreach (var part in value.Split(['_', '-', ' ', '.'], StringSplitOptions.RemoveEmptyEntries))
        {
            builder.Append(char.ToUpperInvariant(part[0]));
            builder.Append(part[1..].ToLowerInvariant());
        }

        var name = builder.ToString();
        return name.Length == 0 || char.IsDigit(name[0]) ? "Value" + name : name;
    }

    /// <summary>Splits a camel or Pascal name into words: <c>PgTxId</c> → <c>pg</c>, <c>tx</c>, <c>id</c>.</summary>
    public static IReadOnlyList<string> SplitWords(string name)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            var startsWord = char.IsUpper(c) && current.Length > 0
                && (!char.IsUpper(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1])));
            if (startsWord)
            {
                words.Add(current.ToString().ToLowerInvariant());
                current.Clear();
            }

            current.Append(c);
        }

        if (current.Length > 0)
        {
            words.Add(current.ToString().ToLowerInvariant());
        }

        return words;
    }

    /// <summary><c>pgTxId</c> → <c>PG transaction ID</c>.</summary>
    public static string Humanize(string name) =>
        string.Join(" ", SplitWords(name).Select(w => Words.TryGetValue(w, out var written) ? written : w))
            .Replace("port one", "PortOne", StringComparison.Ordinal);
}
