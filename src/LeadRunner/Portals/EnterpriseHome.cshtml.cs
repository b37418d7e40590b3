using System.Text.Json.Nodes;
using LeadRunner.Accounts;
using LeadRunner.Data;
using LeadRunner.Enterprises;
using LeadRunner.Programmes;
using LeadRunner.Workflow.Runtime;
using LeadRunner.Workflow.Versions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Portals;

/// <summary>The enterprise's home: its facts, its cases, and the start of this year's application.</summary>
[Authorize(Policy = Policies.Enterprise)]
public sealed class EnterpriseHomeModel(LeadRunnerDb db, NotificationFeed feed, Rounds.RoundDirectory rounds, DefinitionCache definitions) : PageModel
{
    public const string RecognitionWorkflow = "recognition";

    public sealed record CaseRow(long Id, string DefinitionId, string Title, string StepTitle, bool Running, string? Outcome, DateTimeOffset StartedAt, int? Year);

    public EnterprisesApi.EnterpriseDto Enterprise { get; private set; } = null!;
    public IReadOnlyList<Notification> Notifications { get; private set; } = [];
    public IReadOnlyList<CaseRow> Cases { get; private set; } = [];

    /// <summary>The newest open round's year, offered for an application when the enterprise has none running for it.</summary>
    public int? OpenYear { get; private set; }
    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    /// <summary>Starts the year's recognition case; the enterprise then fills the application in its first task.</summary>
    public async Task<IActionResult> OnPostApplyAsync([FromServices] WorkflowEngine engine, CancellationToken ct)
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
        var outcome = await engine.StartAsync(RecognitionWorkflow, Enterprise.Id, new JsonObject { ["year"] = year }, Actor.From(User));
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
            _ => "发起申报失败，请稍后重试。",
        };
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        // The query filters leave only the account's own enterprise and its cases.
        var enterprise = await EnterprisesApi.Project(db.Enterprises.Where(e => e.Id == db.Scope.EnterpriseId)).FirstOrDefaultAsync(ct);
        if (enterprise is null)
        {
            return false;
        }
        Enterprise = enterprise;
        Notifications = await feed.LatestAsync(10, ct);
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
        // Only an open round takes applications: a draft being prepared for next year is not offered.
        var latest = rounds.All.Where(r => r.AcceptsNewCases).MaxBy(r => r.Year)?.Year;
        var taken = rows.Any(r => r.Year == latest && r.DefinitionId == RecognitionWorkflow && (r.Running || r.Outcome == "approved"));
        OpenYear = latest is not null && !taken ? latest : null;
        return true;
    }
}
