using LeadRunner.Documents;

namespace LeadRunner.Tests.Documents;

/// <summary>Templates run in the sandbox: only the data, no .NET members, no files, limited loops; errors come back with a position.</summary>
public class TemplateSandboxTests
{
    [Fact]
    public void RenderText_DotNetMembersOfTheData_AreNotReachable()
    {
        var outcome = DocumentSamples.Renderer().RenderText("[{{ programme.Count }}|{{ programme.Keys }}|{{ application.enterpriseName.Length }}|{{ programme.year.GetType }}]", DocumentSamples.Filled());
        Assert.True(outcome.Ok);
        Assert.Contains("[|||]", outcome.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderText_EndlessLoop_FailsWithLineAndColumn()
    {
        var outcome = DocumentSamples.Renderer().RenderText("<p>开始</p>\n{{ for i in 1..1000000 }}x{{ end }}", DocumentSamples.Filled());
        Assert.False(outcome.Ok);
        Assert.Equal(2, outcome.Errors[0].Line);
        Assert.Contains("运行出错", outcome.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderText_IncludeOfAFile_Fails()
    {
        var outcome = DocumentSamples.Renderer().RenderText("{{ include '/etc/passwd' }}", DocumentSamples.Filled());
        Assert.False(outcome.Ok);
        Assert.DoesNotContain("root:", outcome.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderText_SyntaxError_ReportsLineAndColumn()
    {
        var outcome = DocumentSamples.Renderer().RenderText("<p>一</p>\n<p>{{ if application.listed }}是</p>", DocumentSamples.Filled());
        Assert.False(outcome.Ok);
        Assert.StartsWith("语法错误", outcome.Errors[0].Message, StringComparison.Ordinal);
        Assert.Equal(2, outcome.Errors[0].Line);
    }

    [Fact]
    public void RenderText_DataIsEscaped_SoItCannotInjectMarkup()
    {
        var data = DocumentSamples.Filled();
        data.Application!["enterpriseName"] = "<script>alert(1)</script>甲公司";
        var outcome = DocumentSamples.Renderer().RenderText("<p>{{ v application.enterpriseName }}</p>", data);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;甲公司", outcome.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderText_AbsentNestedData_ShowsToBeFilledNotAnError()
    {
        var outcome = DocumentSamples.Renderer().RenderText("<p>{{ v application.merger.parties }}|{{ wan application.revenue }}|{{ date countyReview.date }}</p>", new DocumentData());
        Assert.True(outcome.Ok);
        Assert.Equal(3, outcome.Html!.Split(DocumentHelpers.MissingText).Length - 1);
    }
}
