using System.Net;
using LeadRunner.Cms.Editing;
using LeadRunner.Data;
using LeadRunner.Hosting;
using LeadRunner.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadRunner.Tests.Cms;

/// <summary>Forms embedded in public pages: <c>[form:key]</c> in a body, and a 公示's window, batch and objection form.</summary>
public class HostedFormPagesTests(LeadRunnerFactory factory) : IClassFixture<LeadRunnerFactory>
{
    [Fact]
    public async Task Notice_FormPlaceholder_EmbedsThePublicForm_OthersGetAChineseNotice()
    {
        await CmsSamples.PublishAsync(factory, new ContentDocument
        {
            Type = "notice", Title = "关于受理公示异议的说明", Slug = "embed-test", Round = 2024,
            Body = "异议请在下方填写：\n\n[form:objection]\n\n[form:nonexistent]\n\n[form:application]\n\n`[form:objection]` 写在代码里不嵌入。",
        });
        var html = await factory.AnonymousClient().GetStringAsync("/notices/embed-test");

        Assert.Equal(1, html.Split("data-hosted-form").Length - 1);
        Assert.Contains("data-form-key=\"objection\"", html, StringComparison.Ordinal);
        Assert.Contains("data-grants=\"true\"", html, StringComparison.Ordinal);
        Assert.Contains("<script type=\"application/json\" class=\"form-schema\">{\"key\":\"objection\"", html, StringComparison.Ordinal);
        Assert.Contains("<script type=\"module\" src=\"/js/forms-fill.js?v=", html, StringComparison.Ordinal);
        Assert.Contains("表单“nonexistent”不存在或未公开。", html, StringComparison.Ordinal);
        // A form that needs login is refused on a public page.
        Assert.Contains("表单“application”不存在或未公开。", html, StringComparison.Ordinal);
        Assert.Contains("<code>[form:objection]</code>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenPublicity_ShowsWindowStatusBatchAndTheObjectionForm_AboutThisPublicity()
    {
        var cases = await CmsSamples.CasesOf2024Async(factory, 2);
        await CmsSamples.PublishAsync(factory, new ContentDocument
        {
            Type = "publicity", Title = "2024年度“领跑者”企业公示", Slug = "publicity-open", Round = 2024,
            Body = "公示期间如有异议，请联系省工业和信息化厅产业集群处，电话：0311-87801234。",
            Publicity = new([.. cases.Select(c => c.Id)], CmsSamples.OpenWindowStart(factory)),
        });
        var html = await factory.AnonymousClient().GetStringAsync("/publicity/publicity-open");

        Assert.Matches(@"公示期：\d{4}年\d{1,2}月\d{1,2}日至\d{4}年\d{1,2}月\d{1,2}日（5个工作日）", html);
        Assert.Contains(">公示中<", html, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"col\">序号</th><th scope=\"col\">企业名称</th><th scope=\"col\">所在地区</th><th scope=\"col\">所属集群</th><th scope=\"col\">行业</th>", html, StringComparison.Ordinal);
        Assert.All(cases, c => Assert.Contains($"<td>{c.Name}</td>", html, StringComparison.Ordinal));
        Assert.Contains("0311-87801234", html, StringComparison.Ordinal);
        Assert.Matches("data-objection-form data-publicity=\"\\d+\"", html);
        Assert.Contains("<script type=\"module\" src=\"/js/objection-form.js?v=", html, StringComparison.Ordinal);
        // The objection names one of the batch's enterprises, chosen from a list.
        Assert.All(cases, c => Assert.Contains($"<option value=\"{c.Name}\">{c.Name}</option>", html, StringComparison.Ordinal));
        Assert.DoesNotContain("营业收入", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClosedPublicity_ShowsItsWindow_AndTakesNoMoreObjections()
    {
        var cases = await CmsSamples.CasesOf2024Async(factory, 1);
        await CmsSamples.PublishAsync(factory, new ContentDocument
        {
            Type = "publicity", Title = "2024年度“领跑者”企业公示（第一批）", Slug = "publicity-closed", Round = 2024, Body = "公示已结束。",
            Publicity = new([cases[0].Id], new DateOnly(2024, 10, 8)),
        });
        var response = await factory.AnonymousClient().GetAsync("/publicity/publicity-closed");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Contains("公示期：2024年10月8日至", html, StringComparison.Ordinal);
        Assert.Contains("（5个工作日）", html, StringComparison.Ordinal);
        Assert.Contains(">已结束<", html, StringComparison.Ordinal);
        Assert.Contains("公示已结束，不再受理异议", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-objection-form", html, StringComparison.Ordinal);
    }
}
