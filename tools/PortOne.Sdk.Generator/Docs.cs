using System;
using System.Collections.Generic;
using System.Linq;

namespace PortOne.Sdk.Generator;

/// <summary>
/// The XML documentation of generated code. The spec's descriptions are not used (they are Korean prose and not
/// ours to copy); instead the text comes from the names and the structure, and from the hand-written
/// explanations below for the types and fields a merchant meets first.
/// </summary>
internal static class Docs
{
    // Hand-written explanations of the most important types, by C# name.
    private static readonly Dictionary<string, string> TypeDocs = new(StringComparer.Ordinal)
    {
        ["Payment"] = "A payment as PortOne records it. The concrete type tells its state (paid, cancelled, waiting for a virtual-account deposit, …); switch on it, and keep a branch for <see cref=\"UnknownPayment\"/>, a state this SDK version does not know.",
        ["PaymentSchedule"] = "A payment booked to run later with a billing key. The concrete type tells whether it is still waiting, running, done, failed or revoked.",
        ["BillingKeyInfo"] = "A billing key (a reusable token standing for a customer's card or account) with the channels it was issued on and the customer it belongs to. Either issued or deleted.",
        ["BillingKeyInfoSummary"] = "The billing key that was just issued, with the channels it can charge through.",
        ["PaymentMethod"] = "How a payment was paid: card, transfer, virtual account, easy pay, mobile, gift certificate, convenience store or crypto.",
        ["BillingKeyPaymentMethod"] = "The means of payment a billing key stands for: card, easy pay, mobile, transfer or PayPal.",
        ["PaymentAmount"] = "The amounts of a payment, all in the payment's currency: what was asked, what is tax free, discounted, paid and cancelled so far.",
        ["PaymentAmountInput"] = "The amount to charge. Only <see cref=\"Total\"/> is required; leave the tax-free and VAT parts out to let PortOne compute them.",
        ["Customer"] = "The buyer as the payment recorded them. Every part is optional and may be missing.",
        ["CustomerInput"] = "Who is paying. Every part is optional; some payment gateways require particular fields (e.g. name, phone number, e-mail).",
        ["Address"] = "A postal address, either a single line or split into lines, city and province.",
        ["SelectedChannel"] = "The payment channel (a contract with a payment gateway) a request went through.",
        ["PaymentCancellation"] = "One cancellation (full or partial refund) of a payment. A payment keeps all its cancellations.",
        ["PaymentCashReceipt"] = "The cash receipt issued for a payment, if any.",
        ["PaymentEscrow"] = "The escrow (buyer protection) state of a payment, when it was made with escrow.",
        ["CardCredential"] = "Raw card data for issuing a billing key or charging without one. It is secret: never log it, and this type's ToString hides every field.",
        ["PageInput"] = "Which page of a list to fetch: a zero-based page number and a page size.",
        ["PageInfo"] = "The page the server answered with: its number, its size and the count the server reports.",
        ["Currency"] = "An ISO 4217 currency code such as <c>KRW</c> or <c>USD</c>. The amounts of the API are integers in the currency's own unit (won for KRW).",
        ["Country"] = "An ISO 3166-1 alpha-2 country code such as <c>KR</c>.",
        ["Bank"] = "A bank (used for transfers, virtual accounts and refunds to an account).",
        ["PgProvider"] = "The payment gateway module a channel uses (a gateway can offer several).",
        ["PgCompany"] = "The company behind a payment gateway.",
        ["PaymentStatus"] = "A payment state, as used to filter payment searches.",
        ["PaymentScheduleStatus"] = "A payment schedule state, as used to filter schedule searches.",
        ["BillingKeyStatus"] = "A billing key state, as used to filter billing key searches.",
        ["ChannelSpecificFailure"] = "Why issuing failed on one channel when the request went to several channels.",
        ["PgBillingKeyIssueResponse"] = "What one channel's payment gateway answered when the billing key was issued on it.",
    };

    // Hand-written explanations of common fields, by JSON name; "Owner.field" (C# owner name) wins over the plain name.
    private static readonly Dictionary<string, string> FieldDocs = new(StringComparer.Ordinal)
    {
        ["paymentId"] = "The payment ID the merchant chose. PortOne refuses a second payment with an ID that is already paid, which is what makes retrying a payment safe.",
        ["billingKey"] = "The billing key: a token that stands for the customer's card or account and lets the merchant charge it without the customer present.",
        ["storeId"] = "The store (a merchant can run several) this belongs to.",
        ["in:storeId"] = "The store (a merchant can run several). Left out, the client's configured <c>StoreId</c> is used when it has one.",
        ["merchantId"] = "The merchant account the object belongs to.",
        ["transactionId"] = "PortOne's own ID of the payment attempt (for V1 payments, the <c>imp_uid</c>).",
        ["channelKey"] = "The key of the channel (payment gateway contract) to use. Left out, the store's default channel for this kind of request is used.",
        ["channelGroupId"] = "The channel group to pick channels from, when the store uses groups.",
        ["orderName"] = "The order name shown to the customer and on the gateway's receipt.",
        ["customData"] = "Free-form data (usually JSON text) the merchant attached; PortOne stores it and hands it back unchanged.",
        ["currency"] = "The currency of every amount of this object.",
        ["total"] = "The total amount, VAT and tax-free part included.",
        ["taxFree"] = "The part of the total that is exempt from VAT.",
        ["vat"] = "The VAT part of the total.",
        ["in:vat"] = "The VAT part of the total. Left out, PortOne computes it.",
        ["in:total"] = "The amount to charge, VAT and tax-free part included.",
        ["supply"] = "The supply value: the amount before VAT.",
        ["cancelledTaxFree"] = "The tax-free part of the amount refunded so far.",
        ["CardCredential.number"] = "The card number, digits only.",
        ["expiryYear"] = "The card's expiry year, two digits (e.g. <c>29</c>).",
        ["expiryMonth"] = "The card's expiry month, two digits (e.g. <c>01</c>).",
        ["birthOrBusinessRegistrationNumber"] = "The holder's birth date as YYMMDD for a personal card, or the 10-digit business registration number for a corporate card. Some gateways require it.",
        ["passwordTwoDigits"] = "The first two digits of the card password. Some gateways require it.",
        ["customerIdentityNumber"] = "The number the cash receipt is issued to (a phone number, business registration number or card number).",
        ["email"] = "The e-mail address.",
        ["phoneNumber"] = "The phone number.",
        ["totalAmount"] = "The total amount, VAT and tax-free part included.",
        ["taxFreeAmount"] = "The part of the amount that is exempt from VAT.",
        ["vatAmount"] = "The VAT part of the amount.",
        ["timeToPay"] = "When PortOne should run the payment.",
        ["noticeUrls"] = "Webhook URLs to notify for this request instead of the ones configured in the console.",
        ["skipWebhook"] = "True to send no webhook for this request.",
        ["bypass"] = "Gateway-specific parameters passed through to the payment gateway as they are. The shape depends on the gateway.",
        ["pgTxId"] = "The payment gateway's own transaction ID.",
        ["receiptUrl"] = "A link to the gateway's receipt.",
        ["requestedAt"] = "When the request was made.",
        ["updatedAt"] = "When the object last changed.",
        ["statusChangedAt"] = "When the status last changed.",
        ["paidAt"] = "When the payment was completed.",
        ["cancelledAt"] = "When the cancellation completed.",
        ["issuedAt"] = "When it was issued.",
        ["deletedAt"] = "When it was deleted.",
        ["failedAt"] = "When it failed.",
        ["createdAt"] = "When it was created.",
        ["installmentMonth"] = "The number of monthly installments; left out (or 0/1) means a lump-sum payment.",
        ["reason"] = "The reason, as the merchant gave it.",
        ["page"] = "The page to fetch (zero-based number and size).",
        ["filter"] = "Conditions the results must meet; left out, the server applies its defaults.",
        ["sort"] = "How to order the results.",
        ["items"] = "The objects on this page.",
        ["method"] = "The means of payment.",
        ["customer"] = "The customer.",
        ["channel"] = "The channel the request went through.",
        ["channels"] = "The channels involved.",
        ["products"] = "The products of the order, for gateways that want them itemised.",
        ["pgCode"] = "The payment gateway's own error code, for support requests and gateway-specific handling.",
        ["pgMessage"] = "The payment gateway's own error message (often Korean); show or log it, do not branch on it.",
        ["failures"] = "The channels that failed, each with its reason.",
        ["succeededChannels"] = "The channels on which the request succeeded despite the failures.",
        ["cancellations"] = "Every cancellation of the payment, oldest first.",
        ["CancelPaymentRequest.amount"] = "The amount to refund. Left out, the whole remaining amount is refunded (a full cancel).",
        ["CancelPaymentRequest.currentCancellableAmount"] = "The amount the merchant believes is still cancellable; when given, the server refuses the cancel if its own figure differs (a guard against cancelling twice).",
        ["CancelPaymentRequest.reason"] = "Why the payment is cancelled (required; shown in the console and sent to the gateway).",
        ["PaymentAmount.paid"] = "The amount actually paid.",
        ["PaymentAmount.cancelled"] = "The amount refunded so far.",
        ["PaymentAmount.discount"] = "The discount applied (promotions, easy-pay discounts).",
        ["RevokePaymentSchedulesRequest.billingKey"] = "Revoke the schedules of this billing key (all of them when no schedule IDs are given).",
        ["RevokePaymentSchedulesRequest.scheduleIds"] = "Revoke exactly these schedules. Give this, the billing key, or both.",
        ["CreatePaymentScheduleRequest.payment"] = "The billing-key payment to run when the time comes.",
        ["PageInfo.totalCount"] = "The count of objects the server reports for this query.",
        // What the seeds say a PG refuses (KG Inicis) or PortOne refuses (card formats, amount parts); the SDK checks
        // what it can see (formats, sums) and can only say what depends on the channel's PG.
        ["CustomerInput.name"] = "The customer's name, whole (<see cref=\"CustomerNameInput.Full\"/>) or split into first and last (<see cref=\"CustomerNameInput.Separated\"/>); optional for PortOne. KG Inicis requires it for an instant payment, an API billing-key issue and a billing-key payment, and refuses the request without it.",
        ["CustomerInput.phoneNumber"] = "The customer's phone number; optional for PortOne. KG Inicis requires it for an instant payment, an API billing-key issue and a billing-key payment.",
        ["CustomerInput.email"] = "The customer's e-mail address; optional for PortOne. KG Inicis requires it for an instant payment, an API billing-key issue and a billing-key payment.",
        ["CustomerNameInput.full"] = "the name on one line (e.g. Hong Gildong)",
        ["CustomerNameInput.separated"] = "the name split into first and last name",
        ["CardCredential.number"] = "The card number, 13 to 19 digits with no spaces or dashes. Anything else is refused before it is sent.",
        ["CardCredential.expiryYear"] = "The year the card expires, as two digits (<c>YY</c>: <c>30</c> for 2030). Anything else is refused before it is sent.",
        ["CardCredential.expiryMonth"] = "The month the card expires, as two digits from <c>01</c> to <c>12</c> (<c>MM</c>). Anything else is refused before it is sent.",
        ["CardCredential.birthOrBusinessRegistrationNumber"] = "For a personal card the holder's birth date as six digits (<c>YYMMDD</c>); for a corporate card the ten-digit business registration number, digits only. Optional for PortOne, though many card PGs ask for it; any other form is refused before it is sent.",
        ["CardCredential.passwordTwoDigits"] = "The first two digits of the card's PIN, exactly two digits. Optional for PortOne, though many card PGs ask for it; any other form is refused before it is sent.",
        ["PaymentAmountInput.taxFree"] = "Of the total, the part that is free of tax; optional. With the VAT it must not exceed the total, which is checked before sending.",
        ["PaymentAmountInput.vat"] = "Of the total, the VAT; optional (left out, PortOne computes it). With the tax-free part it must not exceed the total, which is checked before sending.",
        ["CancelPaymentRequest.taxFreeAmount"] = "Of the amount to cancel, the part that is free of tax; optional. With the VAT it must not exceed a given cancel amount, which is checked before sending.",
        ["CancelPaymentRequest.vatAmount"] = "Of the amount to cancel, the VAT; optional. With the tax-free part it must not exceed a given cancel amount, which is checked before sending.",
        ["RegisterStoreReceiptItem.taxFreeAmount"] = "Of this item's total, the part that is free of tax. Optional for PortOne, but KG Inicis requires it on every item. With the VAT it must not exceed the total, which is checked before sending.",
        ["RegisterStoreReceiptItem.vatAmount"] = "Of this item's total, the VAT. Optional for PortOne, but KG Inicis requires it on every item. With the tax-free part it must not exceed the total, which is checked before sending.",
        ["RegisterStoreReceiptItem.supplyAmount"] = "Of this item's total, the supply value (the taxable part before VAT). Optional for PortOne, but KG Inicis requires it on every item.",
        ["InstantPaymentMethodInput.virtualAccount"] = "a virtual account for the customer to pay into. KG Inicis issues only fixed virtual accounts (an option of type <c>FIXED</c> naming one of the account numbers it gave the merchant)",
        ["InstantPaymentMethodInputVirtualAccount.option"] = "How the virtual account is issued: a fresh number from the PG (<c>NORMAL</c>) or one of a fixed set the PG gave the merchant (<c>FIXED</c>). KG Inicis supports only <c>FIXED</c>.",
        ["InstantPaymentMethodInputVirtualAccountOption.type"] = "Whether the PG picks a fresh account number (<c>NORMAL</c>) or the merchant names one of its fixed numbers (<c>FIXED</c>). KG Inicis supports only <c>FIXED</c>.",
        ["PlatformTransferFilterInput.settlementStartDateRange"] = "Transfers whose settlement starts in this range; optional. Give this or <see cref=\"SettlementDateRange\"/>, not both (refused before sending).",
        ["PlatformTransferFilterInput.settlementDateRange"] = "Transfers settled in this range; optional. Give this or <see cref=\"SettlementStartDateRange\"/>, not both (refused before sending).",
        ["PageInput.number"] = "The zero-based page number.",
        ["PageInput.size"] = "The number of objects per page.",
        ["PageInfo.number"] = "The zero-based page number.",
        ["PageInfo.size"] = "The page size the server used.",
    };

    public static string TypeSummary(TypeModel type)
    {
        if (TypeDocs.TryGetValue(type.CsName, out var doc))
        {
            return doc;
        }

        if (type.IsError)
        {
            var words = Names.Humanize(StripSuffix(type.CsName, "Error"));
            return $"The error <c>{type.CaseValue}</c>" + (type.ErrorStatus is { } s ? $" (HTTP {s})" : string.Empty) + $": {words}.";
        }

        if (type.BodyOf is { } body)
        {
            return $"The body of <c>{body}</c>.";
        }

        if (type.AnswerOf is { } answer)
        {
            return $"What <c>{answer}</c> returns on success.";
        }

        if (type.Union is { } union)
        {
            return $"The <see cref=\"{union.CsName}\"/> case whose <c>{union.Discriminator}</c> is <c>{type.CaseValue}</c>.";
        }

        return type.Kind switch
        {
            TypeKind.Union => $"One of several shapes of {Article(Names.Humanize(type.CsName))}, told apart by <c>{type.Discriminator}</c>.",
            TypeKind.Enum => $"The possible values of {Article(Names.Humanize(type.CsName))}.",
            _ when type.IsOneOf => $"Input holding exactly one of its alternatives ({Names.Humanize(type.CsName)}); build it with one of the static factory methods.",
            _ when type.IsInput && !type.IsOutput => $"Input describing {Article(Names.Humanize(StripSuffix(type.CsName, "Input")))}.",
            _ => $"Details of {Article(Names.Humanize(type.CsName))}.",
        };
    }

    public static string UnionRemarks(TypeModel union) =>
        $"Match on the concrete type; a <c>{union.Discriminator}</c> this SDK version does not know becomes <see cref=\"Unknown{union.CsName}\"/>, which keeps the raw JSON.";

    public static string PropertySummary(TypeModel owner, PropertyModel property)
    {
        if (FieldDocs.TryGetValue(owner.CsName + "." + property.JsonName, out var specific))
        {
            return specific;
        }

        if (owner.IsInput && FieldDocs.TryGetValue("in:" + property.JsonName, out var input))
        {
            return input;
        }

        if (FieldDocs.TryGetValue(property.JsonName, out var common))
        {
            return common;
        }

        var words = Names.Humanize(property.JsonName);
        var split = Names.SplitWords(property.JsonName);
        if (property.Type.Kind == TypeRefKind.Bool)
        {
            if (split[0] is "is" or "has" && split.Count > 1)
            {
                return $"Whether {split[0]} {string.Join(" ", words.Split(' ').Skip(1))}" + (property.Required ? "." : "; absent means not said.");
            }

            if (split[0] is "use" && split.Count > 1)
            {
                return $"Whether to use {string.Join(" ", words.Split(' ').Skip(1))}.";
            }
        }

        if (property.Type.Kind == TypeRefKind.DateTime && property.JsonName.EndsWith("At", StringComparison.Ordinal))
        {
            return $"When {Names.Humanize(property.JsonName[..^2])} happened (RFC 3339)" + (property.Required || owner.IsInput ? "." : "; absent until then.");
        }

        // Nothing more can be said from the name: state the facts of the value, briefly.
        var facts = new List<string>();
        var inner = SpecModel.Innermost(property.Type);
        if (property.Type.Kind == TypeRefKind.Array)
        {
            facts.Add("a list");
        }
        else if (property.Type.Kind == TypeRefKind.Map)
        {
            facts.Add("keyed by name");
        }

        if (inner.Kind == TypeRefKind.DateTime)
        {
            facts.Add("RFC 3339 time");
        }
        else if (inner.Kind is TypeRefKind.Long or TypeRefKind.Int && split.Contains("amount"))
        {
            facts.Add("in the currency's own unit (won for KRW)");
        }
        else if (inner.Kind is TypeRefKind.Double && (split.Contains("rate") || split.Contains("percent")))
        {
            facts.Add("a rate");
        }
        else if (inner.Kind == TypeRefKind.Json)
        {
            facts.Add("any JSON");
        }

        if (!property.Required)
        {
            facts.Add(owner.IsInput && !owner.IsOutput ? "optional" : "may be absent");
        }

        var first = char.ToUpperInvariant(words[0]) + words[1..];
        return facts.Count == 0 ? first + "." : $"{first}; {string.Join(", ", facts)}.";
    }

    // Hand-written summaries of the clients, by their path under PortOneV2Client.
    private static readonly Dictionary<string, string> ClientDocs = new(StringComparer.Ordinal)
    {
        ["AdditionalFeatures"] = "Extra features of payment gateways: the card promotions a channel offers.",
        ["Banks"] = "Reference data: the banks PortOne knows, with their codes and names.",
        ["CashReceipts"] = "Cash receipts (Korean tax receipts for cash-like payments): issue, look up, search, cancel.",
        ["CheckoutProfiles"] = "Checkout profiles: which payment methods a profile offers for a country, currency and amount.",
        ["IdentityVerifications"] = "Identity verifications (name, phone and birth date confirmed through a carrier or PG): send, confirm, look up.",
        ["PaymentSessions"] = "Payment sessions: a payment page prepared by the server, then closed.",
        ["PgSpecific"] = "Calls that exist for one payment gateway only (Kakao Pay orders, Paymentwall deliveries).",
        ["Promotions"] = "Promotions run through PortOne.",
        ["Reconciliations"] = "Reconciliation reports: VAT figures of settled and of transacted payments.",
        ["B2b"] = "B2B electronic tax invoices and the counterparties they are issued to or received from.",
        ["B2b.TaxInvoices"] = "Electronic tax invoices: draft, issue, request, send to the National Tax Service, cancel, and their files.",
        ["B2b.Counterparties"] = "Counterparties of B2B tax invoices, and their certificates.",
        ["Platform"] = "The partner settlement platform: its settings, the scheduled changes of partners, contracts and policies, and one client per resource.",
        ["Platform.Partners"] = "Platform partners (the businesses a merchant settles with).",
        ["Platform.Policies"] = "Platform contracts, additional-fee policies and discount-share policies.",
        ["Platform.Transfers"] = "Platform transfers (the settlement lines of orders, cancellations and manual adjustments).",
        ["Platform.Companies"] = "Company lookups: business registration state and information.",
        ["Platform.Payouts"] = "Platform payouts to partners.",
        ["Platform.PartnerSettlements"] = "Partner settlements: the amounts owed to partners.",
        ["Platform.Accounts"] = "Bank accounts: the holder's name of an account.",
        ["Platform.AccountTransfers"] = "Account transfers made by the platform.",
        ["Platform.BulkAccountTransfers"] = "Bulk account transfers made by the platform.",
        ["Platform.BulkPayouts"] = "Bulk payouts made by the platform.",
    };

    public static string ClientSummary(string client) =>
        ClientDocs.TryGetValue(client, out var doc) ? doc : $"The {Names.Humanize(client.Replace(".", string.Empty, StringComparison.Ordinal))} operations.";

    // Hand-written summaries of operations a merchant meets first, by operation ID; others read from the ID.
    private static readonly Dictionary<string, string> OperationDocs = new(StringComparer.Ordinal)
    {
        ["confirmPayment"] = "Confirms a payment the customer authorised in the browser, when the store confirms payments on its server",
        ["preRegisterPayment"] = "Tells PortOne in advance the amount and currency a payment must have, so a tampered browser request is refused",
        ["capturePayment"] = "Captures (collects) a payment that was only authorised",
        ["closeVirtualAccount"] = "Closes a virtual account that is waiting for a deposit, so it can no longer be paid into",
        ["applyEscrowLogistics"] = "Registers the shipping of an escrow payment",
        ["modifyEscrowLogistics"] = "Changes the shipping details of an escrow payment",
        ["confirmEscrow"] = "Confirms, for the buyer, that an escrow purchase was received",
        ["resendWebhook"] = "Sends a payment's webhook again",
        ["stopPaymentCancellation"] = "Stops a cancellation that is still pending",
        ["getPaymentTransactions"] = "Lists the payment attempts (transactions) made under a payment ID",
        ["getAllPaymentsByCursor"] = "Fetches payments in order of change, a cursor at a time",
        ["getAllPaymentEventsByCursor"] = "Fetches payment events in order, a cursor at a time",
        ["confirmBillingKey"] = "Confirms a billing key the customer authorised in the browser",
        ["confirmBillingKeyIssueAndPay"] = "Confirms a billing key issue and the first payment with it",
        ["issueCashReceipt"] = "Issues a cash receipt",
        ["cancelCashReceiptByPaymentId"] = "Cancels the cash receipt of a payment",
        ["getCashReceiptByPaymentId"] = "Fetches the cash receipt of a payment",
        ["getCashReceipts"] = "Searches cash receipts, a page at a time",
        ["getIdentityVerification"] = "Fetches an identity verification",
        ["getIdentityVerifications"] = "Searches identity verifications, a page at a time",
        ["sendIdentityVerification"] = "Starts an identity verification by sending the code to the customer's phone",
        ["confirmIdentityVerification"] = "Completes an identity verification with the code the customer received",
        ["resendIdentityVerification"] = "Sends the identity verification code again",
        ["getBankInfos"] = "Lists the banks PortOne knows",
    };

    public static string OperationSummary(OperationModel operation)
    {
        if (OperationDocs.TryGetValue(operation.Id, out var doc))
        {
            return doc;
        }

        var words = Names.Humanize(operation.Id);
        return char.ToUpperInvariant(words[0]) + words[1..];
    }

    // What the path and query parameters mean, by name.
    private static readonly Dictionary<string, string> ParameterDocs = new(StringComparer.Ordinal)
    {
        ["paymentId"] = "The payment ID the merchant chose.",
        ["storeId"] = "The store; null uses the client's configured <c>StoreId</c>.",
        ["test"] = "True to act in PortOne's test mode; null leaves it to PortOne (not test mode).",
        ["id"] = "The ID of the object.",
        ["brn"] = "The business registration number (10 digits, no dashes).",
        ["businessRegistrationNumber"] = "The business registration number (10 digits, no dashes).",
        ["taxInvoiceKey"] = "The tax invoice's key, read as <c>taxInvoiceKeyType</c> says (PortOne's tax invoice ID by default).",
        ["taxInvoiceKeyType"] = "What <c>taxInvoiceKey</c> is: the tax invoice ID (default), or the supplier's or recipient's document key.",
        ["billingKey"] = "The billing key.",
        ["identityVerificationId"] = "The identity verification ID the merchant chose.",
        ["sessionId"] = "The payment session ID.",
        ["cancellationId"] = "The cancellation ID, from the payment's cancellations.",
        ["counterpartyId"] = "The counterparty ID.",
        ["bulkTaxInvoiceId"] = "The bulk tax invoice ID.",
        ["attachmentId"] = "The attachment ID.",
        ["promotionId"] = "The promotion ID.",
        ["paymentScheduleId"] = "The payment schedule ID.",
        ["channelKey"] = "The key of the channel (payment gateway contract).",
        ["pgTxId"] = "The payment gateway's transaction ID.",
        ["amount"] = "The amount, in the currency's own unit (won for KRW).",
        ["cardCompany"] = "The card company.",
        ["profileKey"] = "The checkout profile's key.",
        ["country"] = "The customer's country.",
        ["currency"] = "The payment's currency.",
        ["bank"] = "The bank of the account.",
        ["accountNumber"] = "The account number, without dashes.",
        ["birthdate"] = "The holder's birth date (<c>YYMMDD</c>), to check the real name; give it or a business registration number, not both.",
        ["isArchived"] = "True for archived objects only, false for active ones only; null for both.",
        ["includeMenu"] = "Whether the popup shows the menu.",
    };

    public static string ParameterSummary(string name, bool path) =>
        ParameterDocs.TryGetValue(name, out var doc) ? doc : $"The <c>{name}</c> {(path ? "path segment" : "query parameter")}.";

    public static string EnumValueSummary(string value) => $"The value <c>{value}</c>.";

    private static string StripSuffix(string name, string suffix) =>
        name.EndsWith(suffix, StringComparison.Ordinal) && name.Length > suffix.Length ? name[..^suffix.Length] : name;

    private static string Article(string words) => ("aeiou".Contains(char.ToLowerInvariant(words[0]), StringComparison.Ordinal) ? "an " : "a ") + words;
}
