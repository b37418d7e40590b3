using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LeadRunner.Hosting.ApiDescription;

namespace LeadRunner.Tests.Hosting.ApiDescription;

/// <summary>
/// What a generated client needs from each operation (issue 18): a unique operationId, a Chinese summary and
/// description, a tag with a description, a security requirement, and a typed success response (the issue asks for 95 %; all have one);
/// and what the central transformers add: security schemes, refusals from the pipeline, request examples.
/// SQLite only: the description does not depend on the database (see ClientGenerationTests).
/// </summary>
[Trait("Provider", "Sqlite")]
public sealed partial class ApiDescriptionContentTests(ServedDescription served) : IClassFixture<ServedDescription>
{
    private static string Listed(List<string> names) => $"{names.Count} 个操作：\n{string.Join('\n', names)}";

    private List<string> Lacking(Func<JsonObject, bool> has) =>
        [.. served.Operations().Where(o => !has(o.Operation)).Select(o => o.Name)];

    private static bool HasText(JsonNode? node) => node is JsonValue value && !string.IsNullOrWhiteSpace((string?)value);

    [Fact]
    public void EveryOperation_HasAnOperationId()
    {
        var missing = Lacking(o => HasText(o["operationId"]));
        Assert.True(missing.Count == 0, $"缺少 operationId（WithName）的{Listed(missing)}");
    }

    [Fact]
    public void OperationIds_AreUnique()
    {
        var repeated = served.Operations().Where(o => HasText(o.Operation["operationId"]))
            .GroupBy(o => (string)o.Operation["operationId"]!, StringComparer.Ordinal)
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join("、", g.Select(o => o.Name))}")
            .ToList();
        Assert.True(repeated.Count == 0, $"重复的 operationId：\n{string.Join('\n', repeated)}");
    }

    [Fact]
    public void EveryOperation_HasASummary()
    {
        var missing = Lacking(o => HasText(o["summary"]));
        Assert.True(missing.Count == 0, $"缺少摘要（WithSummary）的{Listed(missing)}");
    }

    [Fact]
    public void EveryOperation_HasADescription()
    {
        var missing = Lacking(o => HasText(o["description"]));
        Assert.True(missing.Count == 0, $"缺少说明（WithDescription）的{Listed(missing)}");
    }

    [Fact]
    public void EveryOperation_HasATagAndASecurityRequirement()
    {
        var untagged = Lacking(o => o["tags"] is JsonArray { Count: > 0 });
        Assert.True(untagged.Count == 0, $"没有标签（WithTags）的{Listed(untagged)}");
        var unsecured = Lacking(o => o["security"] is JsonArray { Count: > 0 });
        Assert.True(unsecured.Count == 0, $"没有 security 的{Listed(unsecured)}");
    }

    [Fact]
    public void EveryDocumentTag_HasADescription()
    {
        var tags = served.Document["tags"]!.AsArray();
        Assert.NotEmpty(tags);
        var missing = tags.Where(t => !HasText(t!["description"])).Select(t => (string)t!["name"]!).ToList();
        Assert.True(missing.Count == 0, $"这些标签缺少说明，请补到 Hosting/ApiDescription/ApiTags.cs：{string.Join("、", missing)}");
        var declared = tags.Select(t => (string)t!["name"]!).ToHashSet(StringComparer.Ordinal);
        var used = served.Operations().SelectMany(o => o.Operation["tags"]?.AsArray() ?? []).Select(t => (string)t!).Distinct();
        Assert.All(used, tag => Assert.Contains(tag, declared));
    }

    [GeneratedRegex("""WithTags\("([^"]+)"\)""")]
    private static partial Regex WithTags();

    /// <summary>Also the tags of endpoints left out of the description: the dictionary is where a new tag is described.</summary>
    [Fact]
    public void EveryTagInTheSource_IsDescribedInApiTags()
    {
        var source = Path.Combine(ServedDescription.RepositoryRoot, "src", "LeadRunner");
        var used = Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories)
            .SelectMany(file => WithTags().Matches(File.ReadAllText(file)).Select(m => m.Groups[1].Value))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        Assert.NotEmpty(used);
        var missing = used.Where(tag => !ApiTags.Descriptions.ContainsKey(tag)).ToList();
        Assert.True(missing.Count == 0, $"这些标签缺少说明，请补到 Hosting/ApiDescription/ApiTags.cs：{string.Join("、", missing)}");
    }

    [Fact]
    public void EveryOperation_DeclaresASuccessSchema()
    {
        // The issue asks for 95 %; every operation has one today, so a new untyped one is caught at once.
        var untyped = Lacking(HasSuccessSchema);
        Assert.True(untyped.Count == 0, $"没有声明成功响应结构的{Listed(untyped)}");
    }

    /// <summary>A 2xx with content that has a schema, or a 204 (nothing to describe).</summary>
    private static bool HasSuccessSchema(JsonObject operation) =>
        operation["responses"]!.AsObject().Any(r => r.Key.StartsWith('2') && (r.Key == "204"
            || r.Value!["content"] is JsonObject content && content.Any(c => c.Value?["schema"] is not null)));

    [Fact]
    public void SecuritySchemes_AreBearerAndCookie()
    {
        var schemes = served.Document["components"]!["securitySchemes"]!;
        Assert.Equal("http", (string?)schemes["bearer"]!["type"]);
        Assert.Equal("bearer", (string?)schemes["bearer"]!["scheme"]);
        Assert.Equal("apiKey", (string?)schemes["cookie"]!["type"]);
        Assert.Equal("cookie", (string?)schemes["cookie"]!["in"]);
        Assert.Equal(LeadRunner.Accounts.AccountsFeature.CookieName, (string?)schemes["cookie"]!["name"]);
    }

    [Fact]
    public void Server_HasNoTrailingSlash()
    {
        var url = (string)served.Document["servers"]![0]!["url"]!;
        Assert.Equal(served.Address.TrimEnd('/'), url);
    }

    private JsonObject Operation(string method, string path) => served.Document["paths"]![path]![method]!.AsObject();

    [Fact]
    public void AuthorizedOperation_RequiresBearerOrCookie_AndMay401Or403()
    {
        var logout = Operation("post", "/api/auth/logout");
        Assert.Equal("""[{"bearer":[]},{"cookie":[]}]""", logout["security"]!.ToJsonString());
        foreach (var status in new[] { "401", "403" })
        {
            var response = logout["responses"]![status]!;
            Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", (string)response["description"]!);
            Assert.Equal("#/components/schemas/ProblemDetails", (string?)response["content"]!["application/problem+json"]!["schema"]!["$ref"]);
        }
        Assert.NotNull(served.Document["components"]!["schemas"]!["ProblemDetails"]);
    }

    [Fact]
    public void AnonymousOperation_HasAnEmptyRequirement_AndNo401()
    {
        var units = Operation("get", "/api/regions/units");
        Assert.Equal("[{}]", units["security"]!.ToJsonString());
        Assert.Null(units["responses"]!["401"]);
    }

    [Fact]
    public void RateLimitedOperations_May429_AndUploads413()
    {
        Assert.NotNull(Operation("post", "/api/auth/login")["responses"]!["429"]);
        Assert.NotNull(Operation("post", "/api/eligibility/check")["responses"]!["429"]);
        var upload = Operation("post", "/api/uploads")["responses"]!;
        Assert.NotNull(upload["429"]);
        Assert.NotNull(upload["413"]);
        Assert.Null(Operation("get", "/api/regions/units")["responses"]!["429"]);
    }

    [Fact]
    public void MainRequestBodies_CarryExamples()
    {
        var byId = served.Operations().Where(o => HasText(o.Operation["operationId"]))
            .ToDictionary(o => (string)o.Operation["operationId"]!, o => o.Operation, StringComparer.Ordinal);
        var missing = RequestExamples.ByOperationId.Keys.Where(id => !byId.ContainsKey(id)).ToList();
        Assert.True(missing.Count == 0, $"找不到这些 operationId 的操作：{string.Join("、", missing)}");
        foreach (var id in RequestExamples.ByOperationId.Keys)
        {
            var example = byId[id]["requestBody"]!["content"]!["application/json"]!["examples"]![id]!;
            Assert.NotNull(example["value"]);
        }
    }

    /// <summary>One route serves seven bodies by name and format; the description names each, not an empty schema.</summary>
    [Fact]
    public void RoundList_DescribesEveryShapeItAnswers()
    {
        var schema = Operation("get", "/api/rounds/{year}/lists/{name}")["responses"]!["200"]!["content"]!["application/json"]!["schema"]!;
        var branches = schema["anyOf"]!.AsArray();
        var shapes = branches.Select(b => (string?)b!["items"]?["$ref"] ?? (string?)b["type"]).ToList();
        Assert.Equal([
            "#/components/schemas/Industry", "#/components/schemas/SpecialCategory", "#/components/schemas/PartnerRelation", "string",
            "#/components/schemas/RoundListsApiIndustryOption", "#/components/schemas/RoundListsApiCategoryOption", "#/components/schemas/RoundListsApiListOption",
        ], shapes);
        var schemas = served.Document["components"]!["schemas"]!;
        // Each named schema has the fields its entries carry.
        Assert.NotNull(schemas["Industry"]!["properties"]!["retired"]);
        Assert.NotNull(schemas["SpecialCategory"]!["properties"]!["items"]);
        Assert.NotNull(schemas["PartnerRelation"]!["properties"]!["name"]);
        Assert.NotNull(schemas["RoundListsApiIndustryOption"]!["properties"]!["traditional"]);
        Assert.NotNull(schemas["RoundListsApiCategoryOption"]!["properties"]!["items"]);
        Assert.NotNull(schemas["RoundListsApiListOption"]!["properties"]!["label"]);
    }
}
