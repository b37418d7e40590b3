using LeadRunner.Accounts;
using LeadRunner.Data;
using LeadRunner.Versioning;
using LeadRunner.Workflow.Definitions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Programmes.Eligibility;

/// <summary>An administrator adds a rule: checked like an edit (syntax with line and column), saved as version 1 and logged.</summary>
[Authorize(Policy = Policies.SysAdmin)]
public sealed class EligibilityNewModel(LeadRunnerDb db, EligibilityRuleStore store, RuleKind rules) : PageModel
{
    public IReadOnlyList<string> Categories { get; private set; } = [];
    public IReadOnlyList<ValidationError> Errors { get; private set; } = [];

    [BindProperty] public string? Id { get; set; }
    [BindProperty] public string? Title { get; set; }
    [BindProperty(SupportsGet = true)] public string Group { get; set; } = RuleGroups.Basic;
    [BindProperty(SupportsGet = true)] public string? Category { get; set; }
    [BindProperty] public bool Judgement { get; set; }
    [BindProperty] public int? SortOrder { get; set; }
    [BindProperty] public string Expression { get; set; } = "true";
    [BindProperty] public string? Explanation { get; set; } = "{{ verdict }}";
    [BindProperty] public string? Note { get; set; }

    public void OnGet() => Categories = rules.KnownCategories();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var id = Id?.Trim() ?? "";
        var group = RuleGroups.Titles.ContainsKey(Group) ? Group : "";
        // A new rule goes to the end of its group unless the administrator gives a place.
        var sortOrder = SortOrder ?? (await db.EligibilityRules.Where(r => r.Group == group).Select(r => (int?)r.SortOrder).MaxAsync(ct) ?? 0) + 1;
        var edit = new EligibilityRuleStore.RuleEdit(Title, group, group == RuleGroups.Special ? Category : null, Expression, Explanation, Judgement, sortOrder, Note, true);
        switch (await store.CreateAsync(id, edit, User.Identity!.Name!, ct))
        {
            case VersionOutcome.Saved saved:
                return Redirect($"/admin/eligibility?id={Uri.EscapeDataString(saved.Version.Key)}");
            case VersionOutcome.Invalid invalid:
                Errors = invalid.Errors;
                break;
            case var refused:
                Errors = [ValidationError.At("id", VersionsApi.Describe(refused))];
                break;
        }
        Response.StatusCode = StatusCodes.Status400BadRequest;
        Categories = rules.KnownCategories();
        return Page();
    }
}
