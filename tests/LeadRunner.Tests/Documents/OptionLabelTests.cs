using System.Text.Json.Nodes;
using LeadRunner.Documents;
using LeadRunner.Forms;
using LeadRunner.Scripting;
using LeadRunner.Tests.TestHost;
using LeadRunner.Versioning;
using Microsoft.Extensions.DependencyInjection;

namespace LeadRunner.Tests.Documents;

/// <summary><c>option_label</c> prints the label of a select's or radio's stored value, read from the form's schema.</summary>
public class OptionLabelTests
{
    private const string Schema = """
        {
          "key": "application", "title": "申请", "components": [
            { "type": "select", "key": "listing", "label": "上市情况", "dataSrc": "values", "multiple": true,
              "data": { "values": [ { "label": "已上市", "value": "listed" }, { "label": "拟上市", "value": "planned" }, { "label": "<未上市>", "value": "none" } ] } },
            { "type": "panel", "key": "p", "components": [
              { "type": "radio", "key": "scale", "label": "规模", "values": [ { "label": "大型", "value": 1 }, { "label": "中型", "value": 2 } ] } ] },
            { "type": "container", "key": "merger", "components": [
              { "type": "columns", "key": "cols", "columns": [ { "components": [
                { "type": "radio", "key": "form", "label": "重组形式", "values": [ { "label": "兼并", "value": "merge" }, { "label": "收购", "value": "acquire" } ] } ] } ] } ] }
          ]
        }
        """;

    private static string Render(string text, JsonObject application, FormOptionLabels? labels = null, bool blank = false)
    {
        labels ??= new FormOptionLabels(key => key == "application" ? new FormOptionLabels.Schema(1, Schema) : null);
        var renderer = new DocumentRenderer(new ScriptSandbox(), TemplateLibrary.FromFolder(DocumentSamples.Folder), labels);
        var outcome = renderer.RenderText(text, new DocumentData { Application = application }, blank);
        Assert.True(outcome.Ok, outcome.Errors.Count > 0 ? outcome.Errors[0].Message : null);
        // The fragment is <article class="doc">, a line break, the text, </article>: the text alone is compared.
        return outcome.Html!["<article class=\"doc\">\n".Length..^"</article>\n".Length];
    }

    [Fact]
    public void OptionLabel_SelectAndRadioValues_PrintTheirLabels()
    {
        var html = Render("{{ option_label 'application' 'listing' application.listing }}|{{ option_label 'application' 'scale' application.scale }}",
            new JsonObject { ["listing"] = "planned", ["scale"] = 2 });
        Assert.Equal("拟上市|中型", html);
    }

    [Fact]
    public void OptionLabel_ArrayOfValues_JoinsTheLabelsWithTheChineseComma()
    {
        var html = Render("{{ option_label 'application' 'listing' application.listing }}", new JsonObject { ["listing"] = new JsonArray("listed", "planned", "other") });
        Assert.Equal("已上市、拟上市、other", html);
    }

    [Fact]
    public void OptionLabel_NestedComponent_IsFoundByDataPathOrByKey()
    {
        var html = Render("{{ option_label 'application' 'merger.form' application.merger.form }}|{{ option_label 'application' 'form' application.merger.form }}",
            new JsonObject { ["merger"] = new JsonObject { ["form"] = "acquire" } });
        Assert.Equal("收购|收购", html);
    }

    [Fact]
    public void OptionLabel_UnknownFormKeyOrValue_PrintsTheValueItself()
    {
        var html = Render("{{ option_label 'nosuchform' 'listing' 'listed' }}|{{ option_label 'application' 'nosuchkey' 'listed' }}|{{ option_label 'application' 'listing' 'unknown' }}|{{ option_label 42 'listing' 'listed' }}",
            []);
        Assert.Equal("listed|listed|unknown|listed", html);
    }

    [Fact]
    public void OptionLabel_MissingValue_ShowsToBeFilled_OrABlankInTheBlankVersion()
    {
        Assert.Equal(DocumentHelpers.MissingText, System.Text.RegularExpressions.Regex.Replace(Render("{{ option_label 'application' 'listing' application.listing }}", []), "<[^>]+>", ""));
        Assert.Contains("class=\"blank\"", Render("{{ option_label 'application' 'listing' application.listing }}", [], blank: true), StringComparison.Ordinal);
    }

    [Fact]
    public void OptionLabel_LabelsAreEscaped()
    {
        Assert.Equal("&lt;未上市&gt;", Render("{{ option_label 'application' 'listing' 'none' }}", []));
    }

    [Fact]
    public void OptionLabel_OneRender_ReadsEachFormOnce_AndAtMostALimitedNumberOfForms()
    {
        var lookups = new List<string>();
        var labels = new FormOptionLabels(key =>
        {
            lookups.Add(key);
            return new FormOptionLabels.Schema(1, Schema);
        });
        var html = Render("{{ for i in 1..50 }}{{ option_label 'application' 'listing' 'listed' }}{{ option_label ('f' + i) 'listing' 'listed' }}{{ end }}", [], labels);
        Assert.Equal(DocumentHelpers.MaxFormsPerRender, lookups.Count);
        Assert.Single(lookups, "application");
        Assert.Equal(100, html.Split("listed").Length - 1 + html.Split("已上市").Length - 1);
    }

    [Fact]
    public async Task OptionLabel_InTheApp_ReadsTheNewestPublishedVersion()
    {
        using var factory = new LeadRunnerFactory();
        using var scope = factory.Services.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<ArtifactStore>();
        var forms = scope.ServiceProvider.GetRequiredService<FormKind>();
        var renderer = scope.ServiceProvider.GetRequiredService<DocumentRenderer>();
        const string Text = "{{ option_label 'county-review' 'verdict' 'pass' }}";
        Assert.Contains("pass", renderer.RenderText(Text, new DocumentData()).Html, StringComparison.Ordinal);

        var schema = JsonNode.Parse(Schema)!.AsObject();
        schema["key"] = "county-review";
        schema["components"]!.AsArray().Add(JsonNode.Parse("""{ "type": "radio", "key": "verdict", "label": "结论", "values": [ { "label": "通过", "value": "pass" } ] }"""));
        Assert.IsType<VersionOutcome.Saved>(await forms.SaveDraftAsync(store, "county-review", schema.ToJsonString(), "admin", null));
        var draft = await forms.DraftAsync("county-review", default);
        Assert.IsType<VersionOutcome.Saved>(await store.PublishDraftAsync(FormKind.Kind, "county-review", draft!.Id, "admin", "增加结论"));
        Assert.Contains("通过", renderer.RenderText(Text, new DocumentData()).Html, StringComparison.Ordinal);
    }
}
