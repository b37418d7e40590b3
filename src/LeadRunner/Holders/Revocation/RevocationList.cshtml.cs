using System.Text.Json.Nodes;
using LeadRunner.Accounts;
using LeadRunner.Data;
using LeadRunner.Workflow.Runtime;
using LeadRunner.Workflow.Versions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Holders.Revocation;

/// <summary>
/// /revocations: the province's revocation cases (open first) and the current holders it may open one against; the
/// cases themselves are worked on the case pages.
/// </summary>
[Authorize(Roles = Roles.Province)]
public sealed class RevocationListModel(LeadRunnerDb db, DefinitionCache definitions) : PageModel
{
    public sealed record CaseRow(long Id, string Enterprise, string Ground, string StepTitle, bool Running, string? Outcome, DateTimeOffset StartedAt, string StartedBy);
    public sealed record HolderOption(string Uscc, string Name, int Year);

    public IReadOnlyList<CaseRow> Cases { get; private set; } = [];
    public IReadOnlyList<HolderOption> Holders { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var instances = await db.WorkflowInstances.AsNoTracking().Where(i => i.DefinitionId == RevocationCases.WorkflowId)
            .OrderBy(i => i.Status).ThenByDescending(i => i.StartedAt).Take(200)
            .Select(i => new { Instance = i, Enterprise = i.Enterprise!.Name }).ToListAsync(ct);
        var rows = new List<CaseRow>(instances.Count);
        foreach (var x in instances)
        {
            var i = x.Instance;
            var definition = await definitions.GetAsync(db, i.DefinitionId, i.Version);
            var ground = JsonNode.Parse(i.VariablesJson)?["ground"]?.GetValue<string>() ?? "";
            rows.Add(new CaseRow(i.Id, x.Enterprise, RevocationGrounds.Titles.GetValueOrDefault(ground, ground), definition?.Step(i.CurrentStep)?.Title ?? i.CurrentStep,
                i.Status == InstanceStatus.Running, i.Outcome, i.StartedAt, i.StartedBy));
        }
        Cases = rows;
        Holders = await db.TitleHolders.AsNoTracking().Where(h => h.Status == HolderStatus.Valid || h.Status == HolderStatus.ReReview)
            .OrderBy(h => h.Enterprise!.Name).ThenByDescending(h => h.Year)
            .Select(h => new HolderOption(h.Enterprise!.Uscc, h.Enterprise.Name, h.Year)).Take(2000).ToListAsync(ct);
    }
}
