using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net.Http;
using System.Reflection;

namespace PortOne.Sdk;

/// <summary>Names for tracing and a few helpers shared by the handlers.</summary>
public static class PortOneDiagnostics
{
    /// <summary>The <see cref="ActivitySource"/> name to subscribe to (e.g. <c>AddSource("PortOne.Sdk")</c> in OpenTelemetry).</summary>
    public const string ActivitySourceName = "PortOne.Sdk";

    internal static readonly string Version = typeof(PortOneDiagnostics).Assembly
        .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    internal static readonly ActivitySource Source = new(ActivitySourceName, Version);

    private static readonly string[] RequestIdHeaders = ["x-request-id", "x-portone-request-id", "x-amzn-requestid", "x-amz-cf-id"];

    internal static string? FindRequestId(HttpResponseMessage response)
    {
#if NET6_0_OR_GREATER
        // One pass over the headers as received, without parsing any: four lookups by name would each parse the
        // name into a descriptor first, and this runs on every answer.
        string? best = null;
        var bestRank = RequestIdHeaders.Length;
        foreach (var header in response.Headers.NonValidated)
        {
            var rank = 0;
            while (rank < bestRank && !string.Equals(RequestIdHeaders[rank], header.Key, StringComparison.OrdinalIgnoreCase))
            {
                rank++;
            }

            if (rank >= bestRank)
            {
                continue;
            }

            foreach (var value in header.Value)
            {
                if (!string.IsNullOrEmpty(value))
                {
                    best = value;
                    bestRank = rank;
                    break;
                }
            }
        }

        return best;
#else
        foreach (var header in RequestIdHeaders)
        {
            if (response.Headers.TryGetValues(header, out IEnumerable<string>? values))
            {
                var value = values.FirstOrDefault();
                if (!string.IsNullOrEmpty(value))
                {
                    return value;
                }
            }
        }

        return null;
#endif
    }
}
