using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using LeadRunner.Tests.Enterprises;
using LeadRunner.Tests.TestHost;

namespace LeadRunner.Tests.Versioning;

/// <summary>The one history page every editor links to: versions, a comparison, and rollback with a reason.</summary>
public class VersionHistoryPageTests
{
    [Fact]
    public async Task SettingsHistory_ComparesTheLastTwoVersions_AndRollsBackWithAReason()
    {
        using var factory = new LeadRunnerFactory();
        var admin = await factory.ClientFor("admin");
        var settings = JsonNode.Parse(await admin.GetStringAsync("/api/programmes/2024"))!;
        settings["minPartners"] = 4;
        (await admin.PutAsync("/api/programmes/2024?note=合作企业改为四家", new StringContent(settings.ToJsonString(), Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();

        var page = await admin.GetStringAsync("/admin/versions/settings/2024");
        Assert.Contains("年度批次设置的版本历史", page, StringComparison.Ordinal);
        Assert.Contains("合作企业改为四家", page, StringComparison.Ordinal);
        Assert.Contains("<td class=\"small\">$.minPartners</td>", page, StringComparison.Ordinal);
        Assert.Contains("回滚到此版", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/admin/versions/settings/2024\"", await admin.GetStringAsync("/admin/programmes?year=2024"), StringComparison.Ordinal);

        var fields = new Dictionary<string, string>
        {
            ["version"] = "1", ["note"] = "维持三家",
            ["__RequestVerificationToken"] = EnterpriseRegistrationTests.AntiforgeryToken(page),
        };
        var posted = await admin.PostAsync("/admin/versions/settings/2024?handler=Rollback", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal("/admin/versions/settings/2024?from=1&to=3&rolledBack=3", posted.Headers.Location!.OriginalString);
        Assert.Equal(3, JsonNode.Parse(await admin.GetStringAsync("/api/programmes/2024"))!["minPartners"]!.GetValue<int>());
        var after = await admin.GetStringAsync(posted.Headers.Location.OriginalString);
        Assert.Contains("已回滚：旧版本的内容已发布为第 3 版", after, StringComparison.Ordinal);
        Assert.Contains("第 1 版与第 3 版内容相同", after, StringComparison.Ordinal);

        // The current version cannot be rolled back to; the page says why and nothing changes.
        fields["version"] = "3";
        fields["__RequestVerificationToken"] = EnterpriseRegistrationTests.AntiforgeryToken(after);
        var refused = await admin.PostAsync("/admin/versions/settings/2024?handler=Rollback", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("第 3 版已是当前版本", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryKindHasTheSamePage_OnlyForAdministrators()
    {
        using var factory = new LeadRunnerFactory();
        var admin = await factory.ClientFor("admin");
        foreach (var (path, noun) in new[]
        {
            ("/admin/versions/workflow/recognition", "流程的版本历史"), ("/admin/versions/form/county-review", "表单的版本历史"),
            ("/admin/versions/template/notice", "文书模板的版本历史"), ("/admin/versions/rule/partners", "认定条件的版本历史"),
        })
        {
            Assert.Contains(noun, await admin.GetStringAsync(path), StringComparison.Ordinal);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/admin/versions/recipe/cake")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/admin/versions/form/no-such-form")).StatusCode);

        var staff = await factory.ClientFor("province");
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync("/admin/versions/settings/2024")).StatusCode);
    }
}
