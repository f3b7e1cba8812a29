// A webhook receiver for PortOne, V2 and V1, in the shape we recommend:
//  1. read the raw body once, as bytes;
//  2. verify it (V2) or parse it (V1, which is unsigned);
//  3. queue the payment id and answer 200 at once;
//  4. a background worker fetches the payment from the API and acts on what the API says.
// PortOne resends a webhook that is not answered quickly with a 2xx, so the slow part (the API call, your
// business logic) never runs inside the request.
//
// Settings, as environment variables (keep secrets out of appsettings.json); missing ones stop the start-up:
//   PortOne__V2__ApiSecret, PortOne__V2__WebhookSecret, PortOne__V1__ApiKey, PortOne__V1__ApiSecret,
//   and optionally PortOne__V2__StoreId.

using System.Threading.Channels;
using PortOne.Sdk.Samples.WebhookReceiver;
using PortOne.Sdk.V1;
using PortOne.Sdk.V2.Webhooks;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddPortOneV2(builder.Configuration.GetSection("PortOne:V2"));
builder.Services.AddPortOneV1(builder.Configuration.GetSection("PortOne:V1"));

// The verifier would refuse every webhook with BadSecret if the secret were wrong; fail at start-up when it is unset.
var webhookSecret = builder.Configuration["PortOne:V2:WebhookSecret"];
if (string.IsNullOrWhiteSpace(webhookSecret))
{
    throw new InvalidOperationException("Set PortOne:V2:WebhookSecret to the webhook secret from the PortOne console.");
}

builder.Services.AddSingleton(sp => new PortOneWebhookVerifier(webhookSecret, sp.GetService<TimeProvider>()));

// The queue between the endpoints and the worker. Bounded, so a flood of webhooks cannot exhaust memory: when it is
// full the endpoint answers 503 and PortOne delivers the webhook again later.
var queue = Channel.CreateBounded<PaymentCheck>(new BoundedChannelOptions(1_000) { SingleReader = true });
builder.Services.AddSingleton(queue.Reader);
builder.Services.AddSingleton(queue.Writer);
builder.Services.AddTransient<IPaymentConfirmer, PortOnePaymentConfirmer>();
builder.Services.AddHostedService<PaymentCheckWorker>();

var app = builder.Build();

app.MapPost("/webhooks/portone", async (
    HttpRequest request,
    PortOneWebhookVerifier verifier,
    ChannelWriter<PaymentCheck> checks,
    ILogger<Program> logger,
    CancellationToken cancellationToken) =>
{
    var body = await WebhookBody.ReadAsync(request, cancellationToken);
    if (body is null)
    {
        return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
    }

    Webhook webhook;
    try
    {
        webhook = verifier.Verify(body, request.Headers);
    }
    catch (PortOneWebhookVerificationException ex)
    {
        Log.WebhookRefused(logger, ex.Reason, ex.HeaderName);
        return Results.BadRequest();
    }

    switch (webhook)
    {
        case WebhookTransaction transaction:
            // Every payment event (paid, failed, cancelled, …) is handled the same way: fetch the payment and look.
            if (!checks.TryWrite(new PaymentCheck(PaymentApi.V2, transaction.PaymentId, transaction.Type)))
            {
                return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
            }

            break;
        case WebhookBillingKey billingKey:
            Log.BillingKeyEvent(logger, billingKey.Type, billingKey.BillingKey);
            break;
        case UnknownWebhook unknown:
            // A type this SDK version does not know: acknowledge it so it is not resent, keep it for a look.
            Log.UnknownWebhook(logger, unknown.Type, unknown.RawJson.GetRawText());
            break;
    }

    return Results.Ok();
});

// V1 (iamport) notifications carry no signature: anyone can post one. The body only says which payment to look
// at; the worker asks the API for the truth. Put this endpoint behind rate limiting in production.
app.MapPost("/webhooks/iamport", async (
    HttpRequest request,
    ChannelWriter<PaymentCheck> checks,
    ILogger<Program> logger,
    CancellationToken cancellationToken) =>
{
    var body = await WebhookBody.ReadAsync(request, cancellationToken);
    if (body is null)
    {
        return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
    }

    if (!V1Notification.TryParse(System.Text.Encoding.UTF8.GetString(body), request.ContentType, out var notification))
    {
        return Results.BadRequest();
    }

    Log.V1Notification(logger, notification.ImpUid, notification.Status);
    return checks.TryWrite(new PaymentCheck(PaymentApi.V1, notification.ImpUid, notification.Status, notification.MerchantUid))
        ? Results.Ok()
        : Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
});

app.Run();
