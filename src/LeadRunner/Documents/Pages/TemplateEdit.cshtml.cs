using System.Text.Json;
using LeadRunner.Accounts;
using LeadRunner.Data;
using LeadRunner.Versioning;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Documents.Pages;

/// <summary>One template: its live text, a preview on sample data and its versions. Saving goes through /api/templates.</summary>
[Authorize(Policy = Policies.SysAdmin)]
public sealed class TemplateEditModel(LeadRunnerDb db, DocumentRenderer renderer, TemplateSamples samples) : PageModel
{
    private static readonly JsonSerializerOptions ScriptSafe = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Default };

    public TemplatesApi.TemplateDto Template { get; private set; } = null!;
    public string Text { get; private set; } = "";
    public string PreviewPage { get; private set; } = "";
    public IReadOnlyList<TemplatesApi.VersionDto> Versions { get; private set; } = [];
    public string DataJson { get; private set; } = "{}";

    public async Task<IActionResult> OnGetAsync(string key, CancellationToken ct)
    {
        if (await db.DocumentTemplates.AsNoTracking().FirstOrDefaultAsync(t => t.Key == key, ct) is not { } template)
        {
            return NotFound();
        }
        Template = TemplatesApi.ToDto(template);
        Text = template.Text;
        var outcome = renderer.RenderText(template.Text, samples.Filled(key));
        PreviewPage = DocumentRenderer.Page(template.Title, outcome.Html ?? "<p>当前版本无法用示例数据渲染：" + System.Net.WebUtility.HtmlEncode(outcome.Errors[0].Message) + "</p>");
        Versions = [.. (await db.ArtifactVersions.AsNoTracking().Of(TemplateKind.Kind, key).Numbered().OrderByDescending(v => v.Version).ToListAsync(ct))
            .Select(v => new TemplatesApi.VersionDto(v.Version!.Value, v.PublishedAt!.Value, v.PublishedBy!, v.Note, v.Version == template.Version))];
        // Escaped for a <script type="application/json"> block: no "</script>" can close it early.
        DataJson = JsonSerializer.Serialize(new { key = template.Key, version = template.Version, hasBlank = template.HasBlank }, ScriptSafe);
        return Page();
    }
}
