using System.Globalization;
using LeadRunner.Accounts;
using LeadRunner.Cms;
using LeadRunner.Data;
using LeadRunner.Documents;
using LeadRunner.Forms;
using LeadRunner.Hosting;
using LeadRunner.Programmes;
using LeadRunner.Programmes.Eligibility;
using LeadRunner.Versioning;
using LeadRunner.Workflow.Versions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Rounds.Pages;

/// <summary>
/// The rounds and what each runs on, for administrators. Copy, open, close, export, re-pin and import go through
/// /api/rounds from wwwroot/js/round-admin.js; this page only reads.
/// </summary>
[Authorize(Policy = Policies.SysAdmin)]
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
        // Every published version without its content: enough for titles, "newer version available" and the re-pin lists.
        var published = await db.ArtifactVersions.AsNoTracking().Where(v => v.State == VersionState.Published)
            .Select(v => new Published(v.Id, v.Kind, v.Key, v.Version!.Value, v.Title, v.PublishedAt, v.Note)).ToListAsync(ct);
        var byKind = published.ToLookup(v => v.Kind);
        var rules = byKind[RuleKind.Kind].ToList();

        var latest = await LatestVersions.ReadAsync(db, ct);
        var views = new List<RoundView>();
        foreach (var round in await db.Rounds.AsNoTracking().OrderByDescending(r => r.Year).ToListAsync(ct))
        {
            var dto = RoundsApi.Describe(round, latest, programmes);
            var frozen = !dto.FollowsLatest;
            var pins = new List<Pin>();
            void Add(string kind, string label, IReadOnlyDictionary<string, int> pinned)
            {
                foreach (var (key, version) in pinned.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    var versions = byKind[kind].Where(v => v.Key == key).ToList();
                    pins.Add(new Pin(kind, label, key, versions.FirstOrDefault(v => v.Version == version)?.Title ?? key, version, versions.Max(v => (int?)v.Version),
                        frozen ? [.. versions.Where(v => v.Version > version).OrderByDescending(v => v.Version).Select(v => new Candidate(v.Version, Label(v.Version, v.Title, v.PublishedAt, v.Note)))] : []));
                }
            }
            Add(WorkflowKind.Kind, "流程", dto.Pins.Workflows);
            Add(FormKind.Kind, "表单", dto.Pins.Forms);
            Add(TemplateKind.Kind, "文书模板", dto.Pins.Templates);
            // The rule set's version is the id of its newest rule version; each later rule version is a set it may move to.
            if (dto.RulesVersion is not null || rules.Count > 0)
            {
                pins.Add(new Pin("rules", "认定条件", "", "认定条件规则集", dto.RulesVersion, rules.Max(v => (int?)v.Id),
                    frozen ? [.. rules.Where(v => v.Id > (dto.RulesVersion ?? 0)).OrderByDescending(v => v.Id)
                        .Select(v => new Candidate(v.Id, $"第 {v.Id} 版 · {v.Title}（第 {v.Version} 次保存{(v.PublishedAt is { } at ? $"，{When(at)}" : "")}）"))] : []));
            }
            var notice = notices.FirstOrDefault(n => n.RoundYear == round.Year);
            var settingsNotice = programmes.ForYear(round.Year)?["noticeDate"]?.ToString();
            views.Add(new RoundView(dto, settingsNotice, notice?.Title, notice is null ? null : $"/notices/{notice.Slug}", pins));
        }
        Rounds = views;
    }

    private sealed record Published(int Id, string Kind, string Key, int Version, string Title, DateTimeOffset? PublishedAt, string? Note);

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
