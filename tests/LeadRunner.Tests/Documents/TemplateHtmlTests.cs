using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LeadRunner.Documents;
using LeadRunner.Hosting;
using LeadRunner.Tests.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace LeadRunner.Tests.Documents;

public class TemplateHtmlTests(LeadRunnerFactory factory) : IClassFixture<LeadRunnerFactory>
{
    /// <summary>Each construct outside the subset, on line 2 at the column given, and the words its message must carry.</summary>
    public static TheoryData<string, int, string> Refused => new()
    {
        { "<script>alert(1)</script>", 1, "<script>" },
        { "<SCRIPT SRC=//evil.example/x.js></SCRIPT>", 1, "<script>" },
        { "<img src=x onerror=alert(1)>", 12, "onerror" },
        { "<img/src=x onerror=alert(1)>", 12, "onerror" },
        { "<svg/onload=alert(1)>", 6, "onload" },
        { "\"><svg onload=alert(1)>", 3, "<svg>" },
        { "<iframe src=\"https://example.org\"></iframe>", 1, "<iframe>" },
        { "<object data=\"x.swf\"></object>", 1, "<object>" },
        { "<embed src=\"x.swf\">", 1, "<embed>" },
        { "<style>p { color: red }</style>", 1, "<style>" },
        { "<a href=\"javascript:alert(1)\">点此</a>", 4, "javascript:" },
        { "<a href=\" JaVaScRiPt:alert(1)\">点此</a>", 4, "javascript:" },
        { "<a href=\"&#106;avascript:alert(1)\">点此</a>", 4, "javascript:" },
        { "<a href=\"java\tscript:alert(1)\">点此</a>", 4, "javascript:" },
        { "<a href=\"javascript&colon;alert(1)\">点此</a>", 4, "字符引用" },
        { "<a href='vbscript:msgbox(1)'>点此</a>", 4, "vbscript:" },
        { "<a href=\"data:text/html,<script>alert(1)</script>\">点此</a>", 4, "data:" },
        { "<img src=\"data:image/svg+xml;base64,PHN2Zz4=\">", 6, "data:" },
        { "<p style=\"width: expression(alert(1))\">文字</p>", 4, "style" },
        { "<p style=\"background: url(javascript:alert(1))\">文字</p>", 4, "style" },
        { "</textarea><script>alert(1)</script>", 12, "<script>" },
        { "<td {{ if blank }}class=\"center\"{{ end }} onclick=\"alert(1)\">", 43, "onclick" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Check_RefusesEachConstructWithItsLineAndColumn(string html, int column, string named)
    {
        var errors = TemplateHtml.Check($"<h1>标题</h1>\n{html}\n<p>{{{{ v enterprise.name }}}}</p>");

        var error = Assert.Single(errors, e => e.Message.Contains(named, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(("text", 2, column), (error.Path, error.Line, error.Column));
    }

    [Fact]
    public void Check_AcceptsTheSubset_AndEveryShippedTemplate()
    {
        Assert.Empty(TemplateHtml.Check("""
            <h1>标题<br />第二行</h1>
            <p class="noindent">{{ if application.revenue < 100 }}少{{ end }} <a href="https://hebei.gov.cn/a?b=1&c=2">链接</a> <a href="/verify">核验</a> <a href="mailto:a@b.cn">邮件</a></p>
            <table><col width="20%"><tr><td colspan="2" class="center">{{ v enterprise.name }}</td></tr></table>
            <img class="qr" alt="二维码" src="data:image/png;base64,iVBORw0KGgo=" />
            <p style="text-align: center">居中</p>
            """));
        var folder = Path.Combine(RepositoryLayout.FindRoot(AppContext.BaseDirectory)!, "templates");
        var files = Directory.GetFiles(folder, "*.sbn-html");
        Assert.NotEmpty(files);
        Assert.All(files, file => Assert.Empty(TemplateHtml.Check(File.ReadAllText(file))));
    }

    [Fact]
    public async Task Save_UnsafeTemplate_Returns400WithLineAndColumn_AndTheBlankAnnexServesNoScript()
    {
        var admin = await factory.ClientFor("admin");

        var response = await admin.PutAsJsonAsync("/api/templates/annex-08", new { text = "<h1>证明</h1>\n<p>说明<img src=x onerror=alert(1)></p>\n<script>alert(2)</script>", note = "注入" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("locations").EnumerateArray()
            .Select(e => (e.GetProperty("line").GetInt32(), e.GetProperty("column").GetInt32())).ToList();
        Assert.Equal([(2, 17), (3, 1)], errors);

        // Markup assembled by an expression is caught on what the template renders.
        var built = await admin.PutAsJsonAsync("/api/templates/annex-08", new { text = "<h1>证明</h1>\n<p>{{ \"<scr\" + \"ipt>alert(1)</scr\" + \"ipt>\" }}</p>" });
        Assert.Equal(HttpStatusCode.BadRequest, built.StatusCode);
        Assert.Contains("<script>", await built.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var blank = await factory.AnonymousClient().GetStringAsync("/api/documents/annex/8/blank.html");
        Assert.DoesNotContain("<script", blank, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onerror", blank, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Render_SanitisesWhatATemplateProduces_AsASecondLineOfDefence()
    {
        var renderer = factory.Services.GetRequiredService<DocumentRenderer>();

        var outcome = renderer.RenderText("<p class=\"noindent\">正文<img src=x onerror=alert(1)><a href=\"javascript:alert(1)\">链接</a></p><script>alert(2)</script>",
            DocumentData.FromJson(null));

        Assert.True(outcome.Ok);
        Assert.Contains("<p class=\"noindent\">正文", outcome.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", outcome.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onerror", outcome.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", outcome.Html, StringComparison.OrdinalIgnoreCase);
    }
}
