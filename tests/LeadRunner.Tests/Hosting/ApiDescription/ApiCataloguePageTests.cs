using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LeadRunner.Tests.TestHost;

namespace LeadRunner.Tests.Hosting.ApiDescription;

/// <summary>The administrator's Chinese catalogue of the API: every described operation, grouped by tag, and nobody else's page.</summary>
[Trait("Provider", "Sqlite")]
public sealed partial class ApiCataloguePageTests
{
    [GeneratedRegex("<tr data-operation=\"([^\"]+)\">")]
    private static partial Regex OperationRow();

    [Fact]
    public async Task Catalogue_ListsEveryDescribedOperation_WithAccessAndAnswers()
    {
        using var factory = new LeadRunnerFactory();
        var admin = await factory.ClientFor("admin");
        var description = JsonNode.Parse(await admin.GetStringAsync("/openapi/v1.json"))!["paths"]!.AsObject();
        var described = (from path in description
                         from method in path.Value!.AsObject()
                         select (string)method.Value!["operationId"]!).Order(StringComparer.Ordinal).ToList();

        var page = await admin.GetStringAsync("/admin/api");

        var listed = OperationRow().Matches(page).Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(described, listed);
        Assert.Contains($"、{described.Count} 个接口", page, StringComparison.Ordinal);
        Assert.Matches(new Regex("<tr data-operation=\"CompleteTask\">.*?办理待办任务.*?需登录</td>.*?400 数据有误、401 未登录、403 无权限、404 不存在、409 冲突", RegexOptions.Singleline), page);
        Assert.Matches(new Regex("<tr data-operation=\"CheckEligibility\">.*?可匿名访问</td>", RegexOptions.Singleline), page);
        // Tags carry their Chinese description, in ApiTags' order (by subject): sign-in first.
        Assert.Contains("登录取得 Bearer 令牌", page, StringComparison.Ordinal);
        Assert.True(page.IndexOf("data-tag=\"认证\"", StringComparison.Ordinal) < page.IndexOf("data-tag=\"待办任务\"", StringComparison.Ordinal));
        Assert.Contains("href=\"/admin/api\"", await admin.GetStringAsync("/staff"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Catalogue_IsForSystemAdministratorsOnly()
    {
        using var factory = new LeadRunnerFactory();
        var province = await factory.ClientFor("province");
        Assert.Equal(HttpStatusCode.Forbidden, (await province.GetAsync("/admin/api")).StatusCode);
        Assert.DoesNotContain("href=\"/admin/api\"", await province.GetStringAsync("/staff"), StringComparison.Ordinal);
        var county = await factory.ClientFor("county.130534");
        Assert.Equal(HttpStatusCode.Forbidden, (await county.GetAsync("/admin/api")).StatusCode);
    }
}
