using System.Text.Json.Nodes;
using LeadRunner.Hosting;
using LeadRunner.Hosting.ApiDescription;
using LeadRunner.Programmes.Eligibility;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace LeadRunner.Tests.Hosting.ApiDescription;

/// <summary>
/// The central transformers on a tiny app of their own, so they are checked whatever names the real endpoints have
/// yet: examples attach by operationId, an unnamed operation gets none, refusals follow the metadata.
/// </summary>
public sealed class OperationTransformerTests
{
    private static async Task<JsonObject> DescribeAsync(Action<WebApplication> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddAuthorization();
        builder.Services.AddApiDescription();
        await using var app = builder.Build();
        map(app);
        app.MapOpenApi();
        await app.StartAsync();
        using var client = app.GetTestClient();
        var json = JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!.AsObject();
        await app.StopAsync();
        return json;
    }

    [Fact]
    public async Task Example_IsAttachedByOperationId_AndOnlyThere()
    {
        var document = await DescribeAsync(app =>
        {
            app.MapPost("/check", (EligibilityApplication application) => TypedResults.Ok()).WithName("CheckEligibility").AllowAnonymous();
            app.MapPost("/other", (EligibilityApplication application) => TypedResults.Ok()).WithName("TryEligibility").AllowAnonymous();
        });

        var example = document["paths"]!["/check"]!["post"]!["requestBody"]!["content"]!["application/json"]!["examples"]!["CheckEligibility"]!;
        Assert.Equal("纺织", (string?)example["value"]!["industry"]);
        Assert.Null(document["paths"]!["/other"]!["post"]!["requestBody"]!["content"]!["application/json"]!["examples"]);
    }

    [Fact]
    public async Task Refusals_FollowTheEndpointMetadata()
    {
        var document = await DescribeAsync(app =>
        {
            app.MapGet("/secret", () => TypedResults.Ok("x")).RequireAuthorization();
            app.MapGet("/open", () => TypedResults.Ok("x")).AllowAnonymous().RequireRateLimiting(RateLimits.AnonymousSubmissions);
            app.MapPost("/upload", () => TypedResults.NoContent()).RequireRateLimiting(RateLimits.Uploads);
            app.MapGet("/own-forbidden", () => TypedResults.Ok("x")).RequireAuthorization()
                .ProducesProblem(StatusCodes.Status403Forbidden);
        });
        var paths = document["paths"]!;

        var secret = paths["/secret"]!["get"]!;
        Assert.Equal("""[{"bearer":[]},{"cookie":[]}]""", secret["security"]!.ToJsonString());
        Assert.Equal("#/components/schemas/ProblemDetails", (string?)secret["responses"]!["401"]!["content"]!["application/problem+json"]!["schema"]!["$ref"]);
        Assert.NotNull(secret["responses"]!["403"]);
        Assert.Null(secret["responses"]!["429"]);

        var open = paths["/open"]!["get"]!;
        Assert.Equal("[{}]", open["security"]!.ToJsonString());
        Assert.Null(open["responses"]!["401"]);
        Assert.NotNull(open["responses"]!["429"]);

        var upload = paths["/upload"]!["post"]!;
        Assert.Equal("""[{},{"bearer":[]},{"cookie":[]}]""", upload["security"]!.ToJsonString());
        Assert.NotNull(upload["responses"]!["413"]);

        // What the mapping declares itself is kept as declared, not overwritten with the generic wording.
        Assert.NotEqual("已登录，但当前账号的角色或管辖范围无权执行此操作。", (string?)paths["/own-forbidden"]!["get"]!["responses"]!["403"]!["description"]);
        Assert.NotNull(document["components"]!["schemas"]!["ProblemDetails"]);
    }

    public sealed record NoteInput(string Title, string? Remark);

    public sealed record NoteView(string Title, string? Remark);

    [Fact]
    public async Task ValuesTheBinderMayFailToRead_May400()
    {
        var document = await DescribeAsync(app =>
        {
            app.MapPost("/notes", (NoteInput note) => TypedResults.NoContent()).AllowAnonymous();
            app.MapGet("/page", (int? page) => TypedResults.Ok(page ?? 1)).AllowAnonymous();
            app.MapGet("/rounds/{year:int}", (int year) => TypedResults.Ok(year)).AllowAnonymous();
            app.MapGet("/search", (string? q) => TypedResults.Ok(q ?? "")).AllowAnonymous();
        });
        var paths = document["paths"]!;

        Assert.Equal("#/components/schemas/HttpValidationProblemDetails",
            (string?)paths["/notes"]!["post"]!["responses"]!["400"]!["content"]!["application/problem+json"]!["schema"]!["$ref"]);
        Assert.NotNull(document["components"]!["schemas"]!["HttpValidationProblemDetails"]);
        Assert.NotNull(paths["/page"]!["get"]!["responses"]!["400"]);
        // A constrained route value that does not parse matches no route (404); text always binds.
        Assert.Null(paths["/rounds/{year}"]!["get"]!["responses"]!["400"]);
        Assert.Null(paths["/search"]!["get"]!["responses"]!["400"]);
    }

    [Fact]
    public async Task NullableBodyFields_AreOptional_ResponseFieldsStayRequired()
    {
        var document = await DescribeAsync(app =>
        {
            app.MapPost("/notes", (NoteInput note) => TypedResults.NoContent()).AllowAnonymous();
            app.MapGet("/notes/1", () => TypedResults.Ok(new NoteView("标题", null))).AllowAnonymous();
        });
        var schemas = document["components"]!["schemas"]!.AsObject();
        JsonArray Required(string suffix) => schemas.Single(s => s.Key.EndsWith(suffix, StringComparison.Ordinal)).Value!["required"]!.AsArray();

        Assert.Equal(["title"], Required(nameof(NoteInput)).Select(n => (string)n!));
        Assert.Equal(["title", "remark"], Required(nameof(NoteView)).Select(n => (string)n!));
    }
}
