using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using LeadRunner.Accounts;
using LeadRunner.Data;
using LeadRunner.Versioning;
using LeadRunner.Workflow.Definitions;
using LeadRunner.Workflow.Versions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Workflow.Editor;

/// <summary>
/// The definition editor. The page only picks what to open (a draft, or a version to start a new draft from) and
/// hands it with the editor's choices to wwwroot/js/workflow-editor.js, which talks to /api/workflows.
/// </summary>
[Authorize(Policy = Policies.SysAdmin)]
public sealed class WorkflowEditModel(LeadRunnerDb db, IReferenceCatalog catalog, IHostEnvironment environment) : PageModel
{
    // HTML-sensitive characters stay escaped (the JSON sits in a <script> element); Chinese is written as is.
    private static readonly JsonSerializerOptions PageJson = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    public sealed record EditorData(string DefinitionId, int? DraftId, int? BasedOnVersion, int? CurrentVersion, JsonNode Definition, EditorOptions Options);

    public string DefinitionId { get; private set; } = "";
    public string Title { get; private set; } = "";
    public string Opened { get; private set; } = "";
    public string DataJson { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string id, int? draft, int? from, CancellationToken ct)
    {
        var versions = await db.ArtifactVersions.AsNoTracking().Of(WorkflowKind.Kind, id).ToListAsync(ct);
        var current = versions.Where(v => v.State == VersionState.Published).Max(v => v.Version);
        var source = (draft, from) switch
        {
            ({ } d, _) => versions.FirstOrDefault(v => v.Id == d && v.State == VersionState.Draft),
            (_, { } f) => versions.FirstOrDefault(v => v.Version == f),
            _ => versions.Where(v => v.State == VersionState.Draft).MaxBy(v => v.Id)
                ?? versions.FirstOrDefault(v => v.Version == current)
                ?? versions.MaxBy(v => v.Id),
        };
        if (source is null || JsonNode.Parse(source.Content) is not JsonObject definition)
        {
            return NotFound();
        }

        var isDraft = source.State == VersionState.Draft;
        DefinitionId = id;
        Title = source.Title;
        Opened = isDraft
            ? $"草稿 #{source.Id}" + (source.BasedOnVersion is { } b ? $"（基于版本 {b}）" : "")
            : $"以版本 {source.Version} 为基础新建草稿，保存后生成草稿";
        var known = await db.ArtifactVersions.Of(WorkflowKind.Kind).Select(v => v.Key).Distinct().ToListAsync(ct);
        var options = EditorOptions.Build(catalog.FormKeys, known, catalog.TemplateKeys, EditorOptions.ProgrammeSample.Newest(environment.ContentRootPath));
        var data = new EditorData(id, isDraft ? source.Id : null, isDraft ? source.BasedOnVersion : source.Version, current, definition, options);
        DataJson = JsonSerializer.Serialize(data, PageJson);
        return Page();
    }
}
