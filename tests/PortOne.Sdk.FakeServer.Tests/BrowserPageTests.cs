using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using PortOne.Sdk.Testing;
using PortOne.Sdk.V2;
using PortOne.Sdk.V2.Webhooks;
using Xunit.Abstractions;

namespace PortOne.Sdk.FakeServer.Tests;

/// <summary>
/// The fake server's page as a real browser renders it: headless Chromium dumps the DOM (and a screenshot) after a
/// flow through the SDK's clients, and again after the page's own "move the clock" form was posted. On a machine
/// without Chromium the test says so and passes; under CI (the CI variable set) it fails instead, since .ci/run
/// installs Chromium first.
/// </summary>
public sealed class BrowserPageTests
{
    private const string V2Secret = "browser-v2-secret";

    // Chromium starts in well under a second on an idle machine; CI shares two cores with other builds.
    private static readonly TimeSpan BrowserBudget = TimeSpan.FromSeconds(90);

    private readonly ITestOutputHelper _output;

    public BrowserPageTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public async Task Chromium_renders_the_flow_and_the_clock_form_moves_the_fake_clock()
    {
        var chromium = FindChromium();
        if (chromium is null)
        {
            const string Why = "Chromium (chromium or chromium-browser on PATH, or PORTONE_CHROMIUM) is not installed";
            Assert.False(Environment.GetEnvironmentVariable("CI") is { Length: > 0 }, Why + "; CI must install it (.ci/run does: apt-get install chromium).");
            _output.WriteLine("SKIPPED: " + Why + ". Install it (apt-get install chromium) to run this test.");
            return;
        }

        await using var receiver = await WebhookReceiver.StartAsync(500);
        await using var host = await FakePortOneHost.StartAsync(new FakeServerSettings
        {
            Port = 0,
            V2ApiSecret = V2Secret,
            WebhookSecret = PortOneWebhookSigner.GenerateSecret(),
            WebhookUrls = { receiver.Url },
        });
        var options = new PortOneV2Options { ApiSecret = V2Secret, StoreId = host.Settings.StoreId };
        host.Fake.ApplyTo(options);
        options.BaseAddress = host.V2Address;
        using var portone = new PortOneV2Client(options);
        using var http = new HttpClient { BaseAddress = host.Address };
        var start = host.Fake.Clock.GetUtcNow();

        var billingKey = (await portone.BillingKeys.IssueAsync(new IssueBillingKeyRequest
        {
            Method = InstantBillingKeyPaymentMethodInput.Card(new InstantBillingKeyPaymentMethodInputCard
            {
                Credential = new CardCredential { Number = FakePortOne.TestCards.Success, ExpiryYear = "30", ExpiryMonth = "12" },
            }),
        })).BillingKeyInfo.BillingKey;
        await portone.Payments.PayWithBillingKeyAsync("browser-order-1", Charge(billingKey, "Monthly plan (January)"));
        await portone.Payments.CancelAsync("browser-order-1", new CancelPaymentRequest { Amount = 1900, Reason = "Pro-rated refund" });
        await portone.Payments.PayWithBillingKeyAsync("browser-order-2", Charge(billingKey, "Add-on"));
        var timeToPay = host.Fake.Clock.GetUtcNow().AddDays(30);
        var schedule = await portone.PaymentSchedules.CreateAsync("browser-order-3", new CreatePaymentScheduleRequest
        {
            Payment = new BillingKeyPaymentScheduleInput { BillingKey = billingKey, OrderName = "Monthly plan (February)", Amount = new PaymentAmountInput { Total = 9900 }, Currency = Currency.Krw },
            TimeToPay = timeToPay,
        });

        // The first webhook is refused with 500; a minute on the fake clock makes its retry due, and it is accepted.
        await host.Deliveries.RunDueAsync();
        using (var minute = await http.PostAsync("/_fake/clock/advance?minutes=1", null))
        {
            Assert.Equal(HttpStatusCode.OK, minute.StatusCode);
        }

        Assert.Contains(receiver.Received, r => r.Answered == 500);
        Assert.All(host.Deliveries.All, d => Assert.True(d.Delivered, string.Join("; ", d.Attempts)));

        var outputDirectory = Path.Combine(AppContext.BaseDirectory, "browser");
        Directory.CreateDirectory(outputDirectory);
        var before = await RenderAsync(chromium, host.Address, Path.Combine(outputDirectory, "fake-server-page.png"));

        Assert.Equal(Time(start.AddMinutes(1)), Clock(before));
        Assert.Matches(Row("browser-order-1", "PARTIAL_CANCELLED"), before);
        Assert.Matches(Row("browser-order-2", "PAID"), before);
        Assert.Contains("Pro-rated refund", before, StringComparison.Ordinal);
        Assert.Contains("1,900 KRW", before, StringComparison.Ordinal);
        Assert.Contains(billingKey, before, StringComparison.Ordinal);
        Assert.Matches(Row(schedule.Schedule.Id, "browser-order-3", "SCHEDULED", Time(timeToPay), "in 30 days"), before);
        Assert.Contains($"#1 {Time(start)} → 500", before, StringComparison.Ordinal);
        Assert.Contains($"#2 {Time(start.AddMinutes(1))} → 200", before, StringComparison.Ordinal);
        Assert.Contains("Transaction.PartialCancelled", before, StringComparison.Ordinal);

        // What the page's own "move the clock" form would send: its action read from the DOM Chromium built.
        var step = Regex.Matches(before, "<form method=\"post\" action=\"(?<action>[^\"]+)\"><input type=\"hidden\" name=\"days\" value=\"(?<value>\\d+)\">")
            .FirstOrDefault(m => int.Parse(m.Groups["value"].Value, System.Globalization.CultureInfo.InvariantCulture) >= 30);
        Assert.True(step is not null, "the page has no form that moves the clock by 30 days or more");
        var days = int.Parse(step.Groups["value"].Value, System.Globalization.CultureInfo.InvariantCulture);
        using (var content = new FormUrlEncodedContent([new KeyValuePair<string, string>("days", step.Groups["value"].Value)]))
        using (var posted = await http.PostAsync(WebUtility.HtmlDecode(step.Groups["action"].Value), content))
        {
            Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        }

        var after = await RenderAsync(chromium, host.Address, Path.Combine(outputDirectory, "fake-server-page-after.png"));
        var now = start.AddMinutes(1).AddDays(days);
        Assert.Equal(Time(now), Clock(after));
        Assert.Matches(Row(schedule.Schedule.Id, "browser-order-3", "SUCCEEDED", Time(timeToPay), string.Empty, Time(now)), after);
        Assert.Matches(Row("browser-order-3", "PAID"), after);
        _output.WriteLine($"screenshots: {outputDirectory}");
    }

    private static BillingKeyPaymentRequest Charge(string billingKey, string orderName) => new()
    {
        BillingKey = billingKey,
        OrderName = orderName,
        Amount = new PaymentAmountInput { Total = 9900 },
        Currency = Currency.Krw,
    };

    // A time as the page shows it.
    private static string Time(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    // The text of the clock element as Chromium serialized it.
    private static string Clock(string dom) =>
        Regex.Match(dom, "<strong id=\"clock\">(?<now>[^<]*)</strong>") is { Success: true } m ? m.Groups["now"].Value : "(no clock on the page)";

    // A table row whose cells start with the given texts, in order.
    private static Regex Row(params string[] cells) =>
        new("<tr>" + string.Join(string.Empty, cells.Select(c => "<td>" + Regex.Escape(c) + "</td>")));

    /// <summary>Runs headless Chromium on the page twice (DOM, then screenshot), each bounded by <see cref="BrowserBudget"/>.</summary>
    private async Task<string> RenderAsync(string chromium, Uri page, string screenshot)
    {
        var dom = await RunChromiumAsync(chromium, ["--dump-dom", page.ToString()]);
        Assert.Contains("<title>Fake PortOne</title>", dom, StringComparison.Ordinal);
        await RunChromiumAsync(chromium, ["--screenshot=" + screenshot, "--window-size=1280,2000", page.ToString()]);
        Assert.True(new FileInfo(screenshot).Length > 0, $"Chromium wrote no screenshot to {screenshot}");
        return dom;
    }

    private async Task<string> RunChromiumAsync(string chromium, string[] arguments)
    {
        var profile = Directory.CreateTempSubdirectory("portone-chromium-");
        var start = new ProcessStartInfo(chromium)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + profile.FullName,
        }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{chromium} did not start");
        using var budget = new CancellationTokenSource(BrowserBudget);
        try
        {
            var stdout = process.StandardOutput.ReadToEndAsync(budget.Token);
            var stderr = process.StandardError.ReadToEndAsync(budget.Token);
            await process.WaitForExitAsync(budget.Token);
            var output = await stdout;
            var errors = await stderr;
            Assert.True(process.ExitCode == 0, $"chromium exited with {process.ExitCode}: {errors}");
            return output;
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested)
        {
            throw new TimeoutException($"chromium did not finish within {BrowserBudget.TotalSeconds:0} s ({string.Join(' ', arguments)})");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None);
            }

            try
            {
                profile.Delete(recursive: true);
            }
            catch (IOException exception)
            {
                _output.WriteLine($"could not remove {profile.FullName}: {exception.Message}");
            }
        }
    }

    private static string? FindChromium()
    {
        if (Environment.GetEnvironmentVariable("PORTONE_CHROMIUM") is { Length: > 0 } configured)
        {
            return File.Exists(configured) ? configured : null;
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(dir => new[] { Path.Combine(dir, "chromium"), Path.Combine(dir, "chromium-browser") })
            .FirstOrDefault(File.Exists);
    }
}
