// A monthly subscription from start to finish, against the in-memory FakePortOne so it runs anywhere:
// register a card, charge the first month, schedule the next one, let a month pass, refund part of it.
//
//   dotnet run --project samples/PortOne.Sdk.Samples.Subscriptions -- v2    (or: v1)
//
// To run against PortOne's test environment instead, build the client from your own keys
// (new PortOneV2Client(new PortOneV2Options { ApiSecret = ..., StoreId = ... })) in place of fake.CreateV2Client(),
// and use real dates instead of the fake's clock.
using PortOne.Sdk;
using PortOne.Sdk.Samples.Subscriptions;
using PortOne.Sdk.Testing;

var which = args.FirstOrDefault() ?? "v2";
await using var fake = new FakePortOne();
try
{
    switch (which)
    {
        case "v2":
            await V2Subscription.RunAsync(fake.CreateV2Client(), fake.Clock);
            Console.WriteLine($"Webhooks PortOne would have sent: {string.Join(", ", fake.Webhooks.Select(w => w.Type))}");
            break;
        case "v1":
            await V1Subscription.RunAsync(fake.CreateV1Client(), fake.Clock);
            break;
        default:
            Console.Error.WriteLine($"Unknown sample '{which}'. Use: v2 or v1");
            return 2;
    }
}
catch (PortOneException ex)
{
    // The SDK's exceptions carry the status and the server's request id; never a secret or card data.
    Console.Error.WriteLine($"PortOne said no: {ex.Message} (status {ex.StatusCode}, request id {ex.RequestId})");
    return 1;
}

return 0;
