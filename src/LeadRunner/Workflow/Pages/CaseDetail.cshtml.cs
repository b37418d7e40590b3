using LeadRunner.Data;
using LeadRunner.Workflow.Pages.CaseView;
using LeadRunner.Workflow.Runtime;
using LeadRunner.Workflow.Runtime.Engine;
using LeadRunner.Workflow.Versions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LeadRunner.Workflow.Pages;

/// <summary>
/// One case as reviewers read it: where it stands and until when, the application and its files, the eligibility
/// verdict, the filled annexes, the record of who did what; and the actions the visitor may take.
/// </summary>
[Authorize]
public sealed class CaseDetailModel(LeadRunnerDb db, DefinitionCache definitions, TimeProvider clock, CompleteTask completeTask, TakeAction takeAction, CaseOverview overview) : PageModel
{
    public InstancesApi.InstanceDto Case { get; private set; } = null!;
    public CaseOverview.View View { get; private set; } = null!;
    public Inbox.TaskDto? MyTask { get; private set; }
    public string? Message { get; private set; }

    /// <summary><c>?done=1</c> after an action: the page states what the visitor's latest action did.</summary>
    public async Task<IActionResult> OnGetAsync(long id, int? done, CancellationToken ct) => await LoadAsync(id, done is not null, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(long id, long? taskId, string? action, string? comment, CancellationToken ct)
    {
        var actor = Actor.From(User);
        var outcome = taskId is { } task
            ? await completeTask.CompleteAsync(task, action ?? "", comment, null, actor)
            : await takeAction.TakeAsync(id, action ?? "", comment, null, actor);
        if (outcome is TransitionOutcome.Done)
        {
            // Post/redirect/get: a reload does not act twice, and the banner is read from the journal.
            return Redirect($"/cases/{id}?done=1");
        }
        Message = outcome switch
        {
            TransitionOutcome.NotFound n => n.Message,
            TransitionOutcome.Forbidden f => f.Message,
            TransitionOutcome.Invalid i => i.Message,
            TransitionOutcome.Conflict c => c.Message,
            _ => "办理失败。",
        };
        Response.StatusCode = outcome is TransitionOutcome.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
        db.ChangeTracker.Clear();
        return await LoadAsync(id, false, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(long id, bool done, CancellationToken ct)
    {
        // The same reading as GET /api/instances/{id}: the same scope, the same actions.
        if (await InstancesApi.FindAsync(id, db, definitions, clock, User) is not { } found)
        {
            return false;
        }
        Case = found;
        var actor = Actor.From(User);
        MyTask = Case.OpenTasks.FirstOrDefault(t => t.Role == actor.Scope.Role);
        View = await overview.BuildAsync(Case, actor.Name, done, ct);
        return true;
    }
}
