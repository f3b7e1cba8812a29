using System.Diagnostics;
using PortOne.Sdk.Testing;
using PortOne.Sdk.V2;
using Xunit.Abstractions;

namespace PortOne.Sdk.Tests.Testing;

/// <summary>
/// Network faults injected by <see cref="FakePortOne"/> at the places a money call really fails, and the V2
/// charges settling them through the real client: never a double charge, never a charge the caller does not hear of.
/// </summary>
public sealed class FakeFaultTests : IAsyncDisposable
{
    private readonly FakePortOne _fake = new();
    private readonly ITestOutputHelper _output;

    public FakeFaultTests(ITestOutputHelper output)
    {
        _output = output;
    }

    public ValueTask DisposeAsync() => _fake.DisposeAsync();

    public static TheoryData<FakeFault, bool> Faults()
    {
        var data = new TheoryData<FakeFault, bool>();
        foreach (var fault in new[] { FakeFault.RequestLost, FakeFault.AnswerLost, FakeFault.Silence, FakeFault.ServerError, FakeFault.AnswerCut })
        {
            data.Add(fault, true);
            data.Add(fault, false);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task Each_fault_on_a_charge_ends_in_the_one_charge_the_fake_made(FakeFault fault, bool loopback)
    {
        if (loopback)
        {
            _fake.StartLoopbackServer();
        }

        var portone = _fake.CreateV2Client(o => o.AttemptTimeout = TimeSpan.FromSeconds(10));
        var billingKey = await IssueAsync(portone, FakePortOne.TestCards.Success);
        var plan = FakeFaultPlan.ForV2Charges().Then(fault);
        plan.SilenceFor = TimeSpan.FromSeconds(10);
        _fake.AddFaultPlan(plan);

        var paid = await portone.Payments.PayWithBillingKeyAsync("order-1", MoneyRequests.Charge(billingKey, 4900));

        var charge = Assert.Single(_fake.Charges);
        Assert.Equal(("order-1", "PAID", 4900L), (charge.PaymentId, charge.Status, charge.Amount));
        Assert.Equal(charge.PgTxId, paid.Payment.PgTxId);
        Assert.Equal(1, plan.Injected(fault));
    }

    [Fact]
    public async Task A_declined_charge_whose_answer_was_lost_is_reported_as_the_decline()
    {
        var portone = _fake.CreateV2Client();
        var billingKey = await IssueAsync(portone, FakePortOne.TestCards.DeclinedOnPayment);
        _fake.AddFaultPlan(FakeFaultPlan.ForV2Charges().Then(FakeFault.AnswerLost));

        var ex = await Assert.ThrowsAsync<PortOneApiException>(() => portone.Payments.PayWithBillingKeyAsync("order-1", MoneyRequests.Charge(billingKey, 4900)));

        Assert.Equal("F001", Assert.IsType<PgProviderError>(ex.Error).PgCode);
        Assert.Equal("FAILED", Assert.Single(_fake.Charges).Status);
    }

    [Fact]
    public async Task A_plan_selects_by_path_prefix_and_method_and_its_random_faults_repeat_with_the_seed()
    {
        static FakeFault[] Draw(int seed)
        {
            var plan = FakeFaultPlan.ForPathPrefix("/payments/", HttpMethod.Get).AtRandom(0.5, seed);
            using var get = new HttpRequestMessage(HttpMethod.Get, new Uri(FakePortOne.V2BaseAddress, "payments/x"));
            using var post = new HttpRequestMessage(HttpMethod.Post, new Uri(FakePortOne.V2BaseAddress, "payments/x/instant"));
            Assert.Equal(FakeFault.None, plan.Next(post));
            return Enumerable.Range(0, 200).Select(_ => plan.Next(get)).ToArray();
        }

        var first = Draw(7);
        Assert.Equal(first, Draw(7));
        Assert.InRange(first.Count(f => f != FakeFault.None), 60, 140);
        Assert.Equal(5, first.Where(f => f != FakeFault.None).Distinct().Count());
    }

    /// <summary>
    /// 10,000 V2 charges (billing key and instant, some on a card that is declined) through the real client over
    /// loopback HTTP, with faults at random (seeded) on the charges and on the lookups the SDK makes to settle them.
    /// A silence moves the fake's clock, so time-outs fire without real waiting. The fake's ledger is the truth.
    /// </summary>
    [Fact]
    public async Task Ten_thousand_charges_under_random_faults_are_never_doubled_and_never_unheard_of()
    {
        const int Calls = 10_000;
        var random = new Random(20251126);
        _fake.StartLoopbackServer();
        var portone = _fake.CreateV2Client(o =>
        {
            o.AttemptTimeout = TimeSpan.FromSeconds(10);
            o.Timeout = TimeSpan.FromSeconds(25);
        });
        var goodKey = await IssueAsync(portone, FakePortOne.TestCards.Success);
        var declinedKey = await IssueAsync(portone, FakePortOne.TestCards.DeclinedOnPayment);
        var charges = FakeFaultPlan.ForV2Charges().AtRandom(0.3, seed: 1);
        charges.SilenceFor = TimeSpan.FromSeconds(10);
        var lookups = FakeFaultPlan.ForV2PaymentLookups().AtRandom(0.15, seed: 2, FakeFault.AnswerLost, FakeFault.Silence, FakeFault.ServerError, FakeFault.AnswerCut);
        lookups.SilenceFor = TimeSpan.FromSeconds(10);
        _fake.AddFaultPlan(charges);
        _fake.AddFaultPlan(lookups);

        var returned = new Dictionary<string, string>();
        var declined = new HashSet<string>();
        var unknown = new List<string>();
        var amounts = new Dictionary<string, long>();
        var other = new List<string>();
        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < Calls; i++)
        {
            var id = "pay-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var amount = random.Next(1, 1000) * 100L;
            var decline = random.Next(20) == 0;
            amounts[id] = amount;
            try
            {
                var pgTxId = random.Next(2) == 0
                    ? (await portone.Payments.PayWithBillingKeyAsync(id, MoneyRequests.Charge(decline ? declinedKey : goodKey, amount))).Payment.PgTxId
                    : (await portone.Payments.PayInstantlyAsync(id, MoneyRequests.Instant(decline ? FakePortOne.TestCards.DeclinedOnPayment : FakePortOne.TestCards.Success, amount))).Payment.PgTxId;
                returned[id] = pgTxId;
            }
            catch (PortOneApiException ex) when (decline && ex.Error is PgProviderError)
            {
                declined.Add(id);
            }
            catch (PortOneOutcomeUnknownException ex)
            {
                Assert.Equal(id, ex.PaymentId);
                unknown.Add(id);
            }
            catch (Exception ex)
            {
                other.Add($"{id}: {ex.GetType().Name}: {ex.Message}");
            }
        }

        stopwatch.Stop();
        _fake.ClearFaultPlans();
        var ledger = _fake.Charges.GroupBy(c => c.PaymentId).ToDictionary(g => g.Key, g => g.ToList());

        Assert.Empty(other);
        Assert.Empty(ledger.Where(g => g.Value.Count(c => c.Status == "PAID") > 1).Select(g => g.Key));
        foreach (var (id, pgTxId) in returned)
        {
            var paid = Assert.Single(ledger[id], c => c.Status == "PAID");
            Assert.Equal((paid.PgTxId, paid.Amount), (pgTxId, amounts[id]));
        }

        foreach (var id in declined)
        {
            Assert.All(ledger[id], c => Assert.Equal("FAILED", c.Status));
        }

        var resolvedPaid = 0;
        var resolvedFailed = 0;
        var resolvedNothing = 0;
        foreach (var id in unknown)
        {
            Payment? payment = null;
            try
            {
                payment = await portone.Payments.GetAsync(id);
            }
            catch (PortOneApiException ex) when (ex.Error is PaymentNotFoundError)
            {
            }

            var paid = ledger.TryGetValue(id, out var entries) ? entries.SingleOrDefault(c => c.Status == "PAID") : null;
            switch (payment)
            {
                case PaidPayment p:
                    Assert.Equal(paid?.PgTxId, p.PgTxId);
                    resolvedPaid++;
                    break;
                case FailedPayment:
                    Assert.Null(paid);
                    resolvedFailed++;
                    break;
                case null:
                    Assert.False(ledger.ContainsKey(id));
                    resolvedNothing++;
                    break;
                default:
                    Assert.Fail($"{id} is {payment.Status} after the faults stopped.");
                    break;
            }
        }

        // Every call is accounted for, and the faults and outcomes each happened (the test exercises what it claims).
        Assert.Equal(Calls, returned.Count + declined.Count + unknown.Count);
        foreach (var fault in new[] { FakeFault.RequestLost, FakeFault.AnswerLost, FakeFault.Silence, FakeFault.ServerError, FakeFault.AnswerCut })
        {
            Assert.True(charges.Injected(fault) > 0, $"no {fault} on a charge");
        }

        Assert.NotEmpty(unknown);
        var fromLedger = _fake.Charges.Count;
        _output.WriteLine($"{Calls} calls in {stopwatch.Elapsed.TotalSeconds:0.0} s: returned {returned.Count}, declined {declined.Count}, outcome unknown {unknown.Count} (later: paid {resolvedPaid}, failed {resolvedFailed}, no payment {resolvedNothing}); {fromLedger} gateway charges, 0 doubled.");
        _output.WriteLine("charge faults: " + string.Join(", ", Enum.GetValues<FakeFault>().Skip(1).Select(f => $"{f} {charges.Injected(f)}")));
        _output.WriteLine("lookup faults: " + string.Join(", ", Enum.GetValues<FakeFault>().Skip(1).Select(f => $"{f} {lookups.Injected(f)}")));
        _output.WriteLine($"requests reaching the fake: {_fake.Counters["Requests"]}");
    }

    private static async Task<string> IssueAsync(PortOneV2Client portone, string number) =>
        (await portone.BillingKeys.IssueAsync(MoneyRequests.Card(number))).BillingKeyInfo.BillingKey;
}
