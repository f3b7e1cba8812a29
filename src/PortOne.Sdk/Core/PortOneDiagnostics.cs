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
    }
}
