using System.Text.Json.Nodes;
using LeadRunner.Data;
using LeadRunner.Forms;
using LeadRunner.Forms.Pages;
using LeadRunner.Workflow.Runtime;
using LeadRunner.Workflow.Runtime.Engine;
using LeadRunner.Workflow.Versions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LeadRunner.Workflow.Pages;

/// <summary>
/// Takes an action that names a form (e.g. 提交申报 with the application): the form is shown with what the case
/// already holds (a returned application comes back filled), drafts autosave per case, and the data goes with the
/// action to /api/tasks/{id}/complete, where the server validates it again and decides.
/// </summary>
[Authorize]
public sealed class CaseActionModel(LeadRunnerDb db, DefinitionCache definitions, TimeProvider clock, FormDefinitions forms, Rounds.RoundLists lists) : PageModel
{
    public InstancesApi.InstanceDto Case { get; private set; } = null!;
    public Inbox.ActionDto Action { get; private set; } = null!;
    public long TaskId { get; private set; }
    public string FormTitle { get; private set; } = "";
    public int FormVersion { get; private set; }
    public string SchemaJson { get; private set; } = "";
    public string InitialJson { get; private set; } = "{}";
    public string Subject { get; private set; } = "";

    /// <summary>For a quarter's update: the holder's previous filing, which the form opens with and is compared to.</summary>
    public Holders.Quarterly.QuarterlyPrefill.View? Previous { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, string action, [FromServices] Holders.Quarterly.QuarterlyPrefill prefill, CancellationToken ct)
    {
        // The same reading as GET /api/instances/{id}: the same scope, the same actions.
        if (await InstancesApi.FindAsync(id, db, definitions, clock, User) is not { } found)
        {
            return NotFound();
        }
        Case = found;
        var actor = Actor.From(User);
        var task = Case.OpenTasks.FirstOrDefault(t => t.Role == actor.Scope.Role && t.Actions.Any(a => a.Key == action && a.Form is not null));
        if (task is null)
        {
            return NotFound();
        }
        Action = task.Actions.First(a => a.Key == action);
        TaskId = task.Id;
        var form = await forms.ForRoundAsync(db, Action.Form!, Case.RoundYear, ct);
        if (form is null)
        {
            return NotFound();
        }
        FormTitle = form.Definition.Title;
        FormVersion = form.Version;
        Subject = CaseForms.DraftSubject(id);
        // The case's round decides the options of selects bound to a round list, as it decides their validation.
        var year = CaseYear.Of(Case.Variables);
        year ??= form.Definition.UsesRoundLists ? lists.CurrentYear() : null;
        SchemaJson = FormFillModel.ScriptBlock(FormHtml.Sanitise(RoundListSelects.ForYear(JsonNode.Parse(form.Json)!.AsObject(), year)));
        Previous = await prefill.ForCaseAsync(Case, ct);
        InitialJson = FormFillModel.ScriptBlock(Case.Variables?[CaseForms.VariableFor(Action.Form!)] as JsonObject ?? Previous?.Data ?? await StarterAsync(ct));
        return Page();
    }

    /// <summary>What the system already knows, so an enterprise does not type its own name and code again.</summary>
    private async Task<JsonObject> StarterAsync(CancellationToken ct)
    {
        if (Action.Form is not ("application" or "pool-entry") || Case.EnterpriseId is not { } enterpriseId)
        {
            return [];
        }
        var party = await CaseTransitions.LoadPartyAsync(db, enterpriseId);
        return party is null ? [] : new JsonObject
        {
            ["enterpriseName"] = party.Name, ["uscc"] = party.Uscc, ["countyName"] = party.CountyName,
            ["clusterName"] = party.ClusterName, ["industry"] = party.IndustryCategory,
        };
    }
}
