using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace PortOne.Sdk.Generator;

/// <summary>One line of <c>operations.tsv</c>: where an operation lives in the client, and whether it is retried.</summary>
internal sealed record OperationEntry(string OperationId, string Client, string Method, bool Retried, string Why, bool HandWritten)
{
    /// <summary><c>Platform.Partners</c> → <c>Partners</c>; the last segment of the client path.</summary>
    public string Group => Client[(Client.LastIndexOf('.') + 1)..];

    /// <summary>The descriptor's name, stable in logs and traces: <c>V2.Payments.Get</c>.</summary>
    public string DescriptorName
    {
        get
        {
            var verb = Method.EndsWith("Async", StringComparison.Ordinal) ? Method[..^5] : Method;
            if (verb.EndsWith("Page", StringComparison.Ordinal) && verb.StartsWith("List", StringComparison.Ordinal))
            {
                verb = verb[..^4];
            }

            return $"V2.{Client}.{verb}";
        }
    }

    /// <summary><c>Platform.Partners</c> → <c>PortOneV2PlatformPartnersClient</c>.</summary>
    public string ClientClass => ClassOf(Client);

    public static string ClassOf(string client) => "PortOneV2" + client.Replace(".", string.Empty, StringComparison.Ordinal) + "Client";
}

/// <summary>Reads <c>operations.tsv</c>, the one hand-kept table of the generator's input.</summary>
internal static class OperationTable
{
    public static IReadOnlyList<OperationEntry> Load(string path)
    {
        var entries = new List<OperationEntry>();
        foreach (var (line, number) in File.ReadAllLines(path).Select((l, i) => (l, i + 1)))
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var cells = line.Split('\t');
            if (cells.Length != 6 || cells[3] is not ("yes" or "no") || cells[5] is not ("generated" or "hand") || cells[4].Length == 0)
            {
                throw new InvalidOperationException($"{path}:{number}: expected operationId, client, method, yes|no, why, generated|hand");
            }

            entries.Add(new OperationEntry(cells[0], cells[1], cells[2], cells[3] == "yes", cells[4], cells[5] == "hand"));
        }

        var twice = entries.GroupBy(e => e.OperationId).Where(g => g.Count() > 1).Select(g => g.Key)
            .Concat(entries.GroupBy(e => e.Client + "." + e.Method).Where(g => g.Count() > 1).Select(g => g.Key))
            .ToList();
        if (twice.Count > 0)
        {
            throw new InvalidOperationException($"{path}: named twice: {string.Join(", ", twice)}");
        }

        return entries;
    }
}
