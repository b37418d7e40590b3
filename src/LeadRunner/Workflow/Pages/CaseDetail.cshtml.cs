using LeadRunner.Data;
using LeadRunner.Workflow.Runtime;
using LeadRunner.Workflow.Versions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LeadRunner.Workflow.Pages;

/// <summary>One case: where it stands, the actions the visitor may take, and its journal.</summary>
[Authorize]
public sealed class CaseDetailModel(LeadRunnerDb db, DefinitionCache definitions, TimeProvider clock, WorkflowEngine engine) : PageModel
{
    public InstancesApi.InstanceDto Case { get; private set; } = null!;
    public Inbox.TaskDto? MyTask { get; private set; }
    public string? Message { get; private set; }
    public bool Failed { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(long id, long? taskId, string? action, string? comment)
    {
        var actor = Actor.From(User);
        var outcome = taskId is { } task
            ? await engine.CompleteTaskAsync(task, action ?? "", comment, null, actor)
            : await engine.TakeActionAsync(id, action ?? "", comment, null, actor);
        (Message, Failed) = outcome switch
        {
            TransitionOutcome.Done => ("办理成功。", false),
            TransitionOutcome.NotFound n => (n.Message, true),
            TransitionOutcome.Forbidden f => (f.Message, true),
            TransitionOutcome.Invalid i => (i.Message, true),
            TransitionOutcome.Conflict c => (c.Message, true),
            _ => ("办理失败。", true),
        };
        if (Failed)
        {
            Response.StatusCode = outcome is TransitionOutcome.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
        }
        db.ChangeTracker.Clear();
        return await LoadAsync(id) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(long id)
    {
        if (await InstancesApi.Get(id, db, definitions, clock, HttpContext) is not Microsoft.AspNetCore.Http.HttpResults.Ok<InstancesApi.InstanceDto> ok)
        {
            return false;
        }
        Case = ok.Value!;
        var actor = Actor.From(User);
        MyTask = Case.OpenTasks.FirstOrDefault(t => t.Role == actor.Scope.Role);
        return true;
    }
}
