using System;
using System.Collections.Generic;

namespace PortOne.Sdk.Generator;

/// <summary>The few decisions about types that the spec cannot tell the generator (operations are in operations.tsv).</summary>
internal static class Selection
{
    /// <summary>Spec schema name → public C# name, where the SDK's public API (API.md) decided a different name.</summary>
    public static readonly Dictionary<string, string> Renames = new(StringComparer.Ordinal)
    {
        ["IssueBillingKeyBody"] = "IssueBillingKeyRequest",
        ["BillingKeyPaymentInput"] = "BillingKeyPaymentRequest",
        ["InstantPaymentInput"] = "InstantPaymentRequest",
        ["CancelPaymentBody"] = "CancelPaymentRequest",
        ["CancelPaymentBodyRefundAccount"] = "CancelPaymentRefundAccount",
        ["CreatePaymentScheduleBody"] = "CreatePaymentScheduleRequest",
        ["RevokePaymentSchedulesBody"] = "RevokePaymentSchedulesRequest",
        ["GetPaymentsBody"] = "GetPaymentsRequest",
        ["GetBillingKeyInfosBody"] = "GetBillingKeyInfosRequest",
        ["GetPaymentSchedulesBody"] = "GetPaymentSchedulesRequest",
        ["RegisterStoreReceiptBody"] = "RegisterStoreReceiptRequest",
        ["RegisterStoreReceiptBodyItem"] = "RegisterStoreReceiptItem",
        ["GetAccountTransfersBody1"] = "GetPlatformAccountTransfersRequest",
        ["Type"] = "PlatformWithdrawalAccountTransferType",
    };

    /// <summary>
    /// Input objects the API treats as "set exactly one of these fields". They get a private constructor and one
    /// static factory per field, so a wrong one cannot be built. The spec says so only in its (Korean) description;
    /// <see cref="OneFieldOnlyMarker"/> finds those, and this list names them explicitly as well.
    /// </summary>
    public static readonly HashSet<string> OneOfInputs = new(StringComparer.Ordinal)
    {
        "InstantPaymentMethodInput",
        "InstantBillingKeyPaymentMethodInput",
        "InstantPaymentMethodInputVirtualAccountExpiry",
        "CustomerNameInput",
        "CreatePlatformOrderTransferBodyOrderDetail",
        "CreatePlatformOrderCancelTransferBodyOrderDetail",
    };

    /// <summary>
    /// Input schema → the hand-written check in <c>V2Validation</c> that refuses what PortOne or the PG refuses for it.
    /// The spec states these rules only in prose (a title such as "two digits", a description of the seeds), never as
    /// <c>pattern</c>, <c>minLength</c> or <c>minimum</c>, so the rule itself is written by hand; the generator gives
    /// every input that holds such a schema, however deep, an internal <c>Validate</c> that reaches it, and every
    /// generated operation calls it. Each check takes (value, caller's parameter name, field path).
    /// </summary>
    public static readonly Dictionary<string, string> Checks = new(StringComparer.Ordinal)
    {
        ["CardCredential"] = "V2Validation.CardCredential",
        ["PaymentAmountInput"] = "V2Validation.AmountParts",
        ["CancelPaymentBody"] = "V2Validation.CancelAmounts",
        ["RegisterStoreReceiptBodyItem"] = "V2Validation.StoreReceiptItem",
        ["PlatformTransferFilterInput"] = "V2Validation.TransferFilter",
    };

    /// <summary>The words ("enter only one field") with which the spec's descriptions mark a one-of input.</summary>
    public const string OneFieldOnlyMarker = "\uD558\uB098\uC758 \uD544\uB4DC\uB9CC";

    /// <summary>Field names whose values must never appear in ToString (card data, birth dates, identity numbers).</summary>
    public static readonly HashSet<string> SensitiveFields = new(StringComparer.Ordinal)
    {
        "expiryYear",
        "expiryMonth",
        "birthOrBusinessRegistrationNumber",
        "passwordTwoDigits",
        "birthYear",
        "birthMonth",
        "birthDay",
        "customerIdentityNumber",
    };

    /// <summary>Fields sensitive only in one schema (a card number in the credential; elsewhere it is masked by the server).</summary>
    public static readonly HashSet<string> SensitiveSchemaFields = new(StringComparer.Ordinal)
    {
        "CardCredential.number",
        "CancelPaymentBodyRefundAccount.number",
    };
}
