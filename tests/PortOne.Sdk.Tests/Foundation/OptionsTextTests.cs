using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PortOne.Sdk.V1;
using PortOne.Sdk.V2;

namespace PortOne.Sdk.Tests.Foundation;

/// <summary>
/// Settings that cannot be sent as they are (a line break pasted with a secret, a look-alike letter in a header)
/// are refused by options validation, naming the setting and never showing its value.
/// </summary>
public sealed class OptionsTextTests
{
    private const string Core = "Zq7secretVALUE";

    public static TheoryData<string> UnsendableSecrets => new()
    {
        Core + "\n",
        Core + "\r\n",
        " " + Core,
        Core + "\t",
        "Zq7sécretVALUE",
        "Zq7\u200Bsecret",
        "Zq7secret\nVALUE",
    };

    [Theory]
    [MemberData(nameof(UnsendableSecrets))]
    public void A_v2_secret_that_cannot_be_an_Authorization_header_fails_validation_naming_the_setting_only(string secret)
    {
        var ex = Assert.Throws<ArgumentException>(() => new PortOneV2Client(new PortOneV2Options { ApiSecret = secret }));

        Assert.Contains("PortOneV2Options.ApiSecret", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Zq7", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("VALUE", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void In_bearer_mode_the_secret_only_travels_in_JSON_so_only_surrounding_whitespace_is_refused()
    {
        using var accepted = new PortOneV2Client(new PortOneV2Options { ApiSecret = "Zq7sécretVALUE", AuthMode = PortOneV2AuthMode.BearerToken });
        var ex = Assert.Throws<ArgumentException>(() => new PortOneV2Client(new PortOneV2Options { ApiSecret = Core + "\n", AuthMode = PortOneV2AuthMode.BearerToken }));

        Assert.Contains("PortOneV2Options.ApiSecret", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Core, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tier-7\n")]
    [InlineData(" tier-7")]
    [InlineData("티어7")]
    [InlineData("tier\r\n7")]
    public void A_v1_tier_that_cannot_be_a_header_fails_validation_naming_the_setting(string tier)
    {
        var ex = Assert.Throws<ArgumentException>(() => new PortOneV1Client(new PortOneV1Options { ApiKey = "key", ApiSecret = "secret", Tier = tier }));

        Assert.Contains("PortOneV1Options.Tier", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(tier.Trim(), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void V1_key_and_secret_with_surrounding_whitespace_are_refused_rather_than_trimmed()
    {
        var ex = Assert.Throws<ArgumentException>(() => new PortOneV1Client(new PortOneV1Options { ApiKey = "key-123 ", ApiSecret = Core + "\n" }));

        Assert.Contains("PortOneV1Options.ApiKey", ex.Message, StringComparison.Ordinal);
        Assert.Contains("PortOneV1Options.ApiSecret", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("key-123", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Core, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ordinary_values_pass()
    {
        Assert.Empty(new PortOneV2Options { ApiSecret = "AbC123-_.~+/=", StoreId = "store-1" }.Validate());
        Assert.Empty(new PortOneV1Options { ApiKey = "1234567890123456", ApiSecret = "Abc 123", Tier = "t-1" }.Validate());
    }

    [Fact]
    public void AddPortOneV2_with_a_secret_ending_in_a_line_break_fails_start_up_validation_naming_the_setting()
    {
        var services = new ServiceCollection();
        services.AddPortOneV2(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["PortOne:V2:ApiSecret"] = Core + "\n" })
            .Build()
            .GetSection("PortOne:V2"));
        using var provider = services.BuildServiceProvider();

        var atStart = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        var atResolution = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IPortOneV2Client>());

        Assert.Contains("PortOneV2Options.ApiSecret", atStart.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Core, atStart.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Core, atResolution.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddPortOneV2_from_a_delegate_with_a_non_ascii_secret_fails_start_up_validation()
    {
        var services = new ServiceCollection();
        services.AddPortOneV2(o => o.ApiSecret = "Zq7sécretVALUE");
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("PortOneV2Options.ApiSecret", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Zq7", ex.Message, StringComparison.Ordinal);
    }
}
