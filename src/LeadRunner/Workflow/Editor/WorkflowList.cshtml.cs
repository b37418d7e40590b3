using LeadRunner.Accounts;
using LeadRunner.Data;
using LeadRunner.Hosting;
using LeadRunner.Workflow.Versions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LeadRunner.Workflow.Editor;

/// <summary>Definitions and their versions; retract, rollback, compare and import go through /api/workflows.</summary>
[Authorize(Policy = Policies.SysAdmin)]
public sealed class WorkflowListModel(LeadRunnerDb db) : PageModel
{
    public IReadOnlyList<WorkflowsApi.DefinitionDto> Definitions { get; private set; } = [];

    public async Task OnGetAsync() =>
        // The same listing as GET /api/workflows, with drafts first: they are what an administrator picks up again.
        Definitions = [.. (await WorkflowsApi.ListAsync(db)).Select(d => d with
        {
            Versions = [.. d.Versions.OrderBy(v => v.Version is null ? 0 : 1).ThenByDescending(v => v.Version).ThenByDescending(v => v.Id)],
        })];

    /// <summary>编辑 (edit) opens the newest draft, or starts one from the current (else the newest) version.</summary>
    public static string EditLink(WorkflowsApi.DefinitionDto d)
    {
        var draft = d.Versions.Where(v => v.State == "draft").MaxBy(v => v.Id);
        var from = d.CurrentVersion ?? d.Versions.Max(v => v.Version);
        return draft is not null ? $"/admin/workflows/{d.Id}/edit?draft={draft.Id}" : $"/admin/workflows/{d.Id}/edit?from={from}";
    }

    public static string StateName(string state) => state switch
    {
        "draft" => "草稿",
        "published" => "已发布",
        _ => "已撤回",
    };

    public static string StateBadge(string state) => state switch
    {
        "draft" => "text-bg-warning",
        "published" => "text-bg-success",
        _ => "text-bg-secondary",
    };

    public static string When(DateTimeOffset at) => at.ToChina().ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}
