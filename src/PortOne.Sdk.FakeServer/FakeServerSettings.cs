using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace PortOne.Sdk.FakeServer;

/// <summary>
/// What the fake server is told at start-up. Each setting comes from a command-line option (<c>--port 8089</c>) or,
/// when the option is absent, from an environment variable (<c>PORTONE_FAKE_PORT=8089</c>); the option wins.
/// </summary>
public sealed class FakeServerSettings
{
    /// <summary>The options the server understands: option, environment variable, and what it sets.</summary>
    internal static readonly (string Option, string Variable, string Help)[] Known =
    [
        ("--port", "PORTONE_FAKE_PORT", "TCP port to listen on (0 picks a free one). Default 8089."),
        ("--host", "PORTONE_FAKE_HOST", "Address to listen on. Default 127.0.0.1; use 0.0.0.0 inside a container."),
        ("--v2-api-secret", "PORTONE_FAKE_V2_API_SECRET", "V2 API secret accepted. Default fake-v2-api-secret."),
        ("--v1-api-key", "PORTONE_FAKE_V1_API_KEY", "V1 REST API key accepted. Default fake-v1-key."),
        ("--v1-api-secret", "PORTONE_FAKE_V1_API_SECRET", "V1 REST API secret accepted. Default fake-v1-secret."),
        ("--store-id", "PORTONE_FAKE_STORE_ID", "V2 store id. Default store-fake."),
        ("--webhook-secret", "PORTONE_FAKE_WEBHOOK_SECRET", "whsec_ secret V2 webhooks are signed with. Default: a new random one, printed masked."),
        ("--webhook-url", "PORTONE_FAKE_WEBHOOK_URLS", "Where V2 webhooks are POSTed. Repeat the option, or separate URLs with ',' or ';' in the variable."),
        ("--v1-notification-url", "PORTONE_FAKE_V1_NOTIFICATION_URLS", "Where V1 (iamport) notifications are POSTed. Repeat the option, or separate URLs with ',' or ';' in the variable."),
        ("--kg-inicis-channel", "PORTONE_FAKE_KG_INICIS_CHANNELS", "A V2 channel key that follows KG Inicis's rules. Repeat the option, or separate keys with ',' or ';' in the variable."),
        ("--start", "PORTONE_FAKE_START", "Starting time of the fake clock (ISO 8601, e.g. 2025-01-01T00:00:00Z). Default 2025-01-01T00:00:00Z."),
    ];

    /// <summary>The TCP port to listen on; 0 lets the system pick a free one. Default 8089.</summary>
    public int Port { get; set; } = 8089;

    /// <summary>The address to listen on. Default <c>127.0.0.1</c> (this machine only).</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>The V2 API secret the fake accepts (<c>Authorization: PortOne &lt;secret&gt;</c>, or a login).</summary>
    public string V2ApiSecret { get; set; } = "fake-v2-api-secret";

    /// <summary>The V1 REST API key the fake accepts at <c>/users/getToken</c>.</summary>
    public string V1ApiKey { get; set; } = "fake-v1-key";

    /// <summary>The V1 REST API secret the fake accepts at <c>/users/getToken</c>.</summary>
    public string V1ApiSecret { get; set; } = "fake-v1-secret";

    /// <summary>The V2 store id the fake belongs to.</summary>
    public string StoreId { get; set; } = "store-fake";

    /// <summary>The <c>whsec_</c> secret V2 webhooks are signed with; null for a new random one.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>The URLs every V2 webhook is POSTed to; empty to only record them.</summary>
    public IList<Uri> WebhookUrls { get; } = new List<Uri>();

    /// <summary>
    /// The notice URLs every V1 (iamport) notification is POSTed to (<c>{imp_uid, merchant_uid, status}</c> as
    /// JSON, unsigned); empty to only record them. Retried like the V2 webhooks.
    /// </summary>
    public IList<Uri> V1NotificationUrls { get; } = new List<Uri>();

    /// <summary>The V2 channel keys whose requests follow KG Inicis's rules (see <c>FakePortOne.UseKgInicisRules</c>).</summary>
    public IList<string> KgInicisChannels { get; } = new List<string>();

    /// <summary>Where the fake clock starts.</summary>
    public DateTimeOffset Start { get; set; } = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// How long after each failed delivery attempt the next one is made, on the fake clock; after the last, the
    /// fake gives up. Default: 1 minute, 5 minutes, 30 minutes, 2 hours, 5 hours.
    /// </summary>
    public IList<TimeSpan> WebhookRetryDelays { get; } = new List<TimeSpan>
    {
        TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), TimeSpan.FromHours(5),
    };

    /// <summary>
    /// Reads the settings from command-line arguments, then the environment for whatever the arguments left out.
    /// </summary>
    /// <param name="args">e.g. <c>--port 8089 --webhook-url http://localhost:3000/webhooks</c>; <c>--name=value</c> works too.</param>
    /// <param name="environment">The environment variables (pass <see cref="Environment.GetEnvironmentVariables()"/>).</param>
    /// <returns>The settings.</returns>
    /// <exception cref="FormatException">An unknown option, a missing value, or a value that does not parse.</exception>
    public static FakeServerSettings Parse(IReadOnlyList<string> args, IDictionary environment)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(environment);
        var given = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string name;
            string value;
            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            if (arg.StartsWith("--", StringComparison.Ordinal) && equals > 0)
            {
                name = arg[..equals];
                value = arg[(equals + 1)..];
            }
            else
            {
                name = arg;
                if (i + 1 >= args.Count)
                {
                    throw new FormatException($"{arg} needs a value.");
                }

                value = args[++i];
            }

            if (Array.FindIndex(Known, k => k.Option == name) < 0)
            {
                throw new FormatException($"Unknown option {name}. Run with --help for the list.");
            }

            if (!given.TryGetValue(name, out var values))
            {
                given[name] = values = [];
            }

            values.Add(value);
        }

        var settings = new FakeServerSettings();
        foreach (var (option, variable, _) in Known)
        {
            List<string> values;
            if (given.TryGetValue(option, out var fromArgs))
            {
                values = fromArgs;
            }
            else if (environment[variable] is string fromEnvironment && fromEnvironment.Length > 0)
            {
                values = option is "--webhook-url" or "--v1-notification-url" or "--kg-inicis-channel"
                    ? [.. fromEnvironment.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)]
                    : [fromEnvironment];
            }
            else
            {
                continue;
            }

            settings.Apply(option, values);
        }

        return settings;
    }

    /// <summary>The settings as start-up lines, secrets masked (first 4 characters kept).</summary>
    /// <returns>One line per setting.</returns>
    public string Describe()
    {
        var text = new StringBuilder();
        text.Append("  port            ").Append(Port.ToString(CultureInfo.InvariantCulture)).AppendLine();
        text.Append("  host            ").AppendLine(Host);
        text.Append("  v2 api secret   ").AppendLine(Mask(V2ApiSecret));
        text.Append("  v1 api key      ").AppendLine(V1ApiKey);
        text.Append("  v1 api secret   ").AppendLine(Mask(V1ApiSecret));
        text.Append("  store id        ").AppendLine(StoreId);
        text.Append("  webhook secret  ").AppendLine(WebhookSecret is null ? "(random)" : Mask(WebhookSecret));
        text.Append("  webhook urls    ").AppendLine(WebhookUrls.Count == 0 ? "(none: webhooks are only recorded)" : string.Join(", ", WebhookUrls));
        text.Append("  v1 notice urls  ").AppendLine(V1NotificationUrls.Count == 0 ? "(none: V1 notifications are only recorded)" : string.Join(", ", V1NotificationUrls));
        text.Append("  kg inicis       ").AppendLine(KgInicisChannels.Count == 0 ? "(no channel)" : string.Join(", ", KgInicisChannels));
        text.Append("  clock starts    ").AppendLine(Start.ToString("O", CultureInfo.InvariantCulture));
        return text.ToString();
    }

    /// <summary>Hides all but the start of a secret: enough to tell two apart, not enough to use one.</summary>
    /// <param name="secret">The secret.</param>
    /// <returns>e.g. <c>fake…(18 chars)</c>; <c>whsec_</c> secrets keep their prefix plus 4 characters.</returns>
    public static string Mask(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var keep = secret.StartsWith("whsec_", StringComparison.Ordinal) ? 10 : 4;
        return secret.Length <= keep + 2
            ? new string('*', secret.Length)
            : string.Concat(secret.AsSpan(0, keep), "…(", secret.Length.ToString(CultureInfo.InvariantCulture), " chars)");
    }

    private void Apply(string option, List<string> values)
    {
        var last = values[^1];
        switch (option)
        {
            case "--port":
                if (!int.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
                {
                    throw new FormatException($"--port: '{last}' is not a port number (0 to 65535).");
                }

                Port = port;
                break;
            case "--host":
                Host = last;
                break;
            case "--v2-api-secret":
                V2ApiSecret = last;
                break;
            case "--v1-api-key":
                V1ApiKey = last;
                break;
            case "--v1-api-secret":
                V1ApiSecret = last;
                break;
            case "--store-id":
                StoreId = last;
                break;
            case "--webhook-secret":
                WebhookSecret = last;
                break;
            case "--webhook-url":
                AddUrls(option, values, WebhookUrls);
                break;
            case "--v1-notification-url":
                AddUrls(option, values, V1NotificationUrls);
                break;
            case "--kg-inicis-channel":
                foreach (var value in values)
                {
                    KgInicisChannels.Add(value);
                }

                break;
            case "--start":
                if (!DateTimeOffset.TryParse(last, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var start))
                {
                    throw new FormatException($"--start: '{last}' is not a date and time (e.g. 2025-01-01T00:00:00Z).");
                }

                Start = start;
                break;
        }
    }

    private static void AddUrls(string option, List<string> values, IList<Uri> urls)
    {
        foreach (var value in values)
        {
            if (!Uri.TryCreate(value, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            {
                throw new FormatException($"{option}: '{value}' is not an absolute http(s) URL.");
            }

            urls.Add(url);
        }
    }
}
