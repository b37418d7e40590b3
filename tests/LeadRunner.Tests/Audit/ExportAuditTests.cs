using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using LeadRunner.Audit;
using LeadRunner.Data;
using LeadRunner.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadRunner.Tests.Audit;

/// <summary>Every export of data leaves an audit entry of kind export: who, which file, which filter; a refused one leaves none.</summary>
public class ExportAuditTests(WorkflowFactory factory) : IClassFixture<WorkflowFactory>
{
    /// <summary>The export entries written for a user after the given entry id.</summary>
    private async Task<List<AuditEntry>> ExportsSinceAsync(long after, string user)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<LeadRunnerDb>().AuditEntries.AsNoTracking()
            .Where(a => a.Id > after && a.UserName == user && a.Kind == AuditKinds.Export).OrderBy(a => a.Id).ToListAsync();
    }

    private async Task<long> LastIdAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<LeadRunnerDb>().AuditEntries.MaxAsync(a => (long?)a.Id) ?? 0;
    }

    [Fact]
    public async Task CaseListExport_IsAudited_WithItsFilterAndRowCount()
    {
        var drive = new WorkflowDriver(factory);
        var id = await drive.StartRecognitionAsync();
        await drive.CompleteOkAsync($"ent.{WorkflowDriver.QingheUscc}", id, "submit");
        var county = await factory.ClientFor("county.130534");
        var since = await LastIdAsync();

        var response = await county.GetAsync("/api/rounds/2024/cases.xlsx?step=countyReview&q=%E6%B8%85%E6%B2%B3&overdue=false");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var entry = Assert.Single(await ExportsSinceAsync(since, "county.130534"));
        Assert.Equal("导出案件列表", entry.Action);
        Assert.Equal(response.Content.Headers.ContentDisposition!.FileNameStar, entry.Subject);
        Assert.Equal("筛选：环节：县级工信部门审核；是否逾期：未逾期；查找：清河；共 1 条", entry.After);

        await county.GetAsync("/api/rounds/2024/cases.xlsx");
        Assert.Equal("筛选：无（管辖范围内全部案件）；共 1 条", (await ExportsSinceAsync(since, "county.130534"))[^1].After);
    }

    [Fact]
    public async Task StatisticsCsv_IsAudited_WithTheChartAndTheCallersRegion()
    {
        var city = await factory.ClientFor("city.130500");
        var since = await LastIdAsync();

        var response = await city.GetAsync("/api/rounds/2024/stats/overdue.csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var entry = Assert.Single(await ExportsSinceAsync(since, "city.130500"));
        Assert.Equal(("导出统计数据", "2024年度逾期待办.csv"), (entry.Action, entry.Subject));
        Assert.Equal("图表：逾期待办（overdue）；范围：报送单位 130500", entry.After);
        Assert.NotNull(entry.ClientIp);
    }

    [Fact]
    public async Task RoundExport_IsAudited()
    {
        var admin = await factory.ClientFor("admin");
        var since = await LastIdAsync();

        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/rounds/2024/export")).StatusCode);

        var entry = Assert.Single(await ExportsSinceAsync(since, "admin"));
        Assert.Equal(("导出年度批次", "2024年度批次.round.json"), (entry.Action, entry.Subject));
    }

    [Fact]
    public async Task PackageDownload_IsAudited_WithTheUnit_ButNotItsStatus()
    {
        var city = await factory.ClientFor("city.130500");
        Assert.Equal(HttpStatusCode.Accepted, (await city.PostAsync("/api/units/130500/package?year=2024", null)).StatusCode);
        JsonObject status;
        var polls = 0;
        do
        {
            await Task.Delay(polls++ == 0 ? 0 : 100);
            status = (await city.GetFromJsonAsync<JsonObject>("/api/units/130500/package/status"))!;
        }
        while (status["state"]!.GetValue<string>() is "queued" or "running" && polls < 600);
        Assert.Equal("done", status["state"]!.GetValue<string>());
        var since = await LastIdAsync();

        var download = await city.GetAsync("/api/units/130500/package/download");

        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        var entry = Assert.Single(await ExportsSinceAsync(since, "city.130500"));
        Assert.Equal("下载报送材料包", entry.Action);
        Assert.Equal(download.Content.Headers.ContentDisposition!.FileNameStar, entry.Subject);
        Assert.StartsWith("报送单位 130500，", entry.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefusedExports_LeaveNoEntry()
    {
        var since = await LastIdAsync();
        var county = await factory.ClientFor("county.130534");
        var enterprise = await factory.ClientFor($"ent.{WorkflowDriver.QingheUscc}");
        var province = await factory.ClientFor("province");

        Assert.Equal(HttpStatusCode.BadRequest, (await county.GetAsync("/api/rounds/2024/cases.xlsx?step=nope")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await county.GetAsync("/api/rounds/1999/cases.xlsx")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await county.GetAsync("/api/rounds/2024/stats/nope.csv")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await enterprise.GetAsync("/api/rounds/2024/cases.xlsx")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await province.GetAsync("/api/rounds/2024/export")).StatusCode);

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
        Assert.False(await db.AuditEntries.AnyAsync(a => a.Id > since && a.Kind == AuditKinds.Export
            && (a.UserName == "county.130534" || a.UserName == $"ent.{WorkflowDriver.QingheUscc}" || a.UserName == "province")));
    }
}
