using PortOne.Sdk.V2;

namespace PortOne.Sdk.Tests.V2;

public sealed class BillingKeysClientTests : IDisposable
{
    private readonly V2TestServer _mock = new();

    public void Dispose() => _mock.Dispose();

    [Fact]
    public async Task Issue_posts_the_card_and_decodes_the_summary()
    {
        _mock.Stub("POST", "/billing-keys", 200, """
            {
              "billingKeyInfo": { "billingKey": "billing-key-9", "issuedAt": "2024-05-01T00:00:00Z", "channels": [ { "type": "LIVE", "pgProvider": "NICE_V2", "pgMerchantId": "nice-1" } ] },
              "channelSpecificFailures": [ { "channel": { "type": "LIVE", "pgProvider": "KCP_V2", "pgMerchantId": "kcp-1" }, "pgMessage": "declined", "type": "PG_PROVIDER", "pgCode": "E1" } ]
            }
            """);
        using var client = _mock.CreateClient();

        var result = await client.BillingKeys.IssueAsync(new IssueBillingKeyRequest
        {
            Method = InstantBillingKeyPaymentMethodInput.Card(new InstantBillingKeyPaymentMethodInputCard
            {
                Credential = new CardCredential { Number = "5358000000000000", ExpiryYear = "30", ExpiryMonth = "01" },
            }),
            Customer = new CustomerInput { Id = "customer-1", Name = CustomerNameInput.Full("Hong Gildong") },
            NoticeUrls = ["https://shop.example/webhook"],
        });

        Assert.Equal("billing-key-9", result.BillingKeyInfo.BillingKey);
        Assert.Equal(PgProvider.NiceV2, Assert.Single(result.BillingKeyInfo.Channels!).PgProvider);
        var failure = Assert.IsType<ChannelSpecificFailurePgProvider>(Assert.Single(result.ChannelSpecificFailures!));
        Assert.Equal("E1", failure.PgCode);
        var request = _mock.Single();
        Assert.Equal("POST", request.Method);
        Assert.Equal("/billing-keys", request.Path);
        V2TestServer.JsonEqual(
            """
            {
              "storeId": "store-configured",
              "method": { "card": { "credential": { "number": "5358000000000000", "expiryYear": "30", "expiryMonth": "01" } } },
              "customer": { "id": "customer-1", "name": { "full": "Hong Gildong" } },
              "noticeUrls": ["https://shop.example/webhook"]
            }
            """,
            V2TestServer.Body(request));
    }

    [Fact]
    public async Task Issue_is_not_retried_after_a_server_error()
    {
        _mock.Stub("POST", "/billing-keys", 500, """{ "type": "INTERNAL" }""");
        using var client = _mock.CreateClient(configure: o => o.Retry = new PortOneRetryOptions { MaxRetries = 3, BaseDelay = TimeSpan.Zero });

        // A 5xx without a documented error leaves open whether a key was issued: outcome unknown, sent once.
        var unknown = await Assert.ThrowsAsync<PortOneOutcomeUnknownException>(() => client.BillingKeys.IssueAsync(new IssueBillingKeyRequest
        {
            Method = InstantBillingKeyPaymentMethodInput.Card(new InstantBillingKeyPaymentMethodInputCard { Credential = new CardCredential { Number = "5358000000000000", ExpiryYear = "30", ExpiryMonth = "01" } }),
        }));

        var ex = Assert.IsType<PortOneApiException>(unknown.InnerException);
        Assert.IsType<UnknownPortOneError>(ex.Error);
        Assert.Single(_mock.Server.LogEntries);
    }

    [Fact]
    public async Task Get_sends_the_store_as_query_and_decodes_an_issued_key()
    {
        _mock.Stub("GET", "/billing-keys/billing-key-1", 200, V2Samples.IssuedBillingKeyInfo);
        using var client = _mock.CreateClient();

        var info = await client.BillingKeys.GetAsync("billing-key-1");

        var issued = Assert.IsType<IssuedBillingKeyInfo>(info);
        Assert.Equal("ISSUED", issued.Status);
        var card = Assert.IsType<BillingKeyPaymentMethodCard>(Assert.Single(issued.Methods!));
        Assert.Equal("535800", card.Card!.Bin);
        var request = _mock.Single();
        Assert.Equal("GET", request.Method);
        Assert.Equal("store-configured", V2TestServer.Query(request)["storeId"]);
    }

    [Fact]
    public async Task ListPage_sends_sort_and_filter_as_the_requestBody_query()
    {
        _mock.Stub("GET", "/billing-keys", 200, V2Samples.Page(V2Samples.IssuedBillingKeyInfo, 0, 10, 1));
        using var client = _mock.CreateClient();

        var page = await client.BillingKeys.ListPageAsync(new GetBillingKeyInfosRequest
        {
            Sort = new BillingKeySortInput { By = BillingKeySortBy.IssuedAt, Order = SortOrder.Desc },
            Filter = new BillingKeyFilterInput { CustomerId = "customer-1", Status = [BillingKeyStatus.Issued] },
        });

        Assert.IsType<IssuedBillingKeyInfo>(Assert.Single(page.Items));
        var request = _mock.Single();
        Assert.Equal("/billing-keys", request.Path);
        V2TestServer.JsonEqual(
            """
            {
              "sort": { "by": "ISSUED_AT", "order": "DESC" },
              "filter": { "storeId": "store-configured", "status": ["ISSUED"], "customerId": "customer-1" }
            }
            """,
            V2TestServer.RequestBodyQuery(request));
    }

    [Fact]
    public async Task ListAsync_with_no_filter_walks_until_an_empty_page()
    {
        _mock.StubPage("/billing-keys", 0, V2Samples.Page(V2Samples.IssuedBillingKeyInfo, 0, 1, 1));
        _mock.StubPage("/billing-keys", 1, V2Samples.Page(string.Empty, 1, 1, 0));
        using var client = _mock.CreateClient();

        var keys = new List<BillingKeyInfo>();
        await foreach (var key in client.BillingKeys.ListAsync())
        {
            keys.Add(key);
        }

        Assert.Single(keys);
        Assert.Equal(2, _mock.Server.LogEntries.Count());
        V2TestServer.JsonEqual(
            """{ "page": { "number": 0 }, "filter": { "storeId": "store-configured" } }""",
            V2TestServer.RequestBodyQuery(_mock.Server.LogEntries.First().RequestMessage));
    }

    [Fact]
    public async Task Delete_sends_its_options_as_query_parameters()
    {
        _mock.Stub("DELETE", "/billing-keys/billing-key-1", 200, """{ "deletedAt": "2024-05-03T00:00:00Z" }""");
        using var client = _mock.CreateClient();

        var result = await client.BillingKeys.DeleteAsync("billing-key-1", new DeleteBillingKeyOptions { Reason = "user left", Requester = BillingKeyDeleteRequester.Customer, SkipWebhook = true });

        Assert.Equal(new DateTimeOffset(2024, 5, 3, 0, 0, 0, TimeSpan.Zero), result.DeletedAt);
        var request = _mock.Single();
        Assert.Equal("DELETE", request.Method);
        var query = V2TestServer.Query(request);
        Assert.Equal("store-configured", query["storeId"]);
        Assert.Equal("user left", query["reason"]);
        Assert.Equal("CUSTOMER", query["requester"]);
        Assert.Equal("true", query["skipWebhook"]);
        Assert.True(string.IsNullOrEmpty(request.Body));
    }

    [Fact]
    public async Task Delete_without_options_sends_only_the_store()
    {
        _mock.Stub("DELETE", "/billing-keys/billing-key-1", 200, """{ "deletedAt": "2024-05-03T00:00:00Z" }""");
        using var client = _mock.CreateClient();

        await client.BillingKeys.DeleteAsync("billing-key-1");

        var query = V2TestServer.Query(_mock.Single());
        Assert.Equal("storeId", Assert.Single(query.AllKeys));
    }

    [Fact]
    public async Task Invalid_input_is_refused_before_anything_is_sent()
    {
        using var client = _mock.CreateClient();

        await Assert.ThrowsAsync<ArgumentNullException>("request", () => client.BillingKeys.IssueAsync(null!));
        await Assert.ThrowsAsync<ArgumentException>("request", () => client.BillingKeys.IssueAsync(new IssueBillingKeyRequest { Method = null! }));
        await Assert.ThrowsAsync<ArgumentException>("billingKey", () => client.BillingKeys.GetAsync(""));
        await Assert.ThrowsAsync<ArgumentNullException>("billingKey", () => client.BillingKeys.DeleteAsync(null!));

        Assert.Empty(_mock.Server.LogEntries);
    }
}
