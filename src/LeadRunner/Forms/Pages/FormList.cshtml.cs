using LeadRunner.Accounts;
using LeadRunner.Data;
using LeadRunner.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LeadRunner.Forms.Pages;

/// <summary>Form definitions and their history; rollback, export and import go through /api/forms.</summary>
[Authorize(Policy = Policies.SysAdmin)]
public sealed class FormListModel(LeadRunnerDb db) : PageModel
{
    public IReadOnlyList<FormsAdminApi.FormDto> Forms { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Forms = await FormsAdminApi.ListAsync(db, ct);

    public static string When(DateTimeOffset at) => at.ToChina().ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}
