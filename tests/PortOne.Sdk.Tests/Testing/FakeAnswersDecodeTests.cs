using Microsoft.Extensions.Time.Testing;
using PortOne.Sdk.Testing;
using PortOne.Sdk.V1;
using PortOne.Sdk.V2;
using PortOne.Sdk.V2.Webhooks;
using V1CancelPaymentRequest = PortOne.Sdk.V1.CancelPaymentRequest;
using V2CancelPaymentRequest = PortOne.Sdk.V2.CancelPaymentRequest;

namespace PortOne.Sdk.Tests.Testing;

/// <summary>
/// Issue 11: every answer the fake gives decodes through the real clients into the operation's model without a
/// field dropped, a required field missing, an unknown union case or an unnamed enum value; so do the webhooks
/// it records. The flow must reach every operation the fake emulates, so an answer added to the fake later is
/// checked here too (or this test names the operation the flow does not reach yet).
/// </summary>
public sealed class FakeAnswersDecodeTests
{
    private static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Every_answer_of_a_broad_flow_decodes_without_loss_and_every_emulated_operation_is_reached(bool loopback)
    {
        await using var fake = new FakePortOne(Start);
        if (loopback)
        {
            // The same answers over real HTTP: what the loopback server writes must decode the same way.
            fake.StartLoopbackServer();
        }

        using var probe = new FakeAnswerProbe(fake);

        await RunV2FlowAsync(probe);
        await RunV1FlowAsync(probe);

        Assert.True(probe.Problems.Count == 0, "answers that do not decode exactly:\n" + string.Join("\n", probe.Problems));
        var differs = probe.Logs.GetSnapshot().Where(r => r.Id.Id == 7).Select(r => r.Message).ToList();
        Assert.True(differs.Count == 0, "the clients logged PortOneAnswerDiffersFromSpec:\n" + string.Join("\n", differs));

        var answers = probe.Answers;
        Assert.DoesNotContain(answers, a => a.Operation == "(untagged)");
        var reachedV2 = answers.Where(a => a.IsSuccess).Select(a => a.Operation).ToHashSet(StringComparer.Ordinal);
        var missedV2 = (await FakeEmulation.V2OperationsAsync()).Where(o => !reachedV2.Contains(o)).ToList();
        Assert.True(missedV2.Count == 0, "the fake emulates V2 operations the flow never got a success answer from: " + string.Join(", ", missedV2));
        var reachedV1 = answers.Where(a => a.IsSuccess && a.Operation.StartsWith("V1.", StringComparison.Ordinal))
            .Select(a => FakeEmulation.Key(a.Method, a.PathTemplate)).ToHashSet(StringComparer.Ordinal);
        var missedV1 = (await FakeEmulation.V1OperationsAsync()).Where(o => !reachedV1.Contains(o)).ToList();
        Assert.True(missedV1.Count == 0, "the fake emulates V1 operations the flow never got a success answer from: " + string.Join(", ", missedV1));

        var webhookProblems = CheckWebhooks(fake);
        Assert.True(webhookProblems.Count == 0, "webhooks that do not decode exactly:\n" + string.Join("\n", webhookProblems));
        Assert.Contains(fake.Webhooks, w => w.Type == "Transaction.PartialCancelled");
        Assert.Contains(fake.Webhooks, w => w.Type == "BillingKey.Deleted");
    }

    /// <summary>Checks every webhook the fake recorded: verified with its own secret at its own time, then decoded.</summary>
    internal static List<string> CheckWebhooks(FakePortOne fake)
    {
        var problems = new List<string>();
        foreach (var webhook in fake.Webhooks)
        {
            var verifier = new PortOneWebhookVerifier(fake.WebhookSecret, new FakeTimeProvider(webhook.Timestamp));
            var decoded = verifier.Verify(webhook.Body, webhook.Headers.Id, webhook.Headers.Timestamp, webhook.Headers.Signature);
            if (decoded is IPortOneUnknownCase)
            {
                problems.Add($"{webhook}: decoded as an unknown webhook");
            }

            problems.AddRange(AnswerChecker.Check(typeof(Webhook), webhook.Body).Select(p => $"{webhook}: {p}"));
        }

        return problems;
    }

    private static IssueBillingKeyRequest Card(string number) => new()
    {
        Method = InstantBillingKeyPaymentMethodInput.Card(new InstantBillingKeyPaymentMethodInputCard
        {
            Credential = new CardCredential { Number = number, ExpiryYear = "30", ExpiryMonth = "12" },
        }),
        Customer = new CustomerInput { Id = "customer-1", Email = "buyer@example.com", Name = CustomerNameInput.Full("Hong Gildong") },
        CustomData = "{\"plan\":\"monthly\"}",
    };

    private static BillingKeyPaymentRequest Charge(string billingKey, long amount) => new()
    {
        BillingKey = billingKey,
        OrderName = "Monthly plan",
        Amount = new PaymentAmountInput { Total = amount, TaxFree = 100 },
        Currency = Currency.Krw,
        CustomData = "{\"cycle\":1}",
    };

    private static async Task RunV2FlowAsync(FakeAnswerProbe probe)
    {
        var fake = probe.Fake;
        var issued = await probe.V2Async(c => c.BillingKeys.IssueAsync(Card(FakePortOne.TestCards.Success)));
        var key = issued.BillingKeyInfo.BillingKey;
        var spare = (await probe.V2Async(c => c.BillingKeys.IssueAsync(Card(FakePortOne.TestCards.Success)))).BillingKeyInfo.BillingKey;
        var declining = (await probe.V2Async(c => c.BillingKeys.IssueAsync(Card(FakePortOne.TestCards.DeclinedOnPayment)))).BillingKeyInfo.BillingKey;
        await probe.V2RefusedAsync(c => c.BillingKeys.IssueAsync(Card(FakePortOne.TestCards.DeclinedOnIssue)));

        Assert.IsType<IssuedBillingKeyInfo>(await probe.V2Async(c => c.BillingKeys.GetAsync(key)));
        await probe.V2Async(c => c.BillingKeys.ListPageAsync(new GetBillingKeyInfosRequest { Page = new PageInput { Number = 0, Size = 2 } }));

        await probe.V2Async(c => c.Payments.PayWithBillingKeyAsync("order-key", Charge(key, 10000)));
        await probe.V2Async(c => c.Payments.PayInstantlyAsync("order-instant", new InstantPaymentRequest
        {
            Method = InstantPaymentMethodInput.Card(new InstantPaymentMethodInputCard
            {
                Credential = new CardCredential { Number = FakePortOne.TestCards.Success, ExpiryYear = "30", ExpiryMonth = "12" },
            }),
            OrderName = "One-off",
            Amount = new PaymentAmountInput { Total = 5000 },
            Currency = Currency.Krw,
            Customer = new CustomerInput { Id = "customer-2", PhoneNumber = "01000000000" },
        }));
        await probe.V2RefusedAsync(c => c.Payments.PayWithBillingKeyAsync("order-declined", Charge(declining, 1000)));
        Assert.IsType<FailedPayment>(await probe.V2Async(c => c.Payments.GetAsync("order-declined")));
        Assert.IsType<PaidPayment>(await probe.V2Async(c => c.Payments.GetAsync("order-key")));
        await probe.V2RefusedAsync(c => c.Payments.GetAsync("no-such-payment"));

        await probe.V2Async(c => c.Payments.CancelAsync("order-key", new V2CancelPaymentRequest { Amount = 3000, TaxFreeAmount = 100, Reason = "partial", CurrentCancellableAmount = 10000 }));
        await probe.V2Async(c => c.Payments.CancelAsync("order-instant", new V2CancelPaymentRequest { Reason = "full" }));
        Assert.IsType<PartialCancelledPayment>(await probe.V2Async(c => c.Payments.GetAsync("order-key")));
        Assert.IsType<CancelledPayment>(await probe.V2Async(c => c.Payments.GetAsync("order-instant")));
        await probe.V2Async(c => c.Payments.ListPageAsync(new GetPaymentsRequest { Page = new PageInput { Number = 0, Size = 10 } }));

        var due = fake.Clock.GetUtcNow().AddDays(30);
        var first = await probe.V2Async(c => c.PaymentSchedules.CreateAsync("order-scheduled-1", new CreatePaymentScheduleRequest
        {
            Payment = new BillingKeyPaymentScheduleInput
            {
                BillingKey = key,
                OrderName = "Next month",
                Amount = new PaymentAmountInput { Total = 9900, TaxFree = 900 },
                Currency = Currency.Krw,
                Customer = new CustomerInput { Id = "customer-1" },
                CustomData = "{\"cycle\":2}",
            },
            TimeToPay = due,
        }));
        var second = await probe.V2Async(c => c.PaymentSchedules.CreateAsync("order-scheduled-2", new CreatePaymentScheduleRequest
        {
            Payment = new BillingKeyPaymentScheduleInput { BillingKey = key, OrderName = "Month after", Amount = new PaymentAmountInput { Total = 9900 }, Currency = Currency.Krw },
            TimeToPay = due.AddDays(30),
        }));
        Assert.IsType<ScheduledPaymentSchedule>(await probe.V2Async(c => c.PaymentSchedules.GetAsync(first.Schedule.Id)));
        await probe.V2Async(c => c.PaymentSchedules.ListPageAsync(new GetPaymentSchedulesRequest { Filter = new PaymentScheduleFilterInput { BillingKey = key } }));

        // The access token lives 30 minutes: past that the client renews it with the refresh token (a day long),
        // so the refresh answer is checked too. Then a month passes, the first schedule runs, and the client,
        // whose refresh token has expired as well, logs in again.
        fake.Clock.Advance(TimeSpan.FromMinutes(31));
        Assert.IsType<ScheduledPaymentSchedule>(await probe.V2Async(c => c.PaymentSchedules.GetAsync(second.Schedule.Id)));
        fake.Clock.Advance(TimeSpan.FromDays(31));
        Assert.IsType<SucceededPaymentSchedule>(await probe.V2Async(c => c.PaymentSchedules.GetAsync(first.Schedule.Id)));
        Assert.IsType<PaidPayment>(await probe.V2Async(c => c.Payments.GetAsync("order-scheduled-1")));

        await probe.V2Async(c => c.PaymentSchedules.RevokeAsync(new RevokePaymentSchedulesRequest { ScheduleIds = [second.Schedule.Id] }));
        Assert.IsType<RevokedPaymentSchedule>(await probe.V2Async(c => c.PaymentSchedules.GetAsync(second.Schedule.Id)));
        await probe.V2Async(c => c.PaymentSchedules.ListPageAsync(new GetPaymentSchedulesRequest()));

        await probe.V2Async(c => c.BillingKeys.DeleteAsync(spare));
        Assert.IsType<DeletedBillingKeyInfo>(await probe.V2Async(c => c.BillingKeys.GetAsync(spare)));
        await probe.V2Async(c => c.BillingKeys.ListPageAsync(new GetBillingKeyInfosRequest()));
        await probe.V2Async(c => c.Payments.ListPageAsync(new GetPaymentsRequest()));
        await RunV2VirtualAccountAndConfirmFlowAsync(probe);
    }

    // Virtual accounts (issued, paid, closed) and the flows that finish what a browser began (pre-register and
    // confirm a payment, confirm a billing key, confirm a billing key with its first payment).
    private static async Task RunV2VirtualAccountAndConfirmFlowAsync(FakeAnswerProbe probe)
    {
        var fake = probe.Fake;
        InstantPaymentRequest Account(long total) => new()
        {
            Method = InstantPaymentMethodInput.VirtualAccount(new InstantPaymentMethodInputVirtualAccount
            {
                Bank = Bank.Shinhan,
                Expiry = InstantPaymentMethodInputVirtualAccountExpiry.ValidHours(24),
                Option = new InstantPaymentMethodInputVirtualAccountOption { Type = InstantPaymentMethodInputVirtualAccountOptionType.Normal },
                RemitteeName = "Test shop",
            }),
            OrderName = "Deposit",
            Amount = new PaymentAmountInput { Total = total },
            Currency = Currency.Krw,
            Customer = new CustomerInput { Name = CustomerNameInput.Full("Hong Gildong"), Email = "buyer@example.com", PhoneNumber = "01000000000" },
        };
        await probe.V2Async(c => c.Payments.PayInstantlyAsync("order-account-paid", Account(7000)));
        Assert.IsType<VirtualAccountIssuedPayment>(await probe.V2Async(c => c.Payments.GetAsync("order-account-paid")));
        fake.DepositToVirtualAccount("order-account-paid");
        Assert.IsType<PaidPayment>(await probe.V2Async(c => c.Payments.GetAsync("order-account-paid")));
        await probe.V2Async(c => c.Payments.PayInstantlyAsync("order-account-closed", Account(3000)));
        await probe.V2Async(c => c.Payments.CloseVirtualAccountAsync("order-account-closed"));
        Assert.IsType<CancelledPayment>(await probe.V2Async(c => c.Payments.GetAsync("order-account-closed")));

        await probe.V2Async(c => c.Payments.PreRegisterAsync("order-checkout", new PreRegisterPaymentRequest { TotalAmount = 5000, Currency = Currency.Krw }));
        var checkout = fake.AuthorizeCheckout("order-checkout", 5000);
        await probe.V2Async(c => c.Payments.ConfirmAsync("order-checkout", new ConfirmPaymentRequest { PaymentToken = checkout, TotalAmount = 5000, Currency = Currency.Krw }));
        Assert.IsType<PaidPayment>(await probe.V2Async(c => c.Payments.GetAsync("order-checkout")));
        var issue = fake.AuthorizeBillingKeyIssue();
        await probe.V2Async(c => c.BillingKeys.ConfirmAsync(new ConfirmBillingKeyRequest { BillingIssueToken = issue }));
        var issueAndPay = fake.AuthorizeBillingKeyIssueAndPay("order-issue-and-pay", 9900);
        await probe.V2Async(c => c.BillingKeys.ConfirmIssueAndPayAsync(new ConfirmBillingKeyIssueAndPayRequest
        {
            BillingIssueToken = issueAndPay,
            PaymentId = "order-issue-and-pay",
            TotalAmount = 9900,
            Currency = Currency.Krw,
        }));
        Assert.IsType<PaidPayment>(await probe.V2Async(c => c.Payments.GetAsync("order-issue-and-pay")));
    }

    private static async Task RunV1FlowAsync(FakeAnswerProbe probe)
    {
        var fake = probe.Fake;
        var card = new V1Card { Number = FakePortOne.TestCards.Success, Expiry = "2030-12", Birth = "900101", Password2Digits = "12" };
        await probe.V1Async(c => c.Auth.GetTokenAsync());
        await probe.V1Async(c => c.Customers.SaveAsync("v1-customer", new SaveCustomerRequest { Card = card, CustomerName = "Hong Gildong", CustomerEmail = "buyer@example.com" }));
        await probe.V1Async(c => c.Customers.GetAsync("v1-customer"));
        await probe.V1Async(c => c.Customers.GetManyAsync(["v1-customer", "v1-nobody"]), typeof(IReadOnlyList<V1Customer>));

        var again = await probe.V1Async(c => c.Subscriptions.AgainAsync(new AgainPaymentRequest { CustomerUid = "v1-customer", MerchantUid = "v1-order-again", Amount = 9900m, Name = "Monthly" }));
        var onetime = await probe.V1Async(c => c.Subscriptions.OnetimeAsync(new OnetimePaymentRequest { Card = card, CustomerUid = "v1-customer-2", MerchantUid = "v1-order-onetime", Amount = 5000m, Name = "One-off" }));
        await probe.V1Async(c => c.Payments.GetAsync(again.ImpUid!));
        await probe.V1Async(c => c.Payments.FindByMerchantUidAsync("v1-order-onetime"));
        await probe.V1Async(c => c.Payments.CancelAsync(new V1CancelPaymentRequest { ImpUid = again.ImpUid, Amount = V1CancelAmount.Partial(900m), Checksum = 9900m, Reason = "partial" }));
        await probe.V1Async(c => c.Payments.CancelAsync(new V1CancelPaymentRequest { ImpUid = onetime.ImpUid, Amount = V1CancelAmount.Full, Reason = "full" }));
        await probe.V1Async(c => c.Payments.GetAsync(again.ImpUid!));

        var at = fake.Clock.GetUtcNow().AddDays(30);
        await probe.V1Async(c => c.Subscriptions.ScheduleAsync(new ScheduleRequest
        {
            CustomerUid = "v1-customer",
            Schedules =
            [
                new ScheduleItem { MerchantUid = "v1-order-s1", ScheduleAt = at, Amount = 9900m, Currency = "KRW", Name = "Monthly" },
                new ScheduleItem { MerchantUid = "v1-order-s2", ScheduleAt = at.AddDays(30), Amount = 9900m, Currency = "KRW", Name = "Monthly" },
            ],
        }));
        await probe.V1Async(c => c.Subscriptions.GetScheduleAsync("v1-order-s1"));
        await probe.V1Async(c => c.Subscriptions.UnscheduleAsync("v1-customer", ["v1-order-s2"]));
        fake.Clock.Advance(TimeSpan.FromDays(31));
        var ran = await probe.V1Async(c => c.Subscriptions.GetScheduleAsync("v1-order-s1"));
        Assert.Equal(V1ScheduleStatus.Executed, ran.ScheduleStatus);
        await probe.V1Async(c => c.Payments.GetAsync(ran.ImpUid!));
        await probe.V1Async(c => c.Subscriptions.RetryScheduleAsync("v1-order-s2"));
        await probe.V1Async(c => c.Customers.DeleteAsync("v1-customer-2"));
    }
}
