using System.Text.Json.Nodes;
using LeadRunner.Accounts;
using LeadRunner.Data;
using LeadRunner.Enterprises;
using LeadRunner.Enterprises.Pool;
using LeadRunner.Hosting;
using LeadRunner.Programmes;
using LeadRunner.Workflow.Runtime;
using LeadRunner.Workflow.Runtime.Engine;
using LeadRunner.Workflow.Versions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Portals;

/// <summary>The enterprise's home: its facts, its standing in the cultivation pool, its cases, and the start of pool entry and this year's application.</summary>
[Authorize(Policy = Policies.Enterprise)]
public sealed class EnterpriseHomeModel(LeadRunnerDb db, NotificationFeed feed, Rounds.RoundDirectory rounds, DefinitionCache definitions,
    ProgrammeSettings programmes, TimeProvider clock) : PageModel
{
    public const string RecognitionWorkflow = "recognition";
    public const string PoolEntryWorkflow = "pool-entry";

    public sealed record CaseRow(long Id, string DefinitionId, string Title, string StepTitle, bool Running, string? Outcome, DateTimeOffset StartedAt, int? Year);

    public EnterprisesApi.EnterpriseDto Enterprise { get; private set; } = null!;
    public IReadOnlyList<Notification> Notifications { get; private set; } = [];
    public IReadOnlyList<CaseRow> Cases { get; private set; } = [];

    /// <summary>The city's newest decision on the enterprise's pool entry, or null when none was made yet.</summary>
    public PoolStanding.MembershipDto? Pool { get; private set; }

    /// <summary>Whether the enterprise holds or held a 领跑者 title: its title page (我的称号) is then offered.</summary>
    public bool HasTitle { get; private set; }

    /// <summary>The pool-entry case under way, if any.</summary>
    public CaseRow? PoolEntry { get; private set; }
    public bool CanApplyToPool => Pool is not { Admitted: true } && PoolEntry is null;

    /// <summary>The newest open round's year, offered for an application when the enterprise has none running for it.</summary>
    public int? OpenYear { get; private set; }

    /// <summary>The open round takes only pool members and the enterprise is not one: the application is not offered.</summary>
    public bool PoolRequired { get; private set; }
    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    /// <summary>Starts the year's recognition case; the enterprise then fills the application in its first task.</summary>
    public async Task<IActionResult> OnPostApplyAsync([FromServices] StartCase startCase, CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        if (OpenYear is not { } year)
        {
            Message = "当前没有可申报的年度批次，或本年度申报已在办理中。";
            return Page();
        }
        return await StartAsync(startCase, RecognitionWorkflow, year);
    }

    /// <summary>Starts pool entry (申请纳入培育库); the enterprise then fills the entry form in its first task.</summary>
    public async Task<IActionResult> OnPostPoolAsync([FromServices] StartCase startCase, CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        if (!CanApplyToPool)
        {
            Message = Pool is { Admitted: true } ? "贵企业已纳入“领跑者”企业培育库，无需再次申请。" : "贵企业的入库申请正在办理中。";
            return Page();
        }
        // Pool entry is not a round's business; it carries the open round's year, or this year between rounds.
        var year = rounds.All.Where(r => r.AcceptsNewCases).MaxBy(r => r.Year)?.Year ?? clock.GetUtcNow().ToChina().Year;
        return await StartAsync(startCase, PoolEntryWorkflow, year);
    }

    private async Task<IActionResult> StartAsync(StartCase startCase, string workflow, int year)
    {
        var outcome = await startCase.StartAsync(workflow, Enterprise.Id, new JsonObject { ["year"] = year }, Actor.From(User));
        if (outcome is TransitionOutcome.Done done)
        {
            return Redirect($"/cases/{done.Instance.Id}");
        }
        Message = outcome switch
        {
            TransitionOutcome.Invalid i => i.Message,
            TransitionOutcome.Forbidden f => f.Message,
            TransitionOutcome.NotFound n => n.Message,
            TransitionOutcome.Conflict c => c.Message,
            _ => "发起办理失败，请稍后重试。",
        };
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        // The query filters leave only the account's own enterprise, its cases and its pool decisions.
        var enterprise = await EnterprisesApi.Project(db.Enterprises.Where(e => e.Id == db.Scope.EnterpriseId)).FirstOrDefaultAsync(ct);
        if (enterprise is null)
        {
            return false;
        }
        Enterprise = enterprise;
        Notifications = await feed.LatestAsync(10, ct);
        Pool = await PoolStanding.LatestAsync(db, enterprise.Id, ct);
        HasTitle = await db.TitleHolders.AnyAsync(h => h.EnterpriseId == enterprise.Id, ct);
        var instances = await db.WorkflowInstances.AsNoTracking().Where(i => i.EnterpriseId == enterprise.Id)
            .OrderByDescending(i => i.StartedAt).Take(50).ToListAsync(ct);
        var rows = new List<CaseRow>();
        foreach (var i in instances)
        {
            var definition = await definitions.GetAsync(db, i.DefinitionId, i.Version);
            var year = JsonNode.Parse(i.VariablesJson)?["year"] is JsonValue y && y.TryGetValue<int>(out var value) ? value : (int?)null;
            rows.Add(new CaseRow(i.Id, i.DefinitionId, i.Title, definition?.Step(i.CurrentStep)?.Title ?? i.CurrentStep, i.Status == InstanceStatus.Running, i.Outcome, i.StartedAt, year));
        }
        Cases = rows;
        PoolEntry = rows.FirstOrDefault(r => r.DefinitionId == PoolEntryWorkflow && r.Running);
        // Only an open round takes applications: a draft being prepared for next year is not offered.
        var latest = rounds.All.Where(r => r.AcceptsNewCases).MaxBy(r => r.Year)?.Year;
        var taken = rows.Any(r => r.Year == latest && r.DefinitionId == RecognitionWorkflow && (r.Running || r.Outcome == "approved"));
        OpenYear = latest is not null && !taken ? latest : null;
        PoolRequired = OpenYear is { } open && Pool is not { Admitted: true } && PoolStanding.IsRequired(programmes.ForYear(open));
        return true;
    }
}
