using System.Text.Json.Nodes;
using LeadRunner.Accounts;
using LeadRunner.Data;
using LeadRunner.Forms;
using LeadRunner.Holders.Revocation;
using LeadRunner.Workflow.Runtime;
using LeadRunner.Workflow.Runtime.Engine;
using LeadRunner.Workflow.Versions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Holders.Changes;

/// <summary>
/// /portal/change-filing: a current holder starts its change filing (更名、重组、并购备案) and fills the form in the case's
/// first task; the form opens with its code and present name. Enterprises that hold no title in force are refused.
/// </summary>
[Authorize(Policy = Policies.Enterprise)]
public sealed class ChangeFilingStartModel(LeadRunnerDb db, WriteTransactions writes, StartCase startCase, HolderYear years, FormDefinitions forms, DefinitionCache definitions,
    TimeProvider clock) : PageModel
{
    public sealed record FilingRow(long Id, string StepTitle, bool Running, string? Outcome, DateTimeOffset StartedAt);

    public string EnterpriseName { get; private set; } = "";
    public string Uscc { get; private set; } = "";
    public TitleHolder? Holder { get; private set; }
    public IReadOnlyList<FilingRow> Filings { get; private set; } = [];
    public FilingRow? Running => Filings.FirstOrDefault(f => f.Running);
    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        if (Running is { } running)
        {
            return Redirect($"/cases/{running.Id}");
        }
        if (Holder is not { } holder)
        {
            return Refuse("贵企业目前不是有效期内的“领跑者”企业，不能办理更名、重组备案。");
        }
        if (years.Current() is not { } year)
        {
            return Refuse(HolderYear.NoOpenRound);
        }
        var actor = Actor.From(User);
        var form = await forms.ForRoundAsync(db, ChangeFiling.FormKey, year, ct);
        var outcome = await writes.RunAsync<TransitionOutcome>(async () =>
        {
            var started = await startCase.StartWithinAsync(db, ChangeFiling.WorkflowId, holder.EnterpriseId,
                new JsonObject { ["year"] = year, ["holderId"] = holder.Id }, actor);
            if (started is TransitionOutcome.Done done && actor.UserId is { } userId && form is not null)
            {
                // The form opens with what the platform knows; the holder only adds what changed.
                db.FormDrafts.Add(new FormDraft
                {
                    FormKey = ChangeFiling.FormKey, UserId = userId, Subject = CaseForms.DraftSubject(done.Instance.Id), FormVersion = form.Version,
                    DataJson = new JsonObject { ["uscc"] = Uscc, ["previousName"] = EnterpriseName }.ToJsonString(),
                    UpdatedAt = clock.GetUtcNow(),
                });
            }
            return started;
        }, o => o is TransitionOutcome.Done, m => new TransitionOutcome.Conflict(m));
        return outcome is TransitionOutcome.Done created ? Redirect($"/cases/{created.Instance.Id}/act/submit") : Refuse(outcome.Reason);
    }

    private PageResult Refuse(string message)
    {
        Message = message;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        // The query filters leave only the account's own enterprise, its title and its cases.
        var enterprise = await db.Enterprises.AsNoTracking().Where(e => e.Id == db.Scope.EnterpriseId).Select(e => new { e.Id, e.Name, e.Uscc }).FirstOrDefaultAsync(ct);
        if (enterprise is null)
        {
            return false;
        }
        (EnterpriseName, Uscc) = (enterprise.Name, enterprise.Uscc);
        Holder = await CurrentTitle.OfAsync(db, enterprise.Id, ct);
        var cases = await db.WorkflowInstances.AsNoTracking().Where(i => i.EnterpriseId == enterprise.Id && i.DefinitionId == ChangeFiling.WorkflowId)
            .OrderByDescending(i => i.StartedAt).Take(20).ToListAsync(ct);
        var rows = new List<FilingRow>(cases.Count);
        foreach (var c in cases)
        {
            var definition = await definitions.GetAsync(db, c.DefinitionId, c.Version);
            rows.Add(new FilingRow(c.Id, definition?.Step(c.CurrentStep)?.Title ?? c.CurrentStep, c.Status == InstanceStatus.Running, c.Outcome, c.StartedAt));
        }
        Filings = rows;
        return true;
    }
}
