// A PortOne webhook receiver (V2 webhooks and V1 notifications) built on PortOne.Sdk.AspNetCore:
//
//   builder.Services.AddPortOneWebhooks(builder.Configuration.GetSection("PortOne")).AddHandler<PaymentWebhookHandler>();
//   app.MapPortOneWebhooks("/webhooks/portone");
//
// The endpoint reads the raw body once (64 KiB at most), verifies the signature, skips webhook ids it already
// handled, runs the handler and answers 200 only after the handler has finished: an error or a crash before then
// means PortOne delivers the webhook again, so nothing is acknowledged and then lost.
//
// Two ways to run it:
//  * No settings (dotnet run --project samples/PortOne.Sdk.Samples.WebhookReceiver): offline. An in-process
//    FakePortOne plays PortOne; the sample listens on a free loopback port, makes a few payments, delivers the
//    webhooks the fake recorded over real HTTP (one twice, one forged), prints what happened and exits.
//  * With settings, as environment variables (keep secrets out of appsettings.json): a long-lived receiver talking
//    to PortOne. PortOne__V2__ApiSecret and PortOne__V2__WebhookSecret (and optionally PortOne__V2__StoreId);
//    PortOne__V1__ApiKey and PortOne__V1__ApiSecret to receive V1 notifications too. Set ASPNETCORE_URLS for the
//    address. Several instances? Register a shared IDistributedCache (see README, "ASP.NET Core webhooks").

using PortOne.Sdk.Samples.WebhookReceiver;
using PortOne.Sdk.Testing;

var builder = WebApplication.CreateBuilder(args);
var offline = string.IsNullOrEmpty(builder.Configuration["PortOne:V2:ApiSecret"]);

await using var fake = offline ? new FakePortOne(DateTimeOffset.UtcNow) : null;
if (fake is not null)
{
    // The fake's credentials and webhook secret stand in for the console's; its clock starts now, so the webhooks it
    // signs are current for the receiver's real clock.
    builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["PortOne:V2:ApiSecret"] = fake.V2ApiSecret,
        ["PortOne:V2:WebhookSecret"] = fake.WebhookSecret,
        ["PortOne:V1:ApiKey"] = fake.V1ApiKey,
        ["PortOne:V1:ApiSecret"] = fake.V1ApiSecret,
    });
    builder.WebHost.UseUrls("http://127.0.0.1:0");
    // The run prints its own account; of the logs, keep what the webhook endpoint decided, one line each.
    builder.Logging.AddFilter("Microsoft", LogLevel.Warning).AddFilter("PortOne.Sdk.V1", LogLevel.Warning).AddFilter("PortOne.Sdk.V2", LogLevel.Warning);
    builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
}

var v2 = builder.Services.AddPortOneV2(builder.Configuration.GetSection("PortOne:V2"));
var withV1 = !string.IsNullOrEmpty(builder.Configuration["PortOne:V1:ApiKey"]);
var v1 = withV1 ? builder.Services.AddPortOneV1(builder.Configuration.GetSection("PortOne:V1")) : null;
if (fake is not null)
{
    v2.UseFakePortOne(fake);
    v1?.UseFakePortOne(fake);
}

var webhooks = builder.Services.AddPortOneWebhooks(builder.Configuration.GetSection("PortOne")).AddHandler<PaymentWebhookHandler>();
if (withV1)
{
    webhooks.AddV1Handler<V1PaymentNotificationHandler>();
}

builder.Services.AddSingleton<OrderBook>();

var app = builder.Build();
app.MapPortOneWebhooks("/webhooks/portone");
if (withV1)
{
    // Unsigned: anyone can post here. The endpoint trusts only the payment it looks up; rate-limit it in production.
    app.MapPortOneV1Notifications("/webhooks/iamport");
}

if (fake is null)
{
    await app.RunAsync();
    return 0;
}

await app.StartAsync();
var address = app.Urls.First();   // the port the system picked
var exitCode = await OfflineDemo.RunAsync(fake, app.Services, new Uri(address.TrimEnd('/') + "/"));
await app.StopAsync();
return exitCode;
