namespace PortOne.Sdk.Benchmarks;

/// <summary>
/// The canned answers, read once from <c>benchmarks/payloads/*.json</c> (copied next to the binaries), the same files
/// the JS benchmark reads, so every client decodes the same bytes.
/// </summary>
internal static class Payloads
{
    public static readonly byte[] V2PaidCardPayment = Load("v2-payment-paid-card.json");
    public static readonly byte[] V2PayWithBillingKey = Load("v2-pay-with-billing-key.json");
    public static readonly byte[] V2PaymentSchedulesPage = Load("v2-payment-schedules-page.json");
    public static readonly byte[] V2PaymentNotFound = Load("v2-error-payment-not-found.json");
    public static readonly byte[] V2Login = Load("v2-login.json");
    public static readonly byte[] V1Payment = Load("v1-payment.json");
    public static readonly byte[] V1Token = Load("v1-token.json");

    private static byte[] Load(string name)
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(typeof(Payloads).Assembly.Location), Environment.CurrentDirectory })
        {
            if (string.IsNullOrEmpty(start))
            {
                continue;
            }

            // Next to the binaries (the project copies them), else up the tree to benchmarks/payloads.
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                foreach (var candidate in new[] { Path.Combine(dir.FullName, "payloads", name), Path.Combine(dir.FullName, "benchmarks", "payloads", name) })
                {
                    if (File.Exists(candidate))
                    {
                        return File.ReadAllBytes(candidate);
                    }
                }
            }
        }

        throw new FileNotFoundException($"Canned payload {name} not found next to the binaries or under benchmarks/payloads.", name);
    }
}
