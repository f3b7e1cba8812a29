using System.Reflection;
using System.Text.Json;
using PortOne.Sdk.V2;

namespace PortOne.Sdk.Tests.Foundation;

/// <summary>
/// Extensible enums read from JSON: every known value comes back as the SDK's own shared instance, and any other
/// text (however close to a known one) is kept exactly as it was sent.
/// </summary>
public sealed class ExtensibleEnumTests
{
    public static TheoryData<Type> EnumTypes => new()
    {
        typeof(Country),
        typeof(Currency),
        typeof(PgProvider),
        typeof(PaymentMethodType),
        typeof(Bank),
    };

    [Theory]
    [MemberData(nameof(EnumTypes))]
    public void Every_known_value_is_read_as_the_shared_instance(Type enumType)
    {
        var known = KnownValues(enumType);
        Assert.NotEmpty(known);
        foreach (var (text, instance) in known)
        {
            var read = Read(enumType, text);

            Assert.Equal(instance, read);
            Assert.Same(text, Text(read));
        }
    }

    [Theory]
    [MemberData(nameof(EnumTypes))]
    public void Text_that_only_resembles_a_known_value_is_kept_as_sent(Type enumType)
    {
        var known = KnownValues(enumType);
        var texts = new HashSet<string>(known.Select(k => k.Text), StringComparer.Ordinal);
        foreach (var (text, _) in known)
        {
            // Same length and same first seven characters, a different last one; then longer, shorter, lower case.
            var lastChanged = text[..^1] + (text[^1] == 'Z' ? 'Y' : 'Z');
            foreach (var variant in new[] { lastChanged, text + "_", text[..^1], text.ToLowerInvariant() })
            {
                if (variant.Length == 0 || texts.Contains(variant))
                {
                    continue;
                }

                var read = Read(enumType, variant);

                Assert.Equal(variant, Text(read));
                Assert.DoesNotContain(known, k => Equals(k.Instance, read));
            }
        }
    }

    private static List<(string Text, object Instance)> KnownValues(Type enumType) =>
        enumType.GetProperties(BindingFlags.Public | BindingFlags.Static)
            .Where(p => p.PropertyType == enumType)
            .Select(p => p.GetValue(null)!)
            .Select(instance => (Text(instance), instance))
            .ToList();

    private static object Read(Type enumType, string text) =>
        JsonSerializer.Deserialize(JsonSerializer.Serialize(text), enumType)!;

    private static string Text(object instance) =>
        (string)instance.GetType().GetProperty("Value")!.GetValue(instance)!;
}
