using System.Globalization;
using LeadRunner.Accounts;
using LeadRunner.Data;
using LeadRunner.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LeadRunner.Documents.Pages;

/// <summary>The templates with their live versions; editing happens on the edit page through /api/templates.</summary>
[Authorize(Policy = Policies.SysAdmin)]
public sealed class TemplateListModel(LeadRunnerDb db) : PageModel
{
    public IReadOnlyList<TemplatesApi.TemplateDto> Templates { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Templates = await TemplatesApi.ListAsync(db, ct);

    public static string When(DateTimeOffset at) => at.ToChina().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
