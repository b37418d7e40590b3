using System.Net;
using LeadRunner.Data;
using LeadRunner.Forms;
using LeadRunner.Versioning;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace LeadRunner.Tests.Forms;

/// <summary>The designer and form pages: who may open them; seeding from files only when a file changed.</summary>
public class FormPagesTests(FormsFactory factory) : IClassFixture<FormsFactory>
{
    [Fact]
    public async Task DesignerPages_AreForAdministratorsOnly()
    {
        var admin = await factory.ClientFor("admin");
        var list = await admin.GetStringAsync("/admin/forms");
        Assert.Contains("河北省特色产业集群“领跑者”企业申请报告", list, StringComparison.Ordinal);
        Assert.Contains("/api/forms/objection/versions/1/export", list, StringComparison.Ordinal);
        Assert.Contains("data-form-key=\"application\"", await admin.GetStringAsync("/admin/forms/application/edit"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/admin/forms/no-such-form/edit")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await factory.ClientFor("province")).GetAsync("/admin/forms")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await factory.ClientFor(FormsApiTests.Qinghe)).GetAsync("/admin/forms/application/edit")).StatusCode);
    }

    [Fact]
    public async Task FormPage_LoginForm_AsksAnonymousVisitorsToLogIn_PublicFormOpensForAnyone()
    {
        var anonymous = factory.AnonymousClient();
        var login = await anonymous.GetAsync("/forms/application");
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Contains("/login", login.Headers.Location!.ToString(), StringComparison.Ordinal);
        var objection = await anonymous.GetStringAsync("/forms/objection");
        Assert.Contains("“领跑者”企业公示异议", objection, StringComparison.Ordinal);
        Assert.Contains("未登录时草稿只暂存在本标签页", objection, StringComparison.Ordinal);
        Assert.DoesNotContain("</script><", objection.Split("id=\"form-schema\">")[1].Split("</script>")[0], StringComparison.Ordinal);

        var enterprise = await factory.ClientFor(FormsApiTests.Qinghe);
        var page = await enterprise.GetStringAsync("/forms/application?subject=workflow:7");
        Assert.Contains("data-subject=\"workflow:7\"", page, StringComparison.Ordinal);
        Assert.Contains("data-drafts=\"true\"", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await enterprise.GetAsync("/forms/no-such-form")).StatusCode);
    }

    [Fact]
    public async Task LoadFiles_PublishesOnlyFilesThatDifferFromTheCurrentVersion()
    {
        var folder = Directory.CreateTempSubdirectory("leadrunner-forms-");
        try
        {
            var file = Path.Combine(folder.FullName, "seed-test.form.json");
            await File.WriteAllTextAsync(file, """{ "key": "seed-test", "title": "种子测试", "components": [ { "type": "textfield", "key": "a", "label": "甲" } ] }""");
            async Task<int?[]> LoadAsync()
            {
                using var scope = factory.Services.CreateScope();
                await FormKind.LoadFilesAsync(scope.ServiceProvider.GetRequiredService<ArtifactStore>(), folder.FullName, NullLogger.Instance);
                return await scope.ServiceProvider.GetRequiredService<LeadRunnerDb>().ArtifactVersions.Where(v => v.Kind == "form" && v.Key == "seed-test").Select(v => v.Version).OrderBy(v => v).ToArrayAsync();
            }

            Assert.Equal([1], await LoadAsync());
            Assert.Equal([1], await LoadAsync());
            await File.WriteAllTextAsync(file, """{ "key": "seed-test", "title": "种子测试", "components": [ { "type": "textfield", "key": "a", "label": "甲（修订）" } ] }""");
            Assert.Equal([1, 2], await LoadAsync());
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
