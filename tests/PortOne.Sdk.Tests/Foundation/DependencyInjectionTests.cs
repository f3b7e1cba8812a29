using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PortOne.Sdk.V1;
using PortOne.Sdk.V2;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace PortOne.Sdk.Tests.Foundation;

public sealed class DependencyInjectionTests : IDisposable
{
    private readonly Harness _h = new();

    public DependencyInjectionTests()
    {
        _h.Server.Given(Request.Create().WithPath("/users/getToken").UsingPost())
            .RespondWith(Response.Create().WithCallback(_ => Answers.Json(200, Bodies.V1Token("t1", _h.Time.GetUtcNow(), TimeSpan.FromMinutes(30)))));
        _h.Server.Given(Request.Create().WithPath("/payments/imp_1").UsingGet()).RespondWith(Response.Create().WithBody(Bodies.V1Ok));
        _h.Server.Given(Request.Create().WithPath("/payments/pay_1").UsingGet()).RespondWith(Response.Create().WithBody("{\"id\":\"pay_1\"}"));
        _h.Server.Given(Request.Create().WithPath("/payments/pay_1/billing-key").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(503).WithBody("{\"type\":\"BUSY\"}"));
    }

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task AddPortOneV1_from_a_delegate_resolves_working_clients_that_share_one_token()
    {
        var services = Services();
        var builder = services.AddPortOneV1(o =>
        {
            o.ApiKey = "key";
            o.ApiSecret = "secret";
            o.BaseAddress = _h.BaseAddress;
        });
        using var provider = services.BuildServiceProvider(validateScopes: true);

        var byInterface = provider.GetRequiredService<IPortOneV1Client>();
        var byClass = provider.GetRequiredService<PortOneV1Client>();
        await byClass.V1GetAsync();
        await ((PortOneV1Client)byInterface).V1GetAsync();
        await provider.GetRequiredService<PortOneV1Client>().V1GetAsync();

        Assert.Equal(PortOneServiceCollectionExtensions.V1HttpClientName, builder.Name);
        Assert.NotNull(byInterface.Auth);
        Assert.Single(_h.Requests("/users/getToken"));
        Assert.Equal(3, _h.Requests("/payments/imp_1").Count);
        Assert.StartsWith("PortOne.Sdk/", Harness.Header(_h.Requests("/payments/imp_1")[0], "User-Agent"));
    }

    [Fact]
    public async Task AddPortOneV1_from_configuration_binds_every_setting()
    {
        var services = Services();
        services.AddPortOneV1(Section("PortOne:V1", new()
        {
            ["ApiKey"] = "key",
            ["ApiSecret"] = "secret",
            ["Tier"] = "sub01",
            ["BaseAddress"] = _h.Server.Url,
            ["Timeout"] = "00:00:20",
            ["AttemptTimeout"] = "00:00:05",
            ["Retry:MaxRetries"] = "1",
            ["Retry:BaseDelay"] = "00:00:00",
            ["TokenRenewBefore"] = "00:02:00",
            ["ResolveUnknownOutcomes"] = "false",
        }));
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<PortOneV1Options>>().Value;
        Assert.False(options.ResolveUnknownOutcomes);
        await provider.GetRequiredService<PortOneV1Client>().V1GetAsync();

        Assert.Equal(TimeSpan.FromSeconds(20), options.Timeout);
        Assert.Equal(TimeSpan.FromSeconds(5), options.AttemptTimeout);
        Assert.Equal(1, options.Retry.MaxRetries);
        Assert.Equal(TimeSpan.FromMinutes(2), options.TokenRenewBefore);
        Assert.Equal("sub01", Harness.Header(Assert.Single(_h.Requests("/payments/imp_1")), "Tier"));
    }

    [Fact]
    public async Task AddPortOneV2_from_configuration_and_from_a_delegate_resolve_working_clients()
    {
        var fromConfig = Services();
        var builder = fromConfig.AddPortOneV2(Section("PortOne:V2", new() { ["ApiSecret"] = "v2-secret", ["StoreId"] = "store-1", ["BaseAddress"] = _h.Server.Url }));
        var fromDelegate = Services();
        fromDelegate.AddPortOneV2(o =>
        {
            o.ApiSecret = "v2-secret";
            o.BaseAddress = _h.BaseAddress;
        });

        using (var provider = fromConfig.BuildServiceProvider())
        {
            var client = provider.GetRequiredService<PortOneV2Client>();
            Assert.Equal("store-1", client.Api.StoreId);
            Assert.Equal("pay_1", (await ((PortOneV2Client)provider.GetRequiredService<IPortOneV2Client>()).V2GetAsync()).GetProperty("id").GetString());
        }

        using (var provider = fromDelegate.BuildServiceProvider())
        {
            await provider.GetRequiredService<PortOneV2Client>().V2GetAsync();
        }

        Assert.Equal(PortOneServiceCollectionExtensions.V2HttpClientName, builder.Name);
        var calls = _h.Requests("/payments/pay_1");
        Assert.Equal(2, calls.Count);
        Assert.All(calls, e => Assert.Equal("PortOne v2-secret", Harness.Header(e, "Authorization")));
    }

    [Fact]
    public void Missing_v1_credentials_fail_start_up_validation_and_first_resolution_naming_the_settings()
    {
        var services = Services();
        services.AddPortOneV1(o => o.BaseAddress = _h.BaseAddress);
        using var provider = services.BuildServiceProvider();

        var atStart = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        var atResolution = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<PortOneV1Client>());

        Assert.Contains("ApiKey", atStart.Message);
        Assert.Contains("ApiSecret", atStart.Message);
        Assert.Contains("ApiKey", atResolution.Message);
    }

    [Fact]
    public void A_missing_v2_secret_fails_start_up_validation_naming_the_setting()
    {
        var services = Services();
        services.AddPortOneV2(Section("PortOne:V2", new() { ["StoreId"] = "store-1" }));
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("ApiSecret", ex.Message);
        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IPortOneV2Client>());
    }

    [Fact]
    public void Unreadable_configuration_values_are_reported_with_their_key()
    {
        var services = Services();
        services.AddPortOneV2(Section("PortOne:V2", new() { ["ApiSecret"] = "s", ["Timeout"] = "soon", ["AuthMode"] = "Magic" }));
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<PortOneV2Options>>().Value);

        Assert.Contains("Timeout", ex.Message);
    }

    [Fact]
    public void Resolving_unknown_outcomes_is_on_by_default_and_a_value_that_is_not_a_boolean_is_refused_naming_its_key()
    {
        Assert.True(new PortOneV2Options().ResolveUnknownOutcomes);
        Assert.True(new PortOneV1Options().ResolveUnknownOutcomes);
        var services = Services();
        services.AddPortOneV2(Section("PortOne:V2", new() { ["ApiSecret"] = "s", ["ResolveUnknownOutcomes"] = "sometimes" }));
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<PortOneV2Options>>().Value);

        Assert.Contains("ResolveUnknownOutcomes", ex.Message);
        Assert.Contains("sometimes", ex.Message);
    }

    [Fact]
    public void Plain_constructors_validate_options_naming_each_setting()
    {
        var v1 = Assert.Throws<ArgumentException>(() => new PortOneV1Client(new PortOneV1Options()));
        var v2 = Assert.Throws<ArgumentException>(() => new PortOneV2Client(new PortOneV2Options { StoreId = " ", Timeout = TimeSpan.Zero }));
        Assert.Throws<ArgumentNullException>(() => new PortOneV1Client(null!));

        Assert.Contains("ApiKey", v1.Message);
        Assert.Contains("ApiSecret", v1.Message);
        Assert.Contains("ApiSecret", v2.Message);
        Assert.Contains("StoreId", v2.Message);
        Assert.Contains("Timeout", v2.Message);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_application_wide_standard_resilience_handler_does_not_make_charging_calls_retry(bool defaultsFirst)
    {
        var services = Services();
        if (defaultsFirst)
        {
            services.ConfigureHttpClientDefaults(b => b.AddStandardResilienceHandler());
        }

        services.AddPortOneV2(o =>
        {
            o.ApiSecret = "v2-secret";
            o.BaseAddress = _h.BaseAddress;
        });
        if (!defaultsFirst)
        {
            services.ConfigureHttpClientDefaults(b => b.AddStandardResilienceHandler());
        }

        using var provider = services.BuildServiceProvider();

        await Assert.ThrowsAsync<PortOneApiException>(() => provider.GetRequiredService<PortOneV2Client>().V2PostAsync(new EchoBody { Amount = 1 }).Guard());

        Assert.Single(_h.Requests("/payments/pay_1/billing-key"));
    }

    private ServiceCollection Services()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_h.Time);
        services.AddSingleton(_h.LoggerFactory);
        return services;
    }

    private static IConfigurationSection Section(string path, Dictionary<string, string?> values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.ToDictionary(p => path + ":" + p.Key, p => p.Value))
            .Build()
            .GetSection(path);
}
