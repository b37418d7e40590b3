using System.Net;
using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using LeadRunner.Accounts;
using LeadRunner.Tests.TestHost;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace LeadRunner.Tests.Hosting;

/// <summary>
/// A corpus of malformed bodies sent to every POST/PUT/PATCH route of the API, the sign-in and token routes
/// (/api/auth/*) included, as a role allowed to call it: never a 5xx, and every refusal explains itself in Chinese.
/// </summary>
public sealed class MalformedInputTests(LeadRunnerFactory factory, ITestOutputHelper output) : IClassFixture<LeadRunnerFactory>
{
    private const string Enterprise = "ent.91130534MA0CQH1106";

    private static readonly string Deep = string.Concat(Enumerable.Repeat("{\"a\":", 200)) + "1" + new string('}', 200);

    /// <summary>Bodies that are wrong for any JSON route.</summary>
    private static readonly (string Name, string Body, string ContentType)[] Generic =
    [
        ("malformed", "{\"year\": ", "application/json"),
        ("garbage", "<xml/>", "application/json"),
        ("empty", "", "application/json"),
        ("null", "null", "application/json"),
        ("array for object", "[1,2,3]", "application/json"),
        ("string for object", "\"text\"", "application/json"),
        ("deep nesting", Deep, "application/json"),
        ("huge number", "99999999999999999999999999999999999999", "application/json"),
        ("not json", "year=2024", "text/plain"),
    ];

    [Fact]
    public async Task Every_json_route_refuses_the_corpus_with_a_Chinese_400_and_never_a_500()
    {
        var routes = JsonRoutes();
        Assert.NotEmpty(routes);
        var failures = new List<string>();
        var clients = new Dictionary<string, HttpClient>();
        // The sign-in routes come last, each with a client of its own: one of them signs the client out.
        foreach (var route in routes.OrderBy(r => IsAuth(r.Url)))
        {
            var user = UserFor(route.Endpoint);
            HttpClient? client;
            if (IsAuth(route.Url))
            {
                client = user == "" ? factory.AnonymousClient() : await factory.ClientFor(user);
            }
            else if (!clients.TryGetValue(user, out client))
            {
                client = clients[user] = user == "" ? factory.AnonymousClient() : await factory.ClientFor(user);
            }
            foreach (var (name, body, contentType) in Generic.Concat(WrongTypes(route.BodyType)))
            {
                using var request = new HttpRequestMessage(new HttpMethod(route.Method), route.Url) { Content = new StringContent(body, Encoding.UTF8, contentType) };
                var response = await client.SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                var status = (int)response.StatusCode;
                if (status >= 500)
                {
                    failures.Add($"{route.Method} {route.Url} [{name}] → {status} {text}");
                }
                else if (status >= 400 && status != 401 && status != 403 && !ChineseProblem(text))
                {
                    failures.Add($"{route.Method} {route.Url} [{name}] → {status} without a Chinese explanation: {text}");
                }
            }
        }
        output.WriteLine($"{routes.Count} routes checked");
        Assert.Contains(routes, r => r.Url == "/api/auth/login");
        Assert.Contains(routes, r => r.Url == "/api/auth/manage/info");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task A_wrong_type_names_the_field_and_the_expected_type()
    {
        var client = await factory.ClientFor(Enterprise);

        var problem = await PostAsync(client, "/api/instances", """{"workflow": "recognition", "enterpriseId": "abc"}""");
        Assert.Equal("字段 enterpriseId 应为整数（-2147483648 至 2147483647）。", problem["errors"]!["enterpriseId"]![0]!.GetValue<string>());

        problem = await PostAsync(client, "/api/instances", """{"workflow": "recognition", "enterpriseId": 99999999999}""");
        Assert.Contains("enterpriseId", problem["errors"]!.AsObject().Select(e => e.Key));

        problem = await PostAsync(client, "/api/instances", """{"workflow": "recognition", "variables": [1]}""");
        Assert.Equal("字段 variables 应为对象。", problem["errors"]!["variables"]![0]!.GetValue<string>());

        problem = await PostAsync(client, "/api/instances", "");
        Assert.Equal("请求正文不能为空，应为 JSON 对象。", problem["errors"]!["body"]![0]!.GetValue<string>());

        problem = await PostAsync(client, "/api/instances", Deep);
        Assert.Contains("嵌套层数超过上限", problem["detail"]!.GetValue<string>());

        var response = await client.GetAsync("/api/tasks?skip=abc");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var query = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("参数 skip 的值“abc”无效，应为整数。", query["errors"]!["skip"]![0]!.GetValue<string>());
    }

    private static async Task<JsonNode> PostAsync(HttpClient client, string url, string body)
    {
        var response = await client.PostAsync(url, new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("提交的数据有误", problem["title"]!.GetValue<string>());
        return problem;
    }

    private static bool IsAuth(string url) => url.StartsWith("/api/auth/", StringComparison.Ordinal);

    private sealed record Route(string Method, string Url, Type? BodyType, RouteEndpoint Endpoint);

    private List<Route> JsonRoutes()
    {
        var sources = factory.Services.GetRequiredService<IEnumerable<EndpointDataSource>>();
        return [.. sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Select(m => (Method: m, Endpoint: e)))
            .Where(x => x.Method is "POST" or "PUT" or "PATCH")
            .Where(x => x.Endpoint.Metadata.GetMetadata<IAcceptsMetadata>() is not { } accepts || accepts.ContentTypes.Any(c => c.Contains("json")))
            .Select(x => new Route(x.Method, Url(x.Endpoint), x.Endpoint.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType, x.Endpoint))];
    }

    /// <summary>A plausible value for each route parameter, so that requests reach binding rather than a 404.</summary>
    private static string Url(RouteEndpoint endpoint)
    {
        var url = endpoint.RoutePattern.RawText!;
        foreach (var parameter in endpoint.RoutePattern.Parameters)
        {
            var value = parameter.Name switch
            {
                "year" => "2024", "newYear" => "2099", "version" => "1", "draftId" => "1", "taskId" or "id" when IsNumeric(parameter) => "1",
                "id" when url.Contains("workflows") => "recognition", "key" when url.Contains("templates") => "annex-1",
                "key" => "application", "countyCode" => "130534", _ => "x",
            };
            url = System.Text.RegularExpressions.Regex.Replace(url, $@"\{{{parameter.Name}(:[^}}]*)?\}}", value);
        }
        return url;
    }

    private static bool IsNumeric(Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart parameter) =>
        parameter.ParameterPolicies.Any(p => p.Content is "int" or "long");

    private static string UserFor(Endpoint endpoint)
    {
        if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null && endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().All(a => a.Policy is null))
        {
            return "";
        }
        var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).ToList();
        return policies.Contains(Policies.Enterprise) ? Enterprise
            : policies.Contains(Policies.SecAdmin) ? "secadmin"
            : policies.Contains(Policies.Auditor) ? "auditor"
            : policies.Contains(Policies.SysAdmin) || policies.Contains(Policies.Staff) ? "admin"
            : Enterprise;
    }

    /// <summary>For a typed body: each property given a value of the wrong type, and integers out of range.</summary>
    private static IEnumerable<(string, string, string)> WrongTypes(Type? body)
    {
        if (body is null || body.Namespace?.StartsWith("System", StringComparison.Ordinal) == true)
        {
            yield break;
        }
        foreach (var property in body.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var name = char.ToLowerInvariant(property.Name[0]) + property.Name[1..];
            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            var wrong = type == typeof(string) ? "{\"x\":1}" : type == typeof(int) || type == typeof(long) ? "99999999999999999999" : "\"abc\"";
            yield return ($"{name} wrong type", $"{{\"{name}\": {wrong}}}", "application/json");
            yield return ($"{name} object", $"{{\"{name}\": {{\"nested\": [1, {{}}]}}}}", "application/json");
            yield return ($"{name} array", $"{{\"{name}\": [\"a\", 1]}}", "application/json");
        }
    }

    private static bool ChineseProblem(string text)
    {
        try
        {
            var node = JsonNode.Parse(text);
            var words = $"{node?["title"]}{node?["detail"]}";
            return words.Any(c => c is >= '\u4e00' and <= '\u9fff');
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }
}
