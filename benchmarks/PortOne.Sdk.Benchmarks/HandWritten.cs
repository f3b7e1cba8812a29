using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PortOne.Sdk.Benchmarks;

/// <summary>
/// What a merchant would write without the SDK: one HttpClient, the credential in a default header, and
/// System.Text.Json into flat DTOs. No retries, no token renewal, no union handling, no error decoding.
/// </summary>
public sealed class HandWritten : IDisposable
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
    private static readonly JsonSerializerOptions Snake = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
    private readonly HttpClient _http;

    internal HandWritten(HttpMessageHandler handler, Uri baseAddress, string authorization)
    {
        _http = new HttpClient(handler, disposeHandler: false) { BaseAddress = baseAddress };
        var parts = authorization.Split(' ', 2);
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(parts[0], parts[1]);
    }

    public async Task<PaymentDto> GetV2PaymentAsync(string paymentId)
    {
        using var response = await _http.GetAsync("payments/" + Uri.EscapeDataString(paymentId));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<PaymentDto>(Web))!;
    }

    public async Task<V1PaymentDto> GetV1PaymentAsync(string impUid)
    {
        using var response = await _http.GetAsync("payments/" + Uri.EscapeDataString(impUid));
        response.EnsureSuccessStatusCode();
        var envelope = (await response.Content.ReadFromJsonAsync<V1EnvelopeDto>(Snake))!;
        return envelope.Code == 0 ? envelope.Response! : throw new InvalidOperationException(envelope.Message);
    }

    public static PaymentDto DecodeV2(byte[] json) => JsonSerializer.Deserialize<PaymentDto>(json, Web)!;

    public void Dispose() => _http.Dispose();

    public sealed class PaymentDto
    {
        public string Status { get; set; } = "";
        public string Id { get; set; } = "";
        public string TransactionId { get; set; } = "";
        public string StoreId { get; set; } = "";
        public string? BillingKey { get; set; }
        public string OrderName { get; set; } = "";
        public AmountDto Amount { get; set; } = new();
        public string Currency { get; set; } = "";
        public DateTimeOffset? PaidAt { get; set; }
        public string? PgTxId { get; set; }
        public CustomerDto? Customer { get; set; }
        public ChannelDto? Channel { get; set; }
        public JsonElement Method { get; set; }
    }

    public sealed class AmountDto
    {
        public long Total { get; set; }
        public long TaxFree { get; set; }
        public long? Vat { get; set; }
        public long Paid { get; set; }
        public long Cancelled { get; set; }
    }

    public sealed class CustomerDto
    {
        public string? Id { get; set; }
        public string? Name { get; set; }
        public string? Email { get; set; }
    }

    public sealed class ChannelDto
    {
        public string Type { get; set; } = "";
        public string PgProvider { get; set; } = "";
        public string PgMerchantId { get; set; } = "";
    }

    public sealed class V1EnvelopeDto
    {
        public int Code { get; set; }
        public string? Message { get; set; }
        public V1PaymentDto? Response { get; set; }
    }

    public sealed class V1PaymentDto
    {
        public string ImpUid { get; set; } = "";
        public string MerchantUid { get; set; } = "";
        public string Status { get; set; } = "";
        public decimal Amount { get; set; }
        public decimal CancelAmount { get; set; }
        public string Currency { get; set; } = "";
        [JsonPropertyName("paid_at")]
        public long PaidAt { get; set; }
        public string? CustomerUid { get; set; }
    }
}
