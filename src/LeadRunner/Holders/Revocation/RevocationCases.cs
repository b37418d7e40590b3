using System.Text.Json.Nodes;
using LeadRunner.Data;
using LeadRunner.Workflow.Runtime;
using LeadRunner.Workflow.Runtime.Engine;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Holders.Revocation;

/// <summary>
/// Opens a revocation case (workflows/revocation.workflow.json) against a holder, inside the caller's transaction:
/// by the province (the API) or raised automatically (an overdue update past its grace period, a late change filing).
/// A holder has at most one open revocation case: raising again returns the open one.
/// </summary>
public sealed class RevocationCases(StartCase startCase, HolderYear years)
{
    public const string WorkflowId = "revocation";

    public async Task<TransitionOutcome> RaiseAsync(LeadRunnerDb db, TitleHolder holder, string ground, string facts, Actor actor,
        IReadOnlyList<Guid>? evidence = null)
    {
        ArgumentNullException.ThrowIfNull(holder);
        if (!RevocationGrounds.Titles.ContainsKey(ground))
        {
            return new TransitionOutcome.Invalid("ground", $"撤销事由须为工作指南第十六条所列四种情形之一：{string.Join("、", RevocationGrounds.Titles.Values)}。");
        }
        if (!holder.IsCurrent)
        {
            return new TransitionOutcome.Conflict($"该企业的{holder.Year}年度称号已{(holder.Status == HolderStatus.Revoked ? "撤销" : "到期")}。");
        }
        if (await OpenCaseAsync(db, holder.Id) is { } open)
        {
            return new TransitionOutcome.Done(open);
        }
        if (years.Current() is not { } year)
        {
            return new TransitionOutcome.Conflict(HolderYear.NoOpenRound);
        }
        var variables = new JsonObject
        {
            ["year"] = year, ["holderId"] = holder.Id, ["ground"] = ground, ["facts"] = facts,
            ["evidence"] = new JsonArray([.. (evidence ?? []).Select(id => (JsonNode)id.ToString())]),
        };
        var outcome = await startCase.StartWithinAsync(db, WorkflowId, holder.EnterpriseId, variables, actor);
        if (outcome is TransitionOutcome.Done done)
        {
            db.HolderEvents.Add(new HolderEvent
            {
                HolderId = holder.Id, EnterpriseId = holder.EnterpriseId, At = done.Instance.StartedAt, Kind = HolderEventKind.RevocationOpened,
                Text = $"立案审查是否撤销称号，事由：{RevocationGrounds.Titles[ground]}。", By = actor.Name, InstanceId = done.Instance.Id,
            });
        }
        return outcome;
    }

    /// <summary>The holder's running revocation case, if any (variables are JSON, so this reads the holder's events).</summary>
    public static async Task<WorkflowInstance?> OpenCaseAsync(LeadRunnerDb db, long holderId)
    {
        var opened = await db.HolderEvents.IgnoreQueryFilters()
            .Where(e => e.HolderId == holderId && e.Kind == HolderEventKind.RevocationOpened && e.InstanceId != null)
            .Select(e => e.InstanceId!.Value).ToListAsync();
        return await db.WorkflowInstances.IgnoreQueryFilters()
            .FirstOrDefaultAsync(i => opened.Contains(i.Id) && i.Status == InstanceStatus.Running);
    }
}
