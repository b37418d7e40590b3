using LeadRunner.Accounts;
using LeadRunner.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LeadRunner.Cms.Editing.Pages;

/// <summary>
/// The editors' list of every content item and the queue of publishes awaiting approval. This page only reads;
/// approving and refusing go through /api/content from wwwroot/js/content-list.js.
/// </summary>
[Authorize(Policy = Policies.Publisher)]
public sealed class ContentListModel(LeadRunnerDb db, SiteContent content) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Type { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public ContentApi.EditorPage Items { get; private set; } = new(0, 1, ContentApi.PageSize, []);
    public IReadOnlyList<ContentApi.RequestDto> Requests { get; private set; } = [];
    public bool RequiresApproval { get; private set; }
    public int Pages => Math.Max(1, (Items.Total + Items.PageSize - 1) / Items.PageSize);

    public static readonly IReadOnlyList<(string Value, string Label)> Statuses = [("draft", "草稿"), ("published", "已发布"), ("withdrawn", "已撤下")];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Items = await ContentApi.EditorPageAsync(db, Type, Status, Q, PageNumber, ct);
        Requests = await ContentApi.RequestsAsync(db, ct);
        RequiresApproval = await content.RequiresApprovalAsync(ct);
    }

    /// <summary>The list's address with one filter changed, keeping the others.</summary>
    public string Link(int page) => QueryString.Create(new Dictionary<string, string?> { ["type"] = Type, ["status"] = Status, ["q"] = Q, ["p"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture) }
        .Where(p => !string.IsNullOrEmpty(p.Value))).ToUriComponent();
}
