using System.Text;
using LeadRunner.Cms.Editing;
using LeadRunner.Data;
using LeadRunner.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace LeadRunner.BrowserTests.Cms;

/// <summary>Forms embedded in public pages, filled in Chromium by a visitor without an account.</summary>
public partial class HostedFormsBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    /// <summary>A real one-page PDF (header, objects, cross-reference table, trailer), as a scanner would produce.</summary>
    private static byte[] MinimalPdf()
    {
        var objects = new[]
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        };
        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(pdf.Length);
            pdf.Append(System.Globalization.CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }
        var xref = pdf.Length;
        pdf.Append(System.Globalization.CultureInfo.InvariantCulture, $"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            pdf.Append(System.Globalization.CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        }
        pdf.Append(System.Globalization.CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }

    private async Task<(IPage Page, List<string> Errors)> VisitAsync(string path)
    {
        var page = await browser.NewPageAsync(1400, 1000);
        var errors = new List<string>();
        page.PageError += (_, error) => { lock (errors) { errors.Add(error); } };
        page.SetDefaultTimeout(30_000);
        await page.GotoAsync(browser.BaseUrl + path);
        return (page, errors);
    }

    [Fact]
    public async Task Visitor_ObjectsOnAnOpenPublicity_WithAPdf_AndTheObjectionKeepsTheFile()
    {
        var cases = await CmsSamples.CasesOf2024Async(browser.Factory, 2);
        await CmsSamples.PublishAsync(browser.Factory, new ContentDocument
        {
            Type = "publicity", Title = "2024年度河北省县域特色产业集群“领跑者”企业公示", Slug = "publicity-browser", Round = 2024,
            Body = "现将拟认定企业名单予以公示。公示期内，对名单有异议的，可通过本页提出，或联系省工业和信息化厅产业集群处（电话：0311-87801234）。",
            Publicity = new([.. cases.Select(c => c.Id)], CmsSamples.OpenWindowStart(browser.Factory)),
        });
        var (page, errors) = await VisitAsync("/publicity/publicity-browser");
        await Assertions.Expect(page.Locator(".publicity-status")).ToHaveTextAsync("公示中");
        await Assertions.Expect(page.Locator(".publicity-list tbody tr")).ToHaveCountAsync(2);

        var form = page.Locator("[data-objection-form]");
        await form.GetByLabel("个人").CheckAsync();
        await form.GetByLabel("姓名").FillAsync("李明");
        await form.GetByLabel("身份证号码").FillAsync("11010519491231002X");
        await form.GetByLabel("联系电话").FillAsync("13800138000");
        await form.GetByLabel("被异议企业").SelectOptionAsync(cases[1].Name);
        await form.GetByLabel("异议事项和理由").FillAsync("该企业上年度发生过环境污染事故，被生态环境部门处罚，不符合认定条件。");
        await form.Locator("#objection-files").SetInputFilesAsync(new FilePayload { Name = "处罚决定书.pdf", MimeType = "application/pdf", Buffer = MinimalPdf() });
        await Assertions.Expect(form.Locator(".objection-uploaded")).ToContainTextAsync("处罚决定书.pdf（1 KB）已上传");
        await form.GetByLabel("本人（单位）承诺所反映情况属实，愿意承担相应责任").CheckAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "publicity-objection.png"), FullPage = true });
        await form.GetByRole(AriaRole.Button, new() { Name = "提交异议" }).ClickAsync();
        await Assertions.Expect(form.Locator(".alert-success")).ToContainTextAsync("异议已受理，受理编号 YY");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "publicity-objection-done.png") });

        // The objection the page acknowledged is the one with the receipt it shows (committed before the answer came).
        var receipt = ReceiptNumber().Match(await form.Locator(".alert-success").InnerTextAsync()).Value;
        using var scope = browser.Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadRunnerDb>();
        var objection = await db.Objections.AsNoTracking().SingleAsync(o => o.Receipt == receipt);
        Assert.Equal(cases[1].Name, objection.EnterpriseName);
        Assert.Equal(("个人", "李明", "11010519491231002X"), (objection.ObjectorType, objection.Name, objection.IdNumber));
        var stored = await db.StoredFiles.IgnoreQueryFilters().SingleAsync(f => f.AttachedTo == $"objection:{objection.Id}");
        Assert.Equal(("处罚决定书.pdf", "application/pdf"), (stored.FileName, stored.ContentType));
        Assert.StartsWith(LeadRunner.Uploads.UploadGrant.OwnerPrefix, stored.OwnerUserId, StringComparison.Ordinal);
        Assert.Equal([stored.Id], objection.Attachments);
        Assert.Empty(errors);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"YY\d+")]
    private static partial System.Text.RegularExpressions.Regex ReceiptNumber();

    [Fact]
    public async Task NoticeWithFormPlaceholders_RendersTheObjectionForm_AndAChineseNoticeForAMissingOne()
    {
        await CmsSamples.PublishAsync(browser.Factory, new ContentDocument
        {
            Type = "notice", Title = "关于公示异议受理方式的说明", Slug = "notice-embed-browser", Round = 2024,
            Body = "对公示名单有异议的，请填写下表：\n\n[form:objection]\n\n[form:nonexistent]",
        });
        var (page, errors) = await VisitAsync("/notices/notice-embed-browser");
        var form = page.Locator("[data-hosted-form]");
        await Assertions.Expect(form.GetByLabel("异议事项和理由")).ToBeVisibleAsync();
        await Assertions.Expect(form.GetByRole(AriaRole.Button, new() { Name = "提交" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".hosted-form-missing")).ToHaveTextAsync("表单“nonexistent”不存在或未公开。");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "notice-embedded-form.png"), FullPage = true });
        Assert.Empty(errors);
    }
}
