// A monthly subscription from start to finish, against the in-memory FakePortOne so it runs anywhere:
// register a card, charge the first month, schedule the next one, let a month pass, refund part of it.
//
//   dotnet run --project samples/PortOne.Sdk.Samples.Subscriptions -- v1
//
// To run against PortOne's test environment instead, build the client from your own keys
// (new PortOneV1Client(new PortOneV1Options { ApiKey = ..., ApiSecret = ... })) in place of fake.CreateV1Client().
using PortOne.Sdk;
using PortOne.Sdk.Samples.Subscriptions;
using PortOne.Sdk.Testing;

var which = args.FirstOrDefault() ?? "v1";
await using var fake = new FakePortOne();
try
{
    switch (which)
    {
        case "v1":
            await V1Subscription.RunAsync(fake.CreateV1Client(), fake.Clock);
            break;
        default:
            Console.Error.WriteLine($"Unknown sample '{which}'. Use: v1");
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
