using System.Diagnostics;
using System.Globalization;
using PortOne.Sdk.Testing;
using PortOne.Sdk.V1;
using PortOne.Sdk.V2;
using Xunit.Abstractions;
using V1Cancel = PortOne.Sdk.V1.CancelPaymentRequest;
using V2Cancel = PortOne.Sdk.V2.CancelPaymentRequest;

namespace PortOne.Sdk.Tests.Testing;

/// <summary>
/// Every money operation of both APIs, 10,000 calls through the real clients over loopback HTTP, with network faults
/// at random (seeded) on the money calls and on the lookups that settle them. A silence moves the fake's clock, so
/// time-outs fire without real waiting. The fake's ledgers of charges and refunds are the truth: nothing doubled,
/// every call either returned what the fake committed or threw <see cref="PortOneOutcomeUnknownException"/>, and a
/// lookup once the faults stop settles each of those.
/// </summary>
public sealed class MoneyChaosTests : IAsyncDisposable
{
    private const int Calls = 10_000;
    private const int RetryPool = 900;

    private static readonly string[] Operations =
    [
        "V2.PayWithBillingKey", "V2.PayInstantly", "V2.Cancel", "V2.CreateSchedule",
        "V1.Again", "V1.Onetime", "V1.Cancel", "V1.Schedule", "V1.RetrySchedule",
    ];

    private readonly FakePortOne _fake = new();
    private readonly ITestOutputHelper _output;

    public MoneyChaosTests(ITestOutputHelper output)
    {
        _output = output;
    }

    public ValueTask DisposeAsync() => _fake.DisposeAsync();

    private enum Outcome
    {
        Returned,
        Declined,
        Unknown,
        NotSent,
        Other,
    }

    [Fact]
    public async Task Ten_thousand_money_calls_of_both_APIs_under_random_faults_are_never_doubled_and_never_unheard_of()
    {
        var random = new Random(20251127);
        _fake.StartLoopbackServer();
        // Half the refunds give their balance; the other half have the SDK read it first.
        var v2 = _fake.CreateV2Client(o =>
        {
            o.FillCancellableAmount = true;
            o.AttemptTimeout = TimeSpan.FromSeconds(10);
            o.Timeout = TimeSpan.FromSeconds(25);
        });
        var v1 = _fake.CreateV1Client(o =>
        {
            o.FillCancellableAmount = true;
            o.AttemptTimeout = TimeSpan.FromSeconds(10);
            o.Timeout = TimeSpan.FromSeconds(25);
        });

        // Setup, without faults: billing keys, V1 customers, and failed V1 schedules to retry.
        var goodKey = (await v2.BillingKeys.IssueAsync(MoneyRequests.Card(FakePortOne.TestCards.Success))).BillingKeyInfo.BillingKey;
        var declinedKey = (await v2.BillingKeys.IssueAsync(MoneyRequests.Card(FakePortOne.TestCards.DeclinedOnPayment))).BillingKeyInfo.BillingKey;
        await v1.Customers.SaveAsync("cust-good", V1Customer(FakePortOne.TestCards.Success));
        await v1.Customers.SaveAsync("cust-declined", V1Customer(FakePortOne.TestCards.DeclinedOnPayment));
        await v1.Customers.SaveAsync("cust-flaky", V1Customer(FakePortOne.TestCards.DeclinedOnPayment));
        var retryPool = new Queue<string>();
        for (var batch = 0; batch < RetryPool / 100; batch++)
        {
            var items = Enumerable.Range(0, 100).Select(k => $"retry-{batch}-{k}").ToList();
            await v1.Subscriptions.ScheduleAsync(new ScheduleRequest
            {
                CustomerUid = "cust-flaky",
                Schedules = items.Select(m => new ScheduleItem { MerchantUid = m, ScheduleAt = _fake.Clock.GetUtcNow().AddHours(1), Amount = 5000m, Currency = "KRW", Name = "Retry me" }).ToList(),
            });
            items.ForEach(retryPool.Enqueue);
        }

        _fake.Clock.Advance(TimeSpan.FromHours(2));
        await v1.Customers.SaveAsync("cust-flaky", V1Customer(FakePortOne.TestCards.Success));
        var farAway = _fake.Clock.GetUtcNow().AddYears(10);

        var money = FakeFaultPlan.ForMoneyCalls().AtRandom(0.3, seed: 11);
        money.SilenceFor = TimeSpan.FromSeconds(10);
        var lookups = FakeFaultPlan.ForMoneyLookups().AtRandom(0.15, seed: 12);
        lookups.SilenceFor = TimeSpan.FromSeconds(10);
        _fake.AddFaultPlan(money);
        _fake.AddFaultPlan(lookups);

        var calls = new List<Call>(Calls);
        var v2Paid = new List<(string Id, long Balance)>();
        var v1Paid = new List<(string ImpUid, string MerchantUid, decimal Balance)>();
        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < Calls; i++)
        {
            var n = i.ToString(CultureInfo.InvariantCulture);
            var op = Operations[Pick(random.Next(100))];
            if ((op == "V2.Cancel" && v2Paid.Count == 0) || (op == "V1.Cancel" && v1Paid.Count == 0))
            {
                op = op.StartsWith("V2", StringComparison.Ordinal) ? "V2.PayWithBillingKey" : "V1.Again";
            }

            if (op == "V1.RetrySchedule" && retryPool.Count == 0)
            {
                op = "V1.Onetime";
            }

            var call = new Call(i, op);
            calls.Add(call);
            var amount = random.Next(10, 1000) * 100L;
            var decline = random.Next(20) == 0;
            try
            {
                switch (op)
                {
                    case "V2.PayWithBillingKey":
                    case "V2.PayInstantly":
                    {
                        call.Id = "v2-" + n;
                        call.Amount = amount;
                        call.Answer = op == "V2.PayInstantly"
                            ? (await v2.Payments.PayInstantlyAsync(call.Id, MoneyRequests.Instant(decline ? FakePortOne.TestCards.DeclinedOnPayment : FakePortOne.TestCards.Success, amount))).Payment.PgTxId
                            : (await v2.Payments.PayWithBillingKeyAsync(call.Id, MoneyRequests.Charge(decline ? declinedKey : goodKey, amount))).Payment.PgTxId;
                        call.Outcome = Outcome.Returned;
                        v2Paid.Add((call.Id, amount));
                        break;
                    }

                    case "V2.Cancel":
                    {
                        var slot = random.Next(v2Paid.Count);
                        var (id, balance) = v2Paid[slot];
                        v2Paid.RemoveAt(slot);
                        long? refund = random.Next(2) == 0 || balance < 200 ? null : Math.Max(100, balance / 100 * random.Next(1, 100));
                        call.Id = id;
                        call.Reason = "refund-" + n;
                        call.Amount = refund ?? balance;
                        var answer = await v2.Payments.CancelAsync(id, new V2Cancel
                        {
                            Reason = call.Reason,
                            Amount = refund,
                            CurrentCancellableAmount = random.Next(2) == 0 ? balance : null,
                        });
                        call.Answer = answer.Cancellation.Id;
                        call.Outcome = Outcome.Returned;
                        if (balance - call.Amount > 0)
                        {
                            v2Paid.Add((id, balance - call.Amount));
                        }

                        break;
                    }

                    case "V2.CreateSchedule":
                    {
                        call.Id = "v2s-" + n;
                        call.Amount = amount;
                        call.At = farAway.AddMinutes(i);
                        call.Answer = (await v2.PaymentSchedules.CreateAsync(call.Id, new CreatePaymentScheduleRequest
                        {
                            Payment = new BillingKeyPaymentScheduleInput { BillingKey = goodKey, OrderName = "Later", Amount = new PaymentAmountInput { Total = amount }, Currency = Currency.Krw },
                            TimeToPay = call.At.Value,
                        })).Schedule.Id;
                        call.Outcome = Outcome.Returned;
                        break;
                    }

                    case "V1.Again":
                    case "V1.Onetime":
                    case "V1.RetrySchedule":
                    {
                        V1Payment payment;
                        if (op == "V1.Again")
                        {
                            call.Id = "v1-" + n;
                            call.Amount = amount;
                            payment = await v1.Subscriptions.AgainAsync(new AgainPaymentRequest { CustomerUid = decline ? "cust-declined" : "cust-good", MerchantUid = call.Id, Amount = amount, Name = "Monthly" });
                        }
                        else if (op == "V1.Onetime")
                        {
                            call.Id = "v1o-" + n;
                            call.Amount = amount;
                            payment = await v1.Subscriptions.OnetimeAsync(new OnetimePaymentRequest
                            {
                                MerchantUid = call.Id,
                                Amount = amount,
                                Name = "Once",
                                Card = new V1Card { Number = decline ? FakePortOne.TestCards.DeclinedOnPayment : FakePortOne.TestCards.Success, Expiry = "2030-12", Birth = "900101", Password2Digits = "12" },
                            });
                        }
                        else
                        {
                            call.Id = retryPool.Dequeue();
                            call.Amount = 5000;
                            payment = await v1.Subscriptions.RetryScheduleAsync(call.Id);
                        }

                        Assert.Equal(call.Id, payment.MerchantUid);
                        call.Answer = payment.IsPaid ? payment.PgTid : null;
                        call.Outcome = payment.IsPaid ? Outcome.Returned : Outcome.Declined;
                        if (payment.IsPaid)
                        {
                            v1Paid.Add((payment.ImpUid, call.Id, payment.Amount));
                        }

                        break;
                    }

                    case "V1.Cancel":
                    {
                        var slot = random.Next(v1Paid.Count);
                        var (impUid, merchantUid, balance) = v1Paid[slot];
                        v1Paid.RemoveAt(slot);
                        var partial = random.Next(2) == 0 && balance >= 200;
                        var refund = partial ? Math.Max(100m, Math.Floor(balance / 100m) * random.Next(1, 100)) : balance;
                        var byImpUid = random.Next(10) < 7;
                        call.Id = merchantUid;
                        call.ImpUid = impUid;
                        call.Reason = "refund-" + n;
                        call.Amount = (long)refund;
                        var after = await v1.Payments.CancelAsync(new V1Cancel
                        {
                            ImpUid = byImpUid ? impUid : null,
                            MerchantUid = byImpUid ? null : merchantUid,
                            Amount = partial ? V1CancelAmount.Partial(refund) : V1CancelAmount.Full,
                            Checksum = random.Next(2) == 0 ? balance : null,
                            Reason = call.Reason,
                        });
                        Assert.Equal(balance - refund, after.Amount - after.CancelAmount);
                        call.Answer = after.CancelHistory?.LastOrDefault(c => c.Reason == call.Reason)?.CancellationId;
                        call.Outcome = Outcome.Returned;
                        if (balance - refund > 0)
                        {
                            v1Paid.Add((impUid, merchantUid, balance - refund));
                        }

                        break;
                    }

                    case "V1.Schedule":
                    {
                        call.Id = "v1s-" + n;
                        call.At = farAway.AddMinutes(i);
                        var count = random.Next(1, 3);
                        call.Items = Enumerable.Range(0, count).Select(k => $"{call.Id}-{k}").ToList();
                        call.Amount = amount;
                        var stored = await v1.Subscriptions.ScheduleAsync(new ScheduleRequest
                        {
                            CustomerUid = "cust-good",
                            Schedules = call.Items.Select(m => new ScheduleItem { MerchantUid = m, ScheduleAt = call.At.Value, Amount = amount, Currency = "KRW", Name = "Later" }).ToList(),
                        });
                        Assert.Equal(call.Items, stored.Select(s => s.MerchantUid));
                        call.Outcome = Outcome.Returned;
                        break;
                    }
                }
            }
            catch (PortOneApiException ex) when (decline && ex.Error is PgProviderError)
            {
                call.Outcome = Outcome.Declined;
            }
            catch (PortOneOutcomeUnknownException ex)
            {
                call.Outcome = Outcome.Unknown;
                call.Error = ex.PaymentId;
            }
            catch (PortOneException ex) when (op.EndsWith(".Cancel", StringComparison.Ordinal) && call.Reason is not null && IsPreReadFailure(ex))
            {
                // The SDK's read of the balance before the refund failed: nothing was sent.
                call.Outcome = Outcome.NotSent;
                call.Error = ex.GetType().Name;
            }
            catch (Exception ex)
            {
                call.Outcome = Outcome.Other;
                call.Error = $"{ex.GetType().Name}: {ex.Message}";
            }
        }

        stopwatch.Stop();
        _fake.ClearFaultPlans();

        // Nothing doubled.
        var charges = _fake.Charges;
        var refunds = _fake.Refunds;
        var doubledCharges = charges.GroupBy(c => (c.Api, c.PaymentId)).Count(g => g.Count(c => c.Status == "PAID") > 1);
        var doubledRefunds = refunds.GroupBy(r => r.Reason).Count(g => g.Count() > 1);
        Assert.Empty(calls.Where(c => c.Outcome == Outcome.Other).Select(c => $"{c.Index} {c.Operation} {c.Id}: {c.Error}"));
        Assert.Equal(0, doubledCharges);
        Assert.Equal(0, doubledRefunds);
        var paidBy = charges.Where(c => c.Status == "PAID").ToDictionary(c => (c.Api, c.PaymentId));
        var refundBy = refunds.ToDictionary(r => r.Reason!);
        foreach (var refunded in refunds.GroupBy(r => (r.Api, r.PaymentId)))
        {
            Assert.True(refunded.Sum(r => r.Amount) <= paidBy[refunded.Key].Amount, $"{refunded.Key} refunded more than was paid");
        }

        // Every call that returned, returned what the fake committed; every decline left no charge.
        foreach (var call in calls)
        {
            var api = call.Operation[..2];
            switch (call.Outcome, call.Operation)
            {
                case (Outcome.Returned, "V2.PayWithBillingKey" or "V2.PayInstantly" or "V1.Again" or "V1.Onetime" or "V1.RetrySchedule"):
                    var paid = paidBy[(api, call.Id!)];
                    Assert.Equal((call.Answer, call.Amount), (paid.PgTxId, paid.Amount));
                    break;
                case (Outcome.Declined, _):
                    Assert.False(paidBy.ContainsKey((api, call.Id!)), $"{call.Id} was reported declined but charged");
                    break;
                case (Outcome.Returned, "V2.Cancel" or "V1.Cancel"):
                    var refund = refundBy[call.Reason!];
                    Assert.Equal((call.Answer, call.Amount, call.Id), (refund.CancellationId, refund.Amount, refund.PaymentId));
                    break;
                case (Outcome.Returned, "V2.CreateSchedule"):
                    var schedule = await v2.PaymentSchedules.GetAsync(call.Answer!);
                    Assert.Equal((call.Id, call.Amount), (schedule.PaymentId, schedule.TotalAmount));
                    break;
                case (Outcome.Returned, "V1.Schedule"):
                    foreach (var m in call.Items!)
                    {
                        Assert.Equal(call.Amount, (long)(await v1.Subscriptions.GetScheduleAsync(m)).Amount);
                    }

                    break;
                case (Outcome.NotSent, _):
                    Assert.False(refundBy.ContainsKey(call.Reason!), $"{call.Reason} was not sent but refunded");
                    break;
            }
        }

        // A later lookup settles every unknown outcome, in agreement with the ledgers.
        var settledYes = 0;
        var settledNo = 0;
        foreach (var call in calls.Where(c => c.Outcome == Outcome.Unknown))
        {
            Assert.True(call.Error == call.ImpUid || call.Error!.Contains(call.Id!, StringComparison.Ordinal), $"{call.Error} does not name {call.Id}");
            var api = call.Operation[..2];
            bool happened;
            switch (call.Operation)
            {
                case "V2.PayWithBillingKey" or "V2.PayInstantly":
                    var payment = await TryAsync(() => v2.Payments.GetAsync(call.Id!));
                    happened = payment is PaidPayment;
                    Assert.Equal(paidBy.ContainsKey((api, call.Id!)), happened);
                    Assert.True(payment is null or PaidPayment or FailedPayment, $"{call.Id} is {payment?.Status}");
                    break;
                case "V2.Cancel":
                    var cancellations = (await v2.Payments.GetAsync(call.Id!)) switch
                    {
                        PartialCancelledPayment p => p.Cancellations,
                        CancelledPayment p => p.Cancellations,
                        PaidPayment p => p.Cancellations ?? [],
                        var other => throw new InvalidOperationException($"{call.Id} is {other.Status}"),
                    };
                    happened = cancellations.Count(c => c.Reason == call.Reason) == 1;
                    Assert.Equal(refundBy.ContainsKey(call.Reason!), happened);
                    break;
                case "V2.CreateSchedule":
                    var found = new List<PaymentSchedule>();
                    await foreach (var s in v2.PaymentSchedules.ListAsync(new PaymentScheduleFilterInput { BillingKey = goodKey, From = call.At, Until = call.At!.Value.AddSeconds(1) }))
                    {
                        found.Add(s);
                    }

                    Assert.True(found.Count(s => s.PaymentId == call.Id) <= 1);
                    happened = found.Any(s => s.PaymentId == call.Id);
                    break;
                case "V1.Again" or "V1.Onetime" or "V1.RetrySchedule":
                    var v1Payment = await TryAsync(() => v1.Payments.FindByMerchantUidAsync(call.Id!, V1PaymentStatus.Paid));
                    happened = v1Payment is not null;
                    Assert.Equal(paidBy.ContainsKey((api, call.Id!)), happened);
                    break;
                case "V1.Cancel":
                    var history = (await v1.Payments.GetAsync(call.ImpUid!)).CancelHistory ?? [];
                    happened = history.Count(c => c.Reason == call.Reason) == 1;
                    Assert.Equal(refundBy.ContainsKey(call.Reason!), happened);
                    break;
                default:
                    var stored = 0;
                    foreach (var m in call.Items!)
                    {
                        stored += await TryAsync(() => v1.Subscriptions.GetScheduleAsync(m)) is null ? 0 : 1;
                    }

                    happened = stored == call.Items!.Count;
                    Assert.True(stored == 0 || happened, $"{call.Id}: {stored} of {call.Items.Count} schedules stored");
                    break;
            }

            _ = happened ? settledYes++ : settledNo++;
        }

        Assert.Equal(Calls, calls.Count);
        foreach (var fault in new[] { FakeFault.RequestLost, FakeFault.AnswerLost, FakeFault.Silence, FakeFault.ServerError, FakeFault.AnswerCut })
        {
            Assert.True(money.Injected(fault) > 0, $"no {fault} on a money call");
        }

        foreach (var op in Operations)
        {
            Assert.True(calls.Count(c => c.Operation == op && c.Outcome == Outcome.Returned) > 0, $"{op} never returned");
        }

        var unknown = calls.Count(c => c.Outcome == Outcome.Unknown);
        Assert.True(unknown > 0, "no outcome was unknown: the faults did not test the give-up path");
        _output.WriteLine($"{Calls} money calls in {stopwatch.Elapsed.TotalSeconds:0.0} s over loopback HTTP; {_fake.Counters["Requests"]} requests reached the fake.");
        _output.WriteLine($"{"operation",-22}{"calls",7}{"returned",10}{"declined",10}{"unknown",9}{"not sent",10}");
        foreach (var op in Operations)
        {
            var of = calls.Where(c => c.Operation == op).ToList();
            _output.WriteLine($"{op,-22}{of.Count,7}{of.Count(c => c.Outcome == Outcome.Returned),10}{of.Count(c => c.Outcome == Outcome.Declined),10}{of.Count(c => c.Outcome == Outcome.Unknown),9}{of.Count(c => c.Outcome == Outcome.NotSent),10}");
        }

        _output.WriteLine($"outcome unknown: {unknown}; settled by a later lookup: {settledYes} had happened, {settledNo} had not.");
        _output.WriteLine($"ledger: {charges.Count(c => c.Status == "PAID")} paid and {charges.Count(c => c.Status == "FAILED")} declined charges, {refunds.Count} refunds; doubled charges {doubledCharges}, doubled refunds {doubledRefunds}; other exceptions 0.");
        _output.WriteLine("money-call faults: " + string.Join(", ", Enum.GetValues<FakeFault>().Skip(1).Select(f => $"{f} {money.Injected(f)}")));
        _output.WriteLine("lookup faults: " + string.Join(", ", Enum.GetValues<FakeFault>().Skip(1).Select(f => $"{f} {lookups.Injected(f)}")));
    }

    // Weights: V2 pay 14, instant 10, cancel 14, schedule 8; V1 again 14, onetime 10, cancel 14, schedule 8, retry 8.
    private static int Pick(int roll) => roll switch
    {
        < 14 => 0,
        < 24 => 1,
        < 38 => 2,
        < 46 => 3,
        < 60 => 4,
        < 70 => 5,
        < 84 => 6,
        < 92 => 7,
        _ => 8,
    };

    // A refund whose balance read (before anything is sent) failed; the resolver never throws these after sending.
    private static bool IsPreReadFailure(PortOneException exception) =>
        exception is PortOneTimeoutException or PortOneNetworkException or PortOneInvalidResponseException
        || (int?)exception.StatusCode >= 500;

    private static async Task<T?> TryAsync<T>(Func<Task<T>> lookUp)
        where T : class
    {
        try
        {
            return await lookUp();
        }
        catch (PortOneApiException ex) when (ex.Error is PaymentNotFoundError)
        {
            return null;
        }
        catch (PortOneV1ApiException ex) when (ex.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private static SaveCustomerRequest V1Customer(string number) => new()
    {
        Card = new V1Card { Number = number, Expiry = "2030-12", Birth = "900101", Password2Digits = "12" },
        ChannelKey = "channel-key-test",
    };

    private sealed class Call
    {
        public Call(int index, string operation)
        {
            Index = index;
            Operation = operation;
        }

        public int Index { get; }

        public string Operation { get; }

        public Outcome Outcome { get; set; } = Outcome.Other;

        public string? Id { get; set; }

        public string? ImpUid { get; set; }

        public string? Reason { get; set; }

        public long Amount { get; set; }

        public DateTimeOffset? At { get; set; }

        public List<string>? Items { get; set; }

        public string? Answer { get; set; }

        public string? Error { get; set; }
    }
}
