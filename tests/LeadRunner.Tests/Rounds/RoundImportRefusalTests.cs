using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using LeadRunner.Data;
using LeadRunner.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadRunner.Tests.Rounds;

/// <summary>Bad round files are refused with a Chinese reason per item, and nothing at all is created.</summary>
public class RoundImportRefusalTests(LeadRunnerFactory factory) : IClassFixture<LeadRunnerFactory>
{
    private async Task<(HttpResponseMessage Response, string Body)> RefusedAsync(byte[] file, string query = "", HttpStatusCode expected = HttpStatusCode.BadRequest)
    {
        var admin = await factory.ClientFor("admin");
        var before = await RoundFiles.CountAsync(factory);
        var response = await RoundFiles.PostAsync(admin, "/api/rounds/import" + query, file);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{response.StatusCode}: {body}");
        Assert.Equal(before, await RoundFiles.CountAsync(factory));
        return (response, body);
    }

    private async Task<JsonObject> ExportAsync(int year = 2024) => await RoundFiles.ExportAsync(await factory.ClientFor("admin"), year);

    [Fact]
    public async Task Import_NotJson_IsRefused()
    {
        var (_, body) = await RefusedAsync(Encoding.UTF8.GetBytes("年度批次：2025"));
        Assert.Contains("文件不是有效的 JSON", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_AnotherKindOfFile_IsRefused()
    {
        var workflow = await File.ReadAllBytesAsync(Path.Combine(LeadRunner.Hosting.RepositoryLayout.FindRoot(AppContext.BaseDirectory)!, "workflows", "pool-entry.workflow.json"));
        var (_, body) = await RefusedAsync(workflow);
        Assert.Contains("文件不是年度批次文件", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_ANewerSchemaVersion_IsRefused()
    {
        var bundle = await ExportAsync();
        bundle["schemaVersion"] = 2;
        var (_, body) = await RefusedAsync(RoundFiles.Bytes(bundle), "?as=2030");
        Assert.Contains("文件的格式版本为 2", body, StringComparison.Ordinal);
        Assert.Contains("请先升级本系统", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_WithoutAFile_OrWithABadYear_IsRefused()
    {
        var admin = await factory.ClientFor("admin");
        using var empty = new MultipartFormDataContent { { new StringContent("x"), "other" } };
        var response = await admin.PostAsync("/api/rounds/import", empty);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("请选择要导入的年度批次文件", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var (_, body) = await RefusedAsync(RoundFiles.Bytes(await ExportAsync()), "?as=二〇三〇");
        Assert.Contains("“导入为年度”应为 2020～2100 之间的年份", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_ARoundThatExists_Is409_UnlessImportedAsAnotherYear_AndThePreviewSaysSo()
    {
        var file = RoundFiles.Bytes(await ExportAsync());
        var (_, body) = await RefusedAsync(file, expected: HttpStatusCode.Conflict);
        Assert.Contains("本系统已有 2024 年度批次，不能覆盖", body, StringComparison.Ordinal);

        var admin = await factory.ClientFor("admin");
        var preview = JsonNode.Parse(await (await RoundFiles.PostAsync(admin, "/api/rounds/import/preview", file)).Content.ReadAsStringAsync())!;
        Assert.True(preview["exists"]!.GetValue<bool>());
        Assert.False(preview["canImport"]!.GetValue<bool>());
        var other = JsonNode.Parse(await (await RoundFiles.PostAsync(admin, "/api/rounds/import/preview?as=2099", file)).Content.ReadAsStringAsync())!;
        Assert.False(other["exists"]!.GetValue<bool>());
        Assert.True(other["canImport"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Import_PinsNamingWhatTheFileLacks_AreRefusedOneByOne()
    {
        var bundle = await ExportAsync();
        var workflows = bundle["workflows"]!.AsArray();
        workflows.Remove(workflows.Single(w => w!["id"]!.GetValue<string>() == "recognition"));
        bundle["rules"] = null;
        var (_, body) = await RefusedAsync(RoundFiles.Bytes(bundle), "?as=2030");
        var errors = JsonNode.Parse(body)!["errors"]!;
        Assert.Contains("批次使用流程“recognition”第 1 版，但文件中没有该版本的内容", errors["pins.workflows.recognition"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("认定条件规则集", errors["pins.rulesVersion"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_ArtifactsTheirStoresRefuse_AreNamedWithTheReason()
    {
        var bundle = await ExportAsync();
        var recognition = bundle["workflows"]!.AsArray().Single(w => w!["id"]!.GetValue<string>() == "recognition")!;
        recognition["definition"]!["transitions"]![0]!["to"] = "nowhere";
        var annex = bundle["templates"]!.AsArray().Single(t => t!["key"]!.GetValue<string>() == "annex-02")!;
        annex["text"] = "<p>{{ if }}</p>";
        var form = bundle["forms"]!.AsArray().Single(f => f!["key"]!.GetValue<string>() == "objection")!;
        form["definition"]!["components"]![0]!["type"] = "nosuchtype";

        var (_, body) = await RefusedAsync(RoundFiles.Bytes(bundle), "?as=2030");
        var errors = JsonNode.Parse(body)!["errors"]!.AsObject();
        Assert.Equal(["form.objection", "template.annex-02", "workflow.recognition"], errors.Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.All(errors, e => Assert.NotEmpty(e.Value!.AsArray()));
        var workflow = string.Join("；", errors["workflow.recognition"]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.Contains("流程“", workflow, StringComparison.Ordinal);
        Assert.Contains("nowhere", workflow, StringComparison.Ordinal);
        Assert.StartsWith("文书模板“申报材料清单”（annex-02）：第 1 行", errors["template.annex-02"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.StartsWith("表单“", errors["form.objection"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_AFailureWhileSaving_UndoesEverythingAlreadyWritten()
    {
        var bundle = await ExportAsync();
        var annex = bundle["templates"]!.AsArray().Single(t => t!["key"]!.GetValue<string>() == "annex-01")!;
        annex["text"] = annex["text"]!.GetValue<string>() + "<p>只在失败的导入中出现。</p>";
        bundle["calendar"]!.AsArray().Add(new JsonObject
        {
            ["year"] = 2032, ["holidays"] = new JsonObject { ["2032-10-01"] = "国庆节" }, ["adjustedWorkdays"] = new JsonObject(),
        });
        // The calendar is written last: settings, the template and the round are already saved in the transaction when it fails.
        await ExecuteAsync(PostgresDatabases.InUse
            ? """
              CREATE FUNCTION refuse_calendar() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '测试：拒绝写入'; END $$;
              CREATE TRIGGER refuse_calendar BEFORE INSERT ON "CalendarDays" FOR EACH ROW EXECUTE FUNCTION refuse_calendar();
              """
            : "CREATE TRIGGER refuse_calendar BEFORE INSERT ON CalendarDays BEGIN SELECT RAISE(ABORT, '测试：拒绝写入'); END;");
        try
        {
            var (_, body) = await RefusedAsync(RoundFiles.Bytes(bundle), "?as=2032", HttpStatusCode.Conflict);
            Assert.Contains("未导入任何内容", body, StringComparison.Ordinal);
        }
        finally
        {
            await ExecuteAsync(PostgresDatabases.InUse ? "DROP TRIGGER refuse_calendar ON \"CalendarDays\"; DROP FUNCTION refuse_calendar();" : "DROP TRIGGER refuse_calendar;");
        }
        var admin = await factory.ClientFor("admin");
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/programmes/2032")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/rounds/2032")).StatusCode);
        Assert.DoesNotContain("只在失败的导入中出现", await admin.GetStringAsync("/api/documents/annex/1/blank.html"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_IsForAdministratorsOnly()
    {
        var file = RoundFiles.Bytes(await ExportAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await RoundFiles.PostAsync(factory.AnonymousClient(), "/api/rounds/import?as=2030", file)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await RoundFiles.PostAsync(await factory.ClientFor("province"), "/api/rounds/import/preview?as=2030", file)).StatusCode);
    }

    private async Task ExecuteAsync(string sql)
    {
        using var scope = factory.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<LeadRunnerDb>().Database.ExecuteSqlRawAsync(sql);
    }
}
