using System.Globalization;
using System.Text.Json;
using LeadRunner.Accounts;
using LeadRunner.Data;
using LeadRunner.Rounds;
using LeadRunner.Versioning;
using LeadRunner.Hosting;
using LeadRunner.Workflow.Versions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Cms.Editing.Pages;

/// <summary>
/// Writing one content item: its draft (or, without one, the published version) in a form with a Markdown editor and
/// live preview. Saving, publishing, scheduling and withdrawing go through /api/content from wwwroot/js/content-editor.js.
/// </summary>
[Authorize(Policy = Policies.Publisher)]
public sealed class ContentEditModel(LeadRunnerDb db, SiteContent content, ArtifactStore store, RoundDirectory rounds, DefinitionCache definitions,
    TimeProvider clock) : PageModel
{
    /// <summary>A case a 公示 may announce, with the enterprise's name and where the case stands.</summary>
    public sealed record CaseRow(int Id, int Year, string Enterprise, string Step, string StepTitle);

    public int? Id { get; private set; }
    public SiteSections.Section Section { get; private set; } = SiteSections.All[0];
    public ContentApi.EditorItem? Item { get; private set; }
    public ContentDocument Doc { get; private set; } = new();
    public IReadOnlyList<RoundDirectory.Entry> Rounds { get; private set; } = [];
    public IReadOnlyList<CaseRow> Cases { get; private set; } = [];

    public bool IsPublicity => Section.Kind == SiteItemKind.Publicity;

    /// <summary>What the script starts from: the item's id and state and the document being edited.</summary>
    public string StateJson => JsonSerializer.Serialize(new
    {
        id = Id,
        type = Section.Type,
        status = Item?.Status ?? "new",
        publicUrl = Item?.Url,
        doc = Doc,
    }, ScriptSafe);

    // The default encoder escapes "<", so a body holding "</script>" cannot end the JSON block the page embeds.
    private static readonly JsonSerializerOptions ScriptSafe = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public async Task<IActionResult> OnGetAsync(string id, string? type, CancellationToken ct)
    {
        if (id == "new")
        {
            if (SiteSections.FindType(type ?? "") is not { } section)
            {
                return NotFound();
            }
            Section = section;
            var today = clock.GetUtcNow().TodayIn();
            Doc = new ContentDocument
            {
                Type = section.Type,
                Slug = $"{section.Type}-{today.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}",
                DocumentDate = today,
                Round = section.Kind == SiteItemKind.Page ? null : rounds.DefaultPublic()?.Year,
            };
        }
        else
        {
            if (!int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                || await ContentApi.EditorItemAsync(number, db, content, store, ct) is not { } item)
            {
                return NotFound();
            }
            Id = number;
            Item = item;
            Section = SiteSections.FindType(item.Type)!;
            Doc = item.Draft ?? item.Published ?? new ContentDocument { Type = item.Type, Slug = item.Slug, Title = item.Title };
        }
        Rounds = [.. rounds.All.OrderByDescending(r => r.Year)];
        if (IsPublicity)
        {
            Cases = await CasesAsync(ct);
        }
        return Page();
    }

    // Cases at the 公示 step and at the province's review come first: those are the ones a new batch announces.
    private async Task<IReadOnlyList<CaseRow>> CasesAsync(CancellationToken ct)
    {
        var chosen = Doc.Publicity?.Cases ?? [];
        var rows = await db.WorkflowInstances.AsNoTracking()
            .Where(i => i.RoundYear != null && i.EnterpriseId != null)
            .Select(i => new { i.Id, Year = i.RoundYear!.Value, Enterprise = i.Enterprise!.Name, i.CurrentStep, i.DefinitionId, i.Version })
            .ToListAsync(ct);
        var list = new List<CaseRow>(rows.Count);
        foreach (var r in rows)
        {
            var definition = await definitions.GetAsync(db, r.DefinitionId, r.Version);
            list.Add(new CaseRow((int)r.Id, r.Year, r.Enterprise, r.CurrentStep, definition?.Step(r.CurrentStep)?.Title ?? r.CurrentStep));
        }
        return [.. list.OrderBy(c => chosen.Contains(c.Id) ? 0 : c.Step switch { "publicity" => 1, "provinceReview" => 2, _ => 3 }).ThenBy(c => c.Id)];
    }
}
