using LeadRunner.Workflow.Runtime;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LeadRunner.Workflow.Pages;

[Authorize]
public sealed class TaskInboxModel(Inbox inbox) : PageModel
{
    public Inbox.Page Tasks { get; private set; } = new(0, []);

    public async Task OnGetAsync(CancellationToken ct) => Tasks = await inbox.ListAsync(0, 200, ct);
}
