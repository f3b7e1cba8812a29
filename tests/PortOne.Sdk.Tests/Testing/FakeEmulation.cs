using System.Net;
using System.Net.Http.Headers;
using System.Reflection;
using PortOne.Sdk.V2;
using System.Text.Json.Nodes;
using PortOne.Sdk.Http;
using PortOne.Sdk.Testing;
using PortOne.Sdk.V1;

namespace PortOne.Sdk.Tests.Testing;

/// <summary>
/// Asks a fresh <see cref="FakePortOne"/> which operations it emulates, by sending each operation the SDK knows a
/// request of its own shape and seeing whether the fake says it does not emulate it. Nothing here is copied from
/// the fake's routing, so an operation the fake starts emulating shows up without editing this list.
/// </summary>
internal static class FakeEmulation
{
    private const string Id = "probe-id";

    private static readonly string[] Methods = ["GET", "POST", "PUT", "DELETE"];

    /// <summary>The V2 operations (by descriptor name) whose requests the fake answers with something other than 501 NOT_EMULATED.</summary>
    public static async Task<IReadOnlyList<string>> V2OperationsAsync()
    {
        await using var fake = new FakePortOne();
        using var http = new HttpClient(fake.CreateHandler()) { BaseAddress = FakePortOne.V2BaseAddress };
        var emulated = new List<string>();
        foreach (var operation in V2Operations.All)
        {
            using var request = new HttpRequestMessage(new HttpMethod(operation.Method!), Fill(operation.PathTemplate));
            request.Headers.Authorization = new AuthenticationHeaderValue("PortOne", fake.V2ApiSecret);
            if (operation.Method is "POST" or "PUT" or "PATCH" or "DELETE")
            {
                request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
            }

            using var response = await http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            var notEmulated = response.StatusCode == HttpStatusCode.NotImplemented && body.Contains("\"NOT_EMULATED\"", StringComparison.Ordinal);
            Assert.False(response.StatusCode == HttpStatusCode.NotFound && body.Contains("has no", StringComparison.Ordinal), $"the fake does not route {operation.Name} to itself: {body}");
            if (!notEmulated)
            {
                emulated.Add(operation.Name);
            }
        }

        return emulated;
    }

    /// <summary>
    /// The V1 (method, path template) pairs the fake answers. V1 descriptors carry no method, so each template is
    /// tried with GET, POST, PUT and DELETE; a pair counts when the fake does not answer that it does not implement it.
    /// </summary>
    public static async Task<IReadOnlyList<string>> V1OperationsAsync()
    {
        await using var fake = new FakePortOne();
        using var http = new HttpClient(fake.CreateHandler()) { BaseAddress = FakePortOne.V1BaseAddress };
        using var tokenAnswer = await http.PostAsync("users/getToken", new StringContent(
            new JsonObject { ["imp_key"] = fake.V1ApiKey, ["imp_secret"] = fake.V1ApiSecret }.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        var token = JsonNode.Parse(await tokenAnswer.Content.ReadAsStringAsync())!["response"]!["access_token"]!.GetValue<string>();

        var templates = V1Templates().ToList();
        var answers = new Dictionary<(string Method, string Path), (HttpStatusCode Status, string Body)>();
        foreach (var template in templates)
        {
            foreach (var method in Methods)
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), Fill(template));
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                if (method != "GET")
                {
                    request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
                }

                using var response = await http.SendAsync(request);
                answers[(method, Fill(template))] = (response.StatusCode, await response.Content.ReadAsStringAsync());
            }
        }

        var emulated = new List<string>();
        foreach (var template in templates)
        {
            foreach (var method in Methods)
            {
                var answer = answers[(method, Fill(template))];
                if (answer.Status == HttpStatusCode.NotFound && answer.Body.Contains("does not implement", StringComparison.Ordinal))
                {
                    continue;
                }

                // A path without parameters can also be read as another template's parameter (GET /payments/cancel is
                // GET /payments/{imp_uid} with imp_uid "cancel"): when that template's probe got the same answer, it
                // is that operation answering, not this one.
                var shadowed = !template.Contains('{', StringComparison.Ordinal) && templates.Any(other =>
                    other != template && other.Contains('{', StringComparison.Ordinal) && Matches(other, template) && answers[(method, Fill(other))] == answer);
                if (!shadowed)
                {
                    emulated.Add(Key(method, template));
                }
            }
        }

        return emulated;
    }

    /// <summary>How a V1 pair is named in the lists: method and path template.</summary>
    public static string Key(string method, string template) => $"{method} {template}";

    // The path templates of every V1 operation the SDK declares, read from its clients' descriptors.
    private static IEnumerable<string> V1Templates() =>
        typeof(PortOneV1Client).Assembly.GetTypes()
            .Where(t => t.Namespace == typeof(PortOneV1Client).Namespace)
            .SelectMany(t => t.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic))
            .Where(f => f.FieldType == typeof(PortOneOperation))
            .Select(f => ((PortOneOperation)f.GetValue(null)!).PathTemplate)
            .Where(p => p != "/users/getToken")
            .Distinct(StringComparer.Ordinal)
            .OrderBy(p => p, StringComparer.Ordinal);

    // Whether a literal path fits a template segment by segment (a parameter fits any segment).
    private static bool Matches(string template, string path)
    {
        var t = template.Trim('/').Split('/');
        var p = path.Trim('/').Split('/');
        return t.Length == p.Length && t.Zip(p).All(x => x.First.StartsWith('{') || x.First == x.Second);
    }

    private static string Fill(string template)
    {
        var segments = template.Trim('/').Split('/').Select(s => s.StartsWith('{') ? Id : s);
        return string.Join("/", segments);
    }
}
