using System.Globalization;
using LeadRunner.Accounts;
using LeadRunner.Cms;
using LeadRunner.Data;
using LeadRunner.Hosting;
using LeadRunner.Programmes;
using LeadRunner.Workflow.Versions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Rounds.Pages;

/// <summary>
/// The rounds and what each runs on, for administrators. Copy, open, close, export, re-pin and import go through
/// /api/rounds from wwwroot/js/round-admin.js; this page only reads.
/// </summary>
[Authorize(Policy = Policies.Admin)]
public sealed class RoundAdminModel(LeadRunnerDb db, ProgrammeSettings programmes) : PageModel
{
    /// <summary>A published version a pin may move to.</summary>
    public sealed record Candidate(int Version, string Label);

    public sealed record Pin(string Kind, string KindLabel, string Key, string Title, int? Version, int? Newest, IReadOnlyList<Candidate> Candidates)
    {
        public bool HasNewer => Newest > Version;
    }

    public sealed record RoundView(RoundsApi.RoundDto Round, string? SettingsNoticeDate, string? NoticeTitle, string? NoticeLink, IReadOnlyList<Pin> Pins)
    {
        public bool IsDraft => Round.Status == "draft";
    }

    public IReadOnlyList<RoundView> Rounds { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var notices = await db.SiteItems.AsNoTracking().Where(i => i.Kind == SiteItemKind.Notice && i.RoundYear != null)
            .Select(i => new { i.RoundYear, i.Slug, i.Title }).ToListAsync(ct);
        var workflowVersions = await db.WorkflowVersions.AsNoTracking().Where(v => v.Version != null)
            .Select(v => new { v.DefinitionId, Version = v.Version!.Value, v.Title, v.State, v.PublishedAt, v.Note }).ToListAsync(ct);
        var formVersions = await db.FormVersions.AsNoTracking().Where(v => v.Version != null)
            .Select(v => new { v.FormKey, Version = v.Version!.Value, v.Title, v.PublishedAt, v.Note }).ToListAsync(ct);
        var templates = await db.DocumentTemplates.AsNoTracking().ToDictionaryAsync(t => t.Key, t => t.Title, ct);
        var templateVersions = await db.DocumentTemplateVersions.AsNoTracking().Select(v => new { v.Key, v.Version, v.At, v.Note }).ToListAsync(ct);
        var ruleVersions = await db.EligibilityRuleVersions.AsNoTracking().Select(v => new { v.Id, v.RuleId, v.Version, v.At }).ToListAsync(ct);
        var ruleTitles = await db.EligibilityRules.AsNoTracking().ToDictionaryAsync(r => r.Id, r => r.Title, ct);

        var views = new List<RoundView>();
        foreach (var round in await db.Rounds.AsNoTracking().OrderByDescending(r => r.Year).ToListAsync(ct))
        {
            var dto = await RoundsApi.DescribeAsync(round, db, programmes);
            var frozen = !dto.FollowsLatest;
            var pins = new List<Pin>();
            foreach (var (id, version) in dto.Pins.Workflows.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                var published = workflowVersions.Where(v => v.DefinitionId == id && v.State == VersionState.Published).ToList();
                pins.Add(new Pin("workflow", "流程", id, workflowVersions.FirstOrDefault(v => v.DefinitionId == id && v.Version == version)?.Title ?? id, version,
                    published.Max(v => (int?)v.Version),
                    frozen ? [.. published.Where(v => v.Version > version).OrderByDescending(v => v.Version).Select(v => new Candidate(v.Version, Label(v.Version, v.Title, v.PublishedAt, v.Note)))] : []));
            }
            foreach (var (key, version) in dto.Pins.Forms.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                var published = formVersions.Where(v => v.FormKey == key).ToList();
                pins.Add(new Pin("form", "表单", key, published.FirstOrDefault(v => v.Version == version)?.Title ?? key, version, published.Max(v => (int?)v.Version),
                    frozen ? [.. published.Where(v => v.Version > version).OrderByDescending(v => v.Version).Select(v => new Candidate(v.Version, Label(v.Version, v.Title, v.PublishedAt, v.Note)))] : []));
            }
            foreach (var (key, version) in dto.Pins.Templates.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                var saved = templateVersions.Where(v => v.Key == key).ToList();
                var title = templates.GetValueOrDefault(key, key);
                pins.Add(new Pin("template", "文书模板", key, title, version, saved.Max(v => (int?)v.Version),
                    frozen ? [.. saved.Where(v => v.Version > version).OrderByDescending(v => v.Version).Select(v => new Candidate(v.Version, Label(v.Version, title, v.At, v.Note)))] : []));
            }
            if (dto.RulesVersion is not null || ruleVersions.Count > 0)
            {
                pins.Add(new Pin("rules", "认定条件", "", "认定条件规则集", dto.RulesVersion, ruleVersions.Max(v => (int?)(int)v.Id),
                    frozen ? [.. ruleVersions.Where(v => v.Id > (dto.RulesVersion ?? 0)).OrderByDescending(v => v.Id)
                        .Select(v => new Candidate((int)v.Id, $"第 {v.Id} 版 · {ruleTitles.GetValueOrDefault(v.RuleId, v.RuleId)}（第 {v.Version} 次保存，{When(v.At)}）"))] : []));
            }
            var notice = notices.FirstOrDefault(n => n.RoundYear == round.Year);
            var settingsNotice = programmes.ForYear(round.Year)?["noticeDate"]?.ToString();
            views.Add(new RoundView(dto, settingsNotice, notice?.Title, notice is null ? null : $"/notices/{notice.Slug}", pins));
        }
        Rounds = views;
    }

    private static string Label(int version, string title, DateTimeOffset? at, string? note) =>
        $"第 {version} 版 · {title}{(at is { } when ? $"（{When(when)}）" : "")}{(string.IsNullOrWhiteSpace(note) ? "" : $"：{note}")}";

    private static readonly System.Text.Json.JsonSerializerOptions AttributeJson = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        // Razor encodes the attribute value itself; the labels stay readable Chinese in the page source.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The versions a pin may move to, for the re-pin dialog's list (read by round-admin.js, never shown as is).</summary>
    public static string CandidatesJson(IReadOnlyList<Candidate> candidates) => System.Text.Json.JsonSerializer.Serialize(candidates, AttributeJson);

    public static string When(DateTimeOffset at) => at.ToChina().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public static string StatusBadge(string status) => status switch
    {
        "draft" => "text-bg-warning",
        "open" => "text-bg-success",
        "closed" => "text-bg-secondary",
        _ => "text-bg-light border",
    };
}
