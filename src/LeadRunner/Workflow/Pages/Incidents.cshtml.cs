using LeadRunner.Accounts;
using LeadRunner.Data;
using LeadRunner.Workflow.Runtime;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Workflow.Pages;

[Authorize(Policy = Policies.SysAdmin)]
public sealed class IncidentsModel(LeadRunnerDb db, TimeProvider clock) : PageModel
{
    public IReadOnlyList<Incident> Incidents { get; private set; } = [];
    public string? Message { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task OnPostAsync(long id, CancellationToken ct)
    {
        Message = await TimerRunner.RetryAsync(db, id, User.Identity!.Name!, clock.GetUtcNow(), ct) ? "已重新排队，将在下次轮询时执行。" : "该事件已处理。";
        await LoadAsync(ct);
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Incidents = await db.Incidents.AsNoTracking().OrderBy(i => i.ResolvedAt != null).ThenByDescending(i => i.Id).Take(200).ToListAsync(ct);
}
